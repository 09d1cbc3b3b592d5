"""Metrics: an indicator name with a value and/or a growth.

One scan of the grammar's ``quantity`` pattern per sentence finds values and growths; small
helpers then give each a name from the words before it (or, for counts such as ``85个口袋公园``,
after it), attach a growth to the value it follows, and spread ``分别`` lists over their items.

>>> from fangtan.clean import clean
>>> from fangtan.grammar import Grammar
>>> [ (m.name, str(m.value), m.unit, m.growth.direction.value, str(m.growth.rate))
...   for m in extract(clean("全市地区生产总值256.3亿元，比上年增长6.5%。"), Grammar.default()) ]
[('地区生产总值', '256.3', '亿元', 'up', '6.5')]
"""
from __future__ import annotations

import heapq
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

import regex

from ..clean import Cleaned
from ..grammar import ARABIC, Grammar, any_word
from ..grammar import QuantityGroup as _Q  # a token's groups by number
from ..models import Direction, Growth, Metric, new_span, trusted
from ..numbers import read_number, split_unit, to_base
from ..scan import match_at

__all__ = ["extract"]

_new_Growth = trusted(Growth)
_new_Metric = trusted(Metric)

_DIRECTIONS = {d.value: d for d in Direction}  # Direction(value), without the enum's lookup machinery
_SENTENCE = re.compile(r"[^。；;！？!?\n]++")  # a plain scan: the stdlib engine runs it twice as fast
# the regex module's \s (Unicode White_Space), spelt out for the stdlib engine (whose \s adds \x1c-\x1f)
_WHITE_SPACE = r"\t-\r\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_CLAUSE_DELIM = re.compile(rf"[，,：:]|[{_WHITE_SPACE}]{{2,}}")
_PERIOD = regex.compile(
    r"""(?:截至|到)?(?:(?:\d{2,4}|[〇零一二三四五六七八九]{4})年(?:\d{1,2}月)?(?:底|末|初|以来|上半年|前三季度|全年)?
        |\d{1,2}(?:[-—–~至]\d{1,2})?月(?:份|末|底|初)?
        |前[\d一二三四五六七八九十]{1,2}个?月|[上下]半年|前?[一二三四1-4]季度|前三季度|全年|今年|去年|上年|明年|当年|年内
        |过去[一二三四五两十\d]{1,2}年|[一二三四五两十\d]{1,2}年来|近[一二三四五两十\d]{1,2}年|近年来|目前|当前|截至目前|现在|如今)""",
    regex.VERBOSE,
)
# every _PERIOD match holds 年, 月 or 季, or is 目前, 当前, 现在 or 如今: where none is, none is looked for
_PERIOD_HINT = re.compile(r"[年月季]|目前|当前|现在|如今")
_LEAD_JUNK = "、，,：:；;（(）)“”\"'‘’《》【】 —-·•.。等及和与"
_TRAIL_JUNK = "、，,：:（(“\"'‘ 的了"
_TRAIL_JUNK_ALL = _TRAIL_JUNK + "等"
_HEADS = ("先进产能占比", "增加值", "排放量", "总产值", "产值", "产量", "投资", "收入", "支出", "占比", "比重", "比例",
          "销售额", "营收", "面积", "人数", "进出口", "余额", "规模", "总额", "增速", "浓度", "覆盖率")
_POST_STOP = regex.compile(
    r"入围|获评|获得|构筑|扎根|参加|参与|实现|完成|成为|带动|覆盖|落户|建成|开工|投产|签约|达到|进入|位居|通过|受益|全部|已经|"
    r"增收|进行|培训|培訓|用于|等|(?<![个项条家座所处名颗只台件种类批])主要|扎实|有序|稳步|持续|正在|"
    r"[的在将已均被把与和及对为是了获入，。、；：,:;（(）)\s“”\d]"
)
_POST_STOP_LIST = regex.compile(r"[的在将已均被把对为是了，。、；：,:;（(）)\s“”\d]")
_GLOSS = re.compile(r"[（(][\u4e00-\u9fff]{1,6}[）)]")  # （社区） inside a noun: 村（社区）
# a clause, not a noun, when the words after a value start with one of these: 预留4亿元让各区…, 5个让群众满意的…
_POST_CLAUSE_HEADS = ("让", "讓", "使得", "用來", "用来", "用於")
_WE_PLACE = regex.compile(r"我(?=[国省市区县镇乡])")  # 我国 is a place, not a pronoun
_ISSUE_VERBS = ("发行", "發行", "筹集", "拨付", "安排", "预留", "預留", "合共", "发放", "投入")  # 发行660亿元绿色债券
_RECENT = 32  # a growth attaches to one of the last few metrics of its sentence (bounded: linear)
_PRONOUNS = ("我", "你", "您", "他们", "她", "咱", "係", "咁", "嘅")
_PRONOUN_RE = any_word(_PRONOUNS)
_TRANSFER = ("拨款", "撥款", "派发", "派發", "预留", "預留")
_TARGET = ("预期目标", "主要目标", "目标是", "力争", "争取", "确保", "拟", "预计", "预期", "计划", "目标")
_RATE_LIST = regex.compile(
    rf"""(?:[、和及与]|，|,)(?P<h>约|近|超过|超)?(?P<r>{ARABIC})(?P<u>%|个百分点|倍)(?P<ha>左右|以上)?""",
    regex.VERBOSE,
)
_ITEM_SPLIT = re.compile(r"、|(?<![温平缓调柔])和(?![谐平睦])|(?<![参给赋授])与|(?<![涉普波以危])及(?![时早])")


@dataclass(slots=True)
class _M:
    """A metric being built."""

    name: str
    nstart: int
    nend: int
    start: int
    end: int
    rule: str
    value: Decimal | None = None
    value_max: Decimal | None = None
    unit: str | None = None
    approx: str | None = None
    vspan: tuple[int, int] | None = None
    growth: dict | None = None
    aside: bool = False
    verb: str | None = None
    scope: str | None = None
    period: str | None = None
    missing: list = field(default_factory=list)


def extract(c: Cleaned, g: Grammar, start: int = 0, end: int | None = None) -> list[Metric]:
    """Every metric in the cleaned text ``c`` between ``start`` and ``end`` (cleaned offsets)."""
    norm = c.norm
    end = len(norm) if end is None else end
    toks = _scan(norm, g, start, end)
    out: list[Metric] = []
    if not toks:
        return _with_indices(c, g, start, end, out)
    try:
        k = 0
        for sm in _SENTENCE.finditer(norm, start, end):
            s, e = sm.span()
            while k < len(toks) and toks[k].start() < s:
                k += 1
            j = k
            while j < len(toks) and toks[j].end() <= e:
                j += 1
            if j > k:
                built = _sentence(c, g, s, e, toks[k:j])
                status = "target" if _TARGET_RE.search(norm, s, e) else "actual"  # once per sentence
                out.extend(_finish(c, g, m, s, e, status) for m in built if _can_be_name(g, m.name))
            k = j
            if k >= len(toks):
                break
    finally:
        _ts.cache_clear()  # the cached tokens hold the text: do not keep a large document alive after its parse
    return _with_indices(c, g, start, end, out)


