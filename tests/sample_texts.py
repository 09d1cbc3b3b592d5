"""Texts that several test modules run the whole parser or its patterns over: the seed, every case
text of tests/cases, and the corpus in ../shared when it is beside the clone (else none)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

ROOT = Path(__file__).parents[1]
CORPUS = ROOT / ".." / "shared" / "corpus"


@lru_cache(maxsize=1)
def named_seed_and_case_texts() -> tuple[tuple[str, str], ...]:
    """(name, text) of the seed (seeds/<file>) and of every case (<extractor>/<file>/<id>)."""
    texts = [(f"seeds/{p.name}", p.read_text(encoding="utf-8")) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    for y in sorted((ROOT / "tests" / "cases").glob("*/*.yaml")):
        for case in yaml.safe_load(y.read_text(encoding="utf-8")) or []:
            if isinstance(case, dict) and isinstance(case.get("text"), str):
                texts.append((f"{y.parent.name}/{y.stem}/{case.get('id')}", case["text"]))
    return tuple(texts)


def seed_and_case_texts() -> tuple[str, ...]:
    return tuple(text for _, text in named_seed_and_case_texts())


@lru_cache(maxsize=1)
def corpus_texts() -> tuple[str, ...]:
    return tuple(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))) if CORPUS.is_dir() else ()
