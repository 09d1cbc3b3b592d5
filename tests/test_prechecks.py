"""Cheap tests that stand before expensive patterns only skip places where the pattern cannot match.

Each precheck in the pipeline claims to be implied by its pattern (a match holds 年/月/季, a URL holds
``://`` or ``www.``…). These tests check the claim on the seed, every case text, the corpus when it is
beside the clone, and random strings made of the characters the patterns care about: wherever the
pattern matches, the precheck must say it can.
"""
from __future__ import annotations

import random
from functools import lru_cache

from sample_texts import corpus_texts, seed_and_case_texts

import fangtan
from fangtan import clean as clean_mod
from fangtan.clean import clean
from fangtan.extract import counted_lists, metrics

ALPHABET = ("年月季度份日时间日期目前当前现在如今截至到上下半前全今去明当近过来区县市省镇乡旗道州自治街完成实现"
            "分别是为其中即包括：:，,。；;、”\"“ 0123456789.%一二两三四五六七八九十百千万亿元个百分点增长下降同比倍成"
            "持平翻番基本记者主持人作者通讯员来源发布http://www.abc.com\n")


@lru_cache(maxsize=1)
def texts() -> tuple[str, ...]:
    out = list(seed_and_case_texts() + corpus_texts())
    rng = random.Random(11)
    out += ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 200))) for _ in range(1500)]
    return tuple(out)


@lru_cache(maxsize=1)
def norms() -> tuple[str, ...]:
    lex = fangtan.Parser().lexicon
    return tuple(clean(t, lex).norm for t in texts())


def test_period_words_hold_a_hint():
    for t in norms():
        for m in metrics._PERIOD.finditer(t):
            assert metrics._PERIOD_HINT.search(t, m.start(), m.end()), m.group()


def test_trailing_period_ends_like_one():
    extra = ("全年\n", "上半年\n", "一季度\n", "3月份\n", "工业增加值1-8月\n")  # $ also matches before a final line break
    for t in norms() + extra:
        windows = [(s, e) for s in range(0, len(t), 7) for e in (s + 3, s + 6, s + 12)]
        windows += [(max(0, k - d), k + 1) for k, ch in enumerate(t) if ch == "\n" for d in (2, 3, 5)]
        for s, e in windows:
            if e <= len(t) and metrics._TRAILING_PERIOD.search(t, s, e):
                assert metrics._ends_like_period(t, s, e), t[s:e]


def test_place_and_mid_verb_need_their_characters():
    for t in norms():
        for s in range(0, len(t), 5):
            name = t[s : s + 10]
            if metrics._PLACE.match(name):
                assert metrics._PLACE_END.search(name), name
            if metrics._MID_VERB.search(name):
                assert "完成" in name or "实现" in name, name


def test_url_and_date_lines_hold_their_words():
    for t in norms():
        if clean_mod._URL.search(t):
            assert "://" in t or "www." in t
        m = clean_mod._DATE_LINE.search(t)
        if m:
            assert "时间" in m.group() or "日期" in m.group()


def test_spoken_and_source_lines_start_with_their_heads():
    lex = fangtan.Parser().lexicon
    src = clean_mod._source_re(lex)
    for t in texts():
        for line in t.split("\n"):
            if clean_mod._SPOKEN.match(line):
                assert line.startswith(clean_mod._SPOKEN_HEADS), line
            if src.match(line):
                assert line.startswith(tuple(lex.source_heads)), line


def test_after_list_precheck():
    for t in norms():
        for p in range(len(t)):
            if counted_lists._AFTER_LIST.match(t, p):
                assert counted_lists._after_list_can_match(t, p, len(t)), t[p : p + 6]


def test_quantity_without_rates_where_no_rate_follows():
    g = fangtan.Parser().grammar
    for t in norms():
        for p in range(len(t)):
            if g.rate_follows.match(t, p) is None:
                a, b = g.quantity.match(t, p), g.quantity_no_rate.match(t, p)
                assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups())), t[p : p + 12]


def test_skipped_digit_starts_never_match():
    g = fangtan.Parser().grammar
    for t in norms():
        starts = set(metrics._starts(t, g, 0, len(t)))
        for p, ch in enumerate(t):
            if ch in "0123456789" and p not in starts and g.quantity.match(t, p) is not None:
                # a skipped digit is inside a number or after 第, 兆/万/亿 (the older rules), or the new one's
                # case (followed by what no unit starts with): the last must never hold a quantity
                q = p
                while q < len(t) and t[q] in "0123456789":
                    q += 1
                before = t[p - 1] if p else ""
                assert before in metrics._IN_NUMBER or before == "第" or before in "兆万亿", t[max(0, p - 3) : p + 8]


def test_halving_shortcut_changes_no_list(monkeypatch):
    """counted_lists skips the verb dropping when the halved part cannot start where it must
    (_part_can_start); with the shortcut off, every count phrase gets the same items."""
    lex = fangtan.Parser().lexicon
    rng = random.Random(5)
    verbs = list(counted_lists._VERBS)
    pieces = ["双", "两", "三", "四", "六", "新区", "城乡", "产业", "“", "”", " ", "的", "，", "。", "打造", "实施"] + verbs
    samples = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 8))) + rng.choice(["双", "两个", "三大", "四项"]) + "工作。"
               for _ in range(3000)]
    cs = [clean(t, lex) for t in samples + list(texts()[:300])]

    def items(c):
        out = []
        for m in counted_lists._COUNT.finditer(c.norm):
            n = counted_lists._count(m.group("num"))
            if n and n >= 2:
                out.append(counted_lists._items_before(c, m.start(), n))
        return out

    with_shortcut = [items(c) for c in cs]
    monkeypatch.setattr(counted_lists, "_part_can_start", lambda norm, start, x: True)
    assert [items(c) for c in cs] == with_shortcut


def test_mangled_years_from_the_question_marks_are_the_full_scan():
    from fangtan.extract import gaps

    rng = random.Random(5)
    alphabet = "二〇九一年?？0123456789月日的，"
    samples = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40))) for _ in range(3000)]
    for t in norms() + tuple(samples):
        want = [m.span() for m in gaps._MANGLED_YEAR.finditer(t)
                if "?" in m.group("year") and m.group("year").strip("?")]
        assert [m.span() for m in gaps._mangled_years(t, 0, len(t))] == want, t


def test_noun_count_matches_are_the_full_scan():
    rng = random.Random(9)
    pieces = ["鹿场", "项目", "企业", "共", "现有", "2", "12", "两", "三", "个", "家", "名", "，", "：", ":", "分别是", "分别",
              "即", "包括", "有", "按", "单位", "划分", "甲", "乙", "、", "。"]
    samples = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 30))) for _ in range(3000)]
    for t in norms() + tuple(samples):
        want = [m.span() for m in counted_lists._NOUN_COUNT.finditer(t)]
        assert [m.span() for m in counted_lists._noun_count_matches(t, 0, len(t))] == want, t
