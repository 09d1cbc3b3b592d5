"""Parsing many documents: files, folders, globs, JSONL streams, optionally in worker processes.

Every input becomes one :class:`Parsed`: its id, where it came from, the original text (so that
``text[span.start:span.end]`` stays available as evidence) and either the :class:`~fangtan.Document`
or the reason it failed. A failure never stops the other inputs; results come back in input order.

>>> out = parse_many(["全镇规模以上工业总产值完成4.8亿元，同比增长40%。", "没有数字。"], ids=["a", "b"])
>>> [(p.id, p.ok, len(p.doc.metrics)) for p in out]
[('a', True, 1), ('b', True, 0)]
>>> bad = parse_many([Path("/nonexistent/x.txt")])[0]
>>> bad.ok, bad.error_type
(False, 'FileNotFoundError')
"""
from __future__ import annotations

import glob as _glob
import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .models import Document, ParseWarning

__all__ = [
    "Parsed", "Job", "parse_many", "iter_parse", "parse_folder", "expand_paths", "jobs_from_paths",
    "jobs_from_jsonl", "envelope",
]

#: file name patterns a directory is searched for when no pattern is given
DEFAULT_PATTERN = "*.txt"


@dataclass(frozen=True, slots=True)
class Parsed:
    """The outcome for one input: ``doc`` on success, ``error_type``/``error`` on failure."""

    id: str
    source: str | None = None
    text: str | None = None
    doc: Document | None = None
    error_type: str | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.doc is not None


@dataclass(frozen=True, slots=True)
class Job:
    """One unit of work: a file to read (``path``) or a text already in memory."""

    id: str
    source: str | None = None
    path: str | None = None
    text: str | None = None
    error_type: str | None = None  # set when the input is known bad before parsing (bad JSONL line)
    error: str | None = None


# --- turning inputs into jobs -------------------------------------------------------------------

def _has_magic(s: str) -> bool:
    return any(c in s for c in "*?[")


def expand_paths(args: Iterable[str | os.PathLike], pattern: str = DEFAULT_PATTERN,
                 recursive: bool = True) -> list[tuple[str, str | None]]:
    """Files named by ``args`` (files, directories, globs), in a stable order, as ``(path, problem)``.

    A directory gives its files matching ``pattern`` (recursively by default), sorted; a glob gives
    its matches, sorted; a path that does not exist, a glob that matches nothing or a directory
    without a matching file is kept with a problem message so that the caller reports it. Duplicates are dropped.
    """
    out: list[tuple[str, str | None]] = []
    seen: set[str] = set()

    def add(p: str, problem: str | None = None) -> None:
        if problem is None:
            key = os.path.normpath(p)
            if key in seen:
                return
            seen.add(key)
        out.append((p, problem))

    for a in args:
        s = os.fspath(a)
        if os.path.isdir(s):
            base = Path(s)
            it = base.rglob(pattern) if recursive else base.glob(pattern)
            files = [f for f in sorted(it, key=lambda q: q.as_posix()) if f.is_file()]
            if not files:
                add(s, f"no {pattern} file in this directory")
            for f in files:
                add(str(f))
        elif os.path.exists(s) or not _has_magic(s):
            add(s, None if os.path.exists(s) else "no such file or directory")
        else:
            hits = sorted(h for h in _glob.glob(s, recursive=True) if os.path.isfile(h))
            if not hits:
                add(s, "the pattern matches no file")
            for h in hits:
                add(h)
    return out


def _stem_ids(paths: list[str]) -> list[str]:
    """Ids for files: the file name without its extension; the path when that name is taken."""
    ids, seen = [], set()
    for p in paths:
        i = Path(p).stem
        if i in seen:
            i = Path(p).as_posix()
        seen.add(i)
        ids.append(i)
    return ids


def jobs_from_paths(args: Iterable[str | os.PathLike], pattern: str = DEFAULT_PATTERN,
                    recursive: bool = True) -> list[Job]:
    """Jobs for the files named by ``args`` (see :func:`expand_paths`); ids are file stems."""
    found = expand_paths(args, pattern, recursive)
    ids = _stem_ids([p for p, _ in found])
    return [Job(id=i, source=p, path=None if prob else p, error_type="FileNotFoundError" if prob else None,
                error=prob) for i, (p, prob) in zip(ids, found)]


def jobs_from_jsonl(lines: Iterable[str], source: str = "-") -> Iterator[Job]:
    """Jobs from a JSONL stream of ``{"id": ..., "text": ...}`` objects (``source`` is optional).

    A line that is not such an object becomes a failed job named after its line number.
    """
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{source}:{n}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            yield Job(id=f"line{n}", source=where, error_type="JSONDecodeError", error=f"not JSON: {e}")
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            yield Job(id=str(obj.get("id", f"line{n}")) if isinstance(obj, dict) else f"line{n}", source=where,
                      error_type="ValueError", error='expected an object with a string "text"')
            continue
        yield Job(id=str(obj.get("id", f"line{n}")), source=str(obj.get("source") or where), text=obj["text"])


