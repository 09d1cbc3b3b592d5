"""fangtan's benchmark: one core, one run, every figure against the same regex-scan floor.

    .venv/bin/python benchmarks/bench.py            # everything, including the 50 MB file
    .venv/bin/python benchmarks/bench.py --quick    # skip the 50 MB file
    .venv/bin/python benchmarks/bench.py --json out.json --check   # exit 1 if a target is missed
    .venv/bin/python benchmarks/bench.py --stages   # only the time of each stage (seed and corpus)
    .venv/bin/python benchmarks/bench.py --patterns # only the time of each compiled pattern (seed)

Figures: documents/s and characters/s of ``fangtan.parse`` on the seed and on the corpus
(../shared/corpus when present, else the seed); the time of a bare regex scan of numbers and units
(the floor) on the same texts in the same run, and parse's multiple of it; characters/s on the seed
repeated 1x, 10x, 100x and 1000x in one document; peak memory (ru_maxrss, fresh process) for the
1000x document (2 M characters) and for a 50 MB file; ``import fangtan`` time (fresh process, min of 7).
"""
from __future__ import annotations

import argparse
import contextlib
import gc
import importlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_49881e2bc210889c.txt"
CORPUS = ROOT.parent / "shared" / "corpus"
FLOOR = r"[0-9０-９零〇一二三四五六七八九十百千万亿两.．]+(?:%|亿元|万元|元|个百分点)?"  # as in shared/hooks/before-stop

TARGETS = {
    "seed_docs_per_s": (">=", 2000),
    "seed_floor_multiple": ("<=", 14),
    "corpus_chars_per_s": (">=", 2_000_000),
    "scale_1000x_vs_1x": (">=", 0.8),
    "peak_mb_2m_chars": ("<", 300),
    "import_s": ("<", 0.3),
}


def one_core() -> str:
    """Pin this process (and its children) to one CPU."""
    if hasattr(os, "sched_setaffinity"):
        cpus = sorted(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpus[-1]})
        return f"pinned to CPU {cpus[-1]} of {len(cpus)}"
    return "not pinned (no sched_setaffinity)"


def rate(fn, arg, seconds: float = 0.6, rounds: int = 3) -> float:
    """Calls per second: the best of ``rounds`` timed blocks of at least ``seconds`` each."""
    fn(arg)
    best = 0.0
    for _ in range(rounds):
        n, t0 = 0, time.perf_counter()
        while True:
            fn(arg)
            n += 1
            dt = time.perf_counter() - t0
            if dt >= seconds:
                break
        best = max(best, n / dt)
    return best


def once(fn, arg, repeats: int = 3) -> float:
    """Best wall time of ``repeats`` calls."""
    best = float("inf")
    for _ in range(repeats):
        gc.collect()
        t0 = time.perf_counter()
        fn(arg)
        best = min(best, time.perf_counter() - t0)
    return best


MEASURE = ROOT / "tests" / "reliability" / "rel_measure.py"  # parses a file in a fresh process: time, peak memory


def measure_file(data: bytes) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".txt", delete=False) as f:
        f.write(data)
        path = f.name
    try:
        out = subprocess.run([sys.executable, str(MEASURE), path], capture_output=True, text=True, check=True)
    finally:
        os.unlink(path)
    r = json.loads(out.stdout)
    r["peak_mb"] = r["rss_peak_mb"]
    r["chars_per_s"] = r["chars"] / r["seconds"]
    r["bytes_per_char"] = (r["rss_peak_mb"] - r["rss_base_mb"]) * 1024 * 1024 / r["chars"]
    return r


def import_time(n: int = 7) -> float:
    code = "import time; t = time.perf_counter(); import fangtan; print(time.perf_counter() - t)"
    runs = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
            for _ in range(n)]
    return min(runs)


STAGES = ("clean", "segment", "enumerations", "metrics", "counted_lists", "party_building", "gaps", "assemble")


def staged_parse(p, text: str):
    """``p.parse(text)`` stage by stage, as ``Parser.parse`` runs them: (the Document, seconds per stage).
    tests/test_bench.py checks that the Document is the one ``parse`` gives."""
    import fangtan
    from fangtan import assemble, clean, segment
    from fangtan.extract import counted_lists, enumerations, gaps, metrics, party_building

    lex, g = p.lexicon, p.grammar
    clock = time.perf_counter
    t0 = clock()
    c = clean.clean(text, lex)
    t1 = clock()
    seg = segment.segment(c, g)
    t2 = clock()
    stops = seg.stops()
    enums = enumerations.extract(c, 0, None, stops)
    t3 = clock()
    mets = metrics.extract(c, g)
    t4 = clock()
    counted = counted_lists.extract(c, enums, 0, None, stops)
    t5 = clock()
    party = party_building.extract(c, enums, 0, None, counted)
    t6 = clock()
    gap_list = gaps.extract(c, g)
    t7 = clock()
    doc = assemble.assemble(c, seg, mets, enums, counted, party, gap_list, [], lex, fangtan.__version__)
    t8 = clock()
    return doc, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5, t7 - t6, t8 - t7)


