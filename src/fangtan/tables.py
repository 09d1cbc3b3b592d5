"""Tidy tables from parsed documents: one row per metric, enumeration item, list item, turn, gap.

The tables and their columns are fixed and documented in ``docs/data.md``; :data:`COLUMNS` holds them.
Rows are plain dicts (:func:`to_records`), or pandas / polars DataFrames, or pyarrow Tables with a
fixed schema (:func:`arrow_schema`), or Parquet / CSV files. pandas, polars and pyarrow are optional
and imported only when a function needs them.

Decimal numbers (``value``, ``base_value``, ``growth_rate``…) are written as **strings** in plain
positional notation (``"4.8"``, ``"480000000"``), never as floats: the exact number as read survives
every format. Convert when you need arithmetic (``pd.to_numeric``, ``decimal.Decimal``,
``pyarrow.compute.cast(col, pa.decimal128(38, 6))``).

Documents need an id and, for the ``evidence`` column, their original text. Pass the results of
:func:`fangtan.batch.parse_many` / :func:`parse_folder` (which keep both), ``(id, text, Document)``
triples, ``(id, Document)`` pairs, or Documents with ``ids=`` and ``texts=``.

>>> import fangtan
>>> text = "全镇规模以上工业总产值完成4.8亿元，同比增长40%。"
>>> rows = to_records([("seed", text, fangtan.parse(text))])
>>> r = rows[0]
>>> r["doc_id"], r["name"], r["value"], r["unit"], r["base_value"], r["growth_direction"], r["growth_rate"]
('seed', '规模以上工业总产值', '4.8', '亿元', '480000000', 'up', '40')
>>> r["evidence"] == text[r["span_start"]:r["span_end"]]
True
>>> to_records([("empty", "没有数字。", fangtan.parse("没有数字。"))])
[]
"""
from __future__ import annotations

import csv
import os
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from .batch import Parsed, parse_folder, parse_many
from .models import SCHEMA_VERSION, Document

__all__ = [
    "COLUMNS", "TABLES", "to_records", "all_records", "arrow_schema", "spark_ddl", "to_arrow", "frame", "metrics_frame",
    "enumerations_frame", "counted_lists_frame", "turns_frame", "gaps_frame", "documents_frame", "errors_frame",
    "write_parquet", "write_csv", "parse_many", "parse_folder", "Parsed",
]

# Column kinds: "str" (UTF-8 string, decimals included), "int" (int64), "bool". Every column is nullable.
_IDS = [("doc_id", "str")]
_SPAN = [("span_start", "int"), ("span_end", "int"), ("evidence", "str")]
COLUMNS: dict[str, list[tuple[str, str]]] = {
    "documents": _IDS + [
        ("source_file", "str"), ("title", "str"), ("subtitle", "str"), ("source", "str"), ("url", "str"),
        ("date", "str"), ("place", "str"), ("kind", "str"), ("speakers", "str"), ("length", "int"),
        ("n_metrics", "int"), ("n_enumerations", "int"), ("n_counted_lists", "int"), ("n_turns", "int"),
        ("n_gaps", "int"), ("n_warnings", "int"), ("warnings", "str"), ("fangtan_version", "str"),
        ("schema_version", "str"),
    ],
    "metrics": _IDS + [
        ("metric_index", "int"), ("name", "str"), ("key", "str"), ("scope", "str"), ("period", "str"),
        ("status", "str"), ("speaker", "str"), ("verb", "str"), ("value", "str"), ("value_max", "str"),
        ("unit", "str"), ("base_value", "str"), ("base_unit", "str"), ("approx", "str"),
        ("growth_direction", "str"), ("growth_rate", "str"), ("growth_unit", "str"), ("growth_basis", "str"),
        ("growth_approx", "str"), ("missing", "str"), ("rule", "str"),
    ] + _SPAN,
    "enumerations": _IDS + [
        ("enumeration_index", "int"), ("style", "str"), ("enumeration_start", "int"), ("enumeration_end", "int"),
        ("item_index", "int"), ("ordinal", "int"), ("marker", "str"), ("heading", "str"), ("text", "str"),
    ] + _SPAN,
    "counted_lists": _IDS + [
        ("list_index", "int"), ("count", "int"), ("label", "str"), ("phrase", "str"), ("is_tasks", "bool"),
        ("is_key_tasks", "bool"), ("n_items", "int"), ("list_start", "int"), ("list_end", "int"),
        ("item_index", "int"), ("item_text", "str"),
    ] + _SPAN,
    "turns": _IDS + [
        ("turn_index", "int"), ("question", "str"), ("asker", "str"), ("speakers", "str"), ("n_answers", "int"),
        ("n_measures", "int"), ("measures", "str"), ("topics", "str"), ("answer", "str"),
        ("question_start", "int"), ("question_end", "int"),
    ] + _SPAN,
    "gaps": _IDS + [
        ("gap_index", "int"), ("kind", "str"), ("context", "str"), ("inferred_value", "int"),
        ("inferred_from_start", "int"), ("inferred_from_end", "int"),
    ] + _SPAN,
    "errors": _IDS + [("source_file", "str"), ("error_type", "str"), ("message", "str")],
}
TABLES = tuple(COLUMNS)

