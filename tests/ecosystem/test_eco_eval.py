"""``fangtan eval`` re-implements ../shared/tools/score.py: the figures must agree exactly."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from fangtan.cli import main
from fangtan.evaluate import evaluate, evaluate_doc, format_report

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
SCORE = SHARED / "tools" / "score.py"
needs_shared = pytest.mark.skipif(not (SCORE.is_file() and (SHARED / "gold").is_dir()),
                                  reason="../shared (gold annotations and tools/score.py) is not beside the project")


@needs_shared
def test_agrees_with_score_py_on_the_shared_corpus():
    ref = subprocess.run([sys.executable, str(SCORE), "--json"], capture_output=True, cwd=ROOT, timeout=300,
                         check=True)
    want = json.loads(ref.stdout)
    got = evaluate(SHARED / "gold", [SHARED / "seeds", SHARED / "corpus"])
    want["summary"].pop("chars_per_s")
    got["summary"].pop("chars_per_s")
    assert got["summary"] == want["summary"]
    assert got["docs"] == want["docs"]  # per document figures and every log line
    assert got["summary"]["docs"] >= 2


@needs_shared
def test_eval_command(capsys):
    assert main(["eval", str(SHARED / "gold"), str(SHARED / "seeds"), str(SHARED / "corpus"),
                 "--only", "000_49881e2bc210889c", "--json"]) == 0
    rep = json.loads(capsys.readouterr().out)
    assert list(rep["docs"]) == ["000_49881e2bc210889c"] and rep["summary"]["docs"] == 1
    assert main(["eval", str(SHARED / "gold"), str(SHARED / "seeds"), "-v"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[-1].startswith("TOTAL docs=1 ")


def test_scoring_rules_on_a_small_gold(tmp_path):
    text = "全镇规模以上工业总产值完成4.8亿元，同比增长40%。税收收入3亿元。"
    (tmp_path / "docs").mkdir()
    (tmp_path / "gold").mkdir()
    (tmp_path / "docs" / "t.txt").write_text(text, encoding="utf-8")
    gold = {"file": "t.txt", "kind": "news", "title": None, "sentences": [
        {"quote": "全镇规模以上工业总产值完成4.8亿元，同比增长40%。",
         "metrics": [{"name": "规模以上工业总产值", "value": 4.8, "unit": "亿元",
                      "growth": {"direction": "up", "rate": 40, "unit": "%"}}]},
        {"quote": "税收收入3亿元。", "metrics": [{"name": "税收收入", "value": 5, "unit": "亿元", "growth": None}]},
    ]}
    (tmp_path / "gold" / "t.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    rep = evaluate(tmp_path / "gold", [tmp_path / "docs"])
    s = rep["summary"]
    assert (s["gold_metrics"], s["found_by_name"], s["value_acc"]) == (2, 2, 0.5)
    assert (s["metric_precision"], s["metric_recall"]) == (0.5, 0.5)
    assert any(line.startswith("  ~ wrong    gold 税收收入 5亿元") for line in rep["docs"]["t"]["log"])
    assert format_report(rep).startswith("t: metrics P 0.5 R 0.5 F1 0.5 (2 gold)")


def test_a_crash_scores_as_nothing(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "g").mkdir()
    (tmp_path / "d" / "x.txt").write_text("产值4.8亿元。", encoding="utf-8")
    (tmp_path / "g" / "x.json").write_text(json.dumps({"file": "x.txt", "sentences": [
        {"quote": "产值4.8亿元。", "metrics": [{"name": "产值", "value": 4.8, "unit": "亿元"}]}]}), encoding="utf-8")

    def boom(text):
        raise RuntimeError("boom")

    rep = evaluate(tmp_path / "g", [tmp_path / "d"], parse=boom)
    assert rep["summary"]["crashes"] == 1 and rep["summary"]["metric_recall"] == 0.0
    assert rep["docs"]["x"]["log"][0] == "  ! parse raised RuntimeError: boom"
    t, log = evaluate_doc("产值4.8亿元。", {}, {"sentences": []})
    assert t["gold"] == 0 and log == []
