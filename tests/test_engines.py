"""Some of the pipeline's simple scans run on the standard library's ``re`` (faster than ``regex`` for
character classes and literal alternatives). These tests check that each such pattern finds exactly
what the same pattern finds with ``regex``, on the seed, every case text and the corpus when it is
beside the clone, and on generated strings; and that the spelt-out whitespace class is ``regex``'s ``\\s``.
"""
from __future__ import annotations

import random
import re
from functools import lru_cache

import pytest
import regex
from sample_texts import corpus_texts, seed_and_case_texts

from fangtan import clean, grammar, segment
from fangtan.api import _default
from fangtan.extract import counted_lists, enumerations, gaps, metrics, party_building

_FLAGS = {re.VERBOSE: regex.VERBOSE, re.MULTILINE: regex.MULTILINE, re.IGNORECASE: regex.IGNORECASE,
          re.DOTALL: regex.DOTALL}


def _re_patterns() -> dict[str, re.Pattern[str]]:
    out = {}
    for mod in (clean, grammar, segment, counted_lists, enumerations, gaps, metrics, party_building):
        for k, v in vars(mod).items():
            if isinstance(v, re.Pattern):
                out[f"{mod.__name__.rsplit('.', 1)[-1]}.{k}"] = v
    for k, v in vars(_default().grammar).items():
        if isinstance(v, re.Pattern):
            out[f"grammar.{k}"] = v
    return out


@lru_cache(maxsize=1)
def _texts() -> tuple[str, ...]:
    texts = list(seed_and_case_texts() + corpus_texts())
    rng = random.Random(7)
    alphabet = "的是年月季度一二三十百千万亿元%个项大0123456789.,，。；：:、“”（）()\n \t\x1c\u3000和及与分别为其中即包括来源记者问答"
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 300))) for _ in range(300)]
    return tuple(texts)


PATTERNS = _re_patterns()


def test_some_scans_run_on_re():
    assert len(PATTERNS) >= 15, sorted(PATTERNS)


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_re_pattern_finds_what_regex_finds(name: str):
    p = PATTERNS[name]
    flags = 0
    for f, rf in _FLAGS.items():
        if p.flags & f:
            flags |= rf
    twin = regex.compile(p.pattern, flags)
    for text in _texts():
        got = [(m.span(), m.groups()) for m in p.finditer(text)]
        want = [(m.span(), m.groups()) for m in twin.finditer(text)]
        assert got == want, f"{name} differs on {text[:80]!r}"


def test_white_space_class_is_regex_s():
    cls = re.compile(f"[{metrics._WHITE_SPACE}]")
    spelt = [i for i in range(0x110000) if cls.fullmatch(chr(i))]
    assert spelt == [i for i in range(0x110000) if regex.fullmatch(r"\s", chr(i))]