#: separator of list-valued cells (speakers, topics, measures, missing, warnings)
SEP = "|"


# --- normalising the input ----------------------------------------------------------------------

def _items(docs: Any, ids: Iterable[str] | None = None, texts: Iterable[str | None] | None = None) -> Iterator[Parsed]:
    if isinstance(docs, (Document, Parsed)):
        docs = [docs]
    id_list = list(ids) if ids is not None else None
    text_list = list(texts) if texts is not None else None
    for n, x in enumerate(docs):
        given_id = str(id_list[n]) if id_list is not None else None
        given_text = text_list[n] if text_list is not None else None
        if isinstance(x, Parsed):
            yield x
        elif isinstance(x, Document):
            yield Parsed(id=given_id or str(n), text=given_text, doc=x)
        elif isinstance(x, tuple) and len(x) == 2 and isinstance(x[1], Document):
            yield Parsed(id=str(x[0]), text=given_text, doc=x[1])
        elif isinstance(x, tuple) and len(x) == 3 and isinstance(x[2], Document):
            yield Parsed(id=str(x[0]), text=x[1], doc=x[2])
        else:
            raise TypeError(f"item {n}: expected a Parsed, a Document, an (id, Document) pair or an "
                            f"(id, text, Document) triple, not {type(x).__name__}")


def _dec(d: Decimal | None) -> str | None:
    if d is None:
        return None
    s = format(d, "f")
    return "0" if s in ("-0", "0E-0") else s


def _ev(text: str | None, span: Any) -> str | None:
    if text is None or span is None:
        return None
    return text[span.start:span.end]


def _span(text: str | None, span: Any) -> dict[str, Any]:
    if span is None:
        return {"span_start": None, "span_end": None, "evidence": None}
    return {"span_start": span.start, "span_end": span.end, "evidence": _ev(text, span)}


def _join(xs: Iterable[str]) -> str | None:
    xs = list(xs)
    return SEP.join(xs) if xs else None


# --- rows per table -----------------------------------------------------------------------------

def _documents(p: Parsed) -> Iterator[dict]:
    d = p.doc
    yield {
        "doc_id": p.id, "source_file": p.source, "title": d.title, "subtitle": d.subtitle, "source": d.source,
        "url": d.url, "date": d.date, "place": d.place, "kind": d.kind, "speakers": _join(d.speakers),
        "length": d.length, "n_metrics": len(d.metrics), "n_enumerations": len(d.enumerations),
        "n_counted_lists": len(d.counted_lists), "n_turns": len(d.turns), "n_gaps": len(d.gaps),
        "n_warnings": len(d.warnings), "warnings": _join(w.code for w in d.warnings),
        "fangtan_version": d.fangtan_version, "schema_version": d.schema_version,
    }


def _metrics(p: Parsed) -> Iterator[dict]:
    for i, m in enumerate(p.doc.metrics):
        g = m.growth
        yield {
            "doc_id": p.id, "metric_index": i, "name": m.name, "key": m.key, "scope": m.scope, "period": m.period,
            "status": m.status, "speaker": m.speaker, "verb": m.verb, "value": _dec(m.value),
            "value_max": _dec(m.value_max), "unit": m.unit, "base_value": _dec(m.base_value),
            "base_unit": m.base_unit, "approx": m.approx,
            "growth_direction": g.direction.value if g else None, "growth_rate": _dec(g.rate) if g else None,
            "growth_unit": g.unit if g else None, "growth_basis": g.basis if g else None,
            "growth_approx": g.approx if g else None, "missing": _join(m.missing), "rule": m.rule,
            **_span(p.text, m.span),
        }


def _enumerations(p: Parsed) -> Iterator[dict]:
    for i, e in enumerate(p.doc.enumerations):
        for j, it in enumerate(e.items):
            yield {
                "doc_id": p.id, "enumeration_index": i, "style": e.style, "enumeration_start": e.span.start,
                "enumeration_end": e.span.end, "item_index": j, "ordinal": it.ordinal, "marker": it.marker,
                "heading": it.heading, "text": it.text, **_span(p.text, it.span),
            }


