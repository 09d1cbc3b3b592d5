"""The output models: frozen, no extra fields, empty lists (never None), lossless JSON and pickle, and
spans that index the original text even when it is HTML."""
from __future__ import annotations

import inspect
import json
import pickle
from decimal import Decimal

import pytest
from pydantic import BaseModel, ValidationError

import fangtan
from fangtan import models
from fangtan.models import Document, Span

MODELS = [cls for _, cls in inspect.getmembers(models, inspect.isclass)
          if issubclass(cls, BaseModel) and cls.__module__ == models.__name__ and not cls.__name__.startswith("_")]

HTML = ("<html><head><title>某县经济运行情况</title></head><body>"
        "<p>全县地区生产总值<span>8</span><span>6</span>.<span>4</span>亿元，同比增长<b>5.2</b>%。</p>"
        "<p>一是稳投资。二是促消费。</p>"
        "<p>来源：某县统计局</p></body></html>")


@pytest.mark.parametrize("cls", MODELS, ids=lambda c: c.__name__)
def test_every_model_is_frozen_and_forbids_extra(cls):
    assert cls.model_config.get("frozen") is True
    assert cls.model_config.get("extra") == "forbid"


def test_models_are_covered():
    names = {c.__name__ for c in MODELS}
    assert {"Span", "Metric", "Growth", "Turn", "Enumeration", "EnumItem", "CountedList", "PartyBuilding", "Gap",
            "Document"} <= names


def test_frozen_instances_reject_assignment():
    doc = fangtan.parse("全市地区生产总值256.3亿元，比上年增长6.5%。")
    with pytest.raises(ValidationError):
        doc.title = "changed"
    with pytest.raises(ValidationError):
        doc.metrics[0].value = Decimal(1)
    with pytest.raises(ValidationError):
        doc.metrics[0].span.start = 0


def test_extra_fields_are_rejected():
    with pytest.raises(ValidationError):
        Span(start=0, end=1, length=1)
    with pytest.raises(ValidationError):
        Document.model_validate({"title": "x", "unknown_field": 1})


def test_span_validation():
    assert Span(start=2, end=4).slice("0123456") == "23"
    with pytest.raises(ValidationError):
        Span(start=-1, end=3)


@pytest.mark.parametrize("text", ["", " ", "\n\n", "没有数字的一句话。"])
def test_an_empty_document_has_empty_lists(text):
    doc = fangtan.parse(text)
    for field in ("speakers", "speaker_details", "turns", "metrics", "enumerations", "counted_lists", "gaps"):
        assert getattr(doc, field) == [], field
    assert doc.party_building.approach == [] and doc.party_building.measures == [] and doc.party_building.systems == []
    assert doc.key_tasks is None
    assert doc.length == len(text)
    data = doc.model_dump(mode="json")
    assert all(data[f] == [] for f in ("metrics", "enumerations", "counted_lists", "turns", "gaps", "speakers"))


def test_document_defaults():
    doc = Document()
    assert doc.metrics == [] and doc.turns == [] and doc.title is None and doc.schema_version


@pytest.mark.parametrize("text", [
    "全市地区生产总值256.3亿元，比上年增长6.5%。",
    "问：今年有何打算？王五：一是抓项目。二是惠民生。",
    HTML,
])
def test_json_round_trip_is_lossless(text):
    doc = fangtan.parse(text)
    again = Document.model_validate_json(doc.model_dump_json())
    assert again == doc
    assert json.loads(doc.model_dump_json()) == doc.model_dump(mode="json")


def test_decimal_values_survive_json_exactly():
    doc = fangtan.parse("全市地区生产总值256.30亿元，比上年增长0.1%。")
    again = Document.model_validate_json(doc.model_dump_json())
    m = again.metrics[0]
    assert isinstance(m.value, Decimal) and m.value == Decimal("256.30")
    assert m.growth.rate == Decimal("0.1")


def test_pickle_round_trip():
    doc = fangtan.parse(HTML)
    assert pickle.loads(pickle.dumps(doc)) == doc
    assert pickle.loads(pickle.dumps(doc.metrics[0])) == doc.metrics[0]


def test_spans_slice_the_original_html():
    doc = fangtan.parse(HTML)
    assert doc.title == "某县经济运行情况"
    assert doc.source == "某县统计局"
    assert doc.source_span.slice(HTML) == "某县统计局"
    [m] = doc.metrics
    assert (m.name, m.value, m.unit) == ("地区生产总值", Decimal("86.4"), "亿元")
    assert (m.growth.direction.value, m.growth.rate, m.growth.unit) == ("up", Decimal("5.2"), "%")
    assert m.name_span.slice(HTML) == "地区生产总值"
    assert m.value_span.slice(HTML).endswith("8</span><span>6</span>.<span>4</span>亿元")
    assert m.span.slice(HTML).startswith("地区生产总值<span>8")
    assert m.growth.span.slice(HTML) == "同比增长<b>5.2</b>%"
    [e] = doc.enumerations
    assert [i.heading for i in e.items] == ["稳投资", "促消费"]
    assert e.span.slice(HTML).startswith("一是稳投资")
    for item in e.items:
        assert item.span.slice(HTML).startswith(item.marker + item.heading)


def test_spans_index_code_points_not_bytes():
    text = "😀𠀀。全市地区生产总值256.3亿元。"  # two astral characters (one UTF-16 pair each) before it
    [m] = fangtan.parse(text).metrics
    assert m.name_span.slice(text) == "地区生产总值"
    assert m.span.slice(text) == "地区生产总值256.3亿元"


def test_crlf_offsets_index_the_raw_text():
    text = "某县新闻\r\n全县粮食产量达到52.6万吨，下降1.3%。\r\n来源：某县统计局\r\n"
    doc = fangtan.parse(text)
    [m] = doc.metrics
    assert m.span.slice(text) == "粮食产量达到52.6万吨，下降1.3%"
    assert doc.source_span.slice(text) == "某县统计局"


def test_parse_rejects_bytes():
    with pytest.raises(TypeError):
        fangtan.parse(b"\xe5\x85\xa8")  # type: ignore[arg-type]


def test_every_rule_the_metrics_extractor_writes_is_a_metric_rule():
    """Metric.rule is a Literal: a rule string written anywhere in the extractor must be one of them
    (the trusted builders do not validate, so a new rule name must be added to MetricRule)."""
    import ast
    import inspect
    from typing import get_args

    from fangtan.extract import metrics
    from fangtan.models import MetricRule

    tree = ast.parse(inspect.getsource(metrics))
    found: set[str] = set()

    def strings(node):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.value
        elif isinstance(node, ast.IfExp):
            yield from strings(node.body)
            yield from strings(node.orelse)

    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "_M" and len(node.args) > 5:
            found.update(strings(node.args[5]))
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "rule" for t in node.targets):
            found.update(strings(node.value))
    assert len(found) >= 10  # the walk sees the extractor's rules
    assert found <= set(get_args(MetricRule)), found - set(get_args(MetricRule))
