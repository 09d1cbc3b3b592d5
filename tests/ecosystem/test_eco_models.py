"""Serialisation: JSON round trip, pickling, the JSON Schema and the versions outputs carry."""
from __future__ import annotations

import json
import pickle

import fangtan
from fangtan.cli import main
from fangtan.models import SCHEMA_VERSION, Document


def test_json_round_trip_and_pickle(parsed_corpus):
    for p in parsed_corpus:
        doc = p.doc
        assert Document.model_validate_json(doc.model_dump_json()) == doc
        assert Document.model_validate(doc.model_dump(mode="json")) == doc
        assert pickle.loads(pickle.dumps(doc)) == doc
        assert pickle.loads(pickle.dumps(p)) == p


def test_empty_document_round_trips():
    doc = fangtan.parse("")
    assert Document.model_validate_json(doc.model_dump_json()) == doc
    assert pickle.loads(pickle.dumps(doc)) == doc


def test_documents_carry_versions():
    doc = fangtan.parse("全镇规模以上工业总产值完成4.8亿元。")
    assert doc.fangtan_version == fangtan.__version__ and doc.schema_version == SCHEMA_VERSION


def test_schema_command_prints_the_document_schema(capsys, tmp_path):
    assert main(["schema"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out == Document.model_json_schema()
    assert "metrics" in out["properties"] and "schema_version" in out["properties"]
    assert main(["schema", "-o", str(tmp_path / "s.json")]) == 0
    assert json.loads((tmp_path / "s.json").read_text(encoding="utf-8")) == out