def _counted_lists(p: Parsed) -> Iterator[dict]:
    d = p.doc
    for i, c in enumerate(d.counted_lists):
        base = {
            "doc_id": p.id, "list_index": i, "count": c.count, "label": c.label, "phrase": c.phrase,
            "is_tasks": c.is_tasks, "is_key_tasks": d.key_tasks is not None and d.key_tasks == c,
            "n_items": len(c.items), "list_start": c.span.start, "list_end": c.span.end,
        }
        if not c.items:
            yield {**base, "item_index": None, "item_text": None, **_span(p.text, c.span)}
        for j, it in enumerate(c.items):
            yield {**base, "item_index": j, "item_text": it.text, **_span(p.text, it.span)}


def _turns(p: Parsed) -> Iterator[dict]:
    for i, t in enumerate(p.doc.turns):
        yield {
            "doc_id": p.id, "turn_index": i, "question": t.question, "asker": t.asker, "speakers": _join(t.speakers),
            "n_answers": len(t.answers), "n_measures": len(t.measures), "measures": _join(m.heading for m in t.measures),
            "topics": _join(x.label for x in t.topics), "answer": "\n".join(a.text for a in t.answers) or None,
            "question_start": t.question_span.start, "question_end": t.question_span.end, **_span(p.text, t.span),
        }


def _gaps(p: Parsed) -> Iterator[dict]:
    for i, g in enumerate(p.doc.gaps):
        f = g.inferred_from
        yield {
            "doc_id": p.id, "gap_index": i, "kind": g.kind, "context": g.context, "inferred_value": g.inferred_value,
            "inferred_from_start": f.start if f else None, "inferred_from_end": f.end if f else None,
            **_span(p.text, g.span),
        }


_ROWS = {"documents": _documents, "metrics": _metrics, "enumerations": _enumerations,
         "counted_lists": _counted_lists, "turns": _turns, "gaps": _gaps}


def _check(table: str) -> None:
    if table not in COLUMNS:
        raise ValueError(f"unknown table {table!r}; the tables are: {', '.join(TABLES)}")


def to_records(docs: Any, table: str = "metrics", *, ids: Iterable[str] | None = None,
               texts: Iterable[str | None] | None = None) -> list[dict[str, Any]]:
    """The rows of one table as dicts with the columns of :data:`COLUMNS` ``[table]``, in document order.

    ``table`` is one of ``documents``, ``metrics``, ``enumerations``, ``counted_lists``, ``turns``,
    ``gaps``, ``errors``. Failed inputs (a :class:`Parsed` that is not ``ok``) appear only in
    ``errors``. ``evidence`` is ``None`` when the text is not known.
    """
    _check(table)
    out: list[dict[str, Any]] = []
    for p in _items(docs, ids, texts):
        if table == "errors":
            if not p.ok:
                out.append({"doc_id": p.id, "source_file": p.source, "error_type": p.error_type, "message": p.error})
        elif p.ok:
            out.extend(_ROWS[table](p))
    return out


def all_records(docs: Any, *, ids: Iterable[str] | None = None,
                texts: Iterable[str | None] | None = None) -> dict[str, list[dict[str, Any]]]:
    """Every table at once: ``{table: rows}``."""
    items = list(_items(docs, ids, texts))
    return {t: to_records(items, t) for t in TABLES}


# --- DataFrames and Arrow -----------------------------------------------------------------------

def _need(module: str, extra: str):
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise ImportError(f"this needs {module}: pip install 'fangtan[{extra}]'") from None


def arrow_schema(table: str = "metrics"):
    """The fixed pyarrow schema of a table: ``string`` / ``int64`` / ``bool`` columns, all nullable.

    The schema metadata records ``fangtan.table``, ``fangtan.schema_version`` and
    ``fangtan.decimals = "string"``.
    """
    _check(table)
    pa = _need("pyarrow", "tables")
    types = {"str": pa.string(), "int": pa.int64(), "bool": pa.bool_()}
    meta = {"fangtan.table": table, "fangtan.schema_version": SCHEMA_VERSION, "fangtan.decimals": "string"}
    return pa.schema([pa.field(n, types[k], nullable=True) for n, k in COLUMNS[table]], metadata=meta)


def spark_ddl(table: str = "metrics") -> str:
    """The table's schema as a Spark DDL string (``"doc_id string, metric_index bigint, …"``), for
    ``mapInPandas(..., schema=spark_ddl("metrics"))``. Needs nothing installed.

    >>> spark_ddl("errors")
    'doc_id string, source_file string, error_type string, message string'
    """
    _check(table)
    types = {"str": "string", "int": "bigint", "bool": "boolean"}
    return ", ".join(f"{n} {types[k]}" for n, k in COLUMNS[table])


_SURROGATE = re.compile("[\ud800-\udfff]")


