"""The command line: many inputs, JSON/JSONL/table/Parquet output, workers, errors, atomic output."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import fangtan
from fangtan import cli
from fangtan.cli import main
from fangtan.models import SCHEMA_VERSION, Document


def run(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """The CLI in a child process with stdout and stderr as pipes (so not a terminal)."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "fangtan.cli", *args], input=stdin, capture_output=True,
                          cwd=cwd, env=env, timeout=120)


def lines(s: str) -> list[dict]:
    return [json.loads(x) for x in s.splitlines() if x.strip()]


def test_directory_to_jsonl(text_dir, capsys):
    assert main(["parse", str(text_dir), "-f", "jsonl"]) == 0
    out, err = capsys.readouterr()
    recs = lines(out)
    assert [r["id"] for r in recs] == ["a_seed", "b_plain", "c_short"]  # *.txt only, sorted, recursive
    for r in recs:
        assert r["fangtan_version"] == fangtan.__version__ and r["schema_version"] == SCHEMA_VERSION
        assert Path(r["source"]).is_file()
        doc = Document.model_validate(r["document"])
        assert doc.schema_version == SCHEMA_VERSION
    assert len(recs[0]["document"]["metrics"]) == len(fangtan.parse_file(text_dir / "a_seed.txt").metrics)
    assert recs[1]["document"]["metrics"] == []
    assert "3 files, 3 documents" in err and "0 errors" in err


def test_many_inputs_default_to_jsonl_and_glob(text_dir, capsys):
    assert main(["parse", str(text_dir / "*.txt"), str(text_dir / "sub")]) == 0
    assert [r["id"] for r in lines(capsys.readouterr().out)] == ["a_seed", "b_plain", "c_short"]
    assert main(["parse", str(text_dir), "--no-recursive", "-f", "jsonl", "-q"]) == 0
    out, err = capsys.readouterr()
    assert [r["id"] for r in lines(out)] == ["a_seed", "b_plain"] and err == ""