def stage_times(texts: list[str], repeats: int) -> dict[str, float]:
    """Seconds per pass over ``texts`` spent in each stage (best of ``repeats`` passes)."""
    import fangtan

    p = fangtan.Parser()
    best = dict.fromkeys(STAGES, float("inf"))
    for _ in range(repeats):
        spent = dict.fromkeys(STAGES, 0.0)
        for text in texts:
            for k, dt in zip(STAGES, staged_parse(p, text)[1]):
                spent[k] += dt
        for k in STAGES:
            best[k] = min(best[k], spent[k])
    return best


def print_stages(seed: str, corpus: list[str]) -> None:
    a, b = stage_times([seed], 2000), stage_times(corpus, 15)
    sa, sb = sum(a.values()), sum(b.values())
    print(f"{'stage':<16}{'seed (us)':>11}{'share':>7}{'corpus (ms)':>13}{'share':>7}")
    for k in STAGES:
        print(f"{k:<16}{a[k] * 1e6:>11.0f}{a[k] / sa:>7.0%}{b[k] * 1e3:>13.1f}{b[k] / sb:>7.0%}")
    print(f"{'sum':<16}{sa * 1e6:>11.0f}{1:>7.0%}{sb * 1e3:>13.1f}{1:>7.0%}")


# the modules whose compiled patterns ``--patterns`` times (the Grammar's patterns are timed too)
PATTERN_MODULES = ("fangtan.clean", "fangtan.segment", "fangtan.extract.enumerations", "fangtan.extract.metrics",
                   "fangtan.extract.counted_lists", "fangtan.extract.party_building", "fangtan.extract.gaps",
                   "fangtan.assemble", "fangtan.numbers")
_PATTERN_CALLS = frozenset(("finditer", "findall", "search", "match", "fullmatch", "sub", "subn", "split"))


class _TimedPattern:
    """A compiled pattern whose calls add to ``stats[name] = [calls, seconds]`` (a ``finditer`` is run
    out inside the timing, so the scan is counted, not only the creation of its iterator)."""

    def __init__(self, name: str, pattern, stats: dict[str, list[float]]) -> None:
        self._name, self._pattern, self._stats = name, pattern, stats

    def __getattr__(self, attr: str):
        f = getattr(self._pattern, attr)
        if attr not in _PATTERN_CALLS:
            return f
        st = self._stats.setdefault(self._name, [0, 0.0])
        clock = time.perf_counter

        def timed(*args, **kw):
            t0 = clock()
            r = f(*args, **kw)
            if attr == "finditer":
                r = list(r)
            st[1] += clock() - t0
            st[0] += 1
            return iter(r) if attr == "finditer" else r

        return timed


@contextlib.contextmanager
def timed_patterns(p):
    """Within the block, every compiled pattern held by a pipeline module (``PATTERN_MODULES``) or by
    ``p.grammar`` is timed; yields the stats, ``{name: [calls, seconds]}``. Patterns built inside
    functions or kept in other containers are not seen (their time stays with the Python code)."""
    import re

    import regex

    stats: dict[str, list[float]] = {}
    swapped = []
    kinds = (re.Pattern, regex.Pattern)
    for name in PATTERN_MODULES:
        mod = importlib.import_module(name)
        for k, v in list(vars(mod).items()):
            if isinstance(v, kinds):
                swapped.append((mod, k, v))
                setattr(mod, k, _TimedPattern(f"{name.rsplit('.', 1)[-1]}.{k}", v, stats))
    g = p.grammar
    for k, v in list(vars(g).items()):
        if isinstance(v, kinds):
            swapped.append((g, k, v))
            object.__setattr__(g, k, _TimedPattern(f"Grammar.{k}", v, stats))  # the Grammar is frozen
    try:
        yield stats
    finally:
        for obj, k, v in reversed(swapped):
            object.__setattr__(obj, k, v) if obj is g else setattr(obj, k, v)


def pattern_times(text: str, repeats: int) -> tuple[float, dict[str, tuple[float, float]], float]:
    """(seconds per plain parse of ``text``, {pattern: (calls, seconds) per parse}, the timing's own cost
    per call), the patterns timed over ``repeats`` parses."""
    import fangtan
    import regex

    p = fangtan.Parser()
    plain = 1 / rate(p.parse, text)
    with timed_patterns(p) as stats:
        for _ in range(repeats):
            p.parse(text)
    # what timing one call costs by itself: a pattern that fails at once, with and without the timing
    bare = regex.compile("x").match
    timed = _TimedPattern("x", regex.compile("x"), {}).match
    overhead = max(0.0, 1 / rate(lambda _: timed("y"), None) - 1 / rate(lambda _: bare("y"), None))
    return plain, {k: (n / repeats, t / repeats) for k, (n, t) in stats.items()}, overhead