def _with_indices(c: Cleaned, g: Grammar, start: int, end: int, out: list[Metric]) -> list[Metric]:
    """``out`` with the values that have no unit because their indicator is an index or a score
    (制造业PMI为50.2, 综合指数为3.85, 平均分大概是107左右), each put in text order."""
    norm = c.norm
    spans: list[tuple[int, int]] | None = None  # the metrics read, by start (made once, if needed)
    new: list[Metric] = []
    for m in _UNITLESS.finditer(norm, start, end):  # (its literal first characters make the scan fast)
        left = max(start, m.start() - 40)
        stop = _CLAUSE_START_BACK.search(norm, left, m.start())  # the last delimiter before the head
        if stop is not None:
            left = stop.end()
        name, a, b, scope, verb = _clean_name(c, g, left, m.end("head"))
        if not name or not _can_be_name(g, name):
            continue
        vs, ve = c.span(m.start("num"), m.end("num"))
        if spans is None:
            spans = sorted((x.span.start, x.span.end) for x in out)
        lo, hi = bisect_left(spans, (vs - 200,)), bisect_left(spans, (ve,))
        if any(spans[k][1] > vs for k in range(lo, hi)):
            continue  # inside a metric already read (a metric spans far less than 200 characters)
        hedge = m.group("ha") or next((w for w in g.lexicon.hedges_before if w in m.group("verb")), None)
        built = _M(name, a, b, a, m.end(), "index_value", read_number(m.group("num")), None, None, hedge,
                   (m.start("num"), m.end("num")), verb=verb, scope=scope)
        new.append(_finish(c, g, built, left, m.end(), "target" if _TARGET_RE.search(norm, left, m.end()) else "actual"))
    if not new:
        return out
    return list(heapq.merge(out, new, key=lambda x: x.span.start))  # each in text order, out's own order kept


# an indicator whose value has no unit: an index, a coefficient, a score
_UNITLESS = re.compile(
    r"(?P<head>指数|PMI|CPI|PPI|系数|平均分|得分|评分)"
    r"(?P<verb>(?:大概|大约|约|为|是|达到|达|保持在|在){0,2})"
    r"(?<![\d.])(?P<num>\d{1,4}(?:\.\d{1,3})?)(?![\d.])"
    r"(?P<ha>左右|以上)?(?=[，,。；;、）)]|$)"
)
_CLAUSE_START_BACK = regex.compile(r"(?r)[，,。；;：:！？!?\n]")


def _can_be_name(g: Grammar, name: str) -> bool:
    """Whether what is left of a clause can name an indicator: not a lone function word (同一天 → 同),
    not a verb alone (惠及1100万人), and not itself a quantity (由上年的20个增加到65个 → 20个: the
    value a change started from)."""
    if name in _NOT_A_NAME or name in _VERB_NAMES:
        return False
    if _FROM_WORD.search(name) is not None:
        return False  # 贷款由政府作(100%担保), 从目前的…: an agent or a starting point, a clause, not a name
    if len(name) >= 4 and name[-1] == "时" and name[-2] not in _SHI_WORDS:
        return False  # 重新发现白鹤时(只有5只): a time clause, not an indicator
    return not (name[:1].isdigit() and g.quantity_no_rate.fullmatch(name) is not None)


_HEDGE_BEFORE_VERB = re.compile(r"(至少|不少于|不低于|超过|接近|约)(?:配备|达到|有|为|达|新增|完成|实现)$")
_MID_VERB = regex.compile(r"(?<=[\p{Han}]{2})(?:完成|实现)(?=[\p{Han}]{2})")
_LEAD_VERBS = ("要力争", "累计完成", "共完成", "已建成", "将完成", "将实现", "将建成", "将新建", "将", "完成", "实现", "建成", "新建", "共有", "现有", "拥有", "力争",
               "争取", "确保", "预计", "计划")
_LEAD_BY_FIRST: dict[str, tuple[str, ...]] = {}  # the lead verbs by their first character, in their order
for _v in _LEAD_VERBS:
    _LEAD_BY_FIRST[_v[0]] = _LEAD_BY_FIRST.get(_v[0], ()) + (_v,)
_TRAILING_PERIOD = regex.compile(r"(?:[上下]半年|前?[一二三四1-4]季度|前三季度|全年|今年|去年|明年|当年|1?\d(?:[-—–]\d{1,2})?月份?)$")
# a place name before an indicator: 光明区GDP (not 地级及以上城市…, 脱贫县…: kinds of place, not places)
_PLACE = regex.compile(r"(?P<place>(?:(?!及|以上|以下|脱贫|贫困|重点|城市|全|人均|地区)[\p{Han}]){2,8}?(?:自治区|自治州|自治县|省|市|(?<![地社园景城辖片小矿林牧湖])区|县|镇|乡|街道|旗))")
_PLACE_END = re.compile(r"[区县市省镇乡旗道州]")  # every _PLACE match holds one of these
_PLACE_SUFFIX = frozenset("镇乡村县市区省州旗")
# a verb of change that takes 到/至 (提高到, 下降至): what stands between the two values of a from-to
# change (降至, 提高到, 达到), and what ends a name before its basis (支付额提到人均收入…倍)
_TO_VERBS = "提高|提升|增加|增长|上升|下降|降低|减少|扩大"
_TO_GAP = re.compile(rf"(?:{_TO_VERBS}|缩小|回落|升|降|增|减)?(?:到|至)|达到")
_TITLE_VERB = re.compile(r"获评|被评为|评为|入选|荣获|获批|被认定为|认定为|被命名为|命名为")
_TITLE_END = re.compile(rf"[，,。；;、：:！？{_WHITE_SPACE}（(]")
_TO_VERB = re.compile(rf"(?:{_TO_VERBS})(?:到|至)|提到|达到|升至|降至|增至|减至")
_COMPARATIVE_NEXT = frozenset("大高低快好多少强弱为")  # 较大, 较快…: 较 as "rather", not a comparison
# 从/由 as "from" or "by" (not 由于, 从事, 从业, 自由, 理由); with a number after it in a name, the start
# of a from-to change
_FROM_WORD = re.compile(r"(?<![自理缘经])[从由](?![于事业而严未来])")
_FROM = re.compile(_FROM_WORD.pattern + r"(?=[^从由]*\d)")
_PLAN_CUE = re.compile(r"目标|预期|计划|规划|力争|争取|确保|要点|安排")
_TARGET_RE = re.compile("|".join(sorted(_TARGET, key=len, reverse=True)))
_COMPARED_CHANGE = re.compile(r"(?:比|较|同比|环比)[^，。]{0,8}?(?:增加|减少|多增|少增|增长|下降|扩大|缩小|提高|降低|上升|提升)了?$")
_CHANGE_ENDS = ("增长", "增长了", "增加", "增加了", "减少", "减少了", "提高", "提高了", "降低", "降低了", "上升", "下降",
                "提升", "扩大", "缩小")  # a name ending so is a change: 营业收入增长(3亿元)
_RATE_UNITS = frozenset(("%", "个百分点", "倍", "成"))


def _is_change(name: str, unit: str) -> bool:
    """营业收入增长3亿元, 每斤提高0.1元: a name ending in a change verb before an amount (not a rate) is an
    absolute change, which is not read yet."""
    return unit not in _RATE_UNITS and name.endswith(_CHANGE_ENDS)
