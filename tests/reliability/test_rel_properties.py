"""Property tests: fangtan.parse on arbitrary text and on text built from the grammar's own pieces.

Promises checked (docs/reliability.md): never raises on a str; every span lies inside the text;
spans slice to their evidence on markup-free text; the same output on repeat; JSON always written;
cleaning is the identity on markup-free text (so idempotent on its own markup-free output); the
offset map sends every kept character to the same character; no value where the text has no numeral.
"""
from __future__ import annotations

import json

from hypothesis import example, given
from rel_invariants import check_document, check_evidence
from rel_strategies import SETTINGS, any_text, grammar_text, markup_free, numberless_text

import fangtan
from fangtan.clean import clean


def _roundtrip_json(doc: fangtan.Document) -> None:
    back = json.loads(fangtan.to_json(doc))
    assert back["length"] == doc.length
    assert len(back["metrics"]) == len(doc.metrics)


@SETTINGS
@given(any_text)
@example("\ud800产值4.8亿元")
@example("\x00" * 10)
@example("e\u0301" * 20 + "增长5%")
def test_property_any_text(text: str) -> None:
    doc = fangtan.parse(text)
    check_document(doc, text)
    _roundtrip_json(doc)


@SETTINGS
@given(grammar_text)
@example("全镇工业总产值完成4.8亿元，同比增长40%，增速提高3.2个百分点。")
@example("问：今年？\n张三：一是抓项目。二是惠民生。（一）稳增长（二）促改革")
@example("<p>产值<span>４．８</span>亿元&nbsp;</p>")
def test_property_grammar_pieces(text: str) -> None:
    doc = fangtan.parse(text)
    check_document(doc, text)
    if markup_free(text):
        check_evidence(doc, text)
    _roundtrip_json(doc)


@SETTINGS
@given(grammar_text)
def test_property_repeatable(text: str) -> None:
    a = fangtan.to_json(fangtan.parse(text))
    b = fangtan.to_json(fangtan.parse(text))
    assert a == b
    assert fangtan.to_json(fangtan.Parser().parse(text)) == a  # a fresh parser agrees


@SETTINGS
@given(grammar_text)
def test_property_clean(text: str) -> None:
    c = clean(text)
    assert len(c.norm) == len(c.text)
    assert c.text.count("\n") == c.norm.count("\n")
    # the map: a kept character maps to itself; a replacement maps to the markup it replaces
    for i, ch in enumerate(c.text):
        o = c.map.pos(i)
        assert 0 <= o < len(text) or (o == len(text) and ch == "\n")
        assert text[o] == ch or text[o] in "<&", (i, ch, o, text[o])
    if markup_free(text):
        assert c.text == text  # identity on markup-free text
    if markup_free(c.text):
        assert clean(c.text).text == c.text  # so idempotent on markup-free output


@SETTINGS
@given(numberless_text)
def test_property_no_invented_values(text: str) -> None:
    doc = fangtan.parse(text)
    check_document(doc, text)
    for m in doc.metrics:
        assert m.value is None and m.base_value is None, m
        if m.growth is not None and m.growth.rate is not None:  # only a doubling word says a rate: 翻番 is ×2
            assert m.growth.unit == "倍" and "翻" in m.growth.span.slice(text), m


@SETTINGS
@given(grammar_text)
def test_property_bytes_roundtrip(text: str) -> None:
    """parse_bytes(text as UTF-8) agrees with parse(text) for text without NUL or surrogates."""
    text = text.replace("\x00", "").encode("utf-8", "ignore").decode("utf-8")
    data = text.encode("utf-8")
    try:
        doc = fangtan.parse_bytes(data)
    except fangtan.decode.DecodeError:
        assert any(b < 32 and b not in (9, 10, 11, 12, 13, 27) for b in data)
        return
    assert doc.warnings[0].code == "encoding"
    plain = fangtan.parse(text)
    assert doc.model_copy(update={"warnings": plain.warnings}) == plain
