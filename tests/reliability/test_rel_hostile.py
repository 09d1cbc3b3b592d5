"""Hostile inputs: each parses, keeps the invariants, and takes time proportional to its length.

The linear-time check compares the best-of-repeats time per character at two sizes ten times apart
in the same run and fails if it grows more than 3x. Sizes: ``FANGTAN_HOSTILE_SIZE`` (default 10,000
characters, so 100,000 for the large one). Inputs that are known to be quadratic today are marked
``xfail`` (not strict) with the function responsible; when they are fixed they show as XPASS.
"""
from __future__ import annotations

import os
import time

import pytest
from rel_hostile import HOSTILE, all_patterns, growth, make, pattern_soup
from rel_invariants import check_document

import fangtan

SIZE = int(os.environ.get("FANGTAN_HOSTILE_SIZE", "10000"))
MAX_RATIO = 3.0

# known superlinear inputs, with where the time goes (see docs/reliability.md, "Known limits"); none today
KNOWN_QUADRATIC: dict[str, str] = {}


def _cases():
    units = dict(HOSTILE)
    units.update({f"soup:{k}": pattern_soup(p) for k, p in all_patterns().items()})
    for name, unit in units.items():
        marks = []
        if name in KNOWN_QUADRATIC:
            marks = [pytest.mark.xfail(strict=True, reason=f"known quadratic: {KNOWN_QUADRATIC[name]}")]
        yield pytest.param(name, unit, id=name, marks=marks)


@pytest.mark.parametrize("name,unit", list(_cases()))
def test_hostile_linear(name: str, unit: str) -> None:
    small = SIZE
    if name.startswith("soup:"):
        small //= 2
    text = make(unit, small)
    doc = fangtan.parse(text)
    check_document(doc, text)
    fangtan.to_json(doc)
    a, b, ratio = growth(fangtan.parse, unit, small)
    assert ratio <= MAX_RATIO, (
        f"{name}: {a * 1e6:.2f} us/char at {small:,} chars, {b * 1e6:.2f} us/char at {small * 10:,} ({ratio:.1f}x)"
    )


def test_every_pattern_has_a_soup() -> None:
    pats = all_patterns()
    assert len(pats) >= 25, sorted(pats)  # the pipeline's patterns were found
    for k, p in pats.items():
        assert len(pattern_soup(p)) >= 2, k


def test_megabyte_without_punctuation() -> None:
    text = make(HOSTILE["no_punctuation"], 1_000_000)
    t0 = time.perf_counter()
    doc = fangtan.parse(text)
    dt = time.perf_counter() - t0
    check_document(doc, text)
    assert dt < 30, f"1 MB without punctuation took {dt:.1f} s"


def test_ten_thousand_nested_divs() -> None:
    text = "<div>" * 10000 + "产值4.8亿元，同比增长5%" + "</div>" * 10000
    doc = fangtan.parse(text)
    check_document(doc, text)
    m = doc.metrics[0]
    assert m.value_span.slice(text) == "4.8亿元"


@pytest.mark.parametrize("opener", ["<!--", "<script>", "<style>", '<a href="', "<", "&#", "---\n", "“", "（"])
def test_unclosed_constructs(opener: str) -> None:
    text = "标题\n" + opener + "产值4.8亿元，同比增长5%。" * 200
    doc = fangtan.parse(text)
    check_document(doc, text)


def test_lone_surrogates_parse_and_serialise() -> None:
    text = "产值\ud8004.8亿元\udfff，同比增长5%。\ud83d"
    doc = fangtan.parse(text)
    check_document(doc, text)
    assert "lone_surrogates" in [w.code for w in doc.warnings]
    js = fangtan.to_json(doc)
    js.encode("utf-8")  # writable as UTF-8
    assert "\\ud800" in js
    import json

    back = json.loads(js)
    assert back["length"] == len(text)
    with pytest.raises(Exception):  # pydantic's own serialiser refuses them: use fangtan.to_json
        doc.model_dump_json()


def test_nul_and_controls() -> None:
    text = "产值\x004.8亿元\x01\x1b，同比增长5%。"
    doc = fangtan.parse(text)
    check_document(doc, text)
    assert "nul_bytes" in [w.code for w in doc.warnings]


@pytest.mark.parametrize("bad", [b"bytes", bytearray(b"x"), None, 12, ["产值"], memoryview(b"x")])
def test_non_str_is_a_type_error(bad) -> None:
    with pytest.raises(TypeError, match="parse takes a str"):
        fangtan.parse(bad)


@pytest.mark.parametrize("stage", ["clean", "segment", "enumerations", "metrics", "counted_lists", "party_building",
                                   "gaps", "assemble"])
def test_a_failing_stage_is_contained(stage: str, monkeypatch) -> None:
    """A bug in any stage gives a Document with an internal_error warning, never an exception."""
    from fangtan import api

    def boom(*a, **k):
        raise RuntimeError("boom")

    target = {"clean": api._clean, "segment": api._segment, "assemble": api._assemble}.get(stage) or getattr(api, stage)
    monkeypatch.setattr(target, "clean" if stage == "clean" else "assemble" if stage == "assemble" else
                        "segment" if stage == "segment" else "extract", boom)
    text = "标题\n问：今年？\n张三：一是抓项目，产值4.8亿元，同比增长5%。二是惠民生。"
    doc = fangtan.Parser().parse(text)
    check_document(doc, text)
    assert any(w.code == "internal_error" and stage in w.message for w in doc.warnings), doc.warnings
