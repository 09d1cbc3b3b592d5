"""The shared scoring tool, run from outside as the scorers run it.

``../shared/tools/score.py`` (next to the repository, not inside it) parses every document that has a
hand-written gold file and compares the output with it. This test runs it as a subprocess with the
current interpreter and ``--json``, from the repository root, and asserts that

* the seed (000_49881e2bc210889c) is read perfectly: metrics P/R 1.0, every enumeration, counted
  list, title, source, turn count, speaker and gap, and no spurious gap;
* over the whole corpus nothing crashes and no metric comes from markup, front matter or a URL.

It is skipped when ../shared is not there (a clone on its own).
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
SHARED = ROOT / ".." / "shared"
SCORE = SHARED / "tools" / "score.py"
SEED = "000_49881e2bc210889c"

pytestmark = pytest.mark.skipif(
    not SCORE.exists(), reason=f"no shared scoring tool at {SCORE.resolve()} (../shared is not beside this clone)"
)


def score(*names: str) -> dict:
    proc = subprocess.run(
        [sys.executable, str(SCORE), "--json", *names],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=600,
    )
    assert proc.returncode == 0, f"score.py failed ({proc.returncode}):\n{proc.stderr[-3000:]}"
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def seed_result() -> dict:
    return score(SEED)


@pytest.fixture(scope="module")
def corpus_result() -> dict:
    return score()


def test_seed_is_perfect(seed_result):
    s = seed_result["summary"]
    log = "\n".join(seed_result["docs"].get(SEED, {}).get("log", []))
    assert s["docs"] == 1, "the seed was not scored"
    assert s["crashes"] == 0, log
    assert (s["metric_precision"], s["metric_recall"]) == (1.0, 1.0), log
    assert s["gold_metrics"] == 4 and s["found_by_name"] == 4, log
    assert (s["value_acc"], s["unit_acc"], s["growth_acc"], s["name_exact"]) == (1.0, 1.0, 1.0, 1.0), log
    assert s["enum_exact"] == "4/4" and s["enum_items"] == "12/12", log
    assert s["counted_lists_exact"] == "3/3", log
    assert (s["title"], s["source"], s["turns"], s["speakers"]) == ("1/1", "1/1", "1/1", "1/1"), log
    assert s["gaps"] == "9/9" and s["gaps_spurious"] == 0, log
    assert s["junk_metrics"] == 0, log
    assert seed_result["docs"][SEED]["log"] == []


def test_corpus_has_no_crash_and_no_junk_metric(corpus_result):
    s = corpus_result["summary"]
    logs = {name: d["log"] for name, d in corpus_result["docs"].items()}
    crashed = {n: [x for x in lg if "parse raised" in x] for n, lg in logs.items() if any("parse raised" in x for x in lg)}
    junk = {n: [x for x in lg if "inside markup" in x] for n, lg in logs.items() if any("inside markup" in x for x in lg)}
    assert s["crashes"] == 0, crashed
    assert s["junk_metrics"] == 0, junk
    gold_files = [p for p in (SHARED / "gold").glob("*.json")]
    assert s["docs"] >= 1 and s["docs"] <= len(gold_files)
