"""Decoding bytes: UTF-8 (with or without BOM), GB18030/GBK and Big5, detected; binary refused.

Offsets stay true to the file: a BOM is kept as U+FEFF at offset 0 and ``\\r\\n`` is not translated.

>>> decode("产值4.8亿元".encode("gbk"))
('产值4.8亿元', 'gb18030')
>>> decode("產值4.8億元".encode("big5"))
('產值4.8億元', 'big5')
>>> decode("\\ufeff产值".encode("utf-8"))
('\\ufeff产值', 'utf-8-sig')
>>> decode(b"\\x00\\x01\\x02binary\\x00\\x00")
Traceback (most recent call last):
...
fangtan.decode.DecodeError: binary data: 5 NUL or control bytes in the first 11 bytes; fangtan reads text

How GBK and Big5 are told apart: both decodings are tried (strictly) and each is scored per character,
the same way for both: a frequent ideograph (GB2312 level 1 or Big5 level 1, taken from the codecs
themselves) scores 1, one of the ~500 most frequent characters of either script 2 more, an
infrequent ideograph -1, and a character that real Chinese text almost never holds (private use,
kana, Hangul, Bopomofo, box drawing, Cyrillic and Greek, compatibility ideographs, astral planes) -3;
CJK punctuation (，。“”…) scores 1.
A wrong decoding of the other encoding's bytes lands on such characters or on rare ideographs. The
higher score wins, GB18030 on a tie; if even the winner is mostly implausible the data is refused.
"""
from __future__ import annotations

__all__ = ["decode", "DecodeError", "BOM"]

BOM = "\ufeff"

# frequent characters of each script, to choose between two decodings that both succeed
_SIMPLIFIED = set("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处府研族")
_TRADITIONAL = set("的一是在不了有和人這中大為上個國我以要他時來用們生到作地於出就分對成會可主發年動同工也能下過子說產種面而方後多定行學法所民得經十三之進著等部度家電力裡如水化高自二理起小物現實加量都兩體制機當使點從業本去把性好應開它合還因由其些然前外天政四日那社義事平形相全表間樣與關各重新線內數正心反你明看原又麼利比或但質氣第向道命此變條只沒結解問意建月公無系軍很情者最立代想已通並提直題黨程展五果料象員革位入常文總次品式活設及管特件長求老頭基資邊流路級少圖山統接知較將組見計別她手角期根論運農指幾九區強放決西被幹做必戰先回則任取據處府研族")
_TOP = _SIMPLIFIED | _TRADITIONAL
_PUNCT = frozenset("，。、：；？！“”‘’（）《》【】—…·")

# bytes that text files do not hold: C0 controls other than \t \n \v \f \r and ESC
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27))
_SCORE_CHARS = 20000
_utf16_boms = (b"\xff\xfe", b"\xfe\xff")

_frequent: frozenset[str] | None = None


class DecodeError(ValueError):
    """The data is not text in an encoding fangtan can read."""


def _frequent_ideographs() -> frozenset[str]:
    """GB2312 level 1 (3,755) and Big5 level 1 (5,401) characters, read from the codecs on first use."""
    global _frequent
    if _frequent is None:
        out: set[str] = set()
        for lead in range(0xB0, 0xD8):
            for trail in range(0xA1, 0xFF):
                try:
                    out.add(bytes((lead, trail)).decode("gb2312"))
                except UnicodeDecodeError:
                    pass
        for lead in range(0xA4, 0xC7):
            for trail in list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)):
                try:
                    out.add(bytes((lead, trail)).decode("big5"))
                except UnicodeDecodeError:
                    pass
        _frequent = frozenset(out)
    return _frequent