_CHANGE_VERBS = frozenset("增加 增加了 减少 减少了 增长 增长了 下降 下降了 提高 提高了 降低 降低了 上升 上升了 回落 扩大 缩小 净增 新增".split())
_TRAILING_PAREN = re.compile(r"[（(][^（）()]{1,12}[）)]$")
_DURATION = re.compile(r"(?:持续|历时|为期|用时|耗时|连续|仅用|只用|最长|最短)$")
_AS_LIMIT = re.compile(r"[为為](?P<n>上限|下限|基数|标准|目标|底线)")
_LIST_THEN_COUNT = re.compile(r"、[^、]*?(?=[一二两三四五六七八九十]+[个大项类])")
_ENDS_WITH_COUNT = re.compile(r"[一二两三四五六七八九十][个项名家条种类件位所]$")  # 这样一个13亿人口的…: not a name
_SMALL_CN = frozenset("一二两三四五六七八九十")
_COUNT_WORDS = frozenset("个项名家条种类件位所支批张片场次座")
_HEDGE_END = frozenset("约近超逾过破少于达余多到")
# what is left of a clause is no indicator when it is only one of these (同一天 → 同, 还只是8个 → 只)
_NOT_A_NAME = frozenset("只同现者度前也都还又就才仅约各每共总这那其该此本是有在为从将已均的了至到")
_SHI_WORDS = frozenset("小工课学机当同届随及临平按准实定适历计暂超用耗")  # 小时, 工时, 课时…: words, not "when"
_GRANT_VERBS = ("增拨", "增撥", "注资", "注資", "拨款", "撥款", "拨付", "撥付", "提供", "投入")
# verbs that name nothing by themselves: 惠及1100万人, 选择11个 (the counted thing is elsewhere)
_VERB_NAMES = frozenset(("惠及", "选择", "涉及", "覆盖", "带动", "帮助", "吸引", "辐射", "包括", "涵盖", "受益", "服务"))
# an enumeration marker at the start of a name: 三是全县粮食产量 → 全县粮食产量
_NAME_MARKER = re.compile(r"[一二三四五六七八九十]{1,3}(?:是(?![否非不])|、)")
_CN_NUM = frozenset("零〇一二两三四五六七八九十百千")
_ASCII_DIGITS = frozenset("0123456789")
_IN_NUMBER = frozenset("0123456789.,零〇一二两三四五六七八九十百千")


def _scan(norm: str, g: Grammar, start: int, end: int) -> list[regex.Match[str]]:
    """Every quantity token: find where one can start (a cheap scan and a cheap test), match there,
    resuming after each match as ``finditer`` does. Where no rate with its unit follows, the pattern
    without the growth and comparison alternatives gives the same match, faster."""
    full, no_rate, follows = g.quantity.match, g.quantity_no_rate.match, g.rate_follows.match

    def match(text: str, s: int, e: int) -> regex.Match[str] | None:
        return (full if follows(text, s, e) is not None else no_rate)(text, s, e)

    return match_at(match, norm, _starts(norm, g, start, end), start, end)


def _starts(norm: str, g: Grammar, start: int, end: int):
    """Positions where a quantity can start: an anchor character that passes a cheap test."""
    unit_first = g.unit_first
    for a in g.anchor.finditer(norm, start, end):
        p = a.start()
        ch = norm[p]
        if p > 0 and ch in _IN_NUMBER and norm[p - 1] in _IN_NUMBER:
            continue
        if p > 0 and norm[p - 1] == "第":
            continue  # 第2位: an ordinal, not a quantity
        if p > 1 and ch.isdigit() and norm[p - 1] in "兆万亿" and norm[p - 2].isdigit():
            continue  # 3兆1325亿元: the second part of a compound number, not a number of its own
        if norm.startswith("百分之", p):
            yield p
            continue
        if ch in _CN_NUM:
            q = p + 1
            while q < end and q - p < 13 and norm[q] in _CN_NUM:
                q += 1
            if q >= end or norm[q] not in unit_first:
                if not norm.startswith(g.specials, p):
                    continue  # 一是, 统一: a Chinese numeral with no unit after it is not a quantity
            elif q == p + 1 and ch in _SMALL_CN and norm[q] in _COUNT_WORDS and (p == 0 or norm[p - 1] not in _HEDGE_END) \
                    and not norm.startswith(("个百分点", "个多", "个余"), q) and norm[q + 1 : q + 2] not in ("余", "多"):
                continue  # 两个主战场, 六项重点工作: a small count inside a name (the same rule as in _value)
        elif ch in "个倍成%":
            if ch == "个" and not norm.startswith("个百分点", p):
                continue
            if p == 0 or norm[p - 1] not in g.verb_last:
                continue  # a unit whose rate was lost follows a growth word (增长%)
        elif ch in "万亿":
            if p > 0 and norm[p - 1] in _IN_NUMBER:
                continue
        elif ch in _ASCII_DIGITS:
            # the number is followed by what no alternative takes after it (2022年, 12日): no quantity.
            # Exact: every alternative needs a unit (or a range sign) right after the digits.
            q = p + 1
            while q < end and norm[q] in _ASCII_DIGITS:
                q += 1
            if q < end and q - p <= 20 and norm[q] not in unit_first and norm[q] not in ".," \
                    and not norm[q].isdecimal():
                continue
        elif not ch.isdigit() and not norm.startswith(g.specials, p):
            continue
        yield p


def _sentence(c: Cleaned, g: Grammar, s: int, e: int, toks: list[regex.Match[str]]) -> list[_M]:
    norm = c.norm
    delims = [m.end() for m in _CLAUSE_DELIM.finditer(norm, s, e)]
    ms: list[_M] = []
    prev_end = s
    period = None
    i = 0
    while i < len(toks):
        t = toks[i]
        ts = _ts(t)
        k = bisect_right(delims, ts)
        cstart = max(delims[k - 1] if k else s, s)
        left = max(cstart, prev_end)
        pm = None
        a = max(cstart if k else s, left - 24)
        if _PERIOD_HINT.search(norm, a, ts) is not None:
            for pm in _PERIOD.finditer(norm, a, ts):  # the last one (bounded)
                continue
        if pm is not None and pm.start() <= left + 2:
            period = pm.group()
        if t.group(_Q.lost) is not None:
            name, ns, ne, scope, verb = _clean_name(c, g, left, ts)
            if name:
                ms.append(_M(name, ns, ne, ns, t.end(), "lost_value", None, None, t.group(_Q.lunit), None, (ts, t.end()),
                             verb=verb, scope=scope, missing=["value"]))
            prev_end = t.end()
            i += 1
            continue
        if t.group(_Q.v) is not None:
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            if nxt is not None and nxt.group(_Q.v) is not None and _is_qualifier(norm, t, nxt):
                i += 1  # 20平方公里以上河流5条: the first number qualifies the noun of the second
                continue
            consumed = _value(c, g, t, toks, i, left, ms, delims, s, e)
            if consumed:
                for m in ms[-consumed[0]:] if consumed[0] else []:
                    m.period = m.period or period
                i = consumed[1]
                prev_end = max(consumed[2], toks[i - 1].end())
                continue
        elif t.group(_Q.g) is not None or t.group(_Q.c) is not None or t.group(_Q.s) is not None:
            before = len(ms)
            j = _growth(c, g, t, toks, i, left, ms, s, e)
            for m in ms[before:]:  # only the metrics this growth made (linear in the sentence)
                m.period = m.period or period
            prev_end = j
        i += 1
        prev_end = max(prev_end, t.end())
    return ms


@lru_cache(maxsize=1024)
def _ts(t: regex.Match[str]) -> int:
    """Where a token starts: its words before the number (basis, verb, hedge) sit in lookbehinds."""
    if t.group(_Q.g) is not None:
        for grp in (_Q.basis, _Q.dist, _Q.gverb):
            if t.group(grp) is not None:
                return t.start(grp)
    elif t.group(_Q.c) is not None:
        return t.start(_Q.cverb)
    elif t.group(_Q.s) is not None:
        for grp in (_Q.dbasis, _Q.fbasis):
            if t.group(grp) is not None:
                return t.start(grp)
    elif t.group(_Q.v) is not None and t.group(_Q.vh) is not None:
        return t.start(_Q.vh)
    return t.start()


