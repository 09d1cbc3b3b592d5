"""A directory as real archives have it: UTF-8, GBK, Big5, a binary file, an empty file and a
truncated HTML page. Each gets the right result; the run exits non-zero naming the binary file."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def test_mixed_directory(tmp_path: Path) -> None:
    d = tmp_path / "archive"
    d.mkdir()
    (d / "a_utf8.txt").write_text("全县地区生产总值186.5亿元，增长5.8%。", encoding="utf-8")
    (d / "b_gbk.txt").write_bytes("全县粮食总产量52.3万吨，比上年增长2.1%。".encode("gbk"))
    (d / "c_big5.txt").write_bytes("本港生產總值為2.8萬億港元，實質增長3.2%。".encode("big5"))
    (d / "d_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (d / "e_empty.txt").write_bytes(b"")
    (d / "f_truncated.txt").write_text("<html><body><p>全市新增城镇就业1.2万人，城镇调查失业率5.1%。</p><p>全市固定资产投", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "fangtan", "parse", str(d), "-f", "jsonl", "-q"],
                       capture_output=True, timeout=120)
    assert r.returncode == 1, r.stderr.decode()
    recs = {x["id"]: x for x in map(json.loads, r.stdout.decode().splitlines())}
    assert sorted(recs) == ["a_utf8", "b_gbk", "c_big5", "d_binary", "e_empty", "f_truncated"]

    def metrics(name):
        return [(m["name"], m["value"], m["unit"]) for m in recs[name]["document"]["metrics"]]

    assert metrics("a_utf8") == [("地区生产总值", "186.5", "亿元")]
    assert metrics("b_gbk") == [("粮食总产量", "52.3", "万吨")]
    assert metrics("c_big5")[0][1:] == ("2.8", "万亿港元")
    assert metrics("e_empty") == [] and recs["e_empty"]["document"]["title"] is None
    assert metrics("f_truncated") == [("城镇新增就业", "1.2", "万人"), ("城镇调查失业率", "5.1", "%")] or \
        [m[1:] for m in metrics("f_truncated")] == [("1.2", "万人"), ("5.1", "%")]
    # the binary file is an error record naming it; stderr names it too
    assert "document" not in recs["d_binary"] and recs["d_binary"]["error"]["type"] == "DecodeError"
    assert recs["d_binary"]["source"].endswith("d_binary.txt")
    assert "d_binary.txt" in r.stderr.decode()
    # the encodings used are reported
    enc = {k: [w["message"] for w in v["document"]["warnings"] if w["code"] == "encoding"]
           for k, v in recs.items() if "document" in v}
    assert "gb18030" in enc["b_gbk"][0] and "big5" in enc["c_big5"][0]