def _implausible(o: int) -> bool:
    return (
        0xE000 <= o <= 0xF8FF  # private use (GBK user-defined areas)
        or 0x3040 <= o <= 0x30FF  # kana
        or 0x3100 <= o <= 0x312F  # Bopomofo
        or 0xAC00 <= o <= 0xD7AF or 0x3130 <= o <= 0x318F  # Hangul
        or 0x2500 <= o <= 0x259F  # box drawing, blocks
        or 0x0370 <= o <= 0x04FF  # Greek, Cyrillic
        or 0xF900 <= o <= 0xFAFF  # compatibility ideographs
        or 0x3400 <= o <= 0x4DBF  # CJK extension A
        or o >= 0x10000  # astral planes (GB18030 four-byte sequences)
        or 0x80 <= o < 0xA0  # C1 controls
    )


def _score(text: str) -> tuple[int, int]:
    """(plausibility score, number of implausible characters) of a decoding."""
    freq = _frequent_ideographs()
    score = bad = 0
    for ch in text[:_SCORE_CHARS]:
        o = ord(ch)
        if o < 0x80:
            continue
        if ch in freq:
            score += 3 if ch in _TOP else 1
        elif ch in _PUNCT:
            score += 1
        elif 0x4E00 <= o <= 0x9FFF:
            score -= 1
        elif _implausible(o):
            score -= 3
            bad += 1
    return score, bad


def _binary_check(data: bytes) -> None:
    n = len(data)
    bad = n - len(data.translate(None, _CONTROL))
    if bad and (b"\x00" in data or bad * 100 > n):
        head = data[:4096]
        hb = len(head) - len(head.translate(None, _CONTROL))
        if data.startswith(_utf16_boms) or _looks_utf16(data):
            raise DecodeError("UTF-16 or UTF-32 data: fangtan reads UTF-8, GB18030/GBK or Big5 bytes; "
                              "decode it yourself and call fangtan.parse(text)")
        where = f"in the first {len(head)} bytes" if hb else f"in {n} bytes"
        raise DecodeError(f"binary data: {hb or bad} NUL or control bytes {where}; fangtan reads text")


def _looks_utf16(data: bytes) -> bool:
    """Text in UTF-16 without a BOM: one of the two byte orders decodes to plausible characters."""
    if len(data) % 2 or len(data) < 4:
        return False
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            t = data[:4096].decode(enc)
        except UnicodeDecodeError:
            continue
        if any(ord(ch) < 32 and ch not in "\t\n\r" for ch in t):
            continue
        score, bad = _score(t)
        if not bad and score >= 0:
            return True
    return False


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """(text, encoding used). ``encoding`` forces one; otherwise UTF-8, GB18030 and Big5 are tried.

    The encoding reported is ``utf-8-sig`` when the data starts with a UTF-8 BOM; the BOM is kept
    as ``"\\ufeff"`` at offset 0 of the text, so every offset counts the characters of the file.
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"decode takes bytes, not {type(data).__name__}; for a str call fangtan.parse(text)")
    data = bytes(data)
    if encoding:
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError) as e:
            raise DecodeError(f"cannot decode as {encoding}: {e}") from None
    _binary_check(data)
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data.decode("utf-8"), "utf-8-sig"  # the BOM stays as U+FEFF so offsets match the file
        except UnicodeDecodeError as e:
            raise DecodeError(f"BOM says UTF-8 but the data is not: {e}") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    cands = []
    for rank, enc in enumerate(("gb18030", "big5")):
        try:
            t = data.decode(enc)
        except UnicodeDecodeError:
            continue
        score, bad = _score(t)
        cands.append((score, -rank, enc, t, bad))
    if not cands:
        raise DecodeError("not UTF-8, GB18030/GBK or Big5 text (no decoding succeeds)")
    score, _, enc, t, bad = max(cands)
    wide = sum(1 for ch in t[:_SCORE_CHARS] if ord(ch) >= 0x80)
    if wide and (bad * 4 > wide or score * 2 < -wide):
        raise DecodeError(f"decodes as {enc} but reads as noise: {bad} of {wide} characters are implausible "
                          "(wrong encoding or binary data)")
    return t, enc
