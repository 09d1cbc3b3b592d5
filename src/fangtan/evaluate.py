"""Scoring the parser against hand-written gold annotations (``fangtan eval GOLD_DIR DOCS_DIR...``).

The gold format is described in ``gold/README.md`` of the shared annotations. This module computes
exactly the figures of the reference scorer ``tools/score.py`` (same matching rules, same counts,
same rounding); a test checks that both agree on the shared corpus. The only figure that differs
between two runs is ``chars_per_s``, a speed.

Metrics are scored on the sampled gold sentences: a prediction belongs to a quoted sentence when at
least half of its span lies inside it; names match loosely (equal, or one contains the other and is
at least 40 % of its length, verbs and a trailing rate word aside); a match is a true positive when
value, unit (folded to simplified form) and growth (direction, rate, unit) all agree; a wrong match
counts as one false negative and one false positive; an unmatched prediction inside a sampled
sentence is a false positive.

>>> name_ok("全镇规模以上工业总产值", "规模以上工业总产值")
True
>>> f1(3, 1, 0)
(0.75, 1.0, 0.8571428571428571)
"""
from __future__ import annotations

import json
import re
import signal
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

__all__ = ["evaluate", "evaluate_doc", "format_report", "Tally", "f1", "name_ok", "unit_key", "text_key"]

UNIT_FOLD = str.maketrans({
    "億": "亿", "萬": "万", "％": "%", "個": "个", "點": "点", "噸": "吨", "畝": "亩", "條": "条", "項": "项",
    "戶": "户", "間": "间", "輛": "辆", "張": "张", "場": "场", "處": "处", "門": "门", "臺": "台", "筆": "笔",
    "餘": "余", "裏": "里", "歲": "岁", "頭": "头", "隻": "只", "棟": "栋", "層": "层", "級": "级", "組": "组",
})
EDGE = " \t\r\n,，。；;：:、.．!！?？“”\"'‘’（）()《》【】[]"
NAME_VERBS = ("实现", "完成", "达到")
RATE_WORDS = ("增速", "增幅", "降幅", "涨幅", "增长率")
JUNK = re.compile(r"\A---\n.*?\n---\n|<[^<>]*>|https?://[^\s<>\"']+|&[a-z#0-9]+;", re.S)


# --- normalisation ------------------------------------------------------------------------------

def unit_key(u: Any) -> str | None:
    """A unit folded to simplified characters; 百分点 and 个百分点 are one unit."""
    if u is None:
        return None
    u = str(u).translate(UNIT_FOLD).strip()
    if u in ("百分点", "个百分点"):
        return "个百分点"
    return u or None


def text_key(s: str | None) -> str:
    """A string without edge punctuation and without spaces."""
    return (s or "").strip(EDGE).replace(" ", "").replace("\u3000", "")


