"""Inputs the fuzzer (fuzz/fuzz_parse.py) or the property tests found, kept as regression cases."""
from __future__ import annotations

import base64

import pytest
from rel_invariants import check_document

import fangtan

# atheris, 2026-11-25: a markdown heading holding markup mapped its end past the end of the text
# (title_span end=87 for a text of 86 characters); fixed by mapping heading offsets through the
# offset map (OffsetMap.clean_pos) and clamping OffsetMap.span to the original length.
FUZZ_HEADING_PAST_END = (
    "ATxwPqCH6aKYYi0tLQojIOagh4yMjIyMjIyMjP//////////P+S4queZvuWIhueCuf////////////////////////+3peS4muaA"
    "u+Qnp+WAvOWu77yM5aKe6YCf/////6uYMy4y5Liq55nplb8lLzxmaXY+"
)


def _fuzz_text(b64: str) -> str:
    data = base64.b64decode(b64)
    return data[1:].decode("utf-8", "replace")  # the target's odd-mode decoding (fuzz/fuzz_parse.py)


@pytest.mark.parametrize("b64", [FUZZ_HEADING_PAST_END])
def test_fuzz_regressions(b64: str) -> None:
    text = _fuzz_text(b64)
    doc = fangtan.parse(text)
    check_document(doc, text)
    fangtan.to_json(doc)


@pytest.mark.parametrize(
    "text",
    [
        "# <b>标题</b>\n正文产值4.8亿元",  # heading with markup: the title span covers the markup, inside the text
        "# 标题<span>\n",
        "#  \n",
        "<p>\n# 产值</p>",
        "title: 标题\n",  # a header line only
        "---\ntitle: x\n---\n# x",
    ],
)
def test_heading_spans_inside(text: str) -> None:
    doc = fangtan.parse(text)
    check_document(doc, text)