def _is_range(norm: str, t: regex.Match[str], nxt: regex.Match[str]) -> bool:
    """3.2亿元至4亿元: two values of one unit joined by 至, 到 or a dash are one range."""
    if not (norm[t.end() : _ts(nxt)] in _RANGE_SIGNS and nxt.group(_Q.v) is not None and t.group(_Q.num2) is None
            and t.group(_Q.unit) == nxt.group(_Q.unit) and nxt.group(_Q.num2) is None):
        return False
    after = norm[nxt.end() : nxt.end() + 1]  # not 3亿元至5亿元的项目: a range qualifying a noun
    return after == "" or after in "，,。；;、）)" or norm.startswith(("同比", "比上", "较上", "左右", "之间"), nxt.end())


_RANGE_SIGNS = frozenset(("至", "到", "~", "-", "—", "–"))


def _is_qualifier(norm: str, t: regex.Match[str], nxt: regex.Match[str]) -> bool:
    gap = norm[t.end() : _ts(nxt)]
    if gap in _RANGE_SIGNS and _is_range(norm, t, nxt):
        return False
    if not gap or len(gap) > 10 or any(ch in "，,。；;、：:（）()和及与—-“”\"" or ch.isspace() for ch in gap):
        return False
    if t.group(_Q.unit) in ("%", "个百分点"):
        return False
    return True


# --- names ---------------------------------------------------------------------------------------------
def _clean_name(c: Cleaned, g: Grammar, a: int, b: int, lists: bool = False) -> tuple[str, int, int, str | None, str | None]:
    """Trim ``norm[a:b]`` to an indicator name: cut at breaks and periods, drop scope and verbs.

    Returns (name as written, start, end, scope, verb); the name is "" when nothing is left."""
    lex = g.lexicon
    norm = c.norm
    a = max(a, b - 40)
    if b <= a:
        return "", a, a, None, None  # nothing before the token in its clause (…，同比增长5%): no name
    while b > a and norm[b - 1] == " ":
        b -= 1
    seg = norm[a:b]
    cut = 0
    for bm in _breaks(lex).finditer(seg):
        if bm.end() < len(seg):
            cut = max(cut, bm.end())
    p = seg.rfind("共")
    if p > 0 and seg[p - 1] not in "公中总" and p + 1 < len(seg) and seg[p + 1] not in "享同建产青和计有":
        cut = max(cut, p + 1)
    p = seg.rfind(" ")
    if 0 < p < len(seg) - 1 and _is_han(seg[p - 1]) and _is_han(seg[p + 1]):
        cut = max(cut, p + 1)
    p = seg.rfind("有")
    if p > 0 and seg[p - 1] in _PLACE_SUFFIX and len(seg) - p > 2:
        cut = max(cut, p + 1)  # 某镇有林地: a place has the indicator
    p = seg.rfind("较")
    if p - cut >= 2 and seg[p - 1] != "比" and seg[p + 1 : p + 2] not in _COMPARATIVE_NEXT \
            and _COMPARED_CHANGE.search(seg, p) is None:  # not 余额较上月提高(8亿元): a change, no name
        return _clean_name(c, g, a, a + p, lists)  # 研发投入较“十三五”时期(增长): the basis is not in the name
    tm = _TO_VERB.search(seg, cut + 2) if ("到" in seg or "至" in seg) else None
    if tm is not None and len(seg) - tm.end() >= 2 and "的" not in seg[tm.end() : -1]:  # not 达到二级标准的城市
        return _clean_name(c, g, a, a + tm.start(), lists)  # 支付额今年提到人均收入(4倍): the name is before 提到
    fm = _FROM.search(seg, cut) if ("从" in seg or "由" in seg) else None
    if fm is not None and fm.start() - cut >= 2:
        return _clean_name(c, g, a, a + fm.start(), lists)  # 总产值从50亿元(增加到): the name is before 从
    period_at = -1  # where the period that the name was cut after begins
    for pm in _PERIOD.finditer(seg, cut) if _PERIOD_HINT.search(seg, cut) is not None else ():
        if pm.end() < len(seg) and _is_calendar(pm.group()):
            if pm.end() > cut:
                k = pm.start()
                while k > cut and seg[k - 1].isdigit():
                    k -= 1  # 3年内: the number is the period's
                period_at = k if k - cut >= 2 and "、" not in seg[cut:k] else -1  # (not a list of names)
            cut = max(cut, pm.end())
        elif pm.end() == len(seg) and pm.start() > 1 and seg[pm.start() - 1] in " ，,":
            # 商品房销售面积 前八月同比增…: the period closes the name; the name is before it
            return _clean_name(c, g, a, a + pm.start(), lists)
    lm = None if lists or "、" not in seg else _LIST_THEN_COUNT.search(seg, cut)
    if lm:
        cut = max(cut, lm.end())  # A、B、C三大先导产业规模: the name starts at the count
    d = seg.rfind("的")
    if not lists and d > cut and "、" in seg[cut:d] and len(seg) - d - 1 >= 3:
        cut = d + 1  # 各种类型、不同规模的城市公园
    q = seg.rfind("”")
    if q >= cut and len(seg) - q - 1 >= 3 and not any(v in seg[q + 1 :] for v in ("的",)):
        cut = q + 1
    verb = None
    scope = None
    pre_by_first, suf_by_last = _affixes(lex)
    s, t = a + cut, b
    changed = True
    while changed and s < t:
        changed = False
        while s < t and norm[s] in _LEAD_JUNK:
            s += 1
            changed = True
        if s == a + cut and s < t and (mk := _NAME_MARKER.match(norm, s, t)) is not None:
            s = mk.end()  # 三是全县粮食产量: the marker of an enumerated item
            changed = True
        if s > a and s + 1 < t and norm[s] == "的" and norm[s + 1] != "士":
            s += 1  # 今年的目标, 这里的企业: the 的 goes with the words cut off before it (not 的士)
            changed = True
        for w in pre_by_first.get(norm[s], ()) if s < t else ():  # the longest scope or period word first
            if len(w) <= t - s and norm.startswith(w, s):
                scope = scope or w
                s += len(w)
                changed = True
                break
        while s < t and norm[t - 1] in _TRAIL_JUNK_ALL:
            t -= 1
            changed = True
        for w in suf_by_last.get(norm[t - 1], ()) if s < t else ():  # the longest verb or level word first
            if len(w) <= t - s and norm.endswith(w, s, t):
                verb = verb or w
                t -= len(w)
                changed = True
                break
    for v in _LEAD_BY_FIRST.get(norm[s : s + 1], ()):
        if norm.startswith(v, s, t) and t - s - len(v) >= 2:
            verb = verb or v
            s += len(v)  # 完成固定资产投资: the verb is not part of the name
            for w in pre_by_first.get(norm[s : s + 1], ()):
                if norm.startswith(w, s, t) and t - s - len(w) >= 2:
                    scope = scope or w
                    s += len(w)  # 力争全乡农业总产值: the scope after the verb (the longest that fits)
                    break
            break
    pm = _TRAILING_PERIOD.search(norm, s, t) if _ends_like_period(norm, s, t) else None
    if pm and pm.start() - s >= 2:
        t = pm.start()  # 工业增加值一季度同比增长: the period after the name is not part of it
    if t - s > 24:
        s = t - 24
    name = c.text[s:t].strip()
    if name[:1] == "向" and len(name) > 3 and name.endswith(_GRANT_VERBS):
        name, s = name[1:], s + 1  # 向科技园增拨(20亿元): the recipient and the grant, without 向
    if not name and period_at >= 2:
        # 粮食产量今年达到5万吨: nothing but verbs after the period; the name is before it
        return _clean_name(c, g, a, a + period_at, lists)
    if (name[:1] in "较比" and name[:2] not in ("比重", "比例", "比率", "比值", "较大", "较高", "较低")) \
            or name.startswith(("同比", "环比")):
        name = ""  # 较“十三五”时期(增长35%), 同比改善(5%): a comparison basis, not a name
    if not name or not (name[0].isalpha() or any(ch.isalpha() for ch in name)) or _has_pronoun(name) \
            or _ENDS_WITH_COUNT.search(name) \
            or (name in _CHANGE_VERBS) or _COMPARED_CHANGE.search(name):  # (余额)比上年减少0.8万亩: a change
        return "", s, s, scope, verb
    mid = _MID_VERB.search(name) if "完成" in name or "实现" in name else None
    if mid:
        name = name[: mid.start()] + name[mid.end() :]  # 工业企业完成工业增加值: the verb is not in the name
    for v in _TRANSFER if name.endswith(_TRANSFER) else ():
        if name.endswith(v) and len(name) > len(v) + 2:
            s = t - len(v)
            name = c.text[s:t]
            break
    return name, s, t, scope, verb


