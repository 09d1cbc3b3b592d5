"""Tidy tables: records, DataFrames, the Arrow schema, Parquet and CSV."""
from __future__ import annotations

import csv
from decimal import Decimal

import pytest

import fangtan
from fangtan import tables
from fangtan.models import CountedList, Document, ListItem, Span

EMPTY_TEXT = "这是一段没有任何数字的文字。"


@pytest.fixture(scope="module")
def seed_parsed(seed_path):
    return fangtan.parse_many([seed_path])


@pytest.fixture(scope="module")
def empty_parsed():
    return fangtan.parse_many([EMPTY_TEXT], ids=["empty"])


def test_every_table_has_its_columns_in_order(parsed_corpus):
    for t in tables.TABLES:
        cols = [n for n, _ in tables.COLUMNS[t]]
        for r in fangtan.to_records(parsed_corpus, t):
            assert list(r) == cols, t


def test_metric_rows_carry_everything_and_evidence_is_the_span(seed_parsed, seed_text):
    doc = seed_parsed[0].doc
    rows = fangtan.to_records(seed_parsed)
    assert len(rows) == len(doc.metrics) > 0
    for i, (r, m) in enumerate(zip(rows, doc.metrics)):
        assert r["doc_id"] == "000_49881e2bc210889c" and r["metric_index"] == i
        assert r["name"] == m.name and r["unit"] == m.unit and r["status"] == m.status
        assert r["evidence"] == seed_text[m.span.start:m.span.end]
        assert (r["span_start"], r["span_end"]) == (m.span.start, m.span.end)
        for col, val in (("value", m.value), ("base_value", m.base_value),
                         ("growth_rate", m.growth.rate if m.growth else None)):
            assert (r[col] is None) == (val is None)
            if val is not None:
                assert isinstance(r[col], str) and Decimal(r[col]) == val and "E" not in r[col]
    first = rows[0]
    assert (first["value"], first["unit"], first["base_value"], first["base_unit"]) == ("4.8", "亿元", "480000000", "元")
    assert (first["growth_direction"], first["growth_rate"], first["growth_unit"]) == ("up", "40", "%")


def test_input_forms_give_the_same_rows(seed_text, seed_path):
    doc = fangtan.parse(seed_text)
    a = fangtan.to_records([("s", seed_text, doc)])
    b = fangtan.to_records([doc], ids=["s"], texts=[seed_text])
    c = fangtan.to_records(fangtan.parse_many([("s", seed_text)]))
    assert a == b == c and a
    no_text = fangtan.to_records([("s", doc)])
    assert [r["evidence"] for r in no_text] == [None] * len(a)
    assert [{**r, "evidence": None} for r in a] == no_text


def test_documents_without_metrics_and_empty_inputs(empty_parsed):
    assert fangtan.to_records(empty_parsed, "metrics") == []
    assert fangtan.to_records([], "metrics") == []
    docs = fangtan.to_records(empty_parsed, "documents")
    assert len(docs) == 1 and docs[0]["doc_id"] == "empty" and docs[0]["n_metrics"] == 0
    for t in tables.TABLES:
        assert isinstance(fangtan.to_records([], t), list)


def test_enumeration_turn_gap_tables_on_the_seed(seed_parsed, seed_text):
    doc = seed_parsed[0].doc
    enum = fangtan.to_records(seed_parsed, "enumerations")
    assert len(enum) == sum(len(e.items) for e in doc.enumerations) > 0
    assert all(r["evidence"] == seed_text[r["span_start"]:r["span_end"]] for r in enum)
    turns = fangtan.to_records(seed_parsed, "turns")
    assert [r["question"] for r in turns] == [t.question for t in doc.turns] and len(turns) == 5
    gaps = fangtan.to_records(seed_parsed, "gaps")
    assert [r["kind"] for r in gaps] == [g.kind for g in doc.gaps] and gaps


def test_counted_lists_one_row_per_item_and_one_row_for_an_empty_list():
    d = Document(counted_lists=[
        CountedList(count=2, label="主战场", phrase="两个主战场", span=Span(start=0, end=5),
                    items=[ListItem(text="工业", span=Span(start=6, end=8)),
                           ListItem(text="农业", span=Span(start=9, end=11))]),
        CountedList(count=6, label="重点工作", phrase="六项重点工作", span=Span(start=12, end=18)),
    ])
    text = "两个主战场:工业、农业;六项重点工作。"
    rows = fangtan.to_records([("x", text, d)], "counted_lists")
    assert [(r["list_index"], r["item_index"], r["item_text"], r["n_items"]) for r in rows] == [
        (0, 0, "工业", 2), (0, 1, "农业", 2), (1, None, None, 0)]
    assert rows[2]["evidence"] == "六项重点工作" and rows[0]["evidence"] == "工业"


