"""The case corpus: every ``tests/cases/<extractor>/*.yaml`` file, one test per case.

A case is a mapping::

    - id: value-then-yoy-growth          # unique within its extractor
      note: where the form comes from     # optional, for the reader
      text: 全市地区生产总值256.3亿元，比上年增长6.5%。
      expect:                             # what a careful reader extracts; [] for a negative case
        - {name: 地区生产总值, value: 256.3, unit: 亿元, growth: {direction: up, rate: 6.5, unit: "%"}}
      xfail: "reason"                     # optional: a known parser bug; run as a strict xfail

The extractor's output for ``text`` is turned into a list of plain dicts (see ``OUTPUTS``) and
compared with ``expect``: the lists must have the same length, and each expected dict is compared on
the fields it gives only. Numbers are compared as :class:`~decimal.Decimal`, units in simplified
form (億元 = 亿元), ``null`` means the field must be ``None``. A nested mapping (``growth``) is again
compared on its given fields; a nested list must match element by element.

Every case also checks that each span of the parsed document lies inside the original text.
"""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any, Callable

import pytest
import yaml

import fangtan
from fangtan.models import Span
from fangtan.numbers import read_number
from pydantic import BaseModel

CASES = Path(__file__).parent / "cases"

UNIT_FOLD = str.maketrans({"億": "亿", "萬": "万", "％": "%", "個": "个", "噸": "吨", "畝": "亩", "項": "项",
                           "戶": "户", "輛": "辆", "場": "场", "處": "处", "餘": "余"})
UNIT_FIELDS = {"unit"}


# -- what each extractor's output looks like to a case ---------------------------------------------

def _metrics(text: str, doc: fangtan.Document) -> list[dict]:
    out = []
    for m in doc.metrics:
        d = m.model_dump(mode="json")
        d["evidence"] = m.span.slice(text)
        d["name_evidence"] = m.name_span.slice(text)
        if m.growth is not None:
            d["growth"]["evidence"] = m.growth.span.slice(text)
        out.append(d)
    return out


def _enumerations(text: str, doc: fangtan.Document) -> list[dict]:
    return [{"style": e.style, "headings": [i.heading for i in e.items], "markers": [i.marker for i in e.items],
             "evidence": e.span.slice(text)} for e in doc.enumerations]


def _counted_lists(text: str, doc: fangtan.Document) -> list[dict]:
    return [{"count": c.count, "label": c.label, "phrase": c.phrase, "items": [i.text for i in c.items],
             "is_tasks": c.is_tasks, "evidence": c.span.slice(text)} for c in doc.counted_lists]


def _gaps(text: str, doc: fangtan.Document) -> list[dict]:
    return [{"kind": g.kind, "evidence": g.span.slice(text), "inferred_value": g.inferred_value,
             "inferred_from": g.inferred_from.slice(text) if g.inferred_from else None} for g in doc.gaps]


def _segment(text: str, doc: fangtan.Document) -> list[dict]:
    return [{
        "title": doc.title, "subtitle": doc.subtitle, "source": doc.source, "url": doc.url, "date": doc.date,
        "kind": doc.kind, "place": doc.place, "speakers": list(doc.speakers), "turns": len(doc.turns),
        "questions": [t.question for t in doc.turns],
        "turn_speakers": [list(t.speakers) for t in doc.turns],
        "measures": [[i.heading for i in t.measures] for t in doc.turns],
    }]


def _party_building(text: str, doc: fangtan.Document) -> list[dict]:
    pb = doc.party_building
    if not (pb.approach or pb.measures or pb.systems):
        return []
    return [{"approach": list(pb.approach), "measures": [i.heading for i in pb.measures],
             "systems": [s.text for s in pb.systems],
             "approach_evidence": pb.approach_span.slice(text) if pb.approach_span else None}]


OUTPUTS: dict[str, Callable[[str, fangtan.Document], list[dict]]] = {
    "metrics": _metrics,
    "enumerations": _enumerations,
    "counted_lists": _counted_lists,
    "gaps": _gaps,
    "segment": _segment,
    "party_building": _party_building,
}


def _numbers(text: str) -> list[dict]:
    """``numbers`` cases read the case text as one numeral: ``[{value}]``, or ``[]`` if unreadable."""
    v = read_number(text)
    return [] if v is None else [{"value": str(v)}]


# -- comparison --------------------------------------------------------------------------------------

def _num(x: Any) -> Decimal | None:
    try:
        return Decimal(str(x))
    except Exception:
        return None


