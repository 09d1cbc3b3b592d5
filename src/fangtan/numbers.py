"""Reading numerals exactly, and converting a value to its base unit.

Arabic digits are read with :class:`~decimal.Decimal` (never a float); Chinese numerals go through
``cn2an`` on the matched span only, with any decimal part read digit by digit.

>>> read_number("4.8")
Decimal('4.8')
>>> read_number("三千五百")
Decimal('3500')
>>> read_number("百分之十二")
Decimal('12')
>>> read_number("2,177.90")
Decimal('2177.90')
>>> read_number("两")
Decimal('2')
>>> read_number("三点五")
Decimal('3.5')
>>> to_base(Decimal("16.4"), "亿元")
(Decimal('1640000000'), '元')
>>> to_base(Decimal("3.2"), "个百分点")
(Decimal('3.2'), '个百分点')
"""
from __future__ import annotations

import contextlib
import io
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from .lexicon import Lexicon

__all__ = ["read_number", "to_base", "split_unit", "CN_DIGITS"]

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def _cn2an(s: str) -> int | None:
    import cn2an  # imported on first use: keeps `import fangtan` fast

    if s[0] in "十百千":
        s = ("" if s[0] == "十" else "一") + s
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            v = cn2an.cn2an(s, "normal")
    except Exception:  # cn2an raises ValueError and others on malformed numerals
        return None
    return int(v) if float(v).is_integer() else None


@lru_cache(maxsize=4096)
def read_number(s: str) -> Decimal | None:
    """The exact value of a numeral as written (Arabic, full-width already folded, or Chinese)."""
    s = s.strip()
    if not s:
        return None
    if s.startswith("百分之"):
        return read_number(s[3:])
    if s[0].isdigit() or s[0] == ".":
        try:
            return Decimal(s.replace(",", ""))
        except InvalidOperation:
            return None
    whole, _, frac = s.partition("点")
    if whole and all(c in CN_DIGITS for c in whole) and len(whole) > 1:
        n: int | None = int("".join(str(CN_DIGITS[c]) for c in whole))  # 二〇二一 style
    else:
        n = _cn2an(whole) if whole else 0
    if n is None:
        return None
    if not frac:
        return Decimal(n)
    if not all(c in CN_DIGITS for c in frac):
        return None
    return Decimal(f"{n}." + "".join(str(CN_DIGITS[c]) for c in frac))


def split_unit(unit: str, lexicon: Lexicon | None = None) -> tuple[Decimal, str | None]:
    """Split a unit as written into (magnitude factor, base unit).

    >>> split_unit("万亿元")
    (Decimal('1000000000000'), '元')
    >>> split_unit("万")
    (Decimal('10000'), None)
    """
    lex = lexicon or Lexicon.default()
    known = _units_read(lex)
    r = known.get(unit)
    if r is None:
        r = _split_unit(unit, lex)
        if len(known) < 4096:  # the units of a lexicon are few; a hostile text cannot grow this without bound
            known[unit] = r
    return r


def _split_unit(unit: str, lex: Lexicon) -> tuple[Decimal, str | None]:
    for mag in _mags(lex):
        if unit.startswith(mag) and not (mag == "千" and unit.startswith(("千瓦", "千米", "千克"))):
            rest = unit[len(mag):]
            return lex.magnitudes[mag], (rest or None)
    return Decimal(1), unit or None


@lru_cache(maxsize=8)
def _units_read(lex: Lexicon) -> dict[str, tuple[Decimal, str | None]]:
    """The units split before, per lexicon (unit as written -> (factor, base unit))."""
    return {}


@lru_cache(maxsize=8)
def _mags(lex: Lexicon) -> tuple[str, ...]:
    return tuple(sorted(lex.magnitudes, key=len, reverse=True))


def to_base(value: Decimal | None, unit: str | None, lexicon: Lexicon | None = None) -> tuple[Decimal | None, str | None]:
    """The value in the unit's base unit, exactly: 4.8 亿元 → 480000000 元."""
    if unit is None:
        return value, unit
    factor, base = split_unit(unit, lexicon)
    if value is None:
        return None, base  # a lost value: unknown, but its base unit is still 元
    v = value * factor
    if v == v.to_integral_value():
        v = v.quantize(Decimal(1))
    return v, base
