"""Invariants every :class:`fangtan.Document` must satisfy for the text it was parsed from.

Shared by the property tests, the hostile-input suite and the fuzz target (fuzz/fuzz_parse.py).
"""
from __future__ import annotations

from fangtan import Document, Span

DIGITS_OR_NUMERALS = set("0123456789０１２３４５６７８９零〇一二两三四五六七八九十百千万亿兩")


def all_spans(doc: Document):
    """(where, span) for every span in the document."""
    for name, sp in (("title_span", doc.title_span), ("source_span", doc.source_span)):
        if sp is not None:
            yield name, sp
    for m in doc.metrics:
        yield "metric.span", m.span
        yield "metric.name_span", m.name_span
        if m.value_span is not None:
            yield "metric.value_span", m.value_span
        if m.growth is not None:
            yield "metric.growth.span", m.growth.span
    for e in doc.enumerations:
        yield "enumeration.span", e.span
        for it in e.items:
            yield "enumeration.item.span", it.span
    lists = list(doc.counted_lists) + ([doc.key_tasks] if doc.key_tasks else [])
    for cl in lists:
        yield "counted_list.span", cl.span
        for it in cl.items:
            yield "counted_list.item.span", it.span
    for g in doc.gaps:
        yield "gap.span", g.span
        if g.inferred_from is not None:
            yield "gap.inferred_from", g.inferred_from
    for t in doc.turns:
        yield "turn.span", t.span
        yield "turn.question_span", t.question_span
        for a in t.answers:
            yield "answer.span", a.span
        for it in t.measures:
            yield "turn.measure.span", it.span
    for s in doc.speaker_details:
        yield "speaker.span", s.span
    pb = doc.party_building
    for name, sp in (("party.approach_span", pb.approach_span), ("party.span", pb.span)):
        if sp is not None:
            yield name, sp
    for it in pb.measures:
        yield "party.measure.span", it.span
    for it in pb.systems:
        yield "party.system.span", it.span
    for b in doc.boilerplate:
        yield "boilerplate.span", b.span
    for w in doc.warnings:
        if w.span is not None:
            yield "warning.span", w.span


def _inside(sp: Span, n: int) -> bool:
    return 0 <= sp.start <= sp.end <= n


def check_document(doc: Document, text: str) -> None:
    """Raise AssertionError with the place if ``doc`` breaks an invariant for ``text``."""
    assert isinstance(doc, Document)
    n = len(text)
    assert doc.length == n, (doc.length, n)
    for where, sp in all_spans(doc):
        assert _inside(sp, n), f"{where} {sp} outside text of length {n}"
    for m in doc.metrics:
        if m.value is not None:
            assert m.value_span is not None, f"metric {m.name!r} has a value but no value_span"
            ev = m.value_span.slice(text)
            assert any(ch in DIGITS_OR_NUMERALS for ch in ev), f"value {m.value} invented: evidence {ev!r}"
        if m.growth is not None and m.growth.rate is not None:
            ev = m.growth.span.slice(text)
            assert any(ch in DIGITS_OR_NUMERALS for ch in ev) or m.growth.unit == "倍", f"rate invented: {ev!r}"


def check_evidence(doc: Document, text: str) -> None:
    """For markup-free text (nothing removed by cleaning): each span slices to its evidence."""
    check_document(doc, text)
    for m in doc.metrics:
        # distributive rules build names (items + shared head noun): the span is the item only
        if m.name_span.end > m.name_span.start and m.rule in ("name_value", "name_growth", "count_then_noun", "lost_value"):
            ev = m.name_span.slice(text).strip()
            # the name is its evidence, less at most one verb inside it (工业企业完成工业增加值 → 工业企业工业增加值)
            assert m.name == ev or any(m.name == ev.replace(v, "", 1) for v in ("完成", "实现") if v in ev), (m.name, ev)
        assert m.span.start <= m.name_span.start or m.name_span.start == m.name_span.end
    for e in doc.enumerations:
        for it in e.items:
            ev = it.span.slice(text)
            assert it.heading in ev, (it.heading, ev)
            assert ev.lstrip().startswith(it.marker.strip()[:1]) or it.marker.strip()[:1] in ev[:3], (it.marker, ev)
    for cl in doc.counted_lists:
        for it in cl.items:
            assert it.text in it.span.slice(text) or it.text == "", (it.text, it.span.slice(text))
    for t in doc.turns:
        assert t.question_span.slice(text).strip() == t.question, (t.question, t.question_span.slice(text))
        for a in t.answers:
            assert a.span.slice(text).strip() == a.text, (a.text, a.span.slice(text))