def _utf8_safe(rows: list[dict]) -> list[dict]:
    """Lone surrogates (kept by ``parse`` so that offsets stay true) are not valid UTF-8: in Arrow,
    Parquet, DataFrames and CSV each becomes U+FFFD, one code point for one, so offsets still hold."""
    out = []
    for r in rows:
        if any(isinstance(v, str) and _SURROGATE.search(v) for v in r.values()):
            r = {k: _SURROGATE.sub("\ufffd", v) if isinstance(v, str) else v for k, v in r.items()}
        out.append(r)
    return out


def _rows(docs: Any, table: str) -> list[dict]:
    if isinstance(docs, list) and (not docs or isinstance(docs[0], dict)):
        return _utf8_safe(docs)  # already records
    return _utf8_safe(to_records(docs, table))


def to_arrow(docs: Any, table: str = "metrics"):
    """A :class:`pyarrow.Table` with the schema :func:`arrow_schema` ``(table)``. Accepts documents or records."""
    pa = _need("pyarrow", "tables")
    schema = arrow_schema(table)
    rows = _rows(docs, table)
    return pa.Table.from_pydict({n: [r.get(n) for r in rows] for n, _ in COLUMNS[table]}, schema=schema)


def frame(docs: Any, table: str = "metrics", backend: str = "pandas"):
    """A DataFrame of one table. ``backend``: ``"pandas"`` (string / Int64 / boolean dtypes) or ``"polars"``."""
    _check(table)
    rows = _rows(docs, table)
    cols = COLUMNS[table]
    if backend == "pandas":
        pd = _need("pandas", "tables")
        dtypes = {"str": "string", "int": "Int64", "bool": "boolean"}
        data = {n: pd.array([r.get(n) for r in rows], dtype=dtypes[k]) for n, k in cols}
        return pd.DataFrame(data, columns=[n for n, _ in cols])
    if backend == "polars":
        pl = _need("polars", "polars")
        types = {"str": pl.Utf8, "int": pl.Int64, "bool": pl.Boolean}
        return pl.DataFrame({n: [r.get(n) for r in rows] for n, _ in cols},
                            schema={n: types[k] for n, k in cols})
    raise ValueError(f"unknown backend {backend!r}: 'pandas' or 'polars'")


def metrics_frame(docs: Any, backend: str = "pandas"):
    """One row per metric (see :func:`frame`)."""
    return frame(docs, "metrics", backend)


def enumerations_frame(docs: Any, backend: str = "pandas"):
    """One row per enumeration item."""
    return frame(docs, "enumerations", backend)


def counted_lists_frame(docs: Any, backend: str = "pandas"):
    """One row per counted-list item; a list with no items is one row with ``item_index`` null."""
    return frame(docs, "counted_lists", backend)


def turns_frame(docs: Any, backend: str = "pandas"):
    """One row per question-and-answer turn."""
    return frame(docs, "turns", backend)


def gaps_frame(docs: Any, backend: str = "pandas"):
    """One row per gap (a number lost from the text)."""
    return frame(docs, "gaps", backend)


def documents_frame(docs: Any, backend: str = "pandas"):
    """One row per document: its fields and counts."""
    return frame(docs, "documents", backend)


def errors_frame(docs: Any, backend: str = "pandas"):
    """One row per input that failed (missing, unreadable, binary)."""
    return frame(docs, "errors", backend)


# --- files --------------------------------------------------------------------------------------

def _atomic_target(path: Path) -> Path:
    import tempfile

    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    return Path(tmp)


def write_parquet(docs: Any, directory: str | os.PathLike, tables: Iterable[str] = TABLES) -> list[Path]:
    """Write ``<table>.parquet`` for each table into ``directory`` (created), each file atomically."""
    pq = _need("pyarrow.parquet", "tables")
    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    items = list(_items(docs))
    out = []
    for t in tables:
        target = d / f"{t}.parquet"
        tmp = _atomic_target(target)
        try:
            pq.write_table(to_arrow(to_records(items, t), t), tmp)
            os.replace(tmp, target)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        out.append(target)
    return out


def write_csv(docs: Any, directory: str | os.PathLike, tables: Iterable[str] = TABLES,
              encoding: str = "utf-8") -> list[Path]:
    """Write ``<table>.csv`` for each table into ``directory`` (created), each file atomically.

    Standard CSV (RFC 4180 quoting, a header row, empty cell for null). No optional package needed.
    Use ``encoding="utf-8-sig"`` for spreadsheet programs that want a BOM.
    """
    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    items = list(_items(docs))
    out = []
    for t in tables:
        target = d / f"{t}.csv"
        tmp = _atomic_target(target)
        try:
            with open(tmp, "w", encoding=encoding, newline="") as fh:
                w = csv.DictWriter(fh, fieldnames=[n for n, _ in COLUMNS[t]])
                w.writeheader()
                w.writerows(_rows(items, t))
            os.replace(tmp, target)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        out.append(target)
    return out
