"""A local Dask cluster with worker processes gives exactly the single-process records."""
from __future__ import annotations

from pathlib import Path

import pytest

import fangtan
from fangtan import tables


def test_local_cluster_with_worker_processes(corpus_paths):
    pytest.importorskip("dask.bag")
    distributed = pytest.importorskip("distributed")
    pytest.importorskip("pandas")
    from fangtan.distributed import frame, metrics_frame, parse_bag, records_bag

    single = fangtan.parse_many(corpus_paths)
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        assert len(client.scheduler_info()["workers"]) == 2
        bag = parse_bag(corpus_paths, partition_size=4).persist()  # parsed once, on the workers
        assert bag.npartitions == -(-len(corpus_paths) // 4)
        for t in ("metrics", "enumerations", "counted_lists", "gaps", "documents"):
            assert records_bag(bag, t).compute() == fangtan.to_records(single, t), t
        df = metrics_frame(bag).compute().reset_index(drop=True)
        assert df.equals(tables.metrics_frame(single))
        texts = parse_bag([(p.stem, p.read_text(encoding="utf-8")) for p in corpus_paths[:3]])
        assert [p.id for p in texts.compute()] == [p.stem for p in corpus_paths[:3]]
        assert len(frame(bag, "turns").compute()) == len(fangtan.to_records(single, "turns"))


def test_parse_bag_without_a_cluster(seed_path):
    pytest.importorskip("dask.bag")
    from fangtan.distributed import parse_bag, records_bag

    bag = parse_bag([seed_path, Path("/nonexistent.txt")])
    out = bag.compute(scheduler="sync")
    assert [p.ok for p in out] == [True, False]
    assert records_bag(bag, "errors").compute(scheduler="sync")[0]["error_type"] == "FileNotFoundError"