def _ends_like_period(norm: str, s: int, t: int) -> bool:
    """Whether a _TRAILING_PERIOD match can end ``norm[s:t]``: its last character (before a final
    line break, where ``$`` also matches) is 年, 度, 月 or 份."""
    if t > s and norm[t - 1] == "\n":
        t -= 1
    return t > s and norm[t - 1] in "年度月份"


def _has_pronoun(name: str) -> bool:
    """A name with a pronoun (我们, 他们…) is talk, not an indicator; 我国, 我市 are places."""
    if "我" in name:
        name = _WE_PLACE.sub("", name)
    return _PRONOUN_RE.search(name) is not None


@lru_cache(maxsize=8)
def _breaks(lex) -> re.Pattern[str]:
    """Words a name does not reach back over (其中, 以及, 称…), as one pattern."""
    return any_word(lex.name_breaks + ("等",))


@lru_cache(maxsize=8)
def _affixes(lex) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """The words a name drops at its start (scope, period) by their first character, and at its end
    (verbs, levels, hedges) by their last, each list longest first."""
    def index(words, key):
        out: dict[str, list[str]] = {}
        for w in sorted({w for w in words if w}, key=lambda w: (-len(w), w)):
            out.setdefault(key(w), []).append(w)
        return {k: tuple(v) for k, v in out.items()}

    return (index(lex.scope_prefixes + lex.period_words, lambda w: w[0]),
            index(lex.name_verbs + lex.level_words + lex.hedges_before, lambda w: w[-1]))


@lru_cache(maxsize=8)
def _indicators(lex) -> tuple[dict[str, str], dict[str, tuple[int, ...]], dict[int, str]]:
    """The lexicon's indicator names (name -> key), their lengths by last character (longest first),
    and the traditional-to-simplified table."""
    names = lex.indicator_names
    by_last: dict[str, set[int]] = {}
    for w in names:
        if w:
            by_last.setdefault(w[-1], set()).add(len(w))
    return names, {ch: tuple(sorted(ls, reverse=True)) for ch, ls in by_last.items()}, str.maketrans(lex.trad_from, lex.trad_to)


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _is_calendar(p: str) -> bool:
    return any(ch.isdigit() for ch in p) or p.endswith(("年", "季度", "半年", "月", "年内", "年来"))


def _post_name(c: Cleaned, a: int, limit: int, lists: bool = False) -> tuple[str, int, int]:
    """The noun after a count: 85个口袋公园 → 口袋公园; 100个“微专业” → 微专业; 75%的电费 → 电费."""
    norm = c.norm
    if norm.startswith("的", a):
        a += 1
    if norm.startswith(_POST_CLAUSE_HEADS, a):
        return "", a, a
    if norm.startswith("“", a):
        q = norm.find("”", a + 1, min(limit, a + 14))
        if q > a + 1:
            return c.text[a + 1 : q], a + 1, q
    b = min(limit, a + 12)
    stop = _POST_STOP_LIST if lists else _POST_STOP
    m = stop.search(norm, a, b)
    t = m.start() if m else b
    if a < t < b and norm[t] in "（(":
        # 8家社区（小区）书屋, 128个村（社区）: a short gloss in brackets inside the noun
        g = _GLOSS.match(norm, t, limit)
        if g is not None and norm.startswith("“", g.end()):
            q = norm.find("”", g.end() + 1, min(limit, g.end() + 14))
            if q > g.end() + 1:  # 8家社区（小区）“书屋”: the quoted noun, as right after a count
                return c.text[g.end() + 1 : q], g.end() + 1, q
        elif g is not None:
            m = stop.search(norm, g.end(), min(limit, g.end() + 12))
            t2 = m.start() if m else min(limit, g.end() + 12)
            if t2 > g.end() or t - a == 1:
                t = t2
    while a < t and (c.text[a].isspace() or not c.text[a].isprintable()):
        a += 1  # the name, like every name, has no space or control character at its ends
    while t > a and (c.text[t - 1].isspace() or not c.text[t - 1].isprintable()):
        t -= 1
    return c.text[a:t], a, t


# --- values --------------------------------------------------------------------------------------------
def _read_value(t: regex.Match[str]) -> tuple[Decimal | None, Decimal | None, str | None, str | None, bool]:
    """(value, value_max, unit, approx, is_chinese_numeral)."""
    if t.group(_Q.pnum):
        return read_number(t.group(_Q.pnum)), None, "%", t.group(_Q.vh), not t.group(_Q.pnum)[0].isdigit()
    num = t.group(_Q.num)
    v = read_number(num)
    v2 = read_number(t.group(_Q.num2)) if t.group(_Q.num2) else None
    unit = t.group(_Q.unit)
    approx = t.group(_Q.vh) or t.group(_Q.yu) or t.group(_Q.vha)
    if approx and len(approx) > 1 and approx.endswith("为"):
        approx = approx[:-1]  # 约为 1390亿元: the hedge is 约
    if "余" in unit or "多" in unit:
        approx = approx or ("余" if "余" in unit else "多")
        unit = unit.replace("余", "").replace("多", "")
    if unit == "百分点":
        unit = "个百分点"
    return v, v2, unit, approx, not num[0].isdigit()