def test_single_file_json_is_the_pretty_document(seed_path, capsys):
    assert main(["parse", str(seed_path), "-f", "json"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("{\n") and Document.model_validate_json(out) == fangtan.parse_file(seed_path)


def test_json_for_many_is_an_array_of_records(text_dir, capsys):
    assert main(["parse", str(text_dir), "-f", "json"]) == 0
    arr = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in arr] == ["a_seed", "b_plain", "c_short"]


def test_parquet_and_csv_dirs(text_dir, tmp_path, capsys):
    pq = pytest.importorskip("pyarrow.parquet")
    from fangtan import tables

    assert main(["parse", str(text_dir), "--parquet-dir", str(tmp_path / "pq"), "--csv-dir", str(tmp_path / "csv")]) == 0
    out, err = capsys.readouterr()
    assert out == ""  # only tables asked for
    for t in tables.TABLES:
        assert (tmp_path / "pq" / f"{t}.parquet").is_file() and (tmp_path / "csv" / f"{t}.csv").is_file()
    m = pq.read_table(tmp_path / "pq" / "metrics.parquet")
    assert m.schema.equals(tables.arrow_schema("metrics"))
    assert set(m.column("doc_id").to_pylist()) == {"a_seed", "c_short"}
    docs = pq.read_table(tmp_path / "pq" / "documents.parquet").to_pylist()
    assert [d["doc_id"] for d in docs] == ["a_seed", "b_plain", "c_short"]
    assert docs[1]["n_metrics"] == 0
    assert pq.read_table(tmp_path / "pq" / "errors.parquet").num_rows == 0


def test_jobs_2_output_identical_to_jobs_1(corpus_paths, tmp_path):
    d = str(corpus_paths[-1].parent)
    args = [str(corpus_paths[0]), d] if len(corpus_paths) > 1 else [str(corpus_paths[0])] * 1
    assert main(["parse", *args, "-f", "jsonl", "-q", "-j", "1", "-o", str(tmp_path / "one.jsonl")]) == 0
    assert main(["parse", *args, "-f", "jsonl", "-q", "-j", "2", "-o", str(tmp_path / "two.jsonl")]) == 0
    one, two = (tmp_path / "one.jsonl").read_bytes(), (tmp_path / "two.jsonl").read_bytes()
    assert one == two and len(one.splitlines()) == len(corpus_paths)


def test_jobs_2_identical_in_a_child_process_with_parquet(text_dir, tmp_path):
    pytest.importorskip("pyarrow")
    r1 = run("parse", str(text_dir), "-j", "1", "--parquet-dir", str(tmp_path / "p1"))
    r2 = run("parse", str(text_dir), "-j", "2", "--parquet-dir", str(tmp_path / "p2"))
    assert r1.returncode == r2.returncode == 0, r2.stderr.decode()
    import pyarrow.parquet as pq

    for t in ("metrics", "documents", "enumerations"):
        assert pq.read_table(tmp_path / "p1" / f"{t}.parquet").equals(pq.read_table(tmp_path / "p2" / f"{t}.parquet"))


def test_a_binary_file_among_good_ones(text_dir, tmp_path):
    (text_dir / "bad.txt").write_bytes(b"\x00\x01\x02\x03PK\x03\x04" + bytes(range(256)) * 4)
    r = run("parse", str(text_dir), str(tmp_path / "missing.txt"), "-f", "jsonl", "-j", "2")
    assert r.returncode == 1
    recs = lines(r.stdout.decode())
    assert [x["id"] for x in recs] == ["a_seed", "b_plain", "bad", "c_short", "missing"]
    assert [("document" in x) for x in recs] == [True, True, False, True, False]
    assert recs[2]["error"]["type"] == "DecodeError" and recs[2]["source"].endswith("bad.txt")
    assert recs[4]["error"]["type"] == "FileNotFoundError"
    err = r.stderr.decode()
    assert "bad.txt: binary data" in err and "missing.txt: no such file" in err
    assert "5 files, 3 documents" in err and "2 errors" in err


def test_progress_bar_off_in_a_pipe_and_summary_on_stderr(text_dir):
    r = run("parse", str(text_dir), "-f", "jsonl")
    assert r.returncode == 0
    err = r.stderr.decode()
    assert "\r" not in err and "%|" not in err and "━" not in err
    assert err.count("\n") == 1 and err.startswith("fangtan: 3 files, 3 documents")
    assert "docs/s" in err


def test_progress_only_on_a_terminal():
    class Tty:
        def __init__(self, tty):
            self.tty, self.buf = tty, []

        def isatty(self):
            return self.tty

        def write(self, s):
            self.buf.append(s)

        def flush(self):
            pass

    assert cli.make_progress(10, Tty(False)) is None
    assert cli.make_progress(10, Tty(True), enabled=False) is None
    try:
        import tqdm  # noqa: F401
    except ImportError:
        try:
            import rich  # noqa: F401
        except ImportError:
            pytest.skip("neither tqdm nor rich installed: no progress bar at all")
    prog = cli.make_progress(10, Tty(True))
    assert prog is not None
    update, close = prog
    update(None)
    close()


def test_jsonl_in(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join([
        json.dumps({"id": "x1", "text": "全镇规模以上工业总产值完成4.8亿元，同比增长40%。"}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "x3", "text": "没有数字。"}, ensure_ascii=False),
    ]) + "\n", encoding="utf-8")
    assert main(["parse", "--jsonl-in", str(src), "-f", "jsonl"]) == 1
    recs = lines(capsys.readouterr().out)
    assert [r["id"] for r in recs] == ["x1", "line2", "x3"]
    assert recs[0]["document"]["metrics"][0]["name"] == "规模以上工业总产值"
    assert recs[1]["error"]["type"] == "JSONDecodeError"


def test_jsonl_in_from_stdin():
    data = json.dumps({"id": "s", "text": "产值4.8亿元。"}, ensure_ascii=False).encode() + b"\n"
    r = run("parse", "--jsonl-in", "-", "-f", "jsonl", stdin=data)
    assert r.returncode == 0 and lines(r.stdout.decode())[0]["id"] == "s"


