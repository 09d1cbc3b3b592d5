"""Fixtures for the data-ecosystem tests: the seed, the shared corpus (when ../shared is present)."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_49881e2bc210889c.txt"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"


def read_text(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as fh:  # keep \r\n: spans index the raw text
        return fh.read()


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_text() -> str:
    return read_text(SEED)


@pytest.fixture(scope="session")
def corpus_paths() -> list[Path]:
    """The shared corpus, or only the seed when ../shared is not beside the project."""
    paths = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []
    return [SEED] + paths


@pytest.fixture(scope="session")
def parsed_corpus(corpus_paths):
    import fangtan

    return fangtan.parse_many(corpus_paths)


@pytest.fixture()
def text_dir(tmp_path: Path, seed_text: str) -> Path:
    """A folder with the seed, a document without metrics, and a short one, in a subfolder."""
    d = tmp_path / "texts"
    (d / "sub").mkdir(parents=True)
    (d / "a_seed.txt").write_text(seed_text, encoding="utf-8", newline="")
    (d / "b_plain.txt").write_text("这是一段没有任何数字的文字。", encoding="utf-8")
    (d / "sub" / "c_short.txt").write_text("全镇规模以上工业总产值完成4.8亿元，同比增长40%。", encoding="utf-8")
    (d / "notes.md").write_text("not a .txt file", encoding="utf-8")
    return d
