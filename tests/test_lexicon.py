"""Users extend the lexicon without editing the package: in Python, from TOML, from the CLI."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import fangtan
from fangtan import api

TEXT = "全市旅游总收入128.6亿元，增长12%。港口靠泊船舶3200艘次。\n本站声明：转载须注明出处\n"
TOML = 'count_units = ["艘次"]\nfurniture_lines = ["本站声明"]\n\n[indicators]\ntourism_revenue = ["旅游总收入"]\n'


def _summary(doc):
    return [(m.name, m.key, m.unit) for m in doc.metrics]


def test_default_lexicon_does_not_know_the_words():
    doc = fangtan.parse(TEXT)
    assert ("旅游总收入", None, "亿元") in _summary(doc)
    assert not any(m.unit == "艘次" for m in doc.metrics)


def test_extend_in_python():
    lex = fangtan.Lexicon.default().extend(indicators={"tourism_revenue": ["旅游总收入"]}, count_units=["艘次"],
                                           furniture_lines=["本站声明"])
    doc = fangtan.Parser(lex).parse(TEXT)
    assert _summary(doc) == [("旅游总收入", "tourism_revenue", "亿元"), ("港口靠泊船舶", None, "艘次")]
    assert any(TEXT[b.span.start : b.span.end].startswith("本站声明") for b in doc.boilerplate)
    # the default parser is untouched
    assert _summary(fangtan.parse(TEXT))[0][1] is None


def test_merge_toml_and_environment(tmp_path, monkeypatch):
    path = tmp_path / "words.toml"
    path.write_text(TOML, encoding="utf-8")
    assert fangtan.Parser(fangtan.Lexicon.default().merge_toml(path)).parse(TEXT).metrics[0].key == "tourism_revenue"
    monkeypatch.setenv("FANGTAN_LEXICON", str(path))
    api.reset_default()
    try:
        assert fangtan.parse(TEXT).metrics[0].key == "tourism_revenue"
    finally:
        monkeypatch.delenv("FANGTAN_LEXICON")
        api.reset_default()
    assert fangtan.parse(TEXT).metrics[0].key is None


def test_cli_lexicon_option(tmp_path):
    words = tmp_path / "words.toml"
    words.write_text(TOML, encoding="utf-8")
    doc = tmp_path / "a.txt"
    doc.write_text(TEXT, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "FANGTAN_LEXICON"}
    out = subprocess.run([sys.executable, "-m", "fangtan", "parse", str(doc), "--lexicon", str(words), "-f", "jsonl",
                          "-q"], capture_output=True, text=True, env=env, check=True).stdout
    rec = json.loads(out.splitlines()[0])
    keys = [m["key"] for m in rec["document"]["metrics"]]
    assert keys == ["tourism_revenue", None]