def num_eq(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    try:
        a, b = float(a), float(b)
    except (TypeError, ValueError):
        return False
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def span_of(obj: Any) -> tuple[int, int] | None:
    """(start, end) of a model's span: ``{start, end}``, ``[start, end]`` or start/end fields."""
    if not isinstance(obj, dict):
        return None
    sp = obj.get("span")
    if isinstance(sp, dict) and "start" in sp and "end" in sp:
        return int(sp["start"]), int(sp["end"])
    if isinstance(sp, (list, tuple)) and len(sp) == 2:
        return int(sp[0]), int(sp[1])
    if "start" in obj and "end" in obj:
        return int(obj["start"]), int(obj["end"])
    return None


def occurrences(text: str, quote: str) -> list[int]:
    out, i = [], text.find(quote)
    while i >= 0:
        out.append(i)
        i = text.find(quote, i + 1)
    return out


def name_core(name: str | None) -> tuple[str, bool]:
    n = text_key(name)
    for v in NAME_VERBS:
        n = n.replace(v, "")
    for w in RATE_WORDS:
        if n.endswith(w):
            return n[: -len(w)], True
    return n, False


def name_ok(pred: str | None, gold: str | None) -> bool:
    """Loose name match; a gold name that is only a rate word (增速) matches any name."""
    p, _ = name_core(pred)
    g, g_rate = name_core(gold)
    if not text_key(pred):
        return False
    if g_rate and not g:
        return True
    if not p or not g:
        return False
    short, long_ = sorted((p, g), key=len)
    return p == g or (short in long_ and len(short) >= 0.4 * len(long_))


def growth_ok(p: dict | None, g: dict | None) -> bool:
    if not g:
        return not p
    if not p:
        return False
    return (p.get("direction") == g.get("direction") and num_eq(p.get("rate"), g.get("rate"))
            and unit_key(p.get("unit")) == unit_key(g.get("unit")))


def compare_metric(p: dict, g: dict) -> dict[str, bool]:
    return {
        "name_exact": text_key(p.get("name")) == text_key(g.get("name")),
        "value": num_eq(p.get("value"), g.get("value")),
        "unit": unit_key(p.get("unit")) == unit_key(g.get("unit")),
        "growth": growth_ok(p.get("growth"), g.get("growth")),
    }


class Tally:
    """Named counts; a missing name counts 0."""

    def __init__(self) -> None:
        self.c: dict[str, int] = {}

    def add(self, key: str, n: int = 1) -> None:
        self.c[key] = self.c.get(key, 0) + n

    def __getitem__(self, key: str) -> int:
        return self.c.get(key, 0)

    def merge(self, other: Tally) -> None:
        for k, v in other.c.items():
            self.add(k, v)


def f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """(precision, recall, F1); an empty denominator counts as 1."""
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# --- the parts of the score ---------------------------------------------------------------------

def _inside(sp: tuple[int, int], qs: int, qe: int) -> bool:
    s, e = sp
    overlap = min(e, qe) - max(s, qs)
    return overlap > 0 and 2 * overlap >= (e - s) or (s == e and qs <= s < qe)


def _g(g: dict | None) -> str:
    if not g:
        return ""
    return f"[{g.get('direction')} {g.get('rate')}{g.get('unit') or ''}]"


def score_metrics(text: str, pred: dict, gold: dict, t: Tally, log: list[str]) -> None:
    metrics = [m for m in pred.get("metrics", []) if span_of(m)]
    zones = [(m.start(), m.end()) for m in JUNK.finditer(text)]
    for m in metrics:
        s, e = span_of(m)
        if any(a <= s and e <= b for a, b in zones):
            t.add("junk_metrics")
            log.append(f"  + metric inside markup/front matter/URL: {m.get('name')} «{text[s:e][:30]}»")
    for sent in gold.get("sentences", []):
        q = sent["quote"]
        qs = text.find(q)
        if qs < 0:
            log.append(f"  ! quote not in text: {q[:30]}")
            continue
        qe = qs + len(q)
        cands = [m for m in metrics if _inside(span_of(m), qs, qe)]
        used: set[int] = set()
        for g in sent["metrics"]:
            best, best_i, best_n = None, None, -1
            for i, p in enumerate(cands):
                if i in used or not name_ok(p.get("name"), g.get("name")):
                    continue
                c = compare_metric(p, g)
                n = 2 * (c["value"] + c["unit"] + c["growth"]) + c["name_exact"]
                if n > best_n:
                    best, best_i, best_n = c, i, n
            t.add("gold")
            if best is None:
                t.add("fn")
                log.append(f"  - missed   {g.get('name')} {g.get('value')}{g.get('unit') or ''} in «{q[:40]}»")
                continue
            used.add(best_i)
            t.add("matched")
            for k, v in best.items():
                t.add(k, int(v))
            if all(best[k] for k in ("value", "unit", "growth")):
                t.add("tp")
            else:
                t.add("fn")
                t.add("fp")
                p = cands[best_i]
                log.append(f"  ~ wrong    gold {g.get('name')} {g.get('value')}{g.get('unit') or ''} "
                           f"{_g(g.get('growth'))} / got {p.get('name')} {p.get('value')}{p.get('unit') or ''} "
                           f"{_g(p.get('growth'))}")
        for i, p in enumerate(cands):
            if i not in used:
                t.add("fp")
                log.append(f"  + spurious {p.get('name')} {p.get('value')}{p.get('unit') or ''} in «{q[:40]}»")


def _headings(enum: dict) -> list[str]:
    return [text_key(it.get("heading") if isinstance(it, dict) else it) for it in enum.get("items", [])]


def score_enumerations(text: str, pred: dict, gold: dict, t: Tally, log: list[str]) -> None:
    preds = pred.get("enumerations", [])
    for ge in gold.get("enumerations", []):
        starts = occurrences(text, ge["quote"])
        gi = [text_key(x) for x in ge["items"]]
        t.add("enum_gold")
        t.add("enum_items_gold", len(gi))
        best, best_hits = None, -1
        for pe in preds:
            sp = span_of(pe)
            pi = _headings(pe)
            near = sp is not None and any(qs - 6 <= sp[0] <= qs + len(ge["quote"]) for qs in starts)
            if not near and not (pi and gi and pi[0] == gi[0]):
                continue
            hits = sum(1 for x in gi if x in pi)
            if hits > best_hits:
                best, best_hits = pi, hits
        if best is None:
            log.append(f"  - enumeration missed at «{ge['quote'][:30]}»")
            continue
        t.add("enum_items_hit", best_hits)
        if best == gi:
            t.add("enum_exact")
        else:
            log.append(f"  ~ enumeration {gi} / got {best}")


def score_counted(text: str, pred: dict, gold: dict, t: Tally, log: list[str]) -> None:
    preds = pred.get("counted_lists", [])
    for gc in gold.get("counted_lists", []):
        starts = occurrences(text, gc["quote"])
        t.add("cl_gold")
        gi = sorted(text_key(x) for x in gc["items"])
        found = []
        for pc in preds:
            sp = span_of(pc)
            if sp and pc.get("count") == gc["count"] and any(
                    sp[0] <= qs + len(gc["quote"]) and qs <= sp[1] for qs in starts):
                found.append(sorted(text_key(x if isinstance(x, str) else x.get("text", ""))
                                    for x in pc.get("items", [])))
        if not found:
            log.append(f"  - counted list missed: {gc['count']} {gc['label']}")
        elif gi in found:
            t.add("cl_exact")
        else:
            log.append(f"  ~ counted list {gi} / got {found[0]}")


def score_doc_fields(pred: dict, gold: dict, t: Tally, log: list[str]) -> None:
    for field in ("title", "source"):
        if field in gold:
            t.add(f"{field}_gold")
            accepted = [gold.get(field)] + list(gold.get(f"{field}_alt", []))
            if any(text_key(pred.get(field)) == text_key(x) for x in accepted):
                t.add(f"{field}_ok")
            else:
                log.append(f"  ~ {field}: gold {gold.get(field)!r} / got {pred.get(field)!r}")
    if "turns" in gold:
        gt = gold["turns"] if isinstance(gold["turns"], int) else len(gold["turns"])
        pt = len(pred.get("turns", []))
        t.add("turns_gold")
        if abs(gt - pt) <= gt // 10:  # a long transcript may be read one turn apart
            t.add("turns_ok")
        else:
            log.append(f"  ~ turns: gold {gt} / got {pt}")
    if gold.get("speakers"):
        t.add("speakers_gold")
        got = {text_key(x if isinstance(x, str) else x.get("name", "")) for x in pred.get("speakers", []) or []}
        want = {text_key(x) for x in gold["speakers"]}
        if want <= got and len(got) <= len(want) + 1:
            t.add("speakers_ok")
        else:
            log.append(f"  ~ speakers: gold {sorted(want)} / got {sorted(got)}")


def score_gaps(text: str, pred: dict, gold: dict, t: Tally, log: list[str]) -> None:
    gaps = [g for g in pred.get("gaps", []) if span_of(g)]
    windows = []
    for gg in gold.get("gaps", []):
        qs = text.find(gg["context"])
        t.add("gap_gold")
        if qs >= 0:
            windows.append((qs, qs + len(gg["context"])))
        if qs >= 0 and any(qs <= span_of(g)[0] <= qs + len(gg["context"]) for g in gaps):
            t.add("gap_hit")
        else:
            log.append(f"  - gap missed at «{gg['context']}»")
    if "gaps" in gold:  # every evident gap was annotated, so any other is spurious
        for g in gaps:
            s = span_of(g)[0]
            if not any(a <= s <= b for a, b in windows):
                t.add("gap_spurious")
                log.append(f"  + spurious gap at «{text[max(0, s - 6):s + 6]}»")


def seed_to_sample(gold: dict, text: str) -> dict:
    """The seed's older whole-document gold, turned into the sampled form."""
    if "sentences" in gold:
        return gold
    g = dict(gold)
    sents = []
    for m in gold.get("metrics", []):
        i = text.find(m["name"])
        end = text.find("%", i)
        sents.append({"quote": text[i:end + 1], "metrics": [m]})
    g["sentences"] = sents
    enums = []
    for turn in gold.get("turns", []):
        if turn.get("measures"):
            enums.append({"quote": "一是" + turn["measures"][0], "items": turn["measures"]})
    g["enumerations"] = enums
    g["turns"] = len(gold.get("turns", []))
    for cl in g.get("counted_lists", []):
        cl.setdefault("quote", f"{cl['label']}")
    return g


# --- running ------------------------------------------------------------------------------------

def evaluate_doc(text: str, pred: dict, gold: dict) -> tuple[Tally, list[str]]:
    """Score one prediction (``Document.model_dump(mode="json")``) against its gold."""
    gold = seed_to_sample(gold, text)
    t, log = Tally(), []
    score_metrics(text, pred, gold, t, log)
    score_enumerations(text, pred, gold, t, log)
    score_counted(text, pred, gold, t, log)
    score_doc_fields(pred, gold, t, log)
    score_gaps(text, pred, gold, t, log)
    return t, log


def _summary(total: Tally, n_docs: int, chars: int, seconds: float) -> dict[str, Any]:
    p, r, f = f1(total["tp"], total["fp"], total["fn"])
    m = max(total["matched"], 1)
    return {
        "docs": n_docs,
        "metric_precision": round(p, 3), "metric_recall": round(r, 3), "metric_f1": round(f, 3),
        "gold_metrics": total["gold"], "found_by_name": total["matched"],
        "value_acc": round(total["value"] / m, 3), "unit_acc": round(total["unit"] / m, 3),
        "growth_acc": round(total["growth"] / m, 3), "name_exact": round(total["name_exact"] / m, 3),
        "enum_exact": f"{total['enum_exact']}/{total['enum_gold']}",
        "enum_items": f"{total['enum_items_hit']}/{total['enum_items_gold']}",
        "counted_lists_exact": f"{total['cl_exact']}/{total['cl_gold']}",
        "title": f"{total['title_ok']}/{total['title_gold']}",
        "source": f"{total['source_ok']}/{total['source_gold']}",
        "turns": f"{total['turns_ok']}/{total['turns_gold']}",
        "speakers": f"{total['speakers_ok']}/{total['speakers_gold']}",
        "junk_metrics": total["junk_metrics"],
        "gaps": f"{total['gap_hit']}/{total['gap_gold']}", "gaps_spurious": total["gap_spurious"],
        "crashes": total["crash"],
        "chars_per_s": round(chars / seconds) if seconds else None,
    }


class _Timeout(Exception):
    pass


def evaluate(gold_dir: str | Path, docs_dirs: Iterable[str | Path], names: Iterable[str] | None = None,
             parse: Callable[[str], Any] | None = None, timeout: int = 60) -> dict[str, Any]:
    """Score every gold file of ``gold_dir`` whose document is in one of ``docs_dirs`` (first found wins).

    Returns ``{"summary": {...}, "docs": {name: {"metric_p", "metric_r", "metric_f1", "gold_metrics",
    "log"}}}``, the same structure and figures as ``score.py --json``. A document whose parse raises or
    takes longer than ``timeout`` seconds (where SIGALRM is available) scores as finding nothing.
    """
    if parse is None:
        from .api import parse
    docs_dirs = [Path(d) for d in docs_dirs]
    wanted = set(names) if names else None
    use_alarm = hasattr(signal, "SIGALRM") and threading.current_thread() is threading.main_thread() and timeout > 0
    old = None
    if use_alarm:
        def _hang(signum, frame):
            raise _Timeout(f"no result in {timeout} s")
        old = signal.signal(signal.SIGALRM, _hang)
    total, per_doc, seconds, chars = Tally(), {}, 0.0, 0
    try:
        for gp in sorted(Path(gold_dir).glob("*.json")):
            gold = json.loads(gp.read_text(encoding="utf-8"))
            if wanted and gp.stem not in wanted:
                continue
            src = next((d / gold["file"] for d in docs_dirs if (d / gold["file"]).exists()), None)
            if src is None:
                continue
            with open(src, encoding="utf-8", newline="") as fh:  # keep \r\n: spans index the raw text
                text = fh.read()
            gold = seed_to_sample(gold, text)
            t, log = Tally(), []
            t0 = time.perf_counter()
            if use_alarm:
                signal.alarm(timeout)
            try:
                pred = parse(text).model_dump(mode="json")
            except Exception as e:  # a crash or a hang scores as finding nothing
                pred = {}
                if isinstance(e, _Timeout):
                    e = TimeoutError(str(e))
                log.append(f"  ! parse raised {type(e).__name__}: {e}")
                t.add("crash")
            finally:
                if use_alarm:
                    signal.alarm(0)
            seconds += time.perf_counter() - t0
            chars += len(text)
            t2, log2 = evaluate_doc(text, pred, gold)
            t.merge(t2)
            log.extend(log2)
            total.merge(t)
            p, r, f = f1(t["tp"], t["fp"], t["fn"])
            per_doc[gp.stem] = {"metric_p": round(p, 3), "metric_r": round(r, 3), "metric_f1": round(f, 3),
                                "gold_metrics": t["gold"], "log": log}
    finally:
        if use_alarm:
            signal.signal(signal.SIGALRM, old)
    return {"summary": _summary(total, len(per_doc), chars, seconds), "docs": per_doc}


def format_report(report: dict[str, Any], verbose: bool = False) -> str:
    """The text form of a report, as ``score.py`` prints it."""
    lines = []
    for name, d in report["docs"].items():
        lines.append(f"{name}: metrics P {d['metric_p']} R {d['metric_r']} F1 {d['metric_f1']} "
                     f"({d['gold_metrics']} gold)")
        if verbose:
            lines.extend(d["log"])
    lines.append("TOTAL " + " ".join(f"{k}={v}" for k, v in report["summary"].items()))
    return "\n".join(lines) + "\n"