def print_patterns(seed: str) -> None:
    plain, per, overhead = pattern_times(seed, 500)
    rows = sorted(((t - n * overhead, n, k) for k, (n, t) in per.items()), reverse=True)
    total = sum(t for t, _, _ in rows)
    print(f"parse on the seed: {plain * 1e6:.0f} us; in the timed patterns: {total * 1e6:.0f} us ({total / plain:.0%}), "
          f"after {overhead * 1e9:.0f} ns per call for the timing itself")
    print(f"{'pattern':<42}{'calls':>7}{'us':>8}{'share':>7}")
    for t, n, k in rows:
        if t * 1e6 >= 0.5:
            print(f"{k:<42}{n:>7.1f}{t * 1e6:>8.1f}{t / plain:>7.1%}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="skip the 50 MB file")
    ap.add_argument("--big-mb", type=float, default=50, help="size of the large file (default 50 MB)")
    ap.add_argument("--json", help="write the figures to this file")
    ap.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    ap.add_argument("--stages", action="store_true", help="only the time of each stage, on the seed and the corpus")
    ap.add_argument("--patterns", action="store_true", help="only the time spent in each compiled pattern, on the seed")
    a = ap.parse_args(argv)

    import regex

    import fangtan

    pin = one_core()
    floor_re = regex.compile(FLOOR)

    def floor(t: str) -> None:
        for _ in floor_re.finditer(t):
            pass

    seed = SEED.read_text(encoding="utf-8")
    corpus_files = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []
    corpus = [p.read_text(encoding="utf-8") for p in corpus_files] or [seed]
    fig: dict[str, float | str] = {"pinning": pin, "python": sys.version.split()[0]}
    if a.stages:
        print_stages(seed, corpus)
        return 0
    if a.patterns:
        print_patterns(seed)
        return 0

    # the seed
    fig["seed_chars"] = len(seed)
    fig["seed_docs_per_s"] = rate(fangtan.parse, seed)
    fig["seed_chars_per_s"] = fig["seed_docs_per_s"] * len(seed)
    fig["floor_seed_docs_per_s"] = rate(floor, seed)
    fig["seed_floor_multiple"] = fig["floor_seed_docs_per_s"] / fig["seed_docs_per_s"]

    # the corpus, one pass over all its documents per call
    def parse_all(docs: list[str]) -> None:
        for d in docs:
            fangtan.parse(d)

    def floor_all(docs: list[str]) -> None:
        for d in docs:
            floor(d)

    n_chars = sum(map(len, corpus))
    fig["corpus"] = f"{len(corpus)} documents, {n_chars:,} characters" + ("" if corpus_files else " (the seed)")
    passes = rate(parse_all, corpus, seconds=1.0, rounds=2)
    fig["corpus_docs_per_s"] = passes * len(corpus)
    fig["corpus_chars_per_s"] = passes * n_chars
    fig["corpus_floor_multiple"] = rate(floor_all, corpus, seconds=0.5) / passes

    # scaling: the seed repeated in one document
    for k in (1, 10, 100, 1000):
        t = seed * k
        if k <= 10:  # short calls: timed in blocks, like the seed figure
            fig[f"scale_{k}x_chars_per_s"] = len(t) * rate(fangtan.parse, t, seconds=0.4)
        else:
            fig[f"scale_{k}x_chars_per_s"] = len(t) / once(fangtan.parse, t, 3 if k < 1000 else 2)
    fig["scale_1000x_vs_1x"] = fig["scale_1000x_chars_per_s"] / fig["scale_1x_chars_per_s"]

    # memory, in fresh processes
    big = measure_file((seed * 1000).encode("utf-8"))
    fig["peak_mb_2m_chars"] = big["peak_mb"]
    fig["bytes_per_char_2m_chars"] = big["bytes_per_char"]
    if not a.quick:
        k = round(a.big_mb * 1_000_000 / len(seed.encode("utf-8")))
        huge = measure_file((seed * k).encode("utf-8"))
        fig["big_file_mb"] = a.big_mb
        fig["big_file_chars"] = huge["chars"]
        fig["big_file_chars_per_s"] = huge["chars_per_s"]
        fig["big_file_peak_mb"] = huge["peak_mb"]
        fig["big_file_bytes_per_char"] = huge["bytes_per_char"]

    fig["import_s"] = import_time()

    missed = []
    width = max(map(len, fig))
    for k, v in fig.items():
        mark = ""
        if k in TARGETS:
            op, goal = TARGETS[k]
            ok = {">=": v >= goal, "<=": v <= goal, "<": v < goal}[op]  # type: ignore[operator]
            mark = f"   target {op} {goal:,}: {'ok' if ok else 'MISSED'}"
            if not ok:
                missed.append(k)
        val = f"{v:,.3f}" if isinstance(v, float) and v < 100 else (f"{v:,.0f}" if isinstance(v, (int, float)) else v)
        print(f"{k:<{width}}  {val}{mark}")
    if a.json:
        Path(a.json).write_text(json.dumps(fig, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 1 if a.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
