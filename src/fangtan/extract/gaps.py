"""Gaps: places where a scraped page lost its digits (a unit or % with no number, 年 with no year).

The value stays unknown. Where the text itself determines it (“十四五”开局之年 is 2021) the gap
carries the inferred year, marked with the evidence span.

>>> from fangtan.clean import clean
>>> from fangtan.grammar import Grammar
>>> [(x.kind, x.inferred_value) for x in extract(clean("产值万元,同比增长%。年是“十四五”开局之年。"), Grammar.default())]
[('number', None), ('number', None), ('year', 2021)]
>>> [(x.kind, x.context) for x in extract(clean("(二??八年五月公告)"), Grammar.default())]
[('year', '(二??八年五月公告)')]
"""
from __future__ import annotations

import re

import regex

from ..clean import Cleaned
from ..grammar import Grammar
from ..models import Gap, new_span, trusted
from ..scan import find_all

__all__ = ["extract", "PLAN_YEARS"]

_new_Gap = trusted(Gap)

# five-year plans and their first years: 十四五 2021–2025
PLAN_YEARS = {"十一五": 2006, "十二五": 2011, "十三五": 2016, "十四五": 2021, "十五五": 2026, "十六五": 2031}
_PLAN_YEAR = regex.compile(r"""[“"]?(?P<plan>十[一二三四五六]五)[”"]?(?:规划)?(?:的)?(?P<which>开局之年|开局年|起步之年|收官之年|收官年|第一年|最后一年)""")


# four characters of a year, some of them ? (an encoding error's replacement), then 年
_MANGLED_YEAR = re.compile(r"(?<![0-9零〇一二三四五六七八九?])(?P<year>[0-9零〇一二三四五六七八九?]{4})年")


def extract(c: Cleaned, g: Grammar, start: int = 0, end: int | None = None) -> list[Gap]:
    norm = c.norm
    end = len(norm) if end is None else end
    found: list[tuple[int, Gap]] = []
    for m in g.lost_value.finditer(norm, start, end):
        s, e = c.span(m.start(), m.end())
        found.append((m.start(), _new_Gap(kind="number", context=_context(c, m.start(), m.end()), span=new_span(s, e))))
    for m in g.lost_year.finditer(norm, start, end):
        s, e = c.span(m.start("year"), m.end("year"))
        inferred = None
        src = None
        p = _PLAN_YEAR.search(norm, m.end(), min(end, m.end() + 16))
        if p is not None:
            first = PLAN_YEARS[p.group("plan")]
            inferred = first + 4 if p.group("which") in ("收官之年", "收官年", "最后一年") else first
            a, b = c.span(p.start(), p.end())
            src = new_span(a, b)
        found.append((m.start(), _new_Gap(kind="year", context=_context(c, m.start(), m.end()), inferred_value=inferred,
                                     inferred_from=src, span=new_span(s, e))))
    for m in _mangled_years(norm, start, end):  # a year whose digits became ? (二??八年): a year gap
        s, e = c.span(m.start(), m.end())
        found.append((m.start(), _new_Gap(kind="year", context=_context(c, m.start(), m.end()), span=new_span(s, e))))
    found.sort(key=lambda x: x[0])
    return [gp for _, gp in found]


def _mangled_years(norm: str, start: int, end: int) -> list[re.Match[str]]:
    """The matches of ``_MANGLED_YEAR`` in ``[start, end)`` that hold a ? and a digit, found from the
    ?s: a match is four year characters and 年, so its 年 is at most four characters after a ?, and it
    starts four characters before that 年 (no two matches overlap: 年 is not a year character)."""
    out = []
    last = -1
    for q in find_all(norm, "?", start, end):
        y = norm.find("年", q + 1, min(end, q + 5))
        if y >= start + 4 and y > last:
            m = _MANGLED_YEAR.match(norm, y - 4, end)
            if m is not None and m.group("year").strip("?"):
                out.append(m)
                last = y
    return out


def _context(c: Cleaned, s: int, e: int) -> str:
    return c.text[max(0, s - 8) : e + 8].replace("\n", " ")
