"""The grammar: regex patterns built once from a :class:`~fangtan.lexicon.Lexicon`.

Patterns are ``regex.VERBOSE`` with named groups, composed from named pieces; every quantifier over
free text is bounded, so no pattern can backtrack catastrophically. ``Grammar.for_lexicon`` caches
one compiled grammar per lexicon.

>>> g = Grammar.default()
>>> m = g.quantity.search("产值4.8亿元，同比增长40%")
>>> m.group("num"), m.group("unit")
('4.8', '亿元')
>>> m = g.quantity.search("同比增长40%")
>>> m.group("gverb"), m.group("rate"), m.group("gunit")
('增长', '40', '%')
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import regex

from .lexicon import Lexicon

__all__ = ["Grammar"]


def _alt(words: object) -> str:
    """A regex alternation of literal words, longest first."""
    ws = sorted({str(w) for w in words if w}, key=len, reverse=True)  # type: ignore[attr-defined]
    return "(?:" + "|".join(regex.escape(w) for w in ws) + ")"


def any_word(words: object) -> "re.Pattern[str]":
    """A plain ``re`` pattern that finds any of ``words`` in one call, as ``any(w in s for w in words)``
    would: longest first; an empty word is found everywhere; no words, nowhere.

    >>> any_word(["招商", "招商引资"]).search("抓好招商引资").group()
    '招商引资'
    >>> any_word([]).search("x") is None
    True
    """
    ws = sorted({str(w) for w in words}, key=len, reverse=True)  # type: ignore[attr-defined]
    return re.compile("|".join(map(re.escape, ws)) if ws else "(?!)")


class QuantityGroup:
    """The quantity pattern's groups by number. The extractors read a token's groups by number (the
    regex module finds a group by name ~4x slower); _build checks these against the compiled patterns,
    so a change to the pattern that moves a group fails at once."""

    g, basis, dist, gverb, dist2, gh, sign, prate, rate, gunit, gha = range(1, 12)
    c, cverb, cobj, crate, cunit = range(12, 17)
    s, dbasis, double, fbasis, flat = range(17, 22)
    v, vh, pnum, num, num2, yu, unit, vha = range(22, 30)
    lost, lunit = range(30, 32)


def _group_numbers(cls: type) -> dict[str, int]:
    return {k: v for k, v in vars(cls).items() if isinstance(v, int) and not k.startswith("_")}


# --- fixed pieces ------------------------------------------------------------------------------------
ARABIC = r"(?:\d{1,3}(?:,\d{3})++(?![\d,])|\d{1,20}+)(?:\.\d{1,12}+)?"
CN_NUM = r"[零〇一二两三四五六七八九十百千]{1,12}+(?:点[零〇一二三四五六七八九]{1,8}+)?"
CN_CHARS = "零〇一二两三四五六七八九十百千万亿"
PUNCT = "，。；;,！？!?：:、（）()【】《》“”\"'‘’\n"


@dataclass(frozen=True)
class Grammar:
    lexicon: Lexicon
    quantity: regex.Pattern[str]
    quantity_no_rate: regex.Pattern[str]  # quantity without its growth and comparison alternatives
    rate_follows: "re.Pattern[str]"  # where quantity_no_rate would not do: a rate and its unit may follow
    anchor: "re.Pattern[str]"  # where a quantity can start: scan for these, then match there
    unit_first: frozenset[str]  # first characters of units (a Chinese numeral must be followed by one)
    specials: tuple[str, ...]  # doubling and flat words (翻一番, 持平): quantities with no number
    verb_last: frozenset[str]  # last characters of the words that may stand before a rate
    lost_value: regex.Pattern[str]
    lost_year: regex.Pattern[str]
    up_words: frozenset[str]
    down_words: frozenset[str]
    flat_words: frozenset[str]
    count_units: frozenset[str]

    @staticmethod
    def default() -> "Grammar":
        return Grammar.for_lexicon(Lexicon.default())

    @staticmethod
    def for_lexicon(lex: Lexicon) -> "Grammar":
        """The grammar compiled from ``lex`` (cached per lexicon: a lexicon hashes by identity)."""
        return _build(lex)


def _candidates(unit_first: frozenset[str], specials: tuple[str, ...]) -> "re.Pattern[str]":
    """Where a quantity can start, as a plain ``re`` pattern (fast to scan): a Chinese numeral whose
    run of numerals (at most 13) ends before a unit; 百分之; 个百分点; a digit, %, 倍, 成, 万 or 亿; or
    the first character of a special word (翻一番, 持平). Every match is one character. The
    metrics extractor tests each place further; this only spares it the places that cannot pass.

    >>> p = _candidates(frozenset("万个"), ("持平",))
    >>> [m.start() for m in p.finditer("一是三万人，统一持平，3个百分点")]
    [2, 3, 8, 11, 12]
    """
    cn = "".join(sorted(CN_CHARS.replace("万", "").replace("亿", "")))
    uf = "".join(sorted(re.escape(ch) for ch in unit_first))
    alts = [rf"[{cn}](?=[{cn}]{{0,12}}+[{uf}])", "百(?=分之)", "个(?=百分点)", "[0-9%倍成万亿]"]
    firsts = set(cn) | set("百个0123456789%倍成万亿")
    by_first: dict[str, list[str]] = {}
    for w in sorted(set(specials), key=len, reverse=True):
        if w:
            by_first.setdefault(w[0], []).append(w[1:])
    for ch, rests in sorted(by_first.items()):  # each alternative begins with its character: a fast scan
        alts.append(re.escape(ch) + ("" if "" in rests else "(?=" + "|".join(map(re.escape, rests)) + ")"))
        firsts.add(ch)
    # the class of first characters in front lets the scan skip every other character fast
    return re.compile("(?=[" + "".join(sorted(map(re.escape, firsts))) + "])(?:" + "|".join(alts) + ")")


@lru_cache(maxsize=8)
def _build(lex: Lexicon) -> Grammar:
    mag = _alt(lex.magnitudes)
    base = _alt(lex.money_units + lex.people_units + lex.count_units + lex.physical_units)
    per = _alt(lex.per_units)
    pct = _alt(lex.percent_units)
    point = _alt(lex.point_units)
    # 签约 and 节约 are not hedges: 约 as a hedge must not follow those characters
    hb = "(?:" + "|".join(
        "(?<![签节制合条预公契])约" if w == "约" else regex.escape(w)
        for w in sorted(set(lex.hedges_before), key=len, reverse=True)) + ")"
    ha = _alt(lex.hedges_after)
    gverb = _alt(lex.growth_up + lex.growth_down + lex.growth_flat)
    cmp_verb = r"(?:高于|低于|快于|慢于)"
    basis = _alt(lex.basis_words)
    heads = _alt(lex.basis_heads)
    flat = _alt(lex.growth_flat)
    doubling = _alt(lex.doubling)
    num = rf"(?:{ARABIC}|{CN_NUM})"

    # a value with its unit: 4.8亿元, 400余万, 1.4万余家, 3-5亿元, 百分之十二, 8成以上
    value = rf"""
        (?:
            百分之(?P<pnum>{num})                       # 百分之十二 is 12 %
          |
            (?P<num>{num})                              # the number
            (?:[-~—至到](?P<num2>{num}))?               # a range: 3-5, 3至5
            (?P<yu>余|多)?                              # 400余
            (?P<unit>
                {pct} | {point} | 倍 | 成(?![为功就立员本果])
              | {mag} (?:余|多)? {base}? (?:/{per})?      # 万 亿元 万余家 万吨/日
              | {base} (?:/{per})?                        # 元 个 亩 吨/日
            )
            (?!(?<=个)(?:月|钟|鐘|小时|星期|礼拜|周))(?!级)                          # 8个月 and 千亿元级 are not quantities
        )
        (?P<vha>{ha})?                                  # hedge after: 左右 以上
    """
    # A growth: (basis) (分别) verb (hedge) rate unit (hedge); the rate may be lost (增长%).
    # Every alternative is anchored on its number (or a special word): the words before the number
    # sit in a lookbehind with captures, so the engine only works where a number starts.
    rate = rf"(?:{ARABIC}|{CN_NUM})"
    gprefix = rf"""
        (?P<basis>{basis}|{heads}[^{PUNCT}\d]{{0,8}}?(?:\d{{1,4}}(?:年|月|—\d{{1,2}}月|-\d{{1,2}}月)[^{PUNCT}]{{0,4}}?)?)?
        (?P<dist>分别|(?<![年平])均|都)?                # 均 of 年均/平均 belongs to the basis
        (?P<gverb>{gverb})
        (?P<dist2>均|都|分别)?
        (?:了|为|达到|达|在|控制在|保持在|只有|仅为|仅)?
        (?P<gh>{hb})?
        [ ]?
        (?P<sign>[-−－])?                              # 增长-2.3%: a negative rate
    """
    growth = rf"""
        (?=(?:{rate})?(?:{pct}|{point}|倍|成)|百分之)  # cheap test first: a rate and its unit follow
        (?<={gprefix})
        (?:
            百分之(?P<prate>{rate})                   # 增长百分之六点五
          | (?P<rate>{rate})?
            (?P<gunit>{pct}|{point}|倍|成)
        )
        (?P<gha>{ha})?
    """
    compare = rf"""
        (?={ARABIC}(?:{point}|{pct}))
        (?<=(?P<cverb>{cmp_verb})(?P<cobj>[^{PUNCT}\d]{{1,12}}?))
        (?P<crate>{ARABIC})
        (?P<cunit>{point}|{pct})
    """
    # each with a cheap test first: the word must follow before its basis is looked for behind
    special = rf"""
        (?={doubling}|增长一倍|增加一倍|增长了一倍)
        (?:(?<=(?P<dbasis>{basis}|{heads}[^{PUNCT}\d]{{0,8}}?(?:\d{{1,4}}年)?)))?(?P<double>{doubling}|增长一倍|增加一倍|增长了一倍)
      | (?={flat})(?<!保)(?:(?<=(?P<fbasis>{basis}|与上年)))?(?P<flat>{flat})   # not 保持平稳
    """
    unit_first = {w[0] for w in (*lex.magnitudes, *lex.money_units, *lex.people_units, *lex.count_units,
                                 *lex.physical_units, *lex.percent_units, *lex.point_units, "倍", "成", "余", "多")}
    ufirst = "[" + "".join(sorted(regex.escape(ch) for ch in unit_first)) + "]"
    vcheck = rf"(?:百分之|{num}(?:[-~—至到]{num})?{ufirst})"  # cheap test first: a unit follows the number
    lost_base = _alt(("元", "吨", "千瓦", "平方米", "立方米", "亩", "人次", "人", "户", "辆", "美元", "港元"))
    specials = tuple(sorted({*lex.doubling, "增长一倍", "增加一倍", "增长了一倍", *lex.growth_flat}, key=len, reverse=True))
    # 个百分点, 倍, 成: a growth whose rate was lost; the specials' first characters
    first = set("0123456789%百个倍成" + CN_CHARS) | {w[0] for w in specials if w}
    guard = "[" + "".join(sorted(regex.escape(ch) for ch in first)) + "]"
    def quantity_pattern(rates: bool) -> regex.Pattern[str]:
        # rates=False: the growth and comparison alternatives fail at once ((?!)), with every group kept,
        # for the places where no rate with its unit follows (rate_follows says so)
        off = "" if rates else "(?!)"
        return regex.compile(
            rf"""
            (?={guard})                   # a cheap first-character test before the alternatives
            (?<![\d.,零〇一二两三四五六七八九十百千])  # …at the start of a number, not inside one
            (?<!每(?=[零〇一二两三四五六七八九十百千万]))   # 每千人口: a rate's base, not a quantity
            (?:
              (?P<g>{off}{growth})
            | (?P<c>{off}{compare})
            | (?P<s>{special})
            | (?P<v>(?={vcheck})(?:(?<=(?P<vh>{hb})))?{value})
            | (?P<lost>(?<![\d{CN_CHARS}.%余多破超过近逾数几上成])(?P<lunit>(?:万亿|亿|万){lost_base})(?=[，,。；;\s]|同比|比上|较上))
            )
            """,
            regex.VERBOSE,
        )

    quantity = quantity_pattern(True)
    quantity_no_rate = quantity_pattern(False)
    for q in (quantity, quantity_no_rate):
        if dict(q.groupindex) != _group_numbers(QuantityGroup):
            raise AssertionError(f"QuantityGroup is out of date: the pattern's groups are {dict(q.groupindex)}")
    # what the growth alternative's first test needs (the comparison's needs more): where this does not
    # match, quantity_no_rate matches exactly as quantity does, and faster
    rate_follows = re.compile(rf"(?:{rate})?(?:{pct}|{point}|倍|成)|百分之")
    lost_value = regex.compile(
        rf"""
        (?<![\d{CN_CHARS}.%余多破超过近逾数几上成])   # nothing numeric (or 突破/超/余) just before
        (?:
            (?P<unit>(?:万亿|亿|万)元|%|个百分点)          # 万元 亿元 % 个百分点
            (?![\d{CN_CHARS}A-Za-z]|以上|以下|级|左右|规模|项目|企业|生产总值|地区|工业)  # not 亿元以上项目, 万元GDP
          | (?P<unit2>(?:万亿|亿|万){lost_base})(?=[，,。；;]|同比|比上|较上)  # 万吨, then the clause ends
        )
        """,
        regex.VERBOSE,
    )
    lost_year = regex.compile(
        r"""
        (?<![\d零〇一二两三四五六七八九十百千万亿今去明前后当全同近多往历每本该上下新青少老成整周半几数逐那这哪隔翌次末初常经元跨之周些])
        (?P<year>年)                          # 年 with no year before it
        (?=以来|是|，|,)                      # at the start of a time phrase (年底前, 年末 are words)
        """,
        regex.VERBOSE,
    )
    uf_all = frozenset(unit_first | {"点", "-", "~", "—", "至", "到", "余", "多"})
    return Grammar(
        lexicon=lex,
        quantity=quantity,
        quantity_no_rate=quantity_no_rate,
        rate_follows=rate_follows,
        anchor=_candidates(uf_all, specials),
        unit_first=uf_all,
        specials=specials,
        verb_last=frozenset(w[-1] for w in (*lex.growth_up, *lex.growth_down, *lex.hedges_before, "了", "为", "达",
                                            "在", "有", "仅", " ")),
        lost_value=lost_value,
        lost_year=lost_year,
        up_words=frozenset(lex.growth_up),
        down_words=frozenset(lex.growth_down),
        flat_words=frozenset(lex.growth_flat),
        count_units=frozenset(lex.count_units + lex.people_units),
    )
