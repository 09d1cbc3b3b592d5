"""Helpers shared by the extractors: match a pattern only where a match can start, and find
every place of a string.

A full ``finditer`` tries the pattern at every position; most of the grammar's patterns can only
start at a few places that a cheap search finds (a colon, a digit, a count word). :func:`match_at`
tries the pattern at those candidate positions, in order, resuming after each match as ``finditer``
does, so it gives the same matches whenever every match starts at a candidate.

>>> import regex
>>> p = regex.compile(r"\\d+元")
>>> [m.group() for m in match_at(p.match, "买了3元和45元", [2, 5, 6], 0, 8)]
['3元', '45元']
>>> list(find_all("一是、二是。", "是"))
[1, 4]
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

__all__ = ["match_at", "find_all"]


def match_at(match: Callable[[str, int, int], Any], text: str, candidates: Iterable[int], start: int, end: int) -> list:
    """The matches of ``pattern.finditer(text, start, end)`` when they can only start at
    ``candidates`` (ascending), given ``match = pattern.match`` (or any function that matches as it
    does): each candidate before the end of the last match is skipped."""
    out = []
    pos = start
    for s in candidates:
        if s < pos:
            continue
        if s >= end:
            break
        m = match(text, s, end)
        if m is not None:
            out.append(m)
            pos = m.end()
    return out


def find_all(text: str, sub: str, start: int = 0, end: int | None = None) -> Iterator[int]:
    """Where ``sub`` starts in ``text[start:end]``, in order (``str.find`` again and again: fast, and
    cheaper than a pattern for one literal)."""
    end = len(text) if end is None else end
    i = text.find(sub, start, end)
    while i >= 0:
        yield i
        i = text.find(sub, i + 1, end)
