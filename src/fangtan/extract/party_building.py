"""Party building (党建): the overall approach, the measures and the named systems and targets.

Found by what the text says: the approach is a quoted string of short verb–object slogans next to a
word such as 思路/要求; the measures are the enumerated block that follows a party-building cue
(党建, 基层党组织, 换届…); the systems are quoted names followed by 制度/目标/机制 inside that part.

>>> from fangtan.clean import clean
>>> pb = extract(clean("按照“抓基层、建体系、强保障”总体思路，推动基层党建工作：一是抓换届。二是强队伍。"), [])
>>> pb.approach
['抓基层', '建体系', '强保障']
"""
from __future__ import annotations

import re
from collections.abc import Sequence

import regex

from ..clean import Cleaned
from ..models import CountedList, EnumItem, Enumeration, ListItem, PartyBuilding, new_span, trusted

__all__ = ["extract", "PARTY_CUES"]

_new_EnumItem = trusted(EnumItem)
_new_ListItem = trusted(ListItem)
_new_PartyBuilding = trusted(PartyBuilding)

PARTY_CUES = ("党建", "党组织", "党员", "党委", "两委", "党史", "党风廉政", "组织部", "支部", "党性")
_APPROACH = regex.compile(
    r"""[“"](?P<body>[\p{Han}]{2,5}(?:、[\p{Han}]{2,5}){1,7})[”"]
        (?P<tail>的?(?:总体思路|工作思路|思路|总要求|要求|工作方针|方针|总体目标|工作法|模式|工作理念|理念))""",
    regex.VERBOSE,
)
# every cue holds 党, 委 or 部: a text without them holds no cue
assert all("党" in cue or "委" in cue or "部" in cue for cue in PARTY_CUES)


def _cues_in(s: str) -> int:
    """How many of the PARTY_CUES occur in ``s``."""
    if "党" not in s and "委" not in s and "部" not in s:
        return 0
    return sum(cue in s for cue in PARTY_CUES)


_SYSTEM = re.compile(r"""[“"](?P<name>[^“”"]{1,10})[”"](?P<kind>制度|的目标|目标|机制|工程|模式|行动|活动|标准)
                          |[“"](?P<name2>[^“”"]{1,8}(?:工程|制度|机制|行动|计划|模式))[”"]""", re.VERBOSE)


def extract(c: Cleaned, enums: list[Enumeration], start: int = 0, end: int | None = None,
            counted: Sequence[CountedList] = ()) -> PartyBuilding:
    """The party-building part: approach, measures (an enumeration after a party cue, or the items of a
    counted list right after the approach) and named systems."""
    norm, text = c.norm, c.text
    end = len(norm) if end is None else end
    approach: list[str] = []
    approach_span = None
    for m in _APPROACH.finditer(norm, start, end):
        window = norm[max(start, m.start() - 80) : min(end, m.end() + 80)]
        if any(cue in window for cue in PARTY_CUES):
            approach = text[m.start("body") : m.end("body")].split("、")
            a, b = c.span(m.start(), m.end())
            approach_span = new_span(a, b)
            break
    measures = []
    section = None
    for e in enums:
        heads = "".join(i.heading for i in e.items)
        pre_o = e.span.start
        pre = c.orig[max(0, pre_o - 120) : pre_o]
        score = _cues_in(heads) + _cues_in(pre)
        if approach_span is not None and 0 <= e.span.start - approach_span.end <= 120:
            score += 2
        if score >= 2:
            measures = list(e.items)
            section = e.span
            break
    if not measures and approach_span is not None:
        # 坚持“A、B”的工作理念，着力做好四项重点任务：C、D、E、F: the counted list's items are the measures
        for cl in counted:
            if cl.items and 0 <= cl.span.start - approach_span.end <= 120:
                measures = [_new_EnumItem(ordinal=k + 1, marker="", heading=it.text, text=it.text, span=it.span)
                            for k, it in enumerate(cl.items)]
                section = new_span(cl.span.start, max(it.span.end for it in cl.items))
                break
    systems = []
    if section is not None or approach_span is not None:
        lo = approach_span.start if approach_span else section.start  # type: ignore[union-attr]
        hi = section.end if section else approach_span.end  # type: ignore[union-attr]
        for m in _SYSTEM.finditer(norm, start, end):
            s, e2 = c.span(m.start(), m.end())
            if lo <= s and e2 <= hi:
                grp = "name" if m.group("name") is not None else "name2"
                systems.append(_new_ListItem(text=text[m.start(grp) : m.end(grp)], span=new_span(s, e2)))
    span = None
    if approach_span or section:
        pts = [x for x in (approach_span, section) if x is not None]
        span = new_span(min(p.start for p in pts), max(p.end for p in pts))
    return _new_PartyBuilding(approach=approach, approach_span=approach_span, measures=measures, systems=systems, span=span)
