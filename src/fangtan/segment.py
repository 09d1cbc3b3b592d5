"""Stage 2: segment the cleaned text into a title, a subtitle, and question-and-answer turns.

>>> from fangtan.clean import clean
>>> seg = segment(clean("某镇:奋进新征程\\n问:今年有何打算?张三:一是抓项目。二是抓民生。"))
>>> seg.title, len(seg.turns), seg.turns[0].speakers
('某镇:奋进新征程', 1, ['张三'])
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

import regex

from .clean import Cleaned
from .grammar import Grammar
from .scan import match_at

__all__ = ["segment", "Segments", "RawTurn"]

_NOT_NAMES = frozenset(
    "问 答 主持人 记者 时间 主题 嘉宾 来源 编辑 作者 地点 访谈时间 访谈主题 访谈嘉宾 提问 回答 注 备注 摘要 原标题 标题 日期 "
    "电话 地址 邮箱 网址 链接 关键词 导语 核心提示 提示 说明 附件 附 图 表 资料 简介 题目 目录 通知 公告 声明 口号 要求 "
    "目标 任务 思路 措施 举措 总体思路 指导思想 基本原则 第一 第二 第三 其一 其二 一是 二是 三是 首先 其次 最后 同时 另外 "
    "此外 总之 可见 其中 例如 比如 据悉 据了解 据介绍 数据显示 统计显示 报告显示 结果显示 新华社 中新网 人民网 本报 "
    "今年 去年 明年 当前 目前 近年来 一方面 另一方面 对此 为此 因此 所以 但是 不过 然而 事实上 实际上 具体来说 总的来说".split()
)
_Q = r"(?:有?记者问|[\p{Han}]{0,10}?记者|网友提问|网友|提问|主持人|问|問|Q|【问】|【問】)"  # 路透社记者：
_A_LABEL = r"(?:答|答复|回答|嘉宾|A|【答】)"
# an answerer's title before the name: 市统计局局长张华：
_TITLE_BEFORE = r"(?:[\p{Han}]{0,12}?(?:局长|书记|主任|市长|县长|区长|镇长|乡长|部长|厅长|主席|发言人|负责人|院长|校长|总经理|董事长|省长|旗长|州长))"
_NAME = r"(?P<name>[\p{Han}]{2,4}|[\p{Han}]{1,3}·[\p{Han}]{1,6})"
_MARKERS = regex.compile(
    rf"""
      (?P<q>(?:(?<=^|[。！？!?\s”」」])|(?<=\A))[ ]{{0,3}}{_Q}[ ]{{0,2}}[:：])               # 问：
    | (?P<qb>【问】|【問】)
    | (?P<a>(?<=^|[。！？!?\s”」])[ ]{{0,3}}{_A_LABEL}[ ]{{0,2}}[:：]|【答】)                # 答：
    | (?<=[？?]["”」]?[ ]{{0,2}}|^[ ]{{0,3}}|[。！!]["”」]?\n?){_TITLE_BEFORE}?(?P<named>{_NAME})[ ]{{0,2}}[:：]   # 张三：/局长张华：
    | ^[ ]{{0,3}}(?P<short>[\p{{Han}}])[ ]{{0,2}}[:：]                                       # 陳：(a short label)
    | (?<=[？?]["”」]?[ ]{{0,2}})(?P<said>{_NAME})(?:说|表示|回答|答道|指出|介绍)[，,：:]      # ？秦刚说，
    """,
    regex.VERBOSE | regex.MULTILINE,
)
# positions in ``m.groups()`` of the marker's named groups
_G_Q, _G_QB, _G_A, _G_NAME, _G_SHORT, _G_SAID = (_MARKERS.groupindex[k] - 1 for k in ("q", "qb", "a", "name", "short", "said"))
_DATELINE = regex.compile(
    r"""(?:新华网|中新网|新华社|人民网|央视网|中国新闻网|本报|本网|人民日报)[^，。]{0,8}?\d{1,2}月\d{1,2}日(?:电|讯)
      | 访谈时间 | 访谈主题 | 访谈嘉宾
      | (?:昨日|昨天|今日|今天|日前|近日|连日来|记者从)
      | \d{1,2}日(?:上午|下午|晚间|晚)""",
    regex.VERBOSE,
)
_OPENS_WITH_QUESTION = regex.compile(rf"[ ]{{0,3}}{_Q}[ ]{{0,2}}[:：]")
_TITLE_NAME = regex.compile(rf"{_NAME}[:：]")
_CLAUSE_PUNCT = re.compile(r"[。，,；]")
_PLACE_COLON = regex.compile(r"(?P<p>[\p{Han}]{2,8})[:：]")
_HAN1 = regex.compile(r"[\p{Han}]")
_SENT_END = re.compile(r"[。！？]")
_HAN_RUN = regex.compile(r"[\p{Han}]+")
_TITLE_NUM = regex.compile(r"(?:超过|超|近|约|达)?\d+(?:\.\d+)?(?:万亿|亿|万)?(?:元|%|倍|人|户|家|个|吨|辆)(?:左右|以上)?")
_INTRO_TIME = regex.compile(r"(?:\d{0,4}年以来|今年以来|近年来|年初以来|[，,])")


@dataclass
class RawTurn:
    question: tuple[int, int]  # cleaned offsets of the question text
    asker: str | None
    marker: int = 0  # cleaned offset where the question's marker (问：) starts
    answers: list[tuple[str | None, int, int]] = field(default_factory=list)  # speaker, start, end

    @property
    def speakers(self) -> list[str]:
        out: list[str] = []
        for n, _, _ in self.answers:
            if n and n not in out:
                out.append(n)
        return out


@dataclass
class Segments:
    title: str | None = None
    title_span: tuple[int, int] | None = None
    subtitle: str | None = None
    subtitle_span: tuple[int, int] | None = None
    place: str | None = None
    turns: list[RawTurn] = field(default_factory=list)
    body_start: int = 0

    def stops(self) -> list[int]:
        """Where each turn's marker and each answer start (cleaned offsets, ascending): the places an
        enumeration or a counted list never runs across."""
        return sorted(x for t in self.turns for x in (t.marker,) + tuple(a for _, a, _ in t.answers))


def segment(c: Cleaned, g: Grammar | None = None) -> Segments:
    """Title, subtitle and Q&A turns of a cleaned document."""
    seg = Segments()
    _title(c, seg)
    seg.turns = _turns(c, seg) or _reported_turns(c, seg)
    if seg.turns and all(not t.speakers for t in seg.turns):
        name = None
        m = _TITLE_NAME.match(seg.title) if seg.title else None
        if m and m.group("name") not in _NOT_NAMES:
            name = m.group("name")  # 某某：…: the title names the one who answers
        else:
            # the lead introduces the one who answers: 市统计局局长刘洋介绍…并答记者问
            first_q = min(t.marker for t in seg.turns)
            lead = [sm.group("n2") for sm in _SPEAKER.finditer(c.norm, seg.body_start, first_q) if sm.group("n2")]
            if len(set(lead)) == 1 and lead[0] not in _NOT_NAMES and lead[0] not in _NOT_SPEAKERS:
                name = lead[0]
        if name:
            for t in seg.turns:
                t.answers = [(name, a, b) for _, a, b in t.answers]
    return seg


# --- title ---------------------------------------------------------------------------------------------
def _lines(norm: str, start: int = 0):
    pos = start
    n = len(norm)
    while pos < n:
        e = norm.find("\n", pos)
        if e < 0:
            e = n
        line = norm[pos:e]
        if line.strip():
            lead = len(line) - len(line.lstrip())
            yield pos + lead, pos + len(line.rstrip())
        pos = e + 1


def _title(c: Cleaned, seg: Segments) -> None:
    norm, text = c.norm, c.text
    lines = _lines(norm)
    first = next(lines, None)
    if c.meta.get("title"):
        seg.title = c.meta["title"]
        if first:
            seg.body_start = first[0]
        # a heading repeating the front-matter title is the title's span
        for hs, he in c.headings:
            seg.title_span = (hs, he)
            break
        return
    if c.headings:
        hs, he = c.headings[0]
        seg.title, seg.title_span, seg.body_start = text[hs:he].strip(), (hs, he), he
        return
    if first is None:
        return
    s, e = first
    second = next(lines, None)
    # a damaged copy of the title (scraped pages): the next line contains a long piece of it
    if second is not None and e - s <= 40 and _is_damaged_copy(norm[s:e], norm[second[0] : min(second[1], second[0] + 80)]):
        s, e = second
    line = norm[s:e]
    if line.rstrip().endswith(("：", ":")) and e - s <= 12:
        return  # 各位代表：: a speech opens, no title line
    if _OPENS_WITH_QUESTION.match(line):
        return  # the text opens with its first question: there is no title line
    if e - s <= 60 and not (line.rstrip().endswith(("。", "；")) and e - s > 30):
        seg.title, seg.title_span, seg.body_start = text[s:e].strip(), (s, e), e
        return
    end = _title_end(line)
    if end:
        seg.title, seg.title_span = text[s : s + end].strip(), (s, s + end)
        seg.body_start = s + end
        rest = line[end:]
        m = _INTRO_TIME.search(rest, 0, 60)
        if m and m.start() >= 6 and not _CLAUSE_PUNCT.search(rest, 0, m.start()):
            seg.subtitle = text[s + end : s + end + m.start()]
            seg.subtitle_span = (s + end, s + end + m.start())
            seg.body_start = s + end + m.start()


def _is_damaged_copy(line: str, nxt: str) -> bool:
    """A scraped page's garbled copy of the title: garbage, then a long piece of the next line."""
    k = len(line)
    if line in nxt:
        return False  # a title repeated in full is a title, not a damaged copy
    # the longest piece of 6 or more in common is at least half the line: one of that length is there
    n = max(6, k // 2)
    if line[:n] in nxt:
        return False  # the line's own start comes again (a title repeated in the lead): not damaged
    return any(line[i : i + n] in nxt for i in range(1, k - n + 1))


def _title_end(line: str) -> int | None:
    """Where a headline run into its article ends (no line break after it)."""
    head = line[:80]
    # 某镇:口号……某镇全面推进…: the place before the colon starts the subtitle or the body again
    m = _PLACE_COLON.match(head)
    if m:
        p = m.group("p")
        j = head.find(p, m.end() + 4)
        if j > 0:
            return j
    candidates = []
    d = _DATELINE.search(head, 6)
    if d:
        candidates.append(d.start())
    n = _TITLE_NUM.search(head, 4, 45)
    if n and n.end() < len(head) and _HAN1.match(head[n.end()]):
        candidates.append(n.end())
    p = _SENT_END.search(head)
    if p and p.start() <= 45:
        candidates.append(p.start())
    candidates = [x for x in candidates if 6 <= x <= 50]
    return min(candidates) if candidates else None


# --- turns ---------------------------------------------------------------------------------------------
def _turns(c: Cleaned, seg: Segments) -> list[RawTurn]:
    norm = c.norm
    start = seg.body_start
    end = c.body_end
    marks = []
    for m in _marker_matches(norm, start, end):
        gs = m.groups()
        if gs[_G_Q] or gs[_G_QB]:
            kind = "q"
            name = None
            label = (gs[_G_Q] or gs[_G_QB]).strip(" 【】:：")
            if label in ("主持人", "网友") or label.endswith("记者"):
                name = label
        elif gs[_G_A]:
            kind, name = "a", None
        elif gs[_G_SHORT]:
            kind, name = "a", "\x00" + gs[_G_SHORT]
        else:
            name = gs[_G_NAME] or gs[_G_SAID]
            if name in _NOT_NAMES or name.endswith(("说", "表示", "认为", "指出")):
                continue
            kind = "a"
        marks.append((kind, name, m.start(), m.end()))
    turns: list[RawTurn] = []
    cur: RawTurn | None = None
    furniture = sorted(s0 for _, s0, _ in c.boilerplate)
    for k, (kind, name, ms, me) in enumerate(marks):
        nxt = marks[k + 1][2] if k + 1 < len(marks) else end
        j = bisect_left(furniture, me)
        if j < len(furniture):
            nxt = min(nxt, furniture[j])  # an answer stops at the source line or page furniture
        if kind == "q":
            cur = RawTurn((me, nxt), name, ms)
            turns.append(cur)
        elif cur is not None:
            qs, qe = cur.question
            if not cur.answers and qe > ms:
                cur.question = (qs, ms)
            cur.answers.append((name, me, nxt))
    turns = [t for t in turns if t.answers and t.question[1] - t.question[0] >= 2]  # a question that got an answer
    _resolve_short_labels(c, seg, turns)
    return turns


_MARKER_REACH = 13  # a marker match is at most this many characters before its last one
_BEFORE_MARKER = frozenset("。！？!?”」\"")  # with whitespace: the characters a marker can follow
_SAID_END = re.compile(r"[，,：:]")
# the characters a marker is made of before its last one (a superset), as far back as one can reach
_MARKER_BODY = regex.compile(rf"(?<=(?P<b>[\p{{Han}}·【】QA ]{{1,{_MARKER_REACH}}}))")


def _marker_matches(norm: str, start: int, end: int) -> list:
    """The matches of ``_MARKERS.finditer(norm, start, end)``, found fast.

    Every match ends with a colon, the 】 of 【问】/【答】, or (``said``) the first comma or colon
    within 17 characters after a question mark, and before that holds only ``_MARKER_BODY``
    characters. So each such ending is taken in order, the pattern matched at the few places before
    it where a match can start (the start of that run of characters, after a space in it, or at a
    【), the leftmost one that matches kept, and the scan resumed after it, as ``finditer`` does."""
    ends: list[int] = []
    find = norm.find
    for ch in ":：":
        i = find(ch, start, end)
        while i >= 0:
            ends.append(i)
            i = find(ch, i + 1, end)
    i = find("【", start, end)
    while i >= 0:
        if i + 2 < end and norm[i + 1 : i + 3] in ("问】", "問】", "答】"):
            ends.append(i + 2)
        i = find("【", i + 1, end)
    lo = max(0, start - 4)  # a said marker's question mark may come just before ``start``
    for ch in "？?":
        i = find(ch, lo, end)
        while i >= 0:
            m = _SAID_END.search(norm, i + 1, min(i + 18, end))
            if m is not None:
                ends.append(m.start())
            i = find(ch, i + 1, end)
    if len(ends) > 1:
        ends = sorted(set(ends))
    out = []
    prev = start
    match = _MARKERS.match
    body = _MARKER_BODY.match
    for t in ends:
        if t < prev:
            continue
        b = body(norm, t)
        if b is None:
            continue
        rs = b.start(1)
        m = None
        if rs >= prev:
            ch = norm[rs - 1] if rs else ""
            if not rs or ch in _BEFORE_MARKER or ch.isspace() or norm[rs] == "【":
                m = match(norm, rs, end)
        if m is None and (find(" ", rs, t) >= 0 or find("【", rs, t) >= 0):
            for k in range(max(rs + 1, prev), t):
                if norm[k - 1] == " " or norm[k] == "【":
                    m = match(norm, k, end)
                    if m is not None:
                        break
        if m is not None:
            out.append(m)
            prev = m.end()
    return out


def _resolve_short_labels(c: Cleaned, seg: Segments, turns: list[RawTurn]) -> None:
    """陳：… answers: the label is a surname; find the full name (an answer that is just the name, or the title)."""
    full: dict[str, str] = {}
    for t in turns:
        for name, a, b in t.answers:
            if name and name.startswith("\x00"):
                body = c.text[a:b].strip()
                ch = name[1]
                if 2 <= len(body) <= 4 and body.startswith(ch) and _HAN_RUN.fullmatch(body):
                    full[ch] = body
    if seg.title:
        m = _TITLE_NAME.match(seg.title)
        if m:
            full.setdefault(m.group("name")[0], m.group("name"))
    for t in turns:
        t.answers = [((full.get(n[1], n[1]) if n and n.startswith("\x00") else n), a, b) for n, a, b in t.answers]


# --- reported question-and-answer (press-conference round-ups) ------------------------------------------
_NOT_SPEAKERS = frozenset("多位 各位 全体 人大 政协 基层 一线 青年 农民 工人 党员 企业 群众 现场 与会 参会 列席".split())
_REPORTED_CUE = regex.compile(r"开放日|开放团组|答记者问|记者会|发布会|吹风会|有媒体提问|记者提问|记者问|代表通道|委员通道")
_QUESTION = regex.compile(r"[^。！？!?\n“”]{2,120}[？?](?:”|\")?|“请您?(?:谈谈|介绍|说说|讲讲)[^”\n]{2,120}”")
_TITLE_END = "记任长理授人席员师"
_HEADING_LINE = regex.compile(r"^[ ]*[^\n。，,？?！!；;：:]{2,20}[ ]*$", regex.MULTILINE)
_SPEAKER = regex.compile(
    rf"""(?:(?<=[{_TITLE_END}”。，,\s])|^)(?P<n>[\p{{Han}}]{{2,3}})(?:代表|委员)(?!团|们|处|室|大会|性)(?=[\p{{Han}}，,：:“])   # 李云峰代表
      | (?<=(?:书记|主任|市长|省长|区长|县长|主席|院长|校长|局长|部长|厅长|发言人|董事长|总经理|负责人|教授))
        (?P<n2>[\p{{Han}}]{{2,3}}?)(?=介绍|表示|说|指出|回应|回答|认为|强调)                     # 副主任向东介绍
    """,
    regex.VERBOSE | regex.MULTILINE,
)


def _reported_turns(c: Cleaned, seg: Segments) -> list[RawTurn]:
    """Questions reported in narrative (“……？”有媒体提问) answered by named officials (某某代表说)."""
    norm = c.norm
    start, end = seg.body_start, c.body_end
    if not _REPORTED_CUE.search(norm, start, end):
        return []
    qs = _question_matches(norm, start, end)
    if not qs:
        return []
    heads = _heading_starts(norm, start, end)
    turns: list[RawTurn] = []
    for k, q in enumerate(qs):
        a0 = q.end()
        a1 = qs[k + 1].start() if k + 1 < len(qs) else end
        h = bisect_left(heads, a0)
        if h < len(heads):
            a1 = min(a1, heads[h])  # a section heading ends the answers
        names: list[tuple[str, int, int]] = []
        for sm in _speaker_matches(norm, a0, a1):
            n = sm.group(1) or sm.group(2)  # n or n2
            if n in _NOT_NAMES or n in _NOT_SPEAKERS or any(n == x for x, _, _ in names):
                continue
            names.append((n, a0, a1))
        if not names:
            continue
        prev = turns[-1] if turns else None
        if prev is not None and {n for n, _, _ in names} <= set(prev.speakers) and \
                bisect_left(heads, prev.question[1]) == bisect_left(heads, q.start()):
            prev.answers = [(n, a, max(b, a1)) for n, a, b in prev.answers]  # a follow-up to the same person
            continue
        qstart = q.start() + (1 if norm[q.start()] in "“\"" else 0)
        turns.append(RawTurn((qstart, q.end()), None, q.start(), answers=names))
    return turns



# --- fast, exact equivalents of the scans above (the patterns stay the definition) ----------------------
_Q_STOPS = "。！？!?\n“”"  # what the first _QUESTION alternative's text may not contain
_HEAD_BAD = re.compile(r"[\n。，,？?！!；;：:]")
# the titles of _SPEAKER's lookbehind (no two can overlap, so a scan finds every one; the stdlib's is fast)
_SPEAKER_TITLES = re.compile(r"书记|主任|市长|省长|区长|县长|主席|院长|校长|局长|部长|厅长|发言人|董事长|总经理|负责人|教授")
assert _SPEAKER.groupindex == {"n": 1, "n2": 2}
_Q_STOP_BACK = regex.compile(r"(?r)[。！？!?\n“”]")  # the last of _Q_STOPS before a place


def _question_matches(norm: str, start: int, end: int) -> list:
    """The matches of ``_QUESTION.finditer(norm, start, end)``.

    The first alternative matches at ``p`` exactly when the next character of ``_Q_STOPS`` after ``p``
    is a question mark 2 to 120 characters on, so for each question mark the leftmost such ``p`` is
    computed; the second alternative can only start at a “请. The leftmost candidate is matched."""
    find = norm.find
    marks: list[int] = []
    for ch in "？?":
        i = find(ch, start, end)
        while i >= 0:
            marks.append(i)
            i = find(ch, i + 1, end)
    marks.sort()
    quotes = []
    i = find("“请", start, end)
    while i >= 0:
        quotes.append(i)
        i = find("“请", i + 1, end)
    if not marks and not quotes:
        return []
    match = _QUESTION.match
    out = []
    pos = start
    i = j = 0
    while True:
        p1 = None
        while i < len(marks):
            b = marks[i]
            lo = max(pos, b - 120)
            if b - lo >= 2:
                k = _Q_STOP_BACK.search(norm, lo, b)
                p = lo if k is None else k.end()
                if b - p >= 2:
                    p1 = p
                    break
            i += 1
        m = None
        while j < len(quotes) and (p1 is None or quotes[j] < p1):
            q = quotes[j]
            j += 1
            if q >= pos:
                m = match(norm, q, end)
                if m is not None:
                    break
        if m is None:
            if p1 is None:
                return out
            m = match(norm, p1, end)
            if m is None:  # cannot happen; keep to the pattern's own scan if it ever does
                return out + list(_QUESTION.finditer(norm, p1 + 1, end))
        out.append(m)
        pos = m.end()
        while i < len(marks) and marks[i] < pos:
            i += 1


def _heading_starts(norm: str, start: int, end: int) -> list[int]:
    """``[m.start() for m in _HEADING_LINE.finditer(norm, start, end)]``: the lines (cut at ``end``)
    of 2 or more characters with none of 。，？！；： and at most 20 once the spaces around are removed."""
    out: list[int] = []
    p = start
    if start > 0 and norm[start - 1] != "\n":  # ^ matches only where a line really starts
        e = norm.find("\n", start, end)
        if e < 0:
            return out
        p = e + 1
    if p >= end:
        return out
    bad = _HEAD_BAD.search
    for line in norm[p:end].split("\n"):
        n = len(line)
        if n >= 2 and (n <= 20 or line[0] == " " or line[-1] == " "):
            if len(line.strip(" ")) <= 20 and bad(line) is None:
                out.append(p)
        p += n + 1
    return out


def _speaker_matches(norm: str, a0: int, a1: int) -> list:
    """The matches of ``_SPEAKER.finditer(norm, a0, a1)``, trying only the places one can start:
    2 or 3 before 代表/委员, or right after a title."""
    starts = []
    find = norm.find
    for w in ("代表", "委员"):
        i = find(w, a0, a1)
        while i >= 0:
            starts.append(i - 3)
            starts.append(i - 2)
            i = find(w, i + 1, a1)
    for m in _SPEAKER_TITLES.finditer(norm, max(0, a0 - 3), a1):
        starts.append(m.end())
    if not starts:
        return []
    return match_at(_SPEAKER.match, norm, sorted(set(starts)), a0, a1)