def _jobs_from_inputs(inputs: Iterable[Any], ids: Iterable[str] | None) -> list[Job]:
    items = list(inputs)
    id_list = [str(i) for i in ids] if ids is not None else None
    if id_list is not None and len(id_list) != len(items):
        raise ValueError(f"{len(items)} inputs but {len(id_list)} ids")
    jobs: list[Job] = []
    path_ids = _stem_ids([os.fspath(x) for x in items if isinstance(x, os.PathLike)])
    pi = iter(path_ids)
    for n, x in enumerate(items):
        given = id_list[n] if id_list is not None else None
        if isinstance(x, Job):
            jobs.append(x)
        elif isinstance(x, os.PathLike):
            auto = next(pi)
            jobs.append(Job(id=given or auto, source=os.fspath(x), path=os.fspath(x)))
        elif isinstance(x, str):
            jobs.append(Job(id=given or str(n), text=x))
        elif isinstance(x, tuple) and len(x) == 2 and isinstance(x[1], str):
            jobs.append(Job(id=str(x[0]), text=x[1]))
        else:
            raise TypeError(f"input {n}: expected a str (text), a Path (file) or an (id, text) pair, "
                            f"not {type(x).__name__}")
    return jobs


# --- the work -----------------------------------------------------------------------------------

def run_job(job: Job, encoding: str | None = None) -> Parsed:
    """Parse one job; every failure is returned as a :class:`Parsed` with ``ok`` false."""
    from .api import parse
    from .decode import DecodeError, decode

    if job.error_type:
        return Parsed(id=job.id, source=job.source, error_type=job.error_type, error=job.error)
    used = None
    try:
        if job.path is not None:
            data = Path(job.path).read_bytes()
            text, used = decode(data, encoding)
        else:
            text = job.text or ""
    except DecodeError as e:
        return Parsed(id=job.id, source=job.source, error_type="DecodeError", error=str(e))
    except IsADirectoryError:
        return Parsed(id=job.id, source=job.source, error_type="IsADirectoryError", error="is a directory")
    except FileNotFoundError:
        return Parsed(id=job.id, source=job.source, error_type="FileNotFoundError",
                      error="no such file or directory")
    except PermissionError:
        return Parsed(id=job.id, source=job.source, error_type="PermissionError", error="permission denied")
    except OSError as e:
        return Parsed(id=job.id, source=job.source, error_type=type(e).__name__, error=e.strerror or str(e))
    try:
        doc = parse(text)
    except Exception as e:  # parse never raises on a str, but a worker must never die on one document
        return Parsed(id=job.id, source=job.source, text=text, error_type=type(e).__name__, error=str(e))
    if used is not None:
        w = ParseWarning(code="encoding", message=f"decoded as {used}")
        doc = doc.model_copy(update={"warnings": [w, *doc.warnings]})
    return Parsed(id=job.id, source=job.source, text=text, doc=doc)


def _run_chunk(args: tuple[list[Job], str | None]) -> list[Parsed]:
    jobs, encoding = args
    return [run_job(j, encoding) for j in jobs]


def _chunks(jobs: list[Job], size: int) -> list[list[Job]]:
    return [jobs[i:i + size] for i in range(0, len(jobs), size)]


def iter_parse(jobs: Iterable[Job], *, workers: int = 1, chunksize: int | None = None,
               encoding: str | None = None, on_result: Callable[[Parsed], None] | None = None) -> Iterator[Parsed]:
    """Parse jobs, yielding results in input order.

    ``workers`` > 1 uses a :class:`concurrent.futures.ProcessPoolExecutor`; jobs are sent in chunks
    of ``chunksize`` (by default about four chunks per worker, at most 32 jobs each). ``workers``
    0 means one per CPU. ``on_result`` is called for every result as it is yielded (a progress bar).
    """
    jobs = list(jobs)
    if workers == 0:
        workers = os.cpu_count() or 1
    workers = max(1, min(workers, len(jobs) or 1))
    if workers == 1:
        for j in jobs:
            r = run_job(j, encoding)
            if on_result:
                on_result(r)
            yield r
        return
    size = chunksize or max(1, min(32, -(-len(jobs) // (workers * 4))))
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers) as ex:
        try:
            for chunk in ex.map(_run_chunk, [(c, encoding) for c in _chunks(jobs, size)]):
                for r in chunk:
                    if on_result:
                        on_result(r)
                    yield r
        except BaseException:
            ex.shutdown(wait=False, cancel_futures=True)
            raise


def parse_many(inputs: Iterable[Any], *, ids: Iterable[str] | None = None, workers: int = 1,
               chunksize: int | None = None, encoding: str | None = None) -> list[Parsed]:
    """Parse many documents; a list of :class:`Parsed` in input order.

    Each input is a ``str`` (a text), a :class:`pathlib.Path` (a file, read as bytes and decoded),
    or an ``(id, text)`` pair. ``ids`` names them (by default: the file stem, or the position).
    """
    return list(iter_parse(_jobs_from_inputs(inputs, ids), workers=workers, chunksize=chunksize,
                           encoding=encoding))


def parse_folder(path: str | os.PathLike, pattern: str = DEFAULT_PATTERN, *, recursive: bool = True,
                 workers: int = 1, encoding: str | None = None) -> list[Parsed]:
    """Parse every file matching ``pattern`` under a folder (or the files a glob names), sorted by path."""
    return list(iter_parse(jobs_from_paths([path], pattern, recursive), workers=workers, encoding=encoding))


def envelope(p: Parsed) -> dict[str, Any]:
    """The JSON form of one result, as written to JSONL: id, source, versions, document or error."""
    from . import __version__
    from .models import SCHEMA_VERSION

    out: dict[str, Any] = {"id": p.id, "source": p.source, "fangtan_version": __version__,
                           "schema_version": SCHEMA_VERSION}
    if p.ok:
        out["document"] = p.doc.model_dump(mode="json")
    else:
        out["error"] = {"type": p.error_type, "message": p.error}
    return out
