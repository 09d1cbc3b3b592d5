"""The command line.

``fangtan parse PATH...``  parse files, directories (every ``*.txt`` below), globs, ``-`` (stdin) or
a JSONL stream (``--jsonl-in FILE``) and write JSON, JSONL, a table, Parquet or CSV tables.
``fangtan schema``         print the JSON Schema of :class:`fangtan.Document`.
``fangtan show FILE``      write the document's HTML report (see :mod:`fangtan.report`).
``fangtan eval GOLD DOCS`` score the parser against gold annotations (see :mod:`fangtan.evaluate`).

Exit status: 0 when every input was parsed, 1 when any input failed (missing, unreadable, binary:
each gets an error record and the others are still processed), 2 for a usage error, 130 when
interrupted. Outputs given with ``-o``/``--parquet-dir``/``--csv-dir`` are written atomically.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import tempfile
import time
import unicodedata
from pathlib import Path
from typing import IO, Any, Iterator

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


class UsageError(Exception):
    pass


# --- helpers ------------------------------------------------------------------------------------

@contextlib.contextmanager
def atomic_open(path: str | os.PathLike, mode: str = "w", **kw: Any) -> Iterator[IO]:
    """Open a temporary file beside ``path``; on success it replaces ``path``, on any error it is removed.

    An interrupted run therefore never leaves a truncated output file.
    """
    target = Path(path)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, mode, **kw) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def make_progress(total: int, stream: Any = None, enabled: bool | None = None):
    """A progress callback ``(update, close)`` or ``None``: only when ``stream`` (stderr) is a TTY and
    tqdm or rich is installed. ``enabled=False`` turns it off, ``True`` forces it (if installed)."""
    stream = sys.stderr if stream is None else stream
    if enabled is False or (enabled is None and not _isatty(stream)) or total < 2:
        return None
    try:
        from tqdm import tqdm
    except ImportError:
        tqdm = None
    if tqdm is not None:
        bar = tqdm(total=total, file=stream, unit="doc", leave=False, dynamic_ncols=True)
        return (lambda _r: bar.update(1)), bar.close
    try:
        from rich.console import Console
        from rich.progress import Progress
    except ImportError:
        return None
    prog = Progress(console=Console(file=stream), transient=True)
    task = prog.add_task("parsing", total=total)
    prog.start()
    return (lambda _r: prog.advance(task)), prog.stop


def _n(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _cut(s: str | None, n: int) -> str:
    s = (s or "").replace("\n", " ").replace("\r", " ")
    out, w = "", 0
    for c in s:
        cw = 2 if unicodedata.east_asian_width(c) in "WF" else 1
        if w + cw > n:
            return out + "…"
        out, w = out + c, w + cw
    return out


def _metric_cells(r: dict) -> list[str]:
    value = f"{r['approx'] or ''}{r['value'] or ''}{r['unit'] or ''}" if r["value"] or r["unit"] else ""
    growth = ""
    if r["growth_direction"]:
        arrow = {"up": "↑", "down": "↓", "flat": "→"}[r["growth_direction"]]
        growth = f"{r['growth_basis'] or ''}{arrow}{r['growth_rate'] or ''}{r['growth_unit'] or ''}"
    return [r["name"], value, growth, r["period"] or "", r["speaker"] or "", _cut(r["evidence"], 40)]


def _report_table(doc: Any):
    try:
        from .report import rich_table
    except ImportError:
        return None
    try:
        return rich_table(doc)
    except ImportError:
        return None


def write_table(parsed: list, out: IO[str], use_rich: bool | None = None) -> None:
    """A readable table per document (rich when installed, else aligned plain text)."""
    from .tables import to_records

    rich = None
    if use_rich is not False:
        try:
            from rich.console import Console
            from rich.table import Table
            rich = True
        except ImportError:
            rich = None
    heads = ["name", "value", "growth", "period", "speaker", "evidence"]
    for p in parsed:
        if not p.ok:
            continue
        d = p.doc
        title = (f"{p.id}: {d.title or '(no title)'} [{d.kind}] {len(d.metrics)} metrics, "
                 f"{len(d.enumerations)} enumerations, {len(d.counted_lists)} counted lists, "
                 f"{len(d.turns)} turns, {len(d.gaps)} gaps")
        rows = [_metric_cells(r) for r in to_records([p], "metrics")]
        if rich:
            console = Console(file=out, soft_wrap=False, width=None if _isatty(out) else 160)
            renderable = _report_table(d)
            if renderable is not None:  # the report module's view: summary, metrics, key tasks, warnings
                console.print(f"[bold]{p.id}[/bold]", highlight=False)
                console.print(renderable)
                continue
            t = Table(title=title, title_justify="left")
            for h in heads:
                t.add_column(h, overflow="fold")
            for r in rows:
                t.add_row(*r)
            console.print(t)
        else:
            out.write(title + "\n")
            widths = [max([_width(h)] + [_width(r[i]) for r in rows]) for i, h in enumerate(heads)]
            for r in [heads] + rows:
                out.write("  ".join(c + " " * (w - _width(c)) for c, w in zip(r, widths)).rstrip() + "\n")
            out.write("\n")


# --- fangtan parse ------------------------------------------------------------------------------

def _jobs(a: argparse.Namespace) -> list:
    from .batch import Job, jobs_from_jsonl, jobs_from_paths

    jobs: list = []
    if a.jsonl_in:
        if a.jsonl_in == "-":
            jobs.extend(jobs_from_jsonl(sys.stdin, "-"))
        else:
            try:
                with open(a.jsonl_in, encoding="utf-8") as fh:
                    jobs.extend(jobs_from_jsonl(fh, a.jsonl_in))
            except OSError as e:
                jobs.append(Job(id=Path(a.jsonl_in).stem, source=a.jsonl_in, error_type=type(e).__name__,
                                error=e.strerror or str(e)))
    paths = [f for f in a.paths if f != "-"]
    if "-" in a.paths:
        data = sys.stdin.buffer.read()
        from .decode import DecodeError, decode

        try:
            text, _ = decode(data, a.encoding)
            jobs.append(Job(id="stdin", source="-", text=text))
        except DecodeError as e:
            jobs.append(Job(id="stdin", source="-", error_type="DecodeError", error=str(e)))
    jobs.extend(jobs_from_paths(paths, a.glob, recursive=not a.no_recursive))
    return jobs




def _dumps(obj: Any, indent: int | None = None) -> str:
    """JSON with real characters; a lone surrogate (kept by parse, offsets stay true) becomes a
    ``\\udXXX`` escape, which JSON readers turn back into the same code point."""
    from .api import escape_surrogates

    return escape_surrogates(json.dumps(obj, ensure_ascii=False, indent=indent))


def _write_json_stream(results, out: IO[str], fmt: str, single: bool) -> None:
    from .batch import envelope

    if fmt == "jsonl":
        for p in results:
            out.write(_dumps(envelope(p)) + "\n")
        return
    results = list(results)
    if single and len(results) == 1:
        if results[0].ok:
            out.write(_dumps(results[0].doc.model_dump(mode="json"), indent=2) + "\n")
        return
    out.write(_dumps([envelope(p) for p in results], indent=2) + "\n")


def cmd_parse(a: argparse.Namespace) -> int:
    if a.lexicon:
        # the default parser (in this process and in -j workers) reads FANGTAN_LEXICON
        os.environ["FANGTAN_LEXICON"] = os.pathsep.join(str(Path(x).resolve()) for x in a.lexicon)
        from . import api

        api.reset_default()
    from . import batch

    if a.jobs < 0:
        raise UsageError("-j must be 0 (one per CPU) or more")
    if not a.paths and not a.jsonl_in:
        raise UsageError("nothing to parse: give files, directories, globs, '-' or --jsonl-in FILE")
    if a.paths.count("-") + (a.jsonl_in == "-") > 1:
        raise UsageError("stdin can be read only once")
    if a.parquet_dir:
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise UsageError("--parquet-dir needs pyarrow: pip install 'fangtan[tables]'") from None
    jobs = _jobs(a)
    single = len(jobs) == 1 and not a.jsonl_in and not any(os.path.isdir(x) or batch._has_magic(x) for x in a.paths)
    fmt = a.format
    tables_out = bool(a.parquet_dir or a.csv_dir)
    if fmt is None:
        if tables_out and not a.output:
            fmt = "none"
        elif single and not a.output and _isatty(sys.stdout):
            fmt = "table"
        elif single:
            fmt = "json"
        else:
            fmt = "jsonl"

    t0 = time.perf_counter()
    prog = make_progress(len(jobs), sys.stderr, False if a.no_progress or a.quiet else None)
    update, close = prog if prog else (None, None)
    results: list = []  # kept only when tables are written: a JSONL stream does not hold the corpus
    keep = tables_out
    n_chars = n_done = n_ok = n_metrics = 0

    def stream():
        nonlocal n_chars, n_done, n_ok, n_metrics
        try:
            for p in batch.iter_parse(jobs, workers=a.jobs, encoding=a.encoding, on_result=update):
                if not p.ok:
                    print(f"fangtan: error: {p.source or p.id}: {p.error}", file=sys.stderr)
                n_chars += len(p.text or "")
                n_done += 1
                if p.ok:
                    n_ok += 1
                    n_metrics += len(p.doc.metrics)
                if keep:
                    results.append(p)
                yield p
        finally:
            if close:
                close()

    if fmt == "none":
        for _ in stream():
            pass
    else:
        def emit(out: IO[str]) -> None:
            if fmt == "table":
                write_table(list(stream()), out)
            else:
                _write_json_stream(stream(), out, fmt, single)

        if a.output:
            with atomic_open(a.output, "w", encoding="utf-8", errors="backslashreplace") as fh:
                emit(fh)
        else:
            emit(sys.stdout)
            sys.stdout.flush()
    if a.parquet_dir:
        from .tables import write_parquet

        write_parquet(results, a.parquet_dir)
    if a.csv_dir:
        from .tables import write_csv

        write_csv(results, a.csv_dir)

    secs = time.perf_counter() - t0
    failed = n_done - n_ok
    if not a.quiet:
        n_files = sum(1 for j in jobs if j.path is not None or (j.source and j.error_type == "FileNotFoundError"))
        print(f"fangtan: {_n(n_files, 'file')}, {_n(n_ok, 'document')}, {_n(n_metrics, 'metric')}, "
              f"{_n(failed, 'error')} in {secs:.2f} s ({n_done / secs if secs else 0:.1f} docs/s, "
              f"{n_chars / secs / 1000 if secs else 0:.0f} k chars/s)", file=sys.stderr)
    return EXIT_FAILED if failed else EXIT_OK


# --- fangtan schema / eval ----------------------------------------------------------------------

def cmd_schema(a: argparse.Namespace) -> int:
    from .models import Document

    text = json.dumps(Document.model_json_schema(), ensure_ascii=False, indent=2) + "\n"
    if a.output:
        with atomic_open(a.output, "w", encoding="utf-8") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def cmd_eval(a: argparse.Namespace) -> int:
    from .evaluate import evaluate, format_report

    gold = Path(a.gold_dir)
    if not gold.is_dir():
        raise UsageError(f"no such gold directory: {gold}")
    for d in a.docs_dirs:
        if not Path(d).is_dir():
            raise UsageError(f"no such documents directory: {d}")
    report = evaluate(gold, [Path(d) for d in a.docs_dirs], names=a.only or None, timeout=a.timeout)
    if a.json:
        sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=1) + "\n")
    else:
        sys.stdout.write(format_report(report, verbose=a.verbose))
    return EXIT_OK


def cmd_show(a: argparse.Namespace) -> int:
    from .report import main_show

    return main_show(a.path, a.output)


# --- main ---------------------------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    from . import __version__

    ap = argparse.ArgumentParser(prog="fangtan", description="Typed, source-grounded data from Chinese government "
                                 "interviews, press conferences, work reports and news")
    ap.add_argument("--version", action="version", version=f"fangtan {__version__}")
    sub = ap.add_subparsers(dest="cmd", required=True, metavar="COMMAND")

    p = sub.add_parser("parse", help="parse documents", description="Parse files, directories, globs, '-' "
                       "(stdin) or a JSONL stream of {\"id\", \"text\"} objects.")
    p.add_argument("paths", nargs="*", metavar="PATH", help="file, directory, glob or - for stdin")
    p.add_argument("--jsonl-in", metavar="FILE", help='read {"id", "text"} objects, one per line (- for stdin)')
    p.add_argument("-f", "--format", choices=["json", "jsonl", "table", "none"], default=None,
                   help="stdout/-o format (default: table for one file on a terminal, json for one file, "
                        "jsonl for many; none when only --parquet-dir/--csv-dir is given)")
    p.add_argument("-o", "--output", metavar="FILE", help="write there (atomically) instead of stdout")
    p.add_argument("--parquet-dir", metavar="DIR", help="write metrics.parquet, enumerations.parquet, … there")
    p.add_argument("--csv-dir", metavar="DIR", help="write metrics.csv, enumerations.csv, … there")
    p.add_argument("-j", "--jobs", type=int, default=1, metavar="N", help="worker processes (0: one per CPU)")
    p.add_argument("--glob", default="*.txt", metavar="PATTERN", help="files taken from directories (*.txt)")
    p.add_argument("--no-recursive", action="store_true", help="do not descend into subdirectories")
    p.add_argument("--encoding", help="force an encoding (default: detect UTF-8, GB18030, Big5)")
    p.add_argument("--lexicon", action="append", metavar="TOML",
                   help="extra words (indicators, units, furniture lines…) from a TOML file; repeatable")
    p.add_argument("--no-progress", action="store_true", help="no progress bar even on a terminal")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary")
    p.set_defaults(func=cmd_parse)

    s = sub.add_parser("schema", help="print the JSON Schema of a parsed Document")
    s.add_argument("-o", "--output", metavar="FILE")
    s.set_defaults(func=cmd_schema)

    w = sub.add_parser("show", help="write a document's HTML report (highlighted spans)")
    w.add_argument("path", metavar="FILE", help="the document (- for stdin)")
    w.add_argument("-o", "--output", metavar="FILE", help="where (default FILE.html; - for stdout)")
    w.set_defaults(func=cmd_show)

    e = sub.add_parser("eval", help="score the parser against gold annotations")
    e.add_argument("gold_dir", metavar="GOLD_DIR")
    e.add_argument("docs_dirs", nargs="+", metavar="DOCS_DIR", help="where the documents named by the gold files are")
    e.add_argument("--json", action="store_true", help="the full report as JSON")
    e.add_argument("-v", "--verbose", action="store_true", help="every miss, error and spurious find")
    e.add_argument("--only", action="append", metavar="NAME", help="only this gold file (repeatable)")
    e.add_argument("--timeout", type=int, default=60, help="seconds one document may take")
    e.set_defaults(func=cmd_eval)
    return ap


def main(argv: list[str] | None = None) -> int:
    ap = build_parser()
    a = ap.parse_args(argv)
    try:
        return a.func(a)
    except UsageError as e:
        ap.print_usage(sys.stderr)
        print(f"fangtan: error: {e}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("fangtan: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        with contextlib.suppress(Exception):  # the reader went away (| head): quiet exit
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
