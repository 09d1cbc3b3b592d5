r"""Coverage-guided fuzz target for ``fangtan.parse`` and ``fangtan.parse_bytes`` (atheris / libFuzzer).

Each input is split by its first byte: even → the rest goes to ``parse_bytes`` (which may only raise
``DecodeError``); odd → the rest becomes a ``str`` (any code point, lone surrogates included) for
``parse``, which must never raise. Every span of the result must lie inside the text, and the
document must serialise with :func:`fangtan.to_json`.

Short run (CI)::

    .venv/bin/python fuzz/fuzz_parse.py -dict=fuzz/fangtan.dict -max_total_time=30 -timeout=10 "$(mktemp -d)" fuzz/seeds

(libFuzzer writes new inputs into the FIRST folder given: keep fuzz/seeds second.)

Long run (``FANGTAN_FUZZ_KEEP_GOING=DIR`` records each distinct failure in DIR and goes on instead of
stopping at the first)::

    mkdir -p /tmp/fz && FANGTAN_FUZZ_KEEP_GOING=/tmp/fz/failures .venv/bin/python fuzz/fuzz_parse.py \
        -dict=fuzz/fangtan.dict -max_total_time=600 -timeout=10 -rss_limit_mb=2048 -max_len=4096 \
        -artifact_prefix=/tmp/fz/ /tmp/fz fuzz/seeds
"""
from __future__ import annotations

import hashlib
import os
import sys
import traceback

import atheris

with atheris.instrument_imports():
    import fangtan
    from fangtan.decode import DecodeError, decode

from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "reliability"))
from rel_invariants import check_document  # noqa: E402


_KEEP_GOING = os.environ.get("FANGTAN_FUZZ_KEEP_GOING")  # a folder: record failures there and go on
_seen: set[str] = set()


def TestOneInput(data: bytes) -> None:
    if not _KEEP_GOING:
        _one(data)
        return
    try:
        _one(data)
    except Exception as e:  # noqa: BLE001 - recorded, one file per distinct failure
        tb = traceback.extract_tb(e.__traceback__)[-1]
        key = f"{type(e).__name__} {tb.filename.rsplit('/', 1)[-1]}:{tb.lineno} {str(e).split(' ')[0][:40]}"
        if key not in _seen:
            _seen.add(key)
            name = hashlib.sha1(data).hexdigest()[:16]
            Path(_KEEP_GOING).mkdir(parents=True, exist_ok=True)
            (Path(_KEEP_GOING) / f"failure-{name}").write_bytes(data)
            print(f"\nFAILURE {name}: {key}\n{type(e).__name__}: {str(e)[:300]}", file=sys.stderr, flush=True)


def _one(data: bytes) -> None:
    if not data:
        return
    mode, rest = data[0], data[1:]
    if mode % 2 == 0:
        try:
            doc = fangtan.parse_bytes(rest)
        except DecodeError:
            return
        text = decode(rest)[0]
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
