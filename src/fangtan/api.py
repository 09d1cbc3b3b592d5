"""The public entry points: :func:`parse`, :func:`parse_bytes`, :func:`parse_file` and :class:`Parser`.

>>> doc = parse("访谈\\n问:今年有何打算?王五:一是抓项目。二是惠民生。")
>>> doc.speakers, [i.heading for i in doc.turns[0].measures]
(['王五'], ['抓项目', '惠民生'])
>>> parse(b"bytes")
Traceback (most recent call last):
...
TypeError: fangtan.parse takes a str; for bytes use fangtan.parse_bytes(data), for a file fangtan.parse_file(path)
"""
from __future__ import annotations

import json as _json
import re as _re
import os
from pathlib import Path

from pydantic_core import PydanticSerializationError

from . import assemble as _assemble
from . import clean as _clean
from . import segment as _segment
from .decode import BOM, decode
from .extract import counted_lists, enumerations, gaps, metrics, party_building
from .grammar import Grammar
from .lexicon import Lexicon
from .models import Document, ParseWarning, PartyBuilding
from .models import Span as _Span
from .spans import OffsetMap

__all__ = ["Parser", "parse", "parse_bytes", "parse_file", "to_json"]


class Parser:
    """A parser bound to a lexicon (the shipped one by default). Reusable and thread-safe."""

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon or Lexicon.default()
        self.grammar = Grammar.for_lexicon(self.lexicon)

    def parse(self, text: str) -> Document:
        """Parse one document. Never raises on a ``str``; problems become ``Document.warnings``."""
        if not isinstance(text, str):
            raise TypeError(
                "fangtan.parse takes a str; for bytes use fangtan.parse_bytes(data), for a file fangtan.parse_file(path)"
            )
        from . import __version__

        warnings: list[ParseWarning] = []
        text_ok = _safe_text(text, warnings)
        try:
            c = _clean.clean(text_ok, self.lexicon)
        except Exception as e:  # never seen (fuzzed); if cleaning fails, parse the text as it is
            warnings.append(ParseWarning(code="internal_error", message=f"clean failed: {type(e).__name__}: {e}"))
            c = _clean.Cleaned(text_ok, OffsetMap.build(text_ok, []), text_ok, body_end=len(text_ok))
        seg = _stage("segment", warnings, _segment.Segments, _segment.segment, c, self.grammar)
        stops = seg.stops()
        enums = _stage("enumerations", warnings, list, enumerations.extract, c, 0, None, stops)
        mets = _stage("metrics", warnings, list, metrics.extract, c, self.grammar)
        counted = _stage("counted_lists", warnings, list, counted_lists.extract, c, enums, 0, None, stops)
        party = _stage("party_building", warnings, PartyBuilding, party_building.extract, c, enums, 0, None, counted)
        gap_list = _stage("gaps", warnings, list, gaps.extract, c, self.grammar)
        try:
            return _assemble.assemble(c, seg, mets, enums, counted, party, gap_list, warnings, self.lexicon, __version__)
        except Exception as e:  # the promise is a Document for every str: an empty one that says why
            warnings.append(ParseWarning(code="internal_error", message=f"assemble failed: {type(e).__name__}: {e}"))
            return Document(fangtan_version=__version__, warnings=warnings, length=len(text))


def _stage(name, warnings, empty, fn, *args):
    try:
        return fn(*args)
    except Exception as e:  # a bug in one extractor must not lose the rest of the document
        warnings.append(ParseWarning(code="internal_error", message=f"{name} failed: {type(e).__name__}: {e}"))
        return empty()


def _safe_text(text: str, warnings: list[ParseWarning]) -> str:
    """Lone surrogates cannot be encoded; they are kept (offsets stay true) and reported."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        warnings.append(ParseWarning(code="lone_surrogates", message="the text contains lone surrogate code points; "
                                     "they are kept in place and written as \\udXXX escapes in JSON"))
    if text.startswith(BOM):
        warnings.append(ParseWarning(code="bom", span=_Span(start=0, end=1),
                                     message="the text starts with a byte-order mark (U+FEFF); it is kept at offset 0 "
                                     "so offsets count the characters of the file"))
    if "\x00" in text:
        warnings.append(ParseWarning(code="nul_bytes", message="the text contains NUL characters"))
    return text


_DEFAULT: Parser | None = None


def _default() -> Parser:
    global _DEFAULT
    if _DEFAULT is None:
        lex = Lexicon.default()
        for path in filter(None, os.environ.get("FANGTAN_LEXICON", "").split(os.pathsep)):
            lex = lex.merge_toml(path)  # the user's own words, without editing the package
        _DEFAULT = Parser(lex)
    return _DEFAULT


def reset_default() -> None:
    """Forget the default parser, so the next :func:`parse` reads ``FANGTAN_LEXICON`` again."""
    global _DEFAULT
    _DEFAULT = None


def parse(text: str) -> Document:
    """Parse a document given as text: the shipped lexicon, every extractor."""
    return _default().parse(text)


def parse_bytes(data: bytes, encoding: str | None = None) -> Document:
    """Decode bytes (UTF-8 with or without BOM, GB18030/GBK or Big5, detected) and parse them.

    The encoding used is reported as a warning ``encoding`` on the document. Undecodable or binary
    data raises :class:`fangtan.decode.DecodeError`.
    """
    text, used = decode(data, encoding)
    doc = parse(text)
    w = ParseWarning(code="encoding", message=f"decoded as {used}")
    return doc.model_copy(update={"warnings": [w, *doc.warnings]})


def parse_file(path: str | Path, encoding: str | None = None) -> Document:
    """Read a file as bytes (so ``\\r\\n`` and a BOM stay as on disk) and parse it."""
    return parse_bytes(Path(path).read_bytes(), encoding)


_SURROGATE = _re.compile("[\ud800-\udfff]")


def to_json(doc: Document, indent: int | None = None) -> str:
    """The document as JSON, like ``doc.model_dump_json`` but safe for every ``str`` that parsed.

    pydantic refuses to serialise lone surrogates (U+D800–U+DFFF, e.g. from ``surrogateescape``);
    here each is written as a ``\\udXXX`` escape, which ``json.loads`` reads back to the same code
    point, so spans stay true.

    >>> to_json(parse("产值\\ud8004亿元"))[:20]
    '{"schema_version":"1'
    >>> "\\\\ud800" in to_json(parse("产值\\ud8004亿元"))
    True
    """
    try:
        return doc.model_dump_json(indent=indent)
    except PydanticSerializationError:
        sep = (",", ":") if indent is None else (",", ": ")
        return escape_surrogates(_json.dumps(doc.model_dump(mode="json"), ensure_ascii=False, indent=indent,
                                             separators=sep))


def escape_surrogates(json_text: str) -> str:
    """Write each lone surrogate in JSON text as a ``\\udXXX`` escape (read back to the same code point)."""
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", json_text)