def _value(c, g, t, toks, i, left, ms, delims, s, e):
    """Handle a value token (and a 分别 run of values after it). Returns (n_added, next_index) or None."""
    norm = c.norm
    v, v2, unit, approx, cn = _read_value(t)
    if v is None:
        return None
    is_count = (split_unit(unit, g.lexicon)[1] or "") in g.count_units
    if cn and is_count and not approx and v <= 10:
        return None  # 两个主战场, 三个方面: a count inside a name, not a metric
    if cn and unit in ("倍",) and not approx:
        return None
    if unit == "天" and _DURATION.search(norm, max(s, _ts(t) - 4), _ts(t)):
        return None  # 持续3天, 为期3天: a duration, not a count of days
    if _in_short_quote(norm, s, _ts(t)):
        return None  # “9个城市是1个城市”, “2.5天弹性休假”: a slogan or a name, not a quantity
    name, ns, ne, scope, verb = _clean_name(c, g, left, _ts(t))
    pre = norm[left : _ts(t)]
    if not approx:
        hm = _HEDGE_BEFORE_VERB.search(pre)
        if hm:
            approx = hm.group(1)  # 至少配备2名: the hedge stands before the verb
    # a 分别/均 list: A、B、C分别为 x、y、z
    dist_at = max(pre.rfind("分别"), pre.rfind("均为"))
    if dist_at >= 0:
        run = [t]
        j = i + 1
        while j < len(toks) and toks[j].group(_Q.v) is not None:
            gap = norm[run[-1].end() : _ts(toks[j])]
            if gap and all(ch in "、和及与，, " for ch in gap):
                run.append(toks[j])
                j += 1
            else:
                break
        names = _split_items(c, g, left, left + dist_at, left + dist_at + 2, _ts(t))
        if not names and len(run) == 2:
            names = _urban_rural(c, g, left, left + dist_at)
        if len(run) > 1 and not (names and len(names) == len(run)):
            # 分别 over values whose items are not named here: each value with the shared name (its
            # evidence shows the rest), never the first value alone for the whole name
            if not name or _is_change(name, unit):
                return 0, j, run[-1].end()
            for tok in run:
                vv, vv2, uu, ap, _ = _read_value(tok)
                ms.append(_M(name, ns, ne, ns, tok.end(), "value_list_shared_name", vv, vv2, uu, ap,
                             (_ts(tok), tok.end()), verb="分别"))
            return len(run), j, run[-1].end()
        if names and (len(names) == len(run) or len(run) == 1):
            if any(_is_change(nm, unit) for nm, _, _ in names):
                return 0, j, run[-1].end()  # A、B分别增加120万、95万: absolute changes, not read yet
            for k, (nm, a, b) in enumerate(names):
                tok = run[k] if len(run) > 1 else run[0]
                vv, vv2, uu, ap, _ = _read_value(tok)
                ms.append(_M(nm, a, b, a, tok.end(), "value_distributive", vv, vv2, uu, ap, (_ts(tok), tok.end()), verb="分别"))
            return len(names), j, run[-1].end()
    if _not_a_quantity(norm, t, v, unit, cn, g):
        return None
    if is_count and _lists_items(pre, v):
        return None  # A、B、C三个…: a counted list, not a metric
    nxt_limit = _ts(toks[i + 1]) if i + 1 < len(toks) else e
    k = bisect_right(delims, t.end())
    if k < len(delims):
        nxt_limit = min(nxt_limit, delims[k] - 1)
    after = norm[t.end() : t.end() + 1]
    pct_of = after == "的" and unit in ("%",) and not _has_head(name)
    money_after_verb = _is_han(after or " ") and after != "的" and name.endswith(_ISSUE_VERBS)
    if not name or (is_count and after != "的") or pct_of or money_after_verb:
        pname, pa, pb = _post_name(c, t.end(), nxt_limit, lists=pct_of)
        if is_count and pname and (tv := _TITLE_VERB.match(norm, pb, e)) is not None:
            # 2家园区获评省级示范园区: what the count is, is the title its members won
            q = _TITLE_END.search(norm, tv.end(), min(e, tv.end() + 24))
            te = q.start() if q else (e if e - tv.end() <= 24 else -1)  # the title ends the clause
            if te - tv.end() >= 2:
                pname, pa, pb = c.text[tv.end() : te], tv.end(), te
        if pname.endswith("中") and norm[pb : pb + 1] in "，,。；、":
            return None  # 8项重点任务中: a group being talked about
        if is_count and not pname and norm.startswith(_POST_CLAUSE_HEADS, pa):
            return None  # 5个让群众满意的示范点: what is counted is described by a clause, not named
        if pname and len(pname) >= 2 and (is_count or after == "的" or not name or money_after_verb):
            rule = "count_then_noun" if is_count else "value_then_noun"
            ms.append(_M(pname, pa, pb, _ts(t), pb, rule, v, v2, unit, approx, (_ts(t), t.end()), verb=verb))
            return 1, i + 1, pb
        if not name and not pname and ms and ms[-1].value is not None and ms[-1].rule == "name_value" \
                and norm[ms[-1].end : _ts(t)] == "、":
            prev = ms[-1]  # 1.2万户、4.5万人: a second value of the same noun
            ms.append(_M(prev.name, prev.nstart, prev.nend, _ts(t), t.end(), "same_name_value", v, v2, unit, approx,
                         (_ts(t), t.end()), verb=verb))
            return 1, i + 1, t.end()
        if not name:
            name, ns, ne, scope = _topic_name(c, g, s, left, _ts(t))
            if not name:
                return None
    if norm.startswith(("为", "為"), t.end()):
        pm = _AS_LIMIT.match(norm, t.end(), t.end() + 4)
        if pm:
            a = t.end() + 1
            ms.append(_M(c.text[a : a + len(pm.group("n"))], a, a + len(pm.group("n")), _ts(t), a + len(pm.group("n")),
                         "value_then_name", v, v2, unit, approx, (_ts(t), t.end())))
            return 1, i + 1, a + len(pm.group("n"))
    if _is_change(name, unit):
        return None
    aside = norm.count("（", left, _ts(t)) + norm.count("(", left, _ts(t)) > norm.count("）", left, _ts(t)) + norm.count(")", left, _ts(t))
    r = toks[i + 1] if v2 is None and i + 1 < len(toks) and toks[i + 1].group(_Q.v) is not None else None
    fm = _FROM_WORD.search(pre) if r is not None else None
    if r is not None and (_is_range(norm, t, r) or (
            fm is not None and r.group(_Q.unit) == unit and _TO_GAP.fullmatch(norm, t.end(), _ts(r)) is not None)):
        if fm is not None:  # 从7千瓦到22千瓦, 由5.2%降至4.6%: a change from one value to another; the value reached
            nm, a2, b2, sc, vb = _clean_name(c, g, left, left + fm.start())
            if not nm:
                return None
            rv, rv2, ru, rap, _ = _read_value(r)
            ms.append(_M(nm, a2, b2, a2, r.end(), "name_value", rv, rv2, ru, rap, (_ts(r), r.end()), verb=vb, scope=sc))
            return 1, i + 2, r.end()
        # 3.2亿元至4亿元: one value from 3.2 to 4
        ms.append(_M(name, ns, ne, ns, r.end(), "name_value", v, _read_value(r)[0], unit, approx, (_ts(t), r.end()),
                     aside=aside, verb=verb, scope=scope))
        return 1, i + 2, r.end()
    ms.append(_M(name, ns, ne, ns, t.end(), "name_value", v, v2, unit, approx, (_ts(t), t.end()), aside=aside, verb=verb, scope=scope))
    return 1, i + 1, t.end()


def _not_a_quantity(norm: str, t: regex.Match[str], v: Decimal, unit: str, cn: bool, g: Grammar) -> bool:
    """A value token that the characters around it show to be no quantity."""
    ts = _ts(t)
    before, after = norm[ts - 1 : ts], norm[t.end() : t.end() + 1]
    noun_after = _is_han(after or " ")
    if t.group(_Q.vha) in ("以上", "以下") and noun_after and unit not in g.count_units:
        return True  # 3亿元以上项目: a threshold qualifying a noun, not a quantity
    if before == "前" and (unit == "天" or (unit == "%" and noun_after)):
        return True  # 就在前3天: a time; 全国前1%专业: a threshold qualifying a noun (top 1 %)
    if not cn:
        return False
    return (unit == "度"  # 一度 (once, for a time), 两度: an adverb, not degrees or kilowatt-hours
            or (unit == "天" and v == 1)  # 一天早晨, 同一天: a time, not a count of days
            or before in ("几", "数")  # 方圆几十公里, 数百家: a vague number, not a value
            or (unit == "元" and v <= 10 and noun_after and after not in "的钱左以多"))  # 两元食堂: a name


