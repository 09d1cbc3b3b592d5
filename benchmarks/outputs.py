"""What a change does to the output: dump the parse of a fixed set of texts, then compare two dumps.

    .venv/bin/python benchmarks/outputs.py dump /tmp/before.json     # before the change
    .venv/bin/python benchmarks/outputs.py dump /tmp/after.json      # after it
    .venv/bin/python benchmarks/outputs.py diff /tmp/before.json /tmp/after.json

The texts are the seed, every case text in tests/cases, the corpus in ../shared/corpus when it is
beside the clone, cuts of the seed every 97 characters and the seed three times over. ``diff`` prints
how many texts changed and, for each, the metrics, counted lists and enumerations that went (-) or
came (+), and the other fields that changed; its exit status is 1 when anything changed, so a change
that should leave the output alone can be checked with ``diff`` alone.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def texts() -> dict[str, str]:
    """The texts compared, by a stable name (the seed and case texts as the tests name them)."""
    from sample_texts import CORPUS, named_seed_and_case_texts

    out = dict(named_seed_and_case_texts())
    for p in sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []:
        out[f"corpus/{p.name}"] = p.read_text(encoding="utf-8")
    seed = next((text for name, text in out.items() if name.startswith("seeds/")), None)
    if seed is not None:
        for k in range(0, len(seed), 97):
            out[f"seed[{k}:]"] = seed[k:]
        out["seed x3"] = seed * 3
    return out


def dump(path: str) -> int:
    import fangtan

    docs = {name: fangtan.parse(text).model_dump(mode="json") for name, text in texts().items()}
    Path(path).write_text(json.dumps(docs, ensure_ascii=False), encoding="utf-8")
    print(f"{len(docs)} texts parsed into {path}")
    return 0


def _metric(m: dict) -> str:
    growth = m["growth"]
    g = f" {growth['direction']} {growth['rate']}{growth['unit'] or ''}" if growth else ""
    return f"{m['name']} {m['value']}{m['unit'] or ''}{g}"


def _listed(cl: dict) -> str:
    return f"{cl['phrase']} {[i['text'] for i in cl['items']]}"


def _enum(e: dict) -> str:
    return f"{e['style']} {[i['heading'][:12] for i in e['items']]}"


SHOWN = {"metrics": _metric, "counted_lists": _listed, "enumerations": _enum}


def diff(a_path: str, b_path: str) -> int:
    a = json.loads(Path(a_path).read_text(encoding="utf-8"))
    b = json.loads(Path(b_path).read_text(encoding="utf-8"))
    changed = [k for k in a if a[k] != b.get(k)] + [k for k in b if k not in a]
    print(f"{len(changed)} of {len(a)} texts changed")
    for k in changed:
        print(k)
        if k not in a or k not in b:
            print("   only in", b_path if k not in a else a_path)
            continue
        for field in a[k]:
            if a[k][field] == b[k].get(field):
                continue
            show = SHOWN.get(field)
            if show is None:
                print(f"   {field} changed")
                continue
            old = [show(x) for x in a[k][field]]
            new = [show(x) for x in b[k][field]]
            gone, came = [x for x in old if x not in new], [x for x in new if x not in old]
            for x in gone:
                print(f"   - {field}: {x}")
            for x in came:
                print(f"   + {field}: {x}")
            if not gone and not came:
                print(f"   {field}: the same items, with other spans or fields")
    return 1 if changed else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump", help="parse the texts and write their documents as JSON")
    d.add_argument("path")
    c = sub.add_parser("diff", help="compare two dumps; exit 1 if any text's output changed")
    c.add_argument("before")
    c.add_argument("after")
    args = ap.parse_args(argv)
    return dump(args.path) if args.command == "dump" else diff(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
