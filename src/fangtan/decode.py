"""Decoding bytes: UTF-8 (with or without BOM), GB18030/GBK and Big5, detected; binary refused.

Offsets stay true to the file: a BOM is kept as U+FEFF at offset 0 and ``\\r\\n`` is not translated.

>>> decode("产值4.8亿元".encode("gbk"))
('产值4.8亿元', 'gb18030')
>>> decode("產值4.8億元".encode("big5"))
('產值4.8億元', 'big5')
>>> decode(b"\\x00\\x01\\x02binary\\x00\\x00")
Traceback (most recent call last):
...
fangtan.decode.DecodeError: binary data: 3 NUL or control bytes in the first 8 bytes; fangtan reads text
"""
from __future__ import annotations

__all__ = ["decode", "DecodeError"]

# frequent characters of each script, to choose between two decodings that both succeed
_SIMPLIFIED = set("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处府研族")
_TRADITIONAL = set("的一是在不了有和人這中大為上個國我以要他時來用們生到作地於出就分對成會可主發年動同工也能下過子說產種面而方後多定行學法所民得經十三之進著等部度家電力裡如水化高自二理起小物現實加量都兩體制機當使點從業本去把性好應開它合還因由其些然前外天政四日那社義事平形相全表間樣與關各重新線內數正心反你明看原又麼利比或但質氣第向道命此變條只沒結解問意建月公無系軍很情者最立代想已通並提直題黨程展五果料象員革位入常文總次品式活設及管特件長求老頭基資邊流路級少圖山統接知較將組見計別她手角期根論運農指幾九區強放決西被幹做必戰先回則任取據處府研族")


class DecodeError(ValueError):
    """The data is not text in an encoding fangtan can read."""


def _control_count(data: bytes, n: int = 4096) -> int:
    head = data[:n]
    return sum(1 for b in head if b < 9 or 13 < b < 32 and b != 27)


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """(text, encoding used). ``encoding`` forces one; otherwise UTF-8, GB18030 and Big5 are tried."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError("decode takes bytes")
    data = bytes(data)
    if encoding:
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError) as e:
            raise DecodeError(f"cannot decode as {encoding}: {e}") from None
    bad = _control_count(data)
    if bad and bad * 100 > min(len(data), 4096) * 1 or b"\x00" in data[:4096]:
        raise DecodeError(f"binary data: {bad} NUL or control bytes in the first {min(len(data), 4096)} bytes; fangtan reads text")
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
    for enc, common in (("gb18030", _SIMPLIFIED), ("big5", _TRADITIONAL)):
        try:
            t = data.decode(enc)
        except UnicodeDecodeError:
            continue
        score = sum(1 for ch in t[:20000] if ch in common)
        cands.append((score, enc, t))
    if not cands:
        raise DecodeError("not UTF-8, GB18030 or Big5 text")
    score, enc, t = max(cands, key=lambda x: x[0])
    han = sum(1 for ch in t[:20000] if "\u4e00" <= ch <= "\u9fff")
    if han and score * 10 < han:
        raise DecodeError(f"decodes as {enc} but reads as noise (wrong encoding or binary)")
    return t, enc