def _topic_name(c: Cleaned, g: Grammar, s: int, left: int, ts: int) -> tuple[str, int, int, str | None]:
    """常住人口，已经增长到30万人: where the clause before a value holds only verbs, the clause before it,
    a short noun phrase with no number, is the name (a topic, then what is said of it)."""
    norm = c.norm
    if left <= s or norm[left - 1] not in "，," or _VERBS_ONLY.fullmatch(norm, left, ts) is None:
        return "", left, left, None
    p = max(norm.rfind("，", s, left - 1), norm.rfind(",", s, left - 1)) + 1
    p = max(p, s)
    if not 2 <= left - 1 - p <= 16 or any(ch.isdigit() for ch in norm[p : left - 1]):
        return "", left, left, None
    name, ns, ne, scope, _ = _clean_name(c, g, p, left - 1)
    if not name or _TOPIC_VERB.search(name) is not None:
        return "", left, left, None
    return name, ns, ne, scope


# a clause of verbs and adverbs only, before a value: 已经增长到, 达到, 共有
_VERBS_ONLY = re.compile(r"(?:已经|已|也|都|还|共|仅|约|均|分别|再|又|将|目前|现在)*(?:增长到|增加到|提高到|达到|达|为|有|共有|超过|突破)")
_TOPIC_VERB = re.compile(r"[是有在为将把被让使]|推进|实施|开展|建设|完成|实现|达到|增长|提高|发展")


def _in_short_quote(norm: str, s: int, pos: int) -> bool:
    """Whether ``pos`` is inside a short quotation (“最后一公里”, ‘最后一米’, 「三個一」) or title (《美好的一天》)."""
    if _OPEN_QUOTE.search(norm, max(s, pos - 24), pos) is None:
        return False  # no opening quote nearby (the usual case): one search instead of one per kind
    for left, right in _QUOTES:
        o = norm.rfind(left, max(s, pos - 24), pos)  # bounded: a long sentence stays linear
        if o < 0 or norm.rfind(right, o, pos) >= 0:
            continue
        close = norm.find(right, pos, pos + 20)
        if close >= 0 and close - o <= 22:
            return True
    return False


_QUOTES = (("“", "”"), ("‘", "’"), ("「", "」"), ("《", "》"))
_OPEN_QUOTE = re.compile("[" + "".join(left for left, _ in _QUOTES) + "]")


def _lists_items(pre: str, v: Decimal) -> bool:
    body = pre.split("，")[-1]
    n = len([x for x in _ITEM_SPLIT.split(body) if x.strip()])
    return n >= 2 and n == v and "、" in body


_HEAD_WORDS = ("率", "比例", "比重", "占比", "份额", "增速", "增幅")


def _has_head(name: str) -> bool:
    return name.endswith(_HEAD_WORDS)


def _split_items(c, g, a, dist_start, dist_end, vstart):
    """Names for a 分别 list: the items before 分别, each with the shared head noun."""
    norm = c.norm
    name, ns, ne, _, _ = _clean_name(c, g, a, dist_start, lists=True)
    if not name:
        return []
    suffix = c.text[dist_end:vstart].strip()
    for w in g.lexicon.name_verbs + g.lexicon.level_words:
        if suffix.endswith(w):
            suffix = suffix[: -len(w)]
            break
    if len(suffix) > 3 or any(ch in suffix for ch in "地的了上到至"):
        suffix = ""  # 分别历史性地跃上: words between 分别 and the values are not part of the names
    parts = []
    p = ns
    for m in _ITEM_SPLIT.finditer(norm, ns, ne):
        parts.append((p, m.start()))
        p = m.end()
    parts.append((p, ne))
    parts = [(x, y) for x, y in parts if y > x]
    if len(parts) < 2:
        return []
    texts = [c.text[x:y] for x, y in parts]
    head = "" if suffix else _shared_head(texts)
    known = _indicators(g.lexicon)[0]
    out = []
    for k, ((x, y), tx) in enumerate(zip(parts, texts)):
        nm = tx
        if head and not tx.endswith(head) and not tx.isascii() and tx not in known:
            nm = tx + head  # (GDP and a name the lexicon knows are whole: GDP、财政收入 is not GDP收入)
        if suffix:
            nm = nm + suffix
        out.append((nm, x, y))
    return out


def _urban_rural(c, g, a, b):
    """城乡居民人均可支配收入分别达到X和Y: 城乡 is 城镇 and 农村."""
    name, ns, ne, _, _ = _clean_name(c, g, a, b, lists=True)
    if not name.startswith("城乡") or len(name) < 4:
        return []
    rest = name[2:]
    return [("城镇" + rest, ns, ne), ("农村" + rest, ns, ne)]


def _shared_head(texts: list[str]) -> str:
    last, first = texts[-1], texts[0]
    c = first[-1]
    p = last.find(c)
    if 0 <= p < len(last) - 1:
        return last[p + 1 :]
    if len(first) <= 2 and all(len(t) == len(first) for t in texts[:-1]) and len(last) > len(first):
        return last[len(first) :]
    for h in _HEADS:
        if last.endswith(h) and not first.endswith(h):
            return h
    return ""


