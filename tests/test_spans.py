"""OffsetMap.span, inlined for speed, gives what its definition says: the original offset of the
start (``pos(max(start, 0))``) and one past that of the last character (``pos(end - 1) + 1``),
kept inside the original text, for every map and every pair of offsets, odd ones included."""
from __future__ import annotations

import random

from sample_texts import corpus_texts, seed_and_case_texts

import fangtan
from fangtan.clean import clean
from fangtan.spans import OffsetMap


def _by_definition(m: OffsetMap, start: int, end: int) -> tuple[int, int]:
    n = m.orig_len
    if len(m._cpos) == 1:
        if 0 <= start <= end <= n:
            return start, end
        s = min(max(start, 0), n)
        return s, min(max(end, s), n)
    s = m.pos(max(start, 0))
    e = m.pos(end - 1) + 1 if end > start else s
    return s, min(max(s, e), n)


def _maps() -> list[OffsetMap]:
    rng = random.Random(3)
    lex = fangtan.Parser().lexicon
    maps = [clean(t, lex).map for t in seed_and_case_texts() + corpus_texts()]
    for _ in range(300):
        orig = "".join(rng.choice("ab<>&;x \n") for _ in range(rng.randint(0, 60)))
        edits, pos = [], 0
        while pos < len(orig):
            a = pos + rng.randint(0, 5)
            b = a + rng.randint(0, 4)
            if b > len(orig):
                break
            edits.append((a, b, rng.choice(["", "y", "zz"])))
            pos = b + 1
        maps.append(OffsetMap.build(orig, edits))
    return maps


def test_span_is_its_definition():
    rng = random.Random(4)
    maps = _maps()
    assert any(len(m._cpos) > 1 for m in maps)  # maps with edits are tried, not only identities
    for m in maps:
        size = len(m.clean)
        for _ in range(200):
            a, b = rng.randint(-5, size + 5), rng.randint(-5, size + 5)
            assert m.span(a, b) == _by_definition(m, a, b), (a, b)
