"""Parsing on a Dask cluster (optional: ``pip install 'fangtan[dask]'``).

The pattern is the same as for one process: each document becomes a :class:`fangtan.batch.Parsed`
(id, source, original text, Document or error) and the tidy tables of :mod:`fangtan.tables` are
computed partition by partition, so the rows are exactly those of a single-process run.

.. code-block:: python

    from dask.distributed import Client
    from fangtan.distributed import parse_bag, records_bag, metrics_frame

    client = Client()                                   # or a real cluster
    bag = parse_bag(sorted(Path("texts").glob("*.txt")))  # a dask.bag of Parsed, one per document
    rows = records_bag(bag, "metrics").compute()        # list of dicts, as fangtan.to_records
    df = metrics_frame(bag).compute()                   # a pandas DataFrame, same columns and dtypes

This module imports dask only inside its functions, and is named ``distributed`` inside the
``fangtan`` package: ``import distributed`` elsewhere still means the real package (absolute imports).
"""
from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .batch import Job, Parsed, _jobs_from_inputs, run_job

__all__ = ["parse_bag", "records_bag", "frame", "metrics_frame"]


def _need_bag():
    try:
        import dask.bag as db
    except ImportError:
        raise ImportError("this needs dask: pip install 'fangtan[dask]'") from None
    return db


def _parse_partition(jobs: Iterable[Job], encoding: str | None = None) -> list[Parsed]:
    return [run_job(j, encoding) for j in jobs]


def parse_bag(inputs: Iterable[Any], *, ids: Iterable[str] | None = None, npartitions: int | None = None,
              partition_size: int | None = None, encoding: str | None = None):
    """A ``dask.bag`` of :class:`~fangtan.batch.Parsed`, one per input, in input order.

    ``inputs`` are as for :func:`fangtan.parse_many`: ``str`` texts, :class:`pathlib.Path` files
    (read by the workers, so they must see the same file system) or ``(id, text)`` pairs; plain
    strings that name files can be turned into paths with ``map(Path, names)``. Partitions hold
    ``partition_size`` inputs (default: about 16 partitions, at most 64 inputs each).
    """
    db = _need_bag()
    jobs = _jobs_from_inputs([Path(x) if isinstance(x, os.PathLike) else x for x in inputs], ids)
    if npartitions is None and partition_size is None:
        partition_size = max(1, min(64, -(-len(jobs) // 16)))
    bag = db.from_sequence(jobs, npartitions=npartitions, partition_size=partition_size)
    return bag.map_partitions(_parse_partition, encoding)


def _records_partition(parsed: Iterable[Parsed], table: str) -> list[dict]:
    from .tables import to_records

    return to_records(list(parsed), table)


def records_bag(parsed_bag, table: str = "metrics"):
    """A ``dask.bag`` of the rows of one table (dicts, as :func:`fangtan.to_records`)."""
    from .tables import _check

    _check(table)
    return parsed_bag.map_partitions(_records_partition, table)


def _frame_partition(parsed: Iterable[Parsed], table: str):
    from .tables import frame as _frame

    return _frame(_records_partition(parsed, table), table, "pandas")


def frame(parsed_bag, table: str = "metrics"):
    """A ``dask.dataframe`` of one table, built with ``map_partitions`` (pandas partitions with the
    dtypes of :func:`fangtan.tables.frame`). Needs ``dask[dataframe]``."""
    try:
        import dask.dataframe as dd
    except ImportError:
        raise ImportError("this needs dask.dataframe: pip install 'fangtan[dask]'") from None
    from .tables import _check
    from .tables import frame as _frame

    _check(table)
    meta = _frame([], table, "pandas")
    from dask import delayed

    parts = [delayed(_frame_partition)(d, table) for d in parsed_bag.to_delayed()]
    return dd.from_delayed(parts, meta=meta, verify_meta=False)


def metrics_frame(parsed_bag):
    """One row per metric, as a ``dask.dataframe`` (see :func:`frame`)."""
    return frame(parsed_bag, "metrics")
