"""Counted lists: a count word with its noun (六项重点工作, 两个主战场, 三大先导产业) and its items.

Items are looked for where texts put them: listed just before the count (抓好A、B、C六项重点工作),
listed after it (现有鹿场2个，分别是A、B), or as the enumerated block that follows it
(从以下三个方面…一是…二是…三是…). A count phrase with no items found is kept only when its noun
is one that announces a list (方面, 工作, 任务…), with a warning-worthy empty ``items``.

>>> from fangtan.clean import clean
>>> cl = extract(clean("聚焦经济发展和乡村振兴两个主战场。"), [])[0]
>>> cl.count, cl.label, [i.text for i in cl.items]
(2, '主战场', ['经济发展', '乡村振兴'])
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

import regex

from ..clean import Cleaned
from ..models import CountedList, Enumeration, ListItem, new_span, trusted
from ..numbers import read_number
from ..scan import find_all, match_at

__all__ = ["extract", "TASK_LABELS"]

_new_ListItem = trusted(ListItem)
_new_CountedList = trusted(CountedList)

_NUM = r"(?P<num>[一二两三四五六七八九十]{1,3}|\d{1,2}|双)"
_MW = r"(?P<mw>[个项大条种类件级层重名所批手小地支张片]|部分)?"
# what may follow a label: a character, a word, or (after a label of two characters or more) a verb
_LABEL_END_CHARS = "，,。；;：:、！？”）)的是为在上中下和"
_LABEL_END_WORDS = ("入手", "发力", "驱动", "建设", "进展", "取得", "加强", "推进", "推动", "相辅相成", "规模", "达到")
_LABEL_END_VERBS = ("积极", "全力", "进一步", "加快", "实现", "实施", "促进", "提升", "提高", "深化", "努力", "着力", "坚持",
                    "打造", "持续", "落实", "做好", "保持")
# their first characters, a quick test before the alternatives
_LABEL_END_FIRSTS = "".join(dict.fromkeys(_LABEL_END_CHARS + "".join(w[0] for w in _LABEL_END_WORDS + _LABEL_END_VERBS)))
_COUNT = regex.compile(
    rf"""(?<![第\d一二两三四五六七八九十百千万亿.])
    (?:以下|如下|下列)?
    {_NUM}(?!是|方(?!面)|体)(?!个(?:人|月|年|小时|百分点))
    {_MW}
    (?P<label>“?[\p{{Han}}]{{1,12}}?”?)
    (?=[\s{_LABEL_END_FIRSTS}]|$)
    (?=[\s{_LABEL_END_CHARS}]|$|{"|".join(_LABEL_END_WORDS)}|(?<=[\p{{Han}}]{{2}})(?:{"|".join(_LABEL_END_VERBS)}))""",
    regex.VERBOSE,
)
# the noun first, the count after, the items after that: 现有鹿场2个，分别是A、B
_NOUN_COUNT = regex.compile(
    r"""(?P<label>[\p{Han}]{2,8}?)(?P<num>\d{1,2}|[一二两三四五六七八九十]{1,3})(?P<mw>个|家|处|条|座|所|项|名)
        (?=[，,：:](?:按[^，,。；：:]{1,20}?)?(?:分别是|分别为|分别|即|包括|有)|：)""",
    regex.VERBOSE,
)
_NOT_A_LABEL = frozenset("倍番成年月日天次届周岁")
_LABEL_STOP = re.compile(r"的|是|为|在|上|中|相辅相成|入手|发力|驱动|进展|取得|加强|推进|推动|下更大|下功夫|着力|抓好|或者|或是|以及|还是|等|与|都")
_LIST_NOUNS = ("方面", "工作", "任务", "重点", "战场", "行动", "工程", "举措", "措施", "目标", "实事", "事", "战略", "产业",
               "领域", "环节", "机制", "体系", "基地", "板块", "赛道", "片区", "产业链", "集群", "增长点", "功能", "循环",
               "水系", "系统", "方向", "效益", "城市", "省份", "地", "村", "流域", "部分", "层", "类")
TASK_LABELS = ("重点工作", "工作", "任务", "重点任务", "实事", "民生实事", "事", "件事", "工作任务")
_VERBS = ("聚焦", "抓好", "围绕", "打造", "推进", "实施", "做好", "突出", "坚持", "推动", "建设", "形成", "包括", "涵盖",
          "覆盖", "分为", "通航", "贯通", "开展", "实现", "构建", "加快", "按照", "着力", "培育", "发展", "打响", "守住",
          "做强", "壮大", "建成", "拥有", "涉及", "聚力", "坚持以", "以", "在", "对", "将", "把", "有", "即", "由", "从",
          "流经", "呈现", "实行", "设立", "促进", "形成了", "带动", "强化", "完善", "落实", "提升", "瞄准", "锚定")
_VERBS_LONGEST = tuple(sorted(_VERBS, key=len, reverse=True))
# 和/与/及 join items, but not inside 和谐, 参与, 涉及, 普及, 及时
_CONJ = r"(?<![温平缓调柔])和(?![谐平睦])|(?<![参给赋授])与|(?<![涉普波以危])及(?![时早])|以及"
_SEP = re.compile(rf"[、，,]|{_CONJ}")
_AFTER_LIST = re.compile(r"[”\"]?(?:[，,：:]?(?:分别是|分别为|分别|其中|即|包括|为|是)[：:]?|[：:])")
_TRAIL_QTY = regex.compile(r"[\d.]+[\p{Han}]{0,2}$")
_NUMS = {"双": 2}
_C_NUM, _C_LABEL = _COUNT.groupindex["num"], _COUNT.groupindex["label"]
_BOUNDARY_BACK = regex.compile(r"(?r)[。；;：:！？\n，,]")  # the last clause boundary before a place
_STOP = re.compile(r"[。；;！？\n]")
_COMMA = re.compile(r"[，,]")
_JOINER = re.compile(r"[、和及与]")
# the verbs by their first character, each with its place in _VERBS_LONGEST (longest first)
_VERB_BY_FIRST: dict[str, list[int]] = {}
for _i, _v in enumerate(_VERBS_LONGEST):
    _VERB_BY_FIRST.setdefault(_v[0], []).append(_i)
_VERB_FIRSTS = frozenset(_VERB_BY_FIRST)
_VERB_REACH = 8 + max(len(v) for v in _VERBS)  # how far dropping a leading verb can move the list's start
# every _SEP (_SEP_STRICT) match holds one of these characters; _SEP's others hold one of _CONJ_CHARS
_SEP_CHARS = re.compile(r"[、，,和与及]")
_SEP_CHARS_STRICT = re.compile(r"[、，,]")
_CONJ_CHARS = re.compile(r"[和与及]")
_SKIP = " “\""  # spaces and opening quotes: skipped before a list (and after a dropped verb, with 、)
_SKIPPED = re.compile(f"[{_SKIP}]")
# characters that are items on their own when a count follows them unseparated (京津冀三地, 东中西三省份,
# 县乡村三级, 中美两国): provinces and regions, directions, administrative levels, countries
_ONE_CHAR_ITEMS = frozenset("京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川蜀黔滇藏陕甘陇青宁新港澳台成蓉"
                            "东西南北中" "国省市县区乡镇村组城" "美日韩俄英法德欧")
# the count words a _NOUN_COUNT match ends with
_NOUN_COUNT_MW = frozenset("个家处条座所项名")


def _count(s: str) -> int | None:
    if s in _NUMS:
        return _NUMS[s]
    if s in _COUNTS:
        return _COUNTS[s]
    v = read_number(s)
    r = int(v) if v is not None and v == int(v) else None
    if len(_COUNTS) < 4096:
        _COUNTS[s] = r
    return r


_COUNTS: dict[str, int | None] = {}  # numerals read before


def extract(c: Cleaned, enums: list[Enumeration], start: int = 0, end: int | None = None,
            stops: Sequence[int] = ()) -> list[CountedList]:
    """Counted lists in the cleaned text; ``enums`` are the document's enumerations (original spans);
    ``stops`` are cleaned offsets (Q&A turn starts) that a list never crosses."""
    norm = c.norm
    end = len(norm) if end is None else end
    out: list[CountedList] = []
    blocks = [(e.span.start, len(e.items), e) for e in enums]
    sizes = {k for _, k, _ in blocks}
    stop_memo: list[list[int]] = []  # where the sentences stop, once a long search needs it
    by_number: dict[int, int] = {}  # where each list's count stands -> its place in ``out``
    for m in _COUNT.finditer(norm, start, end):
        num, mw, label_raw = m.groups()
        n = _count(num)
        if n is None or not 1 <= n <= 30:
            continue
        ls = _LABEL_STOP.search(label_raw)
        label = label_raw[: ls.start()] if ls and ls.start() > 0 else label_raw
        label = label.strip("“”")
        if mw in ("部分", "层", "类", "手", "地") and not label:
            label = mw
        if not label or (not mw and label[0] in _NOT_A_LABEL) or (mw == "大" and n > 10):
            continue  # 增长两倍, 翻两番, 二十大精神: a multiple or an ordinal congress, not a list
        ms, me = m.span()
        ahead = norm.startswith(("以下", "如下", "下列"), ms)
        phrase_s = m.start(_C_NUM) if not ahead else ms
        phrase_e = m.start(_C_LABEL) + len(label_raw.split(label)[0]) + len(label) if label in label_raw else me
        if mw in ("地", "手", "部分"):
            label, phrase_e = mw, m.end(_C_NUM + 1)  # 粤港澳三地携手合作: the measure word is the noun
        items = _items_before(c, ms, n) if n >= 2 else None  # a list before needs two items or more
        if items is None:
            items = _items_after(c, phrase_e, n, end)
        if items is None and n >= 2 and norm.startswith(_COMMAS, phrase_e):  # (its first test, sparing the call)
            items = _grouped_items(c, phrase_e, n, end)
        if items is None and n in sizes:  # (no enumeration of n items: none to take)
            k = bisect_right(stops, me)
            limit = stops[k] if k < len(stops) else end
            items = _items_from_enum(c, blocks, me, n, limit, ahead, stop_memo)
        if items is None:
            if n == 1:
                continue  # 一方面, 一批重大工程, 一大市场: one, with nothing listed, is no list
            if num.isdigit() or not (label.endswith(_LIST_NOUNS) or (mw in ("大", "项") and len(label) >= 2)):
                continue
            if not mw and not label.endswith(("方面", "工作")):
                continue
            items = []
        if items is not None and items and not _plausible(items):
            continue
        by_number[m.start(_C_NUM)] = len(out)
        out.append(_counted_list(c, n, label, phrase_s, phrase_e, items,
                                 min([phrase_s] + [x[1] for x in items if x[1] < phrase_s]), phrase_e))
    for m in _noun_count_matches(norm, start, end):
        n = _count(m.group("num"))
        if n is None or not 2 <= n <= 30:
            continue
        items = _items_after(c, m.end(), n, end) or _grouped_items(c, m.end(), n, end)
        if not items:
            continue
        label, ls = m.group("label"), m.start()  # the label and where the phrase starts
        dm = _DATE_REST.match(label) if ls > 0 and norm[ls - 1].isdigit() else None
        if dm is not None and len(label) - dm.end() >= 2:
            label, ls = label[dm.end() :], ls + dm.end()  # 截至9月底未开工项目: 月底 ends the date
        for w in ("共计", "总共", "合计", "共"):
            if label.endswith(w) and len(label) - len(w) >= 2:
                label = label[: -len(w)]  # 未开工项目共5个
                break
        for v in ("现有", "共有", "拥有", "有"):
            i = label.rfind(v) if len(v) == 2 else (0 if label.startswith(v) else -1)  # 全镇现有鹿场: 鹿场
            if i >= 0 and len(label) - i - len(v) >= 2:
                label = label[i + len(v) :]
                break
        cl = _counted_list(c, n, label, ls, m.end(), items, ls, max(b for _, _, b in items))
        k = by_number.get(m.start("num"))
        if k is None:
            out.append(cl)
        else:
            out[k] = cl  # 现有石材企业2个，分别是…: one list, named by its noun rather than by 个
    out.sort(key=lambda x: x.span.start)
    return out


def _counted_list(c: Cleaned, n: int, label: str, phrase_s: int, phrase_e: int, items, s: int, e: int) -> CountedList:
    """The model: the phrase is ``[phrase_s, phrase_e)``, the whole list ``[s, e)`` (cleaned offsets);
    ``items`` are (text, cleaned start, cleaned end)."""
    li = [_new_ListItem(text=t, span=new_span(*c.span(a, b))) for t, a, b in items]
    return _new_CountedList(count=n, label=label, phrase=c.text[phrase_s:phrase_e], items=li,
                            is_tasks=label.endswith(TASK_LABELS), span=new_span(*c.span(s, e)))


def _plausible(items) -> bool:
    """Items are short words (a letter or character in each), none is a quantity (二类海水比例为65.3%，
    比上年…), and two items of one character each are places, levels or directions (not 曹、槐两口子)."""
    if len(items) == 2 and all(len(t) == 1 for t, _, _ in items) and not all(t in _ONE_CHAR_ITEMS for t, _, _ in items):
        return False
    return all(0 < len(t) <= 60 and (not (t[0].isdigit() or t[0] == ".") or _QUANTITY_ITEM.match(t) is None)
               and any(ch.isalpha() for ch in t) for t, _, _ in items)


_QUANTITY_ITEM = re.compile(r"[\d.]+(?:%|‰|个百分点|倍|[万亿]?元|[万亿]?人)")


def _items_before(c: Cleaned, pos: int, n: int):
    """A 、-list just before the count: 抓好A、B、C六项…, “A、B、C”三大…"""
    norm, text = c.norm, c.text
    a = max(0, pos - 160)
    # the list starts after the last clause boundary
    bm = _BOUNDARY_BACK.search(norm, a, pos)
    start = bm.start() + 1 if bm is not None else a
    while start < pos and norm[start] in _SKIP:
        start += 1
    body_end = pos
    while body_end > start and norm[body_end - 1] in "“”\" 的等":
        body_end -= 1
    q = norm.rfind("“", max(start, body_end - 3), body_end)
    if q >= 0 and norm.find("”", q, pos) < 0:
        body_end = q  # A、B、C“新三样”: the count phrase is quoted with a word before the number
    d = norm.rfind("的", start, body_end)
    if d >= 0 and norm.count("“", start, d) == norm.count("”", start, d):
        start = d + 1  # 覆盖全域的省市县三级…: items do not reach back over 的
    if body_end - start < 2:
        return None
    if _SEP_CHARS.search(norm, start, body_end) is None:
        # no separator: one part at most, so only halving it can give n items; that needs a part of
        # n (or 2n) characters that starts at most _VERB_REACH characters on (a verb dropped), or
        # further only over spaces or quotes
        size = body_end - start
        if norm[pos].isdigit() or size < n or (size - _VERB_REACH > 2 * n and _SKIPPED.search(norm, start, body_end) is None):
            return None
        # the one part must then start n (or 2n, 双) characters before the count: at the clause start,
        # or after a dropped verb and the spaces or quotes after it
        if not any(_part_can_start(norm, start, x) for x in (body_end - n, body_end - 2 * n if norm[pos] == "双" else -1)):
            return None
    # drop a leading verb (the longest first; only verbs whose first character is there can be)
    w = norm[start : min(body_end, start + 12)]
    present = _VERB_FIRSTS.intersection(w)
    cands = [i for ch in present for i in _VERB_BY_FIRST[ch]]
    if len(present) > 1:
        cands.sort()
    for i in cands:
        v = _VERBS_LONGEST[i]
        k = w.find(v)
        if k >= 0:
            k += start
            if k == start or norm[start:k].strip(_SKIP) == "" or _all_han(norm[start:k]):
                if k - start <= 8:
                    start = k + len(v)
                    break
    while start < body_end and norm[start] in _SKIP + "、":
        start += 1
    parts = _split(norm, start, body_end)
    if len(parts) != n and _CONJ_CHARS.search(norm, start, body_end) is not None:  # else the same parts
        strict = _split(norm, start, body_end, strict=True)
        if len(strict) == n:
            parts = strict
    if len(parts) == 1 and n > 1 and not norm[pos].isdigit():
        s, e = parts[0]
        L = e - s
        if (L == n and all(ch in _ONE_CHAR_ITEMS for ch in norm[s:e])) or \
                (L == 4 and n == 2 and norm[pos] == "双" and set(norm[s : s + 2]) & set(norm[s + 2 : e])):
            # 京津冀三地, 县乡村三级: one character an item, when each is a place, a level or a direction;
            # 国内国际双循环: two halves that share a character (not 落实, 巩固, 国防动员)
            step = L // n
            parts = [(s + k * step, s + (k + 1) * step) for k in range(n)]
    if len(parts) != n or n < 2:
        return None
    s0, e0 = parts[0]
    longest = max(e - s for s, e in parts[1:])
    if e0 - s0 > longest + 1 and (e0 - s0 >= 2 * longest or "的" in norm[s0:e0]):
        for k in range(e0 - 1, s0, -1):
            if norm[k - 1] in "的为往到在对将把向于了是有":
                parts[0] = (k, e0)
                break
        else:
            parts[0] = (e0 - longest, e0)  # 全力支持香港、澳门: the first item is as long as the others
    return [(text[s:e].strip(" “”\"'"), s, e) for s, e in parts]


def _part_can_start(norm: str, start: int, x: int) -> bool:
    """Whether the list after the verb dropping below can start at ``x`` in a clause starting at
    ``start``: x is the start, or a verb ends there (before spaces or quotes)."""
    if x < start:
        return False
    if x == start:
        return True
    while x > start and norm[x - 1] in _SKIP:
        x -= 1
    return x == start or norm.endswith(_VERBS_LONGEST, start, x)


def _all_han(s: str) -> bool:
    return bool(s) and all("\u4e00" <= ch <= "\u9fff" for ch in s)


_SEP_STRICT = re.compile(r"[、，,]")


def _split(norm: str, s: int, e: int, strict: bool = False) -> list[tuple[int, int]]:
    """Items separated by 、 (and 和/与/及 unless ``strict``)."""
    if (_SEP_CHARS_STRICT if strict else _SEP_CHARS).search(norm, s, e) is None:
        return [(s, e)] if e > s else []  # no separator: one part
    parts = []
    p = s
    for m in (_SEP_STRICT if strict else _SEP).finditer(norm, s, e):
        parts.append((p, m.start()))
        p = m.end()
    parts.append((p, e))
    return [(x, y) for x, y in parts if y > x]


def _items_after(c: Cleaned, pos: int, n: int, end: int):
    """现有鹿场2个，分别是A、B。 / “两高”即A、B；"""
    norm, text = c.norm, c.text
    if not _after_list_can_match(norm, pos, end):
        return None
    m = _AFTER_LIST.match(norm, pos, end)
    if not m:
        return None
    if n == 1 and m.group().strip("”\"，,：:") in ("为", "是"):
        return None  # 一般为…, 一守就是15年: one thing that is something, a copula, not a list of one
    stop = _STOP.search(norm, m.end(), min(end, m.end() + 200))
    e = stop.start() if stop else min(end, m.end() + 200)
    comma = _COMMA.search(norm, m.end(), e)
    if comma and _JOINER.search(norm, m.end(), comma.start()):
        e = comma.start()  # A和B，then the sentence goes on
    for parts in (_split(norm, m.end(), e), _split(norm, m.end(), e, strict=True)):
        if len(parts) == n:
            out = []
            for s0, t0 in parts:
                item = text[s0:t0].strip(" “”\"'等")
                item = _TRAIL_QTY.sub("", item) or item
                out.append((item, s0, t0))
            return out
    return None


def _grouped_items(c: Cleaned, pos: int, n: int, end: int):
    """Items listed by group after the count: 项目共5个，按责任单位划分分别是：甲市2个，A和B；乙市1个，C；…
    Each group is ``owner`` + a count + 个 + its items; the groups' counts add up to ``n`` and each group
    lists as many items as it counts (a group of one is one item, whatever it holds)."""
    norm, text = c.norm, c.text
    if not norm.startswith(_COMMAS, pos):
        return None
    h = _GROUPED_HEAD.match(norm, pos, end)
    if h is None:
        return None
    limit = min(end, h.end() + _GROUPED_REACH)
    stop = _STOP_SENTENCE.search(norm, h.end(), limit)
    e = stop.start() if stop else limit
    out = []
    total = 0
    a = h.end()
    while a < e:
        b = _GROUP_SEP.search(norm, a, e)
        be = b.start() if b else e
        gm = _GROUP.fullmatch(norm, a, be)
        if gm is None:
            return None
        k = _count(gm.group("k"))
        if k is None:
            return None
        s0, e0 = gm.span("items")
        parts = _split(norm, s0, e0)
        if len(parts) != k:
            parts = _split(norm, s0, e0, strict=True)
        if len(parts) != k:
            if k != 1:
                return None
            parts = [(s0, e0)]
        total += k
        out.extend((text[x:y].strip(" “”\"'"), x, y) for x, y in parts)
        a = b.end() if b else e
    return out if total == n and len(out) == n else None


_DATE_REST = re.compile(r"[年月日](?:底|末|初|份|中旬|上旬|下旬)?")
_GROUPED_HEAD = re.compile(r"[，,](?:按[^，,。；;：:]{1,20}?)?分别(?:是|为)?[：:]")
_GROUP = re.compile(r"(?P<owner>[^，,；;。：:]{1,30}?)(?P<k>\d{1,2}|[一二两三四五六七八九十])个[，,](?P<items>[^；;。]+)")
_GROUP_SEP = re.compile(r"[；;]")
_STOP_SENTENCE = re.compile(r"[。！？\n]")  # _STOP without ；, which separates the groups
_COMMAS = ("，", ",")
_GROUPED_REACH = 800  # how far a list by groups is followed (bounded: linear)


def _after_list_can_match(norm: str, pos: int, end: int) -> bool:
    """Whether _AFTER_LIST can match at ``pos``: after an optional closing quote, a colon, or one of
    分别/其中/即/包括/为/是 (after an optional comma). Exact, and cheaper than trying the pattern."""
    if pos < end and norm[pos] in "”\"":
        pos += 1
    if pos >= end:
        return False
    ch = norm[pos]
    if ch in "：:":
        return True
    if ch in "，,":
        pos += 1
        if pos >= end:
            return False
        ch = norm[pos]
    return ch in "分其即包为是"


def _items_from_enum(c: Cleaned, blocks: list[tuple[int, int, Enumeration]], pos: int, n: int, limit: int, ahead: bool,
                     stop_memo: list[list[int]]):
    """The enumerated block right after the count phrase: in the next sentence, or (以下…) nearby.

    ``blocks`` are the enumerations as (original start, number of items, enumeration)."""
    o = c.map.pos(pos)
    lim = c.map.pos(limit) if limit < len(c.norm) else c.map.orig_len
    nxt = _next_stop(c.norm, pos, limit, stop_memo)
    if nxt >= 0:
        k = nxt + 1
        while k < limit and c.norm[k] in " \n":
            k += 1
        near = c.map.pos(k) + 6
    else:
        near = lim
    reach = 800 if ahead else near - o
    # blocks are in text order: look only from the first one at or after ``o`` (bisect), up to reach
    i = bisect_left(blocks, (o,), key=lambda b: (b[0],))
    while i < len(blocks) and blocks[i][0] - o <= reach:
        es, k, e = blocks[i]
        if k == n and es < lim:
            return [(it.heading, _clean_of(c, it.span.start), _clean_of(c, it.span.end)) for it in e.items]
        i += 1
    return None


def _next_stop(norm: str, pos: int, limit: int, memo: list[list[int]]) -> int:
    """Where the first of 。；;！？ or a line break is in ``[pos, limit)``, or -1. Looked for nearby
    first; a longer search uses all their places, found once (``memo``), so counts stay linear."""
    near = min(limit, pos + 300)
    m = _STOP.search(norm, pos, near)
    if m is not None:
        return m.start()
    if near >= limit:
        return -1
    if not memo:
        memo.append([x.start() for x in _STOP.finditer(norm)])
    at = memo[0]
    i = bisect_left(at, near)
    return at[i] if i < len(at) and at[i] < limit else -1


def _clean_of(c: Cleaned, orig: int) -> int:
    """A cleaned offset for an original one (used rarely: enumeration items): the first cleaned
    offset whose original offset is at least ``orig`` (the map only grows), else the text's end."""
    n = len(c.norm)
    pos = c.map.pos
    h = min(max(c.map.clean_pos(orig), 0), n)  # a guess, checked: usually right
    if h < n:
        if pos(h) >= orig and (h == 0 or pos(h - 1) < orig):
            return h
    elif n == 0 or pos(n - 1) < orig:
        return n
    lo, hi = 0, n
    while lo < hi:
        mid = (lo + hi) // 2
        if pos(mid) < orig:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _noun_count_matches(norm: str, start: int, end: int) -> list:
    """The matches of ``_NOUN_COUNT.finditer(norm, start, end)``, found fast.

    A match is 2–8 characters, a count of 1–3 and a count word, then a colon, or a comma or colon
    before 分别/即/包括/有 or before 按 (，按单位划分分别是); so it can only start 4 to 12 characters
    before such a place. Those places are tried in order and the scan resumes after each match, as
    ``finditer`` does."""
    ends = list(find_all(norm, "：", start, end))
    for w in ("分别", "即", "包括", "有", "按"):
        ends.extend(i - 1 for i in find_all(norm, w, start + 1, end) if norm[i - 1] in "，,：:")
    starts: set[int] = set()
    for t in ends:
        if t > start and norm[t - 1] in _NOUN_COUNT_MW:
            starts.update(range(max(start, t - 12), t - 3))
    if not starts:
        return []
    return match_at(_NOUN_COUNT.match, norm, sorted(starts), start, end)