def test_stdin_text(seed_path):
    r = run("parse", "-", "-f", "json", stdin=seed_path.read_bytes())
    assert r.returncode == 0
    assert Document.model_validate_json(r.stdout) == fangtan.parse_file(seed_path).model_copy(
        update={"warnings": fangtan.parse_file(seed_path).warnings[1:]})


def test_table_format(seed_path, capsys, monkeypatch):
    assert main(["parse", str(seed_path), "-f", "table"]) == 0
    out = capsys.readouterr().out
    assert "规模以上工业总产值" in out and "4.8亿元" in out
    import io
    buf = io.StringIO()
    cli.write_table(fangtan.parse_many([seed_path]), buf, use_rich=False)
    plain = buf.getvalue()
    assert plain.splitlines()[1].split() == ["name", "value", "growth", "period", "speaker", "evidence"]
    assert "4.8亿元" in plain


def test_usage_errors_exit_2(capsys):
    assert main(["parse"]) == 2
    assert main(["parse", "x", "-j", "-1"]) == 2
    with pytest.raises(SystemExit) as e:
        main(["parse", "--bogus"])
    assert e.value.code == 2
    assert run("frobnicate").returncode == 2
    assert main(["eval", "/nonexistent-gold", "/tmp"]) == 2


def test_missing_file_exit_1_and_no_stdout(tmp_path, capsys):
    assert main(["parse", str(tmp_path / "nope.txt"), "-f", "json"]) == 1
    out, err = capsys.readouterr()
    assert out == "" and "nope.txt: no such file or directory" in err


def test_output_is_atomic(text_dir, tmp_path, monkeypatch, capsys):
    target = tmp_path / "out.jsonl"
    target.write_text("previous\n", encoding="utf-8")
    from fangtan import batch

    real = batch.run_job
    calls = []

    def interrupt(job, encoding=None):
        calls.append(job.id)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(job, encoding)

    monkeypatch.setattr(batch, "run_job", interrupt)
    assert main(["parse", str(text_dir), "-f", "jsonl", "-o", str(target)]) == 130
    assert target.read_text(encoding="utf-8") == "previous\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["out.jsonl"]
    monkeypatch.setattr(batch, "run_job", real)
    assert main(["parse", str(text_dir), "-f", "jsonl", "-o", str(target)]) == 0
    assert len(lines(target.read_text(encoding="utf-8"))) == 3
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["out.jsonl"]


def test_show_writes_the_html_report(seed_path, tmp_path):
    pytest.importorskip("fangtan.report")
    assert main(["show", str(seed_path), "-o", str(tmp_path / "r.html")]) == 0
    assert (tmp_path / "r.html").read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")


def test_version_flag(capsys):
    with pytest.raises(SystemExit) as e:
        main(["--version"])
    assert e.value.code == 0 and fangtan.__version__ in capsys.readouterr().out


def test_lone_surrogates_survive_jsonl(tmp_path, capsys):
    src = tmp_path / "s.jsonl"
    src.write_text('{"id": "s", "text": "产值\\ud8004.8亿元。"}\n', encoding="utf-8")
    assert main(["parse", "--jsonl-in", str(src), "-f", "jsonl", "-o", str(tmp_path / "o.jsonl")]) == 0
    rec = json.loads((tmp_path / "o.jsonl").read_text(encoding="utf-8"))
    doc = Document.model_validate(rec["document"])
    assert doc == fangtan.parse("产值\ud8004.8亿元。")
    assert main(["parse", "--jsonl-in", str(src), "-f", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["id"] == "s"


def test_empty_directory_and_unmatched_glob_are_errors(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    assert main(["parse", str(tmp_path / "empty"), str(tmp_path / "*.nothing"), "-f", "jsonl"]) == 1
    out, err = capsys.readouterr()
    assert [r["error"]["message"] for r in lines(out)] == ["no *.txt file in this directory",
                                                          "the pattern matches no file"]


def test_one_file_on_a_terminal_defaults_to_the_table(seed_path, capsys, monkeypatch):
    monkeypatch.setattr(cli, "_isatty", lambda stream: True)
    assert main(["parse", str(seed_path)]) == 0
    out = capsys.readouterr().out
    assert not out.lstrip().startswith("{") and "规模以上工业总产值" in out
