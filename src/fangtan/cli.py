"""The command line: ``fangtan parse FILE|- [--format json|table]``."""
from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="fangtan", description="Typed data from Chinese government texts")
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("parse", help="parse documents")
    p.add_argument("files", nargs="+")
    p.add_argument("--format", choices=["json", "table"], default=None)
    a = ap.parse_args(argv)
    import fangtan

    for f in a.files:
        doc = fangtan.parse(sys.stdin.read()) if f == "-" else fangtan.parse_file(f)
        print(doc.model_dump_json(indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
