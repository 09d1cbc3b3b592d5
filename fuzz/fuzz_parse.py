"""Coverage-guided fuzz target for ``fangtan.parse`` and ``fangtan.parse_bytes`` (atheris / libFuzzer).

Each input is split by its first byte: even → the rest goes to ``parse_bytes`` (which may only raise
``DecodeError``); odd → the rest becomes a ``str`` (any code point, lone surrogates included) for
``parse``, which must never raise. Every span of the result must lie inside the text, and the
document must serialise with :func:`fangtan.to_json`.

Short run (CI)::

    .venv/bin/python fuzz/fuzz_parse.py -runs=2000 fuzz/corpus

Long run::

    .venv/bin/python fuzz/fuzz_parse.py -max_total_time=600 -rss_limit_mb=2048 fuzz/corpus
"""
from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    import fangtan
    from fangtan.decode import DecodeError

from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "reliability"))
from invariants import check_document  # noqa: E402


def TestOneInput(data: bytes) -> None:
    if not data:
        return
    mode, rest = data[0], data[1:]
    if mode % 2 == 0:
        try:
            doc = fangtan.parse_bytes(rest)
        except DecodeError:
            return
        text = fangtan.decode.decode(rest)[0]
    else:
        fdp = atheris.FuzzedDataProvider(rest)
        text = fdp.ConsumeUnicode(len(rest)) if mode & 2 else rest.decode("utf-8", "replace")
        doc = fangtan.parse(text)
    check_document(doc, text)
    fangtan.to_json(doc)


def main() -> None:
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
