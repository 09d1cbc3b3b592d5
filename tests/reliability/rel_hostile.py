"""Hostile inputs: each a unit repeated to any length, and a linear-time check.

Named inputs target a known risk (long runs of one marker, unclosed constructs, odd code points);
``pattern_soups`` builds one more for every compiled pattern of the pipeline from that pattern's own
literal pieces, run together without the separators the pattern expects.
"""
from __future__ import annotations

import re
import time
from collections.abc import Callable

import regex

import fangtan

HOSTILE: dict[str, str] = {
    "digits": "1234567890",
    "digits_commas": "1,234,",
    "digits_dots": "1.2.3.",
    "fullwidth_digits": "１２３４５６７８９０．",
    "cn_numerals": "一二三四五六七八九十百千万亿两零〇",
    "cn_numeral_points": "三点五点",
    "dense_metrics": "产值4.8亿元，同比增长40%，",
    "growth_words": "同比增长",
    "growth_rate_list": "分别增长1%、2%和",
    "lost_values": "万元%",
    "lost_years": "年，",
    "units": "亿元万元个百分点",
    "shi_run": "一是",
    "shi_sequence": "一是抓。二是抓。三是抓。",
    "cn_paren_run": "（一）",
    "arabic_run": "1. ",
    "di_run": "第一，",
    "circled_run": "①②",
    "seq_run": "首先，其次，",
    "unclosed_quotes": "“",
    "unclosed_quote_text": "“抓基层、建体系",
    "unclosed_brackets": "（【《",
    "qa_markers": "问：",
    "qa_pairs": "问：答：",
    "qa_named": "张三：",
    "qa_said": "？张三说，",
    "no_punctuation": "的一是在不了有和人这中大为上个国我以要他时来用们生到",
    "counted_lists": "两个主战场、",
    "list_separators": "A、",
    "party_quotes": "“制度”",
    "nested_div": "<div>",
    "nested_span_text": "<span>产值",
    "unclosed_comment": "<!--" + "x" * 8,
    "unclosed_script": "<script" + " a" * 4,
    "unclosed_tag_attr": '<a href="',
    "lone_lt": "<",
    "tag_quote_runaway": '<a "' + "x" * 1500,  # an attribute quote never closed: the bounded repeat gives up
    "tag_attr_runaway": "<a " + "b" * 2500,
    "script_runaway": "<script " + "b" * 2500,
    "comment_dashes": "<!--" + "-" * 50,
    "entities": "&nbsp;&amp;&#20013;&",
    "markdown_headings": "# 标题\n",
    "markdown_quotes": "> ",
    "markdown_emphasis": "**",
    "callouts": "> [!note]\n",
    "front_matter_unclosed": "---\na: b\n",
    "url": "http://a",
    "newlines": "\n",
    "crlf": "\r\n",
    "spaces": " \u3000\t",
    "mixed_scripts": "abcЖاא😀中\u202e",
    "nul_bytes": "\x00",
    "lone_surrogates": "\ud800\udfff",
    "combining_marks": "e\u0301\u0302\u0303",
    "source_lines": "来源：新华社\n",
}


def make(unit: str, n: int) -> str:
    """``unit`` repeated to ``n`` characters."""
    return (unit * (n // len(unit) + 1))[:n]


def _modules():
    from fangtan import clean, grammar, segment
    from fangtan.extract import counted_lists, enumerations, gaps, metrics, party_building
    return [clean, grammar, segment, counted_lists, enumerations, gaps, metrics, party_building]


_PATTERN_TYPES = (regex.Pattern, re.Pattern)  # the grammar's regex patterns and the plain re scans


def all_patterns() -> dict[str, regex.Pattern[str]]:
    """Every compiled pattern of the pipeline (regex or re): module-level patterns and the grammar's."""
    out: dict[str, regex.Pattern[str]] = {}
    for mod in _modules():
        for k, v in vars(mod).items():
            if isinstance(v, _PATTERN_TYPES):
                out[f"{mod.__name__.rsplit('.', 1)[-1]}.{k}"] = v
    g = fangtan.api._default().grammar
    for k, v in vars(g).items():
        if isinstance(v, _PATTERN_TYPES):
            out[f"grammar.{k}"] = v
    return out


_LITERAL = regex.compile(r"[\p{Han}：:，,。、；%％“”‘’（）()【】《》·—\-~/#>*!\[\]<&]{1,8}")


def pattern_soup(p: regex.Pattern[str]) -> str:
    """The pattern's literal pieces run together, with digits between some of them, as one line.

    Each repetition ends with a full stop and a line break, so the soup tests how the patterns and
    the code around them scale with the number of matches; long runs with no sentence or line end
    at all are the named inputs' business (``no_punctuation``, ``cn_numerals``, …).
    """
    pieces = list(dict.fromkeys(_LITERAL.findall(p.pattern)))[:200] or ["x"]
    return "".join(piece + ("12" if k % 3 == 0 else "") for k, piece in enumerate(pieces)) + "。\n"


def per_char(fn: Callable[[str], object], text: str, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn(text)
        best = min(best, time.perf_counter() - t0)
    return best / max(1, len(text))


def growth(fn: Callable[[str], object], unit: str, small: int, factor: int = 10) -> tuple[float, float, float]:
    """(time per char at ``small``, at ``small * factor``, their ratio)."""
    a = per_char(fn, make(unit, small), 3)
    b = per_char(fn, make(unit, small * factor), 2)
    return a, b, b / a
