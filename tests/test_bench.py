"""The benchmark's per-stage timer (``benchmarks/bench.py --stages``) runs the stages as ``parse`` does:
the Document it assembles is the one ``fangtan.parse`` returns, so its breakdown describes ``parse``."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
import yaml

import fangtan

ROOT = Path(__file__).parents[1]
_spec = importlib.util.spec_from_file_location("fangtan_bench", ROOT / "benchmarks" / "bench.py")
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)  # type: ignore[union-attr]


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    for y in sorted((ROOT / "tests" / "cases" / "segment").glob("*.yaml")):
        texts += [c["text"] for c in yaml.safe_load(y.read_text(encoding="utf-8")) or [] if isinstance(c, dict)]
    return texts


@pytest.mark.parametrize("k", range(4))
def test_staged_parse_gives_the_document_parse_gives(k: int):
    texts = _texts()
    p = fangtan.Parser()
    for text in texts[k::4]:
        doc, times = bench.staged_parse(p, text)
        assert doc.model_dump(mode="json") == p.parse(text).model_dump(mode="json")
        assert len(times) == len(bench.STAGES) and all(t >= 0 for t in times)


def test_stage_times_cover_every_stage():
    seed = (ROOT / "seeds" / "000_49881e2bc210889c.txt").read_text(encoding="utf-8")
    times = bench.stage_times([seed], 2)
    assert list(times) == list(bench.STAGES)
    assert all(t > 0 for t in times.values())


def test_timed_patterns_time_the_patterns_and_change_nothing():
    seed = (ROOT / "seeds" / "000_49881e2bc210889c.txt").read_text(encoding="utf-8")
    p = fangtan.Parser()
    want = p.parse(seed).model_dump(mode="json")
    from fangtan.extract import counted_lists

    count = counted_lists._COUNT
    quantity = p.grammar.quantity
    with bench.timed_patterns(p) as stats:
        assert p.parse(seed).model_dump(mode="json") == want
        assert counted_lists._COUNT is not count
    assert stats["counted_lists._COUNT"][0] == 1 and stats["counted_lists._COUNT"][1] > 0
    assert stats["Grammar.quantity"][0] >= 1
    # everything is put back, and parses as before
    assert counted_lists._COUNT is count and p.grammar.quantity is quantity
    assert p.parse(seed).model_dump(mode="json") == want


def test_outputs_dump_and_diff(tmp_path, monkeypatch, capsys):
    """benchmarks/outputs.py: a dump compared with itself changes nothing (exit 0); a dump with a
    metric removed and a field changed is reported, with exit status 1."""
    import json

    spec = importlib.util.spec_from_file_location("fangtan_outputs", ROOT / "benchmarks" / "outputs.py")
    outputs = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(outputs)  # type: ignore[union-attr]
    seed = (ROOT / "seeds" / "000_49881e2bc210889c.txt").read_text(encoding="utf-8")
    monkeypatch.setattr(outputs, "texts", lambda: {"seed": seed, "short": "全县粮食产量5万吨。"})
    a = tmp_path / "a.json"
    assert outputs.main(["dump", str(a)]) == 0
    assert outputs.main(["diff", str(a), str(a)]) == 0
    docs = json.loads(a.read_text(encoding="utf-8"))
    gone = docs["seed"]["metrics"].pop(0)
    docs["short"]["title"] = "另一个标题"
    b = tmp_path / "b.json"
    b.write_text(json.dumps(docs, ensure_ascii=False), encoding="utf-8")
    capsys.readouterr()
    assert outputs.main(["diff", str(a), str(b)]) == 1
    out = capsys.readouterr().out
    assert "2 of 2 texts changed" in out and f"- metrics: {gone['name']}" in out and "title changed" in out