# --- growths -------------------------------------------------------------------------------------------
def _growth(c, g, t, toks, i, left, ms, s, e) -> int:
    """Handle a growth token; returns the offset where the next name may start."""
    norm = c.norm
    lex = g.lexicon
    end = t.end()
    rates: list[tuple[Decimal | None, str | None, str | None, tuple[int, int]]] = []
    if t.group(_Q.g) is not None:
        verb = t.group(_Q.gverb)
        d = _direction(g, verb)
        basis = t.group(_Q.basis)
        unit = t.group(_Q.gunit) or "%"
        unit = "个百分点" if unit == "百分点" else unit
        rate_s = t.group(_Q.rate) or t.group(_Q.prate)
        rate = read_number(rate_s) if rate_s else None
        if t.group(_Q.sign) and rate is not None and d == "up":
            d = "down"  # 增长-2.3% is a fall of 2.3 %: the direction carries the sign, the rate is its size
        approx = t.group(_Q.gh) or t.group(_Q.gha)
        rates.append((rate, unit, approx, (_ts(t), t.end())))
        dist = t.group(_Q.dist) or t.group(_Q.dist2)
        for rm in _iter_rates(norm, end, e):
            rates.append((read_number(rm.group("r")), rm.group("u"), rm.group("h") or rm.group("ha"), rm.span()))
            end = rm.end()
        if d == "flat":
            rates = [(None, None, None, (_ts(t), t.end()))]
    elif t.group(_Q.c) is not None:
        d = "up" if t.group(_Q.cverb) in ("高于", "快于") else "down"
        basis = t.group(_Q.cverb) + t.group(_Q.cobj)
        rates.append((read_number(t.group(_Q.crate)), t.group(_Q.cunit), None, (_ts(t), t.end())))
        verb = t.group(_Q.cverb)
        dist = None
    else:
        if t.group(_Q.double):
            d, verb = "up", t.group(_Q.double)
            basis = t.group(_Q.dbasis)
            r = lex.doubling.get(verb, 1)
            rates.append((Decimal(r), "倍", None, (_ts(t), t.end())))
        else:
            d, verb, basis = "flat", t.group(_Q.flat), t.group(_Q.fbasis)
            rates.append((None, None, None, (_ts(t), t.end())))
        dist = None
    gstart = _ts(t)
    name, ns, ne, scope, nverb = _clean_name(c, g, left, gstart)
    growths = [dict(direction=d, rate=r, unit=u, basis=basis, approx=ap, span=sp, verb=verb) for r, u, ap, sp in rates]
    # several rates: 分别 over named items, or over the metrics just before
    if len(growths) > 1 or dist:
        if name:
            items = _split_items(c, g, left, ne, ne, ne) if ("、" in name or "和" in name or "及" in name or "与" in name) else []
            if items and (len(items) == len(growths) or len(growths) == 1):
                for k, (nm, a, b) in enumerate(items):
                    gr = growths[k] if len(growths) > 1 else growths[0]
                    ms.append(_M(nm, a, b, a, gr["span"][1], "growth_distributive", growth=gr, verb=nverb))
                return end
        targets = [m for m in ms[-_RECENT:] if m.growth is None and not m.aside]
        if not name and len(targets) >= len(growths) > 1:
            for m, gr in zip(targets[-len(growths):], growths):
                m.growth = gr
                m.end = max(m.end, gr["span"][1])
            return end
        done = [m for m in ms[-_RECENT:] if not m.aside]
        if not name and len(done) >= len(growths) > 1:
            # 比2007年分别下降a和b，比2005年分别下降c和d: the same indicators on another basis
            for m, gr in zip(done[-len(growths):], growths):
                ms.append(_M(m.name, m.nstart, m.nend, gr["span"][0], gr["span"][1], "same_indicator_growth", growth=gr))
            return end
    gr = growths[0]
    main = [m for m in ms[-_RECENT:] if not m.aside]
    if name and main and main[-1].growth is None and left == main[-1].end and len(name) <= 2:
        name = ""  # 比例按5%左右安排、比上年提高1个百分点: a verb after the value, not a name
    if name and not _is_basis_only(name):
        last = ms[-1] if ms else None
        if last is not None and last.growth is None and last.value is not None and name in ("增速", "增幅"):
            last.growth = gr
            last.end = gr["span"][1]
            return end
        ms.append(_M(name, ns, ne, ns, gr["span"][1], "name_growth", growth=gr, verb=nverb, scope=scope))
        for extra in growths[1:]:
            ms.append(_M(name, ns, ne, extra["span"][0], extra["span"][1], "name_growth", growth=extra, verb=nverb))
        return end
    main = [m for m in ms[-_RECENT:] if not m.aside]
    last = main[-1] if main else None
    if last is None:
        if t.group(_Q.g) is not None and verb.startswith(_RATE_NOUNS):
            # 平均增速只有4.2%, with no indicator before it in the sentence: the rate noun is the name
            ne = t.start(_Q.gverb) + 2
            ns = t.start(_Q.basis) if basis in _RATE_NOUN_BASES and t.end(_Q.basis) == ne - 2 else ne - 2
            ms.append(_M(c.text[ns:ne], ns, ne, ns, gr["span"][1], "rate_noun_growth", growth=gr))
        return end
    if last.growth is None:
        last.growth = gr
        last.end = max(last.end, gr["span"][1])
        return end
    # a second growth: a change of the growth rate (增速), or the same indicator on another basis
    if gr["unit"] == "个百分点" and last.growth.get("unit") == "%":
        nm = "降幅" if verb.startswith("降幅") else "增速"
        ms.append(_M(nm, gr["span"][0], gr["span"][0], gr["span"][0], gr["span"][1], "rate_change", growth=gr))
    else:
        ms.append(_M(last.name, last.nstart, last.nend, gr["span"][0], gr["span"][1], "same_indicator_growth", growth=gr))
    return end


def _iter_rates(norm: str, pos: int, end: int):
    while True:
        m = _RATE_LIST.match(norm, pos, end)
        if not m:
            return
        yield m
        pos = m.end()


def _direction(g: Grammar, verb: str) -> str:
    if verb in g.flat_words:
        return "flat"
    if verb in g.down_words:
        return "down"
    return "up"


_RATE_NOUNS = ("增速", "增幅", "涨幅", "降幅")  # growth words that are nouns: a growth named by itself
_RATE_NOUN_BASES = ("平均", "年均", "两年平均")  # kept in such a name: 平均增速


def _is_basis_only(name: str) -> bool:
    return name in ("同比", "环比", "比上年", "较上年", "年均", "平均", "实际", "两年平均", "名义")


# --- finishing -----------------------------------------------------------------------------------------
def _finish(c: Cleaned, g: Grammar, m: _M, s: int, e: int, status: str = "actual") -> Metric:
    lex = g.lexicon
    if status == "actual" and "左右" in (m.approx, m.growth and m.growth["approx"]) \
            and _PLAN_CUE.search(c.norm, max(0, s - 200), e):
        status = "target"  # 增长6%左右 under 主要目标 / 预期: 左右 in a plan is a target
    growth = None
    missing = list(m.missing)
    if m.growth is not None:
        gr = m.growth
        gs, ge = c.span(*gr["span"])
        growth = _new_Growth(direction=_DIRECTIONS[gr["direction"]], rate=gr["rate"], unit=gr["unit"],
                        basis=gr["basis"], approx=gr["approx"], span=new_span(gs, ge))
        if gr["rate"] is None and gr["direction"] != "flat":
            missing.append("growth_rate")
    base_value, base_unit = to_base(m.value, m.unit, lex)
    start, end = min(m.start, m.nstart), m.end
    os_, oe = c.span(start, end)
    ns, ne = c.span(m.nstart, m.nend) if m.nend > m.nstart else (os_, os_)
    vspan = None
    if m.vspan:
        vs, ve = c.span(*m.vspan)
        vspan = new_span(vs, ve)
    key = _key(lex, m.name)
    place = None
    pm = _PLACE.match(m.name) if _PLACE_END.search(m.name) else None
    if pm and len(m.name) - pm.end() >= 2:
        rest = m.name[pm.end() :]
        rest_key = _indicators(lex)[0].get(rest)
        if rest_key is not None:
            # 光明区GDP: a place, then an indicator the lexicon knows
            place, key = pm.group("place"), rest_key
            m.name, m.nstart = m.name[pm.end() :], m.nstart + pm.end()
            ns, ne = c.span(m.nstart, m.nend)
    return _new_Metric(
        name=m.name, key=key, scope=m.scope, place=place, period=m.period, verb=m.verb, value=m.value, value_max=m.value_max,
        unit=m.unit, base_value=base_value, base_unit=base_unit, approx=m.approx, growth=growth, status=status,
        missing=missing, rule=m.rule, span=new_span(os_, oe), name_span=new_span(ns, ne), value_span=vspan,
    )


def _key(lex, name: str) -> str | None:
    """The canonical key of the longest lexicon indicator the name ends with (None if none)."""
    names, by_last, table = _indicators(lex)
    n = name.translate(table) if not table.keys().isdisjoint(map(ord, name)) else name
    if n.endswith(("）", ")")):
        n = _TRAILING_PAREN.sub("", n)  # 地区生产总值（GDP）
    for k in by_last.get(n[-1:], ()):  # the lengths of the indicators ending with this character, longest first
        if k <= len(n):
            key = names.get(n[-k:])
            if key is not None:
                return key
    return None
