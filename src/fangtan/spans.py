"""The offset map from a cleaned text back to the original, in the manner of quantulum3.

A cleaned text is the original with some stretches deleted or replaced (markup, entities,
front matter). The map is a sorted list of breakpoints ``(clean_pos, orig_pos)``; between two
breakpoints the texts run in step.

>>> m = OffsetMap.build("a<b>12</b>c", [(1, 4, ""), (6, 10, "")])
>>> m.clean
'a12c'
>>> m.span(1, 3)   # '12' in the cleaned text
(4, 6)
>>> "a<b>12</b>c"[4:6]
'12'
>>> m.clean_pos(4), m.clean_pos(2), m.clean_pos(11)   # '1'; inside '<b>'; the end
(1, 1, 4)
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

__all__ = ["OffsetMap"]


@dataclass(frozen=True, slots=True)
class OffsetMap:
    clean: str
    _cpos: tuple[int, ...]
    _opos: tuple[int, ...]
    orig_len: int

    @staticmethod
    def build(orig: str, edits: list[tuple[int, int, str]]) -> "OffsetMap":
        """Apply non-overlapping ``(start, end, replacement)`` edits (sorted by start) to ``orig``."""
        if not edits:
            return OffsetMap(orig, (0,), (0,), len(orig))
        parts: list[str] = []
        cpos, opos = [0], [0]
        c = o = 0
        for start, end, rep in edits:
            if start < o:  # overlapping edit: skip it rather than corrupt the map
                continue
            parts.append(orig[o:start])
            c += start - o
            if rep:
                # each replacement character maps to the start of what it replaces
                for ch in rep:
                    cpos.append(c)
                    opos.append(start)
                    parts.append(ch)
                    c += 1
            o = end
            cpos.append(c)
            opos.append(o)
        parts.append(orig[o:])
        return OffsetMap("".join(parts), tuple(cpos), tuple(opos), len(orig))

    def pos(self, c: int) -> int:
        """Original offset of cleaned offset ``c`` (a start position)."""
        if len(self._cpos) == 1:
            return c
        i = bisect_right(self._cpos, c) - 1
        return min(self._opos[i] + (c - self._cpos[i]), self.orig_len)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``[start, end)`` of the cleaned ``[start, end)``; the end maps its last character.

        The result always lies inside the original text, whatever offsets are passed."""
        n = self.orig_len
        cp = self._cpos
        if len(cp) == 1:
            if 0 <= start <= end <= n:
                return start, end  # the usual case, without the clamping calls
            s = min(max(start, 0), n)
            return s, min(max(end, s), n)
        # pos(max(start, 0)) and pos(end - 1) + 1, inlined (the span of every extracted thing comes here)
        op = self._opos
        c = start if start > 0 else 0
        i = bisect_right(cp, c) - 1
        s = op[i] + (c - cp[i])
        if s > n:
            s = n
        if end > start:
            j = bisect_right(cp, end - 1) - 1
            e = op[j] + (end - 1 - cp[j])
            e = (n if e > n else e) + 1
        else:
            e = s
        return s, min(max(s, e), n)

    def clean_pos(self, o: int) -> int:
        """Cleaned offset of original offset ``o``; inside a removed stretch, where the removal is."""
        if len(self._cpos) == 1:
            return min(max(o, 0), len(self.clean))
        i = bisect_right(self._opos, o) - 1
        if i < 0:
            return 0
        c = self._cpos[i] + (o - self._opos[i])
        if i + 1 < len(self._cpos):
            c = min(c, self._cpos[i + 1])
        return min(c, len(self.clean))
