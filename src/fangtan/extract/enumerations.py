"""Enumerated measures: 一是/二是…, 第一/第二…, 一、二、…, （一）（二）…, 1. 2. …, （1）, ①②, 首先/其次….

A block is a run of markers of one style numbered 1, 2, 3… in order; styles nest independently.
An item's heading is its first clause: up to the first 。 or ；, or the end of its line.

>>> from fangtan.clean import clean
>>> [i.heading for i in extract(clean("我们将：一是抓项目，促发展。二是惠民生。"))[0].items]
['抓项目，促发展', '惠民生']
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

import regex

from ..clean import Cleaned
from ..models import EnumItem, Enumeration, new_span, trusted
from ..numbers import CN_DIGITS
from ..scan import find_all, match_at

__all__ = ["extract"]

_new_EnumItem = trusted(EnumItem)
_new_Enumeration = trusted(Enumeration)

_CN = "一二三四五六七八九十"
_B = r"(?:(?<=^|[。；;：:！？!?\n“\"（(】> ])|(?<=[，,](?=[一二三四五六七八九十]是)))"  # a boundary before a marker
_MARKER = regex.compile(
    rf"""{_B}[ ]{{0,4}}
    (?:\d(?=[{_CN}]{{1,3}}是))?                                 # a stray footnote digit: 。1七是
    (?:
        (?P<shi>[{_CN}]{{1,3}})是(?![否非不])                    # 一是
      | 第(?P<di>[{_CN}]{{1,3}})(?=[，,、：:])[，,、：:]?        # 第一，
      | (?P<dun>[{_CN}]{{1,3}})、                                # 一、
      | [（(](?P<cparen>[{_CN}]{{1,3}})[）)]                      # （一）
      | [（(](?P<aparen>\d{{1,2}})[）)]                           # （1）
      | (?P<arabic>\d{{1,2}})(?:[.．。、](?!\d)|\s)               # 1. 1、 1。
      | (?P<circ>[①②③④⑤⑥⑦⑧⑨⑩])                               # ①
      | (?P<seq>首先|其次|再次|最后)[，,]                          # 首先，
    )""",
    regex.VERBOSE | regex.MULTILINE,
)
_STYLES = ("shi", "di", "dun", "cparen", "aparen", "arabic", "circ", "seq")
_STYLE_GROUPS = tuple(_MARKER.groupindex[s] for s in _STYLES)  # the group number of each style, in order
assert _STYLE_GROUPS == tuple(range(1, len(_STYLES) + 1))
_STYLE_NAME = {"shi": "shi", "di": "di", "dun": "cn_dun", "cparen": "cn_paren", "aparen": "arabic_paren",
               "arabic": "arabic", "circ": "circled", "seq": "sequence"}
# where a _MARKER match can start: after one of the characters _B allows before it, then up to four
# spaces and a character that begins a marker (a superset: the stdlib ``re`` finds these fast; its
# \d is the regex module's without the digits beyond U+FFFF, so those are all let in)
_MARKER_AFTER = re.compile(
    r"[。；;：:！？!?\n“\"（(】> ，,](?=[ ]{0,4}[一二三四五六七八九十第（(①②③④⑤⑥⑦⑧⑨⑩首其再最\d\U00010000-\U0010ffff])"
)
_HEAD_END = re.compile(r"[。；;！!？?\n]")
_SEQ = {"首先": 1, "其次": 2, "再次": 3, "最后": 4}


def _ordinal(style: str, s: str) -> int:
    if style in ("aparen", "arabic"):
        return int(s)
    if style == "circ":
        return "①②③④⑤⑥⑦⑧⑨⑩".index(s) + 1
    if style == "seq":
        return _SEQ[s]
    if len(s) == 1:
        return 10 if s == "十" else CN_DIGITS.get(s, 0)
    if s[0] == "十":
        return 10 + CN_DIGITS.get(s[1], 0)
    if len(s) == 2 and s[1] == "十":
        return CN_DIGITS.get(s[0], 0) * 10
    if len(s) == 3 and s[1] == "十":
        return CN_DIGITS.get(s[0], 0) * 10 + CN_DIGITS.get(s[2], 0)
    return 0


def extract(c: Cleaned, start: int = 0, end: int | None = None, stops: Sequence[int] = ()) -> list[Enumeration]:
    """Every enumerated block in the cleaned text (cleaned offsets in, original spans out).

    ``stops`` are cleaned offsets where a block must end (the start of the next Q&A turn)."""
    norm = c.norm
    end = len(norm) if end is None else end
    open_: dict[str, list[tuple[int, int, int, str]]] = {}  # style -> items (ordinal, mstart, mend, marker)
    blocks: list[tuple[str, list[tuple[int, int, int, str]]]] = []
    for m in _marker_matches(norm, start, end):
        k = m.lastindex  # each style's alternative has its one group
        style = _STYLES[k - 1]
        if style == "dun" and _DUN_NEXT.match(norm, m.end()) is not None:
            continue  # 一、二、三产业: numerals listed, not a marker
        n = _ordinal(style, m.group(k))
        if style == "seq" and n > 2 and open_.get(style):
            n = open_[style][-1][0] + 1  # 首先…其次…最后: 最后 closes the run whatever its length
        ms = m.start(k) if style not in ("cparen", "aparen") else m.start(k) - 1
        if style == "di":
            ms -= 1
        item = (n, ms, m.end(), c.text[ms : m.end()].strip())
        cur = open_.get(style)
        if cur and n == cur[-1][0] + 1:
            cur.append(item)
        elif n == 1:
            if cur and len(cur) >= 2:
                blocks.append((style, cur))
            open_[style] = [item]
        elif n == 2 and style in _GLUED_FIRST:
            # （二） after a boundary, its （一） glued to the words before it (a page that lost its line
            # breaks: 检查结果（一）资金…): the last （一） since the previous item of this style
            first = _glued_first(c, style, cur[-1][2] if cur else start, ms)
            if first is not None:
                if cur and len(cur) >= 2:
                    blocks.append((style, cur))
                open_[style] = [first, item]
        # any other number breaks nothing: a stray 5. inside a sentence is ignored
    for style, cur in open_.items():
        if len(cur) >= 2:
            blocks.append((style, cur))
    blocks.sort(key=lambda b: b[1][0][1])
    newlines: list[list[int]] = []  # every line break, found once if a long line needs it
    firsts = [items[0][1] for _, items in blocks]  # where each block starts: a heading ends before one
    return [_block(c, style, items, end, stops, newlines, firsts) for style, items in blocks]


_GLUED_FIRST = {"cparen": ("（一）", "(一)"), "aparen": ("（1）", "(1)"), "dun": ("一、",)}
_DUN_NEXT = re.compile(f"[{_CN}]{{1,3}}、")  # a numeral and 、 right after 一、: a list of numerals
# a glued 一、 is a marker only after a character that makes no word with 一 (统一、, 之一、, 第一、, 十一、)
_YI_WORD_BEFORE = frozenset("统唯之第万专同划单归其逐均合如始十百千零〇二三四五六七八九")
# …and before a short heading that ends at a sentence end or at a nested （一）: 结果一、总体情况(一)…
_GLUED_HEADING = re.compile(r"[\u4e00-\u9fff]{2,20}(?=[（(]一[）)]|[。；;\n])")
_GLUED_REACH = 3000


def _glued_first(c: Cleaned, style: str, lo: int, hi: int) -> tuple[int, int, int, str] | None:
    """The item tuple of the last first marker of ``style`` (（一）, (1)) in ``[lo, hi)``, looked for at
    most _GLUED_REACH characters back (so many second markers stay linear), or None."""
    norm = c.norm
    lo = max(lo, hi - _GLUED_REACH)
    at = max(norm.rfind(w, lo, hi) for w in _GLUED_FIRST[style])
    if at < 0 or (style == "aparen" and at + 3 < len(norm) and norm[at + 3].isdigit()):
        return None
    if style == "dun":
        if (at > 0 and norm[at - 1] in _YI_WORD_BEFORE) or _GLUED_HEADING.match(norm, at + 2, hi) is None:
            return None
        return (1, at, at + 2, c.text[at : at + 2])
    return (1, at, at + 3, c.text[at : at + 3])


def _marker_matches(norm: str, start: int, end: int) -> list:
    """The matches of ``_MARKER.finditer(norm, start, end)``: the pattern is matched only where
    ``_MARKER_AFTER`` says one can start, in order, resuming after each match as ``finditer`` does."""
    cands = [m.end() for m in _MARKER_AFTER.finditer(norm, max(0, start - 1), end)]
    if start == 0:
        cands.insert(0, 0)
    return match_at(_MARKER.match, norm, cands, start, end)


_LAST_ITEM_REACH = 2000  # the longest last item kept whole (then it ends at a sentence end)
_LINE_REACH = 4000  # beyond this, the end of a line is looked up in the list of line breaks


def _line_end(norm: str, pos: int, bound: int, newlines: list[list[int]]) -> int:
    """The first line break in ``[pos, bound)`` (or ``bound``), from a list of every line break
    made once per document: a text without line breaks stays linear however many items it has."""
    if not newlines:
        newlines.append(list(find_all(norm, "\n")))
    nl = newlines[0]
    j = bisect_right(nl, pos - 1)
    return nl[j] if j < len(nl) and nl[j] < bound else bound


def _block(c: Cleaned, style: str, items: list[tuple[int, int, int, str]], end: int, stops: Sequence[int],
           newlines: list[list[int]], firsts: Sequence[int]) -> Enumeration:
    norm, text = c.norm, c.text
    out = []
    for k, (n, ms, me, marker) in enumerate(items):
        nxt = items[k + 1][1] if k + 1 < len(items) else None
        # the end of the line, cut at ``end``; before another item only up to that item matters
        bound = end if nxt is None else min(nxt, end)
        line_end = norm.find("\n", me, min(bound, me + _LINE_REACH))
        if line_end < 0:
            line_end = bound if bound - me <= _LINE_REACH else _line_end(norm, me, bound, newlines)
        j = bisect_right(stops, me)
        if j < len(stops):
            line_end = min(line_end, stops[j])
        stop = min(nxt, line_end) if nxt is not None else line_end
        if nxt is not None and nxt > line_end and style in ("dun", "cparen"):
            stop = line_end
        h = _HEAD_END.search(norm, me, stop)
        hend = h.start() if h else stop
        f = bisect_right(firsts, me)
        if f < len(firsts) and firsts[f] < hend:
            hend = firsts[f]  # 一、总体情况（一）收入…: a nested block begins, and so the heading ends
        tail = stop
        if nxt is None:
            # the last item runs to the end of its line, but not past _LAST_ITEM_REACH characters (a text
            # without line breaks would otherwise give every block's last item the rest of the text)
            tail = line_end
            if tail - me > _LAST_ITEM_REACH:
                cut = norm.rfind("。", me, me + _LAST_ITEM_REACH)
                tail = cut + 1 if cut > hend else me + _LAST_ITEM_REACH
        heading = text[me:hend].strip(" \t　，,：:")
        body = text[me:tail].strip()
        s0, e0 = c.span(ms, max(tail, hend))
        out.append(_new_EnumItem(ordinal=n, marker=marker, heading=heading, text=body, span=new_span(s0, e0)))
    return _new_Enumeration(style=_STYLE_NAME[style], items=out, span=new_span(out[0].span.start, out[-1].span.end))
