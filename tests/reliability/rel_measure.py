"""Run in a fresh interpreter: parse a file, print JSON with its size, time and peak memory.

    python rel_measure.py FILE  ->  {"chars": ..., "seconds": ..., "rss_base_mb": ..., "rss_peak_mb": ...}

Memory is the process's peak resident set (VmHWM; ``ru_maxrss`` elsewhere) after parsing, against the same figure
after importing fangtan and parsing a tiny document (the baseline).
"""
from __future__ import annotations

import gc
import json
import resource
import sys
import time


def _rss_mb() -> float:
    """Peak resident set of this process image in MB: VmHWM (Linux), else ru_maxrss (which survives exec)."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    r = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return r / 1024 / (1024 if sys.platform == "darwin" else 1)


def main(path: str) -> None:
    import fangtan

    fangtan.parse("产值4.8亿元，同比增长5%。")
    gc.collect()
    base = _rss_mb()
    t0 = time.perf_counter()
    doc = fangtan.parse_file(path)
    dt = time.perf_counter() - t0
    print(json.dumps({"chars": doc.length, "seconds": dt, "rss_base_mb": base, "rss_peak_mb": _rss_mb(),
                      "metrics": len(doc.metrics)}))


if __name__ == "__main__":
    main(sys.argv[1])