def mismatches(want: Any, got: Any, path: str = "", key: str = "") -> list[str]:
    """Differences between an expected value and an actual one, comparing only what is expected."""
    if want is None:
        return [] if got is None else [f"{path}: want null, got {got!r}"]
    if isinstance(want, bool):
        return [] if got is want else [f"{path}: want {want!r}, got {got!r}"]
    if isinstance(want, (int, float, Decimal)):
        g = _num(got) if got is not None and not isinstance(got, bool) else None
        return [] if g is not None and g == _num(want) else [f"{path}: want {want!r}, got {got!r}"]
    if isinstance(want, str):
        if key in UNIT_FIELDS and isinstance(got, str):
            return [] if want.translate(UNIT_FOLD) == got.translate(UNIT_FOLD) else [f"{path}: want {want!r}, got {got!r}"]
        return [] if want == got else [f"{path}: want {want!r}, got {got!r}"]
    if isinstance(want, dict):
        if not isinstance(got, dict):
            return [f"{path}: want a mapping, got {got!r}"]
        out = []
        for k, v in want.items():
            if k not in got:
                out.append(f"{path}.{k}: no such field in the output ({sorted(got)})")
            else:
                out += mismatches(v, got[k], f"{path}.{k}", k)
        return out
    if isinstance(want, list):
        if not isinstance(got, list) or len(got) != len(want):
            return [f"{path}: want {len(want)} item(s) {want!r}, got {got!r}"]
        out = []
        for i, (w, g) in enumerate(zip(want, got)):
            out += mismatches(w, g, f"{path}[{i}]", key)
        return out
    return [f"{path}: unsupported expectation {want!r}"]


# -- loading -----------------------------------------------------------------------------------------

REQUIRED = {"id", "text", "expect"}
ALLOWED = REQUIRED | {"note", "xfail"}
EXTRACTORS = set(OUTPUTS) | {"numbers"}


def load_cases() -> list[tuple[str, str, dict]]:
    cases = []
    for path in sorted(CASES.glob("*/*.yaml")):
        extractor = path.parent.name
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        assert isinstance(data, list), f"{path}: a case file is a list of cases"
        for case in data:
            cases.append((extractor, path.stem, case))
    return cases


ALL = load_cases()


def _param(extractor: str, stem: str, case: dict):
    marks = []
    if case.get("xfail"):
        marks.append(pytest.mark.xfail(strict=True, reason=str(case["xfail"])))
    return pytest.param(extractor, case, id=f"{extractor}/{stem}/{case.get('id')}", marks=marks)


def test_the_corpus_is_well_formed():
    assert len(ALL) >= 80
    seen = set()
    for extractor, stem, case in ALL:
        where = f"{extractor}/{stem}/{case.get('id')}"
        assert extractor in EXTRACTORS, f"{where}: unknown extractor directory {extractor!r}"
        assert isinstance(case, dict) and REQUIRED <= set(case), f"{where}: needs {sorted(REQUIRED)}"
        assert set(case) <= ALLOWED, f"{where}: unknown keys {sorted(set(case) - ALLOWED)}"
        assert isinstance(case["text"], str) and case["text"], where
        assert isinstance(case["expect"], list), f"{where}: expect is a list ([] for a negative case)"
        key = (extractor, case["id"])
        assert key not in seen, f"{where}: duplicate id"
        seen.add(key)
    # every extractor has negative cases too
    for extractor in EXTRACTORS - {"segment"}:
        assert any(e == extractor and c["expect"] == [] for e, _, c in ALL), f"{extractor}: no negative case"


def _all_spans(obj: Any):
    if isinstance(obj, Span):
        yield obj
    elif isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from _all_spans(getattr(obj, name))
    elif isinstance(obj, (list, tuple)):
        for x in obj:
            yield from _all_spans(x)


@pytest.mark.parametrize(("extractor", "case"), [_param(*c) for c in ALL])
def test_case(extractor: str, case: dict):
    text = case["text"]
    if extractor == "numbers":
        got = _numbers(text)
    else:
        doc = fangtan.parse(text)
        for sp in _all_spans(doc):
            assert 0 <= sp.start <= sp.end <= len(text), f"span {sp} outside the text"
        assert not [w for w in doc.warnings if w.code == "internal_error"], doc.warnings
        got = OUTPUTS[extractor](text, doc)
    problems = mismatches(case["expect"], got, "expect")
    assert not problems, "\n".join(problems) + f"\n\ntext: {text}\ngot: {got!r}"
