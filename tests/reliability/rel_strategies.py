"""Hypothesis strategies: arbitrary text, and text built from the grammar's own pieces."""
from __future__ import annotations

import os
import re

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# HYPOTHESIS_PROFILE=ci|dev|long; ci (2,000 examples) is the default under CI=true, dev (200) elsewhere
_common = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
_PROFILES = {"ci": 2000, "dev": 200, "long": 20000}
PROFILE = os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
SETTINGS = settings(max_examples=_PROFILES.get(PROFILE, 2000), **_common)

NUMBERS = ["4.8", "12,345", "2,177.90", "0", "3", "40", "99999999999999999999999", "0.000000000001", "1.4", "3-5",
           "3至5", "三千五百", "二〇二一", "两", "十", "百", "三点五", "百分之十二", "１２", "１２．５", "４", "400余", "8成",
           "2021年", "1—8月", "十四五", "一百万"]
UNITS = ["亿元", "万元", "元", "%", "％", "‰", "个百分点", "百分点", "倍", "成", "万余家", "万人", "个", "家", "项",
         "万吨/日", "平方公里", "亿", "万", "美元"]
GROWTH = ["同比增长", "增长", "下降", "同比下降", "比上年", "较上年", "增速", "增幅", "回落", "分别", "分别为", "均为",
          "持平", "与上年持平", "翻一番", "翻番", "高于全国", "低于", "约", "近", "超过", "左右", "以上", "以内", "余"]
MARKERS = ["一是", "二是", "三是", "十是", "（一）", "（二）", "(三)", "1.", "2.", "3、", "（1）", "（2）", "第一，", "第二，",
           "一、", "二、", "①", "②", "首先，", "其次，", "最后，"]
QUOTES = ["“", "”", "\"", "‘", "’", "《", "》", "【", "】", "（", "）"]
QA = ["问：", "答：", "问:", "张三：", "李四：", "主持人：", "记者问：", "【问】", "【答】", "？", "王五说，", "Q:", "A:"]
HTML = ["<span>", "</span>", "<p>", "</p>", "<div>", "</div>", "&nbsp;", "&amp;", "&#20013;", "&lt;", "<!--", "-->",
        "<script>", "</script>", "<style>", "<br/>", "<b>", "<a href=\"x\">", "<", ">", "&"]
MARKDOWN = ["# ", "## ", "> ", "> [!note]\n", "**", "---\n", "title: 标题\n", "date: 2021\n"]
LAYOUT = ["\n", "\r\n", "\n\n", " ", "\u3000", "\t", "，", "。", "；", "、", "：", "！", "和", "及", "等"]
WORDS = ["全镇", "产值", "规模以上工业", "地区生产总值", "固定资产投资", "年", "是“十四五”开局之年", "六项重点工作",
         "两个主战场", "三大产业", "党建", "抓基层", "来源：新华社", "责任编辑：某", "http://example.cn/a", "今年以来",
         "总体思路", "制度", "某镇", "访谈", "完成", "达到", "实现"]
ODD = ["\ufeff", "\x00", "\ud800", "\udfff", "\u0301", "e\u0301", "\u200b", "\u202e", "😀", "\U00020000", "Ж", "ا", "\x1b"]



def _lexicon_pieces() -> list[str]:
    """Every word of the shipped lexicon's word lists (units, growth verbs, bases, hedges, furniture…)."""
    from fangtan.lexicon import Lexicon

    out: list[str] = []
    for v in vars(Lexicon.default()).values():
        if isinstance(v, dict):
            v = list(v)
        if isinstance(v, (tuple, list, frozenset, set)):
            out += [w for w in v if isinstance(w, str) and w]
    return sorted(set(out))


LEXICON = _lexicon_pieces()
PIECES = NUMBERS + UNITS + GROWTH + MARKERS + QUOTES + QA + HTML + MARKDOWN + LAYOUT + WORDS + ODD + LEXICON

# any code point, lone surrogates included
any_text = st.text(alphabet=st.characters(codec=None, min_codepoint=0, max_codepoint=0x10FFFF), max_size=200)

grammar_text = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(max_size=2)), max_size=40
).map("".join)

NUMERAL_CHARS = set("0123456789０１２３４５６７８９零〇一二两三四五六七八九十百千万亿兩壹贰叁肆伍陆柒捌玖拾佰仟")


def _no_numerals(s: str) -> bool:
    return not any(ch in NUMERAL_CHARS or ch.isdigit() or ch.isnumeric() for ch in s)


# text with no digit and no numeral at all, built from the same pieces
numberless_text = st.lists(
    st.one_of(st.sampled_from([p for p in PIECES if _no_numerals(p)]), st.text(max_size=2).filter(_no_numerals)),
    max_size=40,
).map("".join)

MARKUP_TRIGGERS = ("<", "&", "**")


def markup_free(s: str) -> bool:
    """No character or line start that cleaning acts on."""
    if any(t in s for t in MARKUP_TRIGGERS):
        return False
    for line in s.split("\n"):
        if line.startswith(("#", ">")):
            return False
    return "---" not in s and not _META_LINE.match(s)


_META_LINE = re.compile(r"(?:title|createdAt|date|source|author|url)[ \t]*:", re.IGNORECASE)  # header lines