def test_errors_table_and_failed_inputs_are_kept_out_of_the_others(tmp_path, seed_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(bytes(range(256)) * 8)
    from pathlib import Path
    out = fangtan.parse_many([seed_path, bad, Path(tmp_path / "nope.txt")])
    assert [p.ok for p in out] == [True, False, False]
    errs = fangtan.to_records(out, "errors")
    assert [(e["doc_id"], e["error_type"]) for e in errs] == [("bad", "DecodeError"), ("nope", "FileNotFoundError")]
    assert {r["doc_id"] for r in fangtan.to_records(out, "metrics")} == {seed_path.stem}


def test_unknown_table_and_bad_input():
    with pytest.raises(ValueError, match="unknown table"):
        fangtan.to_records([], "nope")
    with pytest.raises(TypeError):
        fangtan.to_records([42])


EXPECTED_METRICS_SCHEMA = [
    ("doc_id", "string"), ("metric_index", "int64"), ("name", "string"), ("key", "string"), ("scope", "string"),
    ("period", "string"), ("status", "string"), ("speaker", "string"), ("verb", "string"), ("value", "string"),
    ("value_max", "string"), ("unit", "string"), ("base_value", "string"), ("base_unit", "string"),
    ("approx", "string"), ("growth_direction", "string"), ("growth_rate", "string"), ("growth_unit", "string"),
    ("growth_basis", "string"), ("growth_approx", "string"), ("missing", "string"), ("rule", "string"),
    ("span_start", "int64"), ("span_end", "int64"), ("evidence", "string"),
]


def test_arrow_schema_is_fixed_and_has_no_floats(parsed_corpus, empty_parsed):
    pa = pytest.importorskip("pyarrow")
    s = tables.arrow_schema("metrics")
    assert [(f.name, str(f.type)) for f in s] == EXPECTED_METRICS_SCHEMA
    assert s.metadata[b"fangtan.decimals"] == b"string"
    for t in tables.TABLES:
        schema = tables.arrow_schema(t)
        assert not any(pa.types.is_floating(f.type) for f in schema)
        full = tables.to_arrow(parsed_corpus, t)
        empty = tables.to_arrow(empty_parsed, t)
        assert full.schema.equals(schema) and empty.schema.equals(schema)
    assert tables.to_arrow(empty_parsed, "metrics").num_rows == 0
    assert tables.to_arrow(parsed_corpus, "metrics").num_rows == sum(len(p.doc.metrics) for p in parsed_corpus)


def test_pandas_frames(parsed_corpus, empty_parsed):
    pytest.importorskip("pandas")
    df = tables.metrics_frame(parsed_corpus)
    assert list(df.columns) == [n for n, _ in tables.COLUMNS["metrics"]]
    assert len(df) == len(fangtan.to_records(parsed_corpus))
    assert str(df["metric_index"].dtype) == "Int64" and str(df["value"].dtype).startswith("string")
    for fn in (tables.metrics_frame, tables.enumerations_frame, tables.counted_lists_frame, tables.turns_frame,
               tables.gaps_frame, tables.errors_frame):
        e = fn(empty_parsed)
        assert len(e) == 0 and list(e.columns) == [n for n, _ in tables.COLUMNS[fn.__name__[:-6]]]
    assert len(tables.documents_frame(empty_parsed)) == 1


def test_polars_frames(parsed_corpus, empty_parsed):
    pl = pytest.importorskip("polars")
    df = tables.metrics_frame(parsed_corpus, backend="polars")
    assert df.columns == [n for n, _ in tables.COLUMNS["metrics"]]
    assert df.schema["value"] == pl.Utf8 and df.schema["span_start"] == pl.Int64
    assert df.height == len(fangtan.to_records(parsed_corpus))
    assert tables.metrics_frame(empty_parsed, backend="polars").height == 0
    assert tables.counted_lists_frame(parsed_corpus, backend="polars").schema["is_tasks"] == pl.Boolean


def test_parquet_round_trip(tmp_path, parsed_corpus, empty_parsed):
    pq = pytest.importorskip("pyarrow.parquet")
    written = tables.write_parquet(parsed_corpus, tmp_path / "pq")
    assert sorted(p.name for p in written) == sorted(f"{t}.parquet" for t in tables.TABLES)
    back = pq.read_table(tmp_path / "pq" / "metrics.parquet")
    assert back.schema.equals(tables.arrow_schema("metrics"))
    assert back.to_pylist() == fangtan.to_records(parsed_corpus)
    tables.write_parquet(empty_parsed, tmp_path / "empty")
    assert pq.read_table(tmp_path / "empty" / "metrics.parquet").num_rows == 0
    assert not list((tmp_path / "pq").glob(".*tmp"))


def test_csv_round_trip(tmp_path, parsed_corpus, empty_parsed):
    tables.write_csv(parsed_corpus, tmp_path / "csv")
    with open(tmp_path / "csv" / "metrics.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    want = fangtan.to_records(parsed_corpus)
    assert len(rows) == len(want)
    for r, w in zip(rows, want):
        assert r == {k: "" if v is None else str(v) for k, v in w.items()}
    tables.write_csv(empty_parsed, tmp_path / "empty", tables=["metrics"])
    assert (tmp_path / "empty" / "metrics.csv").read_text(encoding="utf-8").splitlines() == [
        ",".join(n for n, _ in tables.COLUMNS["metrics"])]


def test_lone_surrogates_become_replacement_characters_in_files(tmp_path):
    text = "产值\ud8004.8亿元。"
    parsed = fangtan.parse_many([text], ids=["s"])
    rec = fangtan.to_records(parsed)
    tables.write_csv(parsed, tmp_path, tables=["metrics", "documents"])
    with open(tmp_path / "metrics.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == len(rec)
    for r, w in zip(rows, rec):
        assert r["evidence"] == w["evidence"].replace("\ud800", "\ufffd")
        assert len(r["evidence"]) == int(r["span_end"]) - int(r["span_start"])
    pytest.importorskip("pyarrow")
    t = tables.to_arrow(parsed, "metrics")
    assert t.num_rows == len(rec)
    pytest.importorskip("pandas")
    assert len(tables.metrics_frame(parsed)) == len(rec)
