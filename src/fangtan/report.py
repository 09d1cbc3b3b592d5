"""Human-readable views of a parsed :class:`~fangtan.models.Document`.

* :func:`to_html` writes ONE self-contained HTML page (inline CSS and JS, nothing fetched from the
  network): the original text with every extracted span highlighted by kind, a tooltip with the
  parsed values on hover/click, and side tables of metrics, key tasks, party-building measures,
  warnings and gaps. Every piece of input text is escaped, so a document containing ``<script>``
  shows it as text.
* :func:`summary_html` is a compact fragment (tables only) used by ``Document._repr_html_`` in
  notebooks.
* :func:`rich_table` is the terminal table for ``fangtan parse --format table`` (needs ``rich``).
* :func:`main_show` backs the ``fangtan show FILE -o report.html`` command.

Spans may overlap or cross; the text is cut at every span boundary and crossing spans are split
into fragments, so the highlighted page always contains the original text exactly once, in order:

>>> import fangtan
>>> text = "全镇规模以上工业总产值完成4.8亿元，同比增长40%。<b>"
>>> page = to_html(fangtan.parse(text), text)
>>> 'class="hl metric-value" data-value="4.8" data-unit="亿元"' in page
True
>>> "&lt;b&gt;" in page and "<b>" not in page
True
"""
from __future__ import annotations

import html
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from .models import Document, Metric, Span

__all__ = ["to_html", "summary_html", "rich_table", "main_show", "KINDS"]

#: Highlight kinds: css class -> (legend label, nesting rank; lower ranks are outer elements).
KINDS: dict[str, tuple[str, int]] = {
    "markup": ("markup (untick to hide)", 0),
    "boilerplate": ("boilerplate (struck through)", 0),
    "title": ("title", 1),
    "question": ("question", 1),
    "metric": ("metric (whole)", 2),
    "counted": ("counted list", 3),
    "key-tasks": ("key tasks", 3),
    "party-approach": ("party-building approach", 3),
    "enum-heading": ("enumeration heading", 4),
    "counted-item": ("counted-list item", 5),
    "enum-marker": ("enumeration marker", 6),
    "metric-name": ("metric name", 6),
    "metric-value": ("metric value", 6),
    "metric-growth": ("metric growth", 6),
    "party-system": ("party-building system", 6),
    "source": ("source line", 6),
    "warning": ("warning", 7),
    "gap": ("gap (lost number)", 8),
}

_BAD_CHARS = re.compile("[\x00\ud800-\udfff]")


def _esc(s: Any) -> str:
    """Escape for HTML text and attribute values; NUL and lone surrogates become U+FFFD."""
    if s is None:
        return ""
    return html.escape(_BAD_CHARS.sub("\ufffd", str(s)), quote=True)


def _num(d: Any) -> str:
    """A Decimal as plain text (no exponent), '' for None."""
    if d is None:
        return ""
    s = format(d, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s


@dataclass
class _Mark:
    start: int
    end: int
    kind: str
    attrs: dict[str, str] = field(default_factory=dict)
    tip: str = ""
    anchor: str | None = None
    extra: str = ""  # extra css classes
    seq: int = 0

    @property
    def rank(self) -> int:
        return KINDS[self.kind][1]

    def open_tag(self, first: bool) -> str:
        cls = f"hl {self.kind}" + (f" {self.extra}" if self.extra else "") + ("" if first else " cont")
        parts = [f'<span class="{cls}"']
        if first and self.anchor:
            parts.append(f' id="{_esc(self.anchor)}"')
        for k, v in self.attrs.items():
            parts.append(f' data-{k}="{_esc(v)}"')
        if self.tip:
            parts.append(f' data-tip="{_esc(self.tip)}"')
        parts.append(">")
        return "".join(parts)


# --------------------------------------------------------------------------------------------- marks
def _growth_text(m: Metric) -> str:
    g = m.growth
    if g is None:
        return ""
    arrow = {"up": "↑", "down": "↓", "flat": "→"}.get(g.direction.value, "")
    rate = _num(g.rate) if g.rate is not None else "?"
    basis = f"{g.basis} " if g.basis else ""
    approx = f" ({g.approx})" if g.approx else ""
    return f"{basis}{arrow}{rate}{g.unit or ''}{approx}"


_SUFFIX_APPROX = {"左右", "以上", "多", "余", "以下", "上下", "有余", "许"}


def _value_text(m: Metric) -> str:
    if m.value is None:
        return f"(value lost){m.unit or ''}" if "value" in m.missing else ""
    v = _num(m.value)
    if m.value_max is not None:
        v += f"–{_num(m.value_max)}"
    if m.approx and m.approx in _SUFFIX_APPROX:
        return f"{v}{m.unit or ''}{m.approx}"
    return f"{m.approx or ''}{v}{m.unit or ''}"


def _metric_tip(i: int, m: Metric) -> str:
    lines = [f"metric #{i + 1}: {m.name}" + (f" [{m.key}]" if m.key else "")]
    val = _value_text(m)
    if val:
        lines.append(f"value: {val}")
    if m.base_value is not None:
        lines.append(f"base: {_num(m.base_value)} {m.base_unit or ''}".rstrip())
    g = _growth_text(m)
    if g:
        lines.append(f"growth: {g}")
    extras = [f"{k}: {v}" for k, v in (("scope", m.scope), ("period", m.period), ("verb", m.verb),
                                       ("speaker", m.speaker)) if v]
    lines.extend(extras)
    lines.append(f"status: {m.status} · rule: {m.rule}")
    if m.missing:
        lines.append("missing: " + ", ".join(m.missing))
    return "\n".join(lines)


def _collect(doc: Document, text: str) -> tuple[list[_Mark], list[str]]:
    """Every span of the document as a mark; problems (bad spans) as messages."""
    n = len(text)
    marks: list[_Mark] = []
    problems: list[str] = []

    def add(span: Span | None, kind: str, what: str, **kw: Any) -> None:
        if span is None:
            return
        s, e = span.start, span.end
        if s > e or s > n:
            problems.append(f"{what}: span [{s}, {e}) is outside the text (length {n}); not highlighted")
            return
        if e > n:
            problems.append(f"{what}: span [{s}, {e}) runs past the end of the text (length {n}); clipped")
            e = n
        marks.append(_Mark(s, e, kind, seq=len(marks), **kw))

    if doc.title_span is not None:
        add(doc.title_span, "title", "title", tip=f"title: {doc.title or ''}")
    if doc.source_span is not None:
        add(doc.source_span, "source", "source", tip=f"source: {doc.source or ''}")
    for b in doc.boilerplate:
        kind = "markup" if b.kind in ("markup", "front_matter") else "boilerplate"
        add(b.span, kind, "boilerplate", attrs={"kind": b.kind}, tip=f"boilerplate: {b.kind}")
    if not any(b.kind == "markup" for b in doc.boilerplate):
        for s0, e0 in _markup_spans(text):
            marks.append(_Mark(s0, e0, "markup", tip="markup: removed by cleaning", seq=len(marks)))
    for ti, t in enumerate(doc.turns):
        who = f" (asker: {t.asker})" if t.asker else ""
        ans = ", ".join(t.speakers) or "?"
        topics = ", ".join(tp.label for tp in t.topics)
        tip = f"question #{ti + 1}{who}\nanswered by: {ans}" + (f"\ntopics: {topics}" if topics else "")
        add(t.question_span, "question", "question", anchor=f"q-{ti + 1}", attrs={"turn": str(ti + 1)}, tip=tip)

    for i, m in enumerate(doc.metrics):
        tip = _metric_tip(i, m)
        idx = str(i + 1)
        add(m.span, "metric", f"metric #{i + 1}", attrs={"metric": idx}, tip=tip)
        add(m.name_span, "metric-name", f"metric #{i + 1} name", anchor=f"m-{i + 1}",
            attrs={"metric": idx, "name": m.name, "key": m.key or ""}, tip=tip)
        if m.value_span is not None:
            attrs = {"value": _num(m.value), "unit": m.unit or "", "metric": idx}
            if m.base_value is not None:
                attrs["base-value"] = _num(m.base_value)
                attrs["base-unit"] = m.base_unit or ""
            if m.value is None:
                attrs["missing"] = "value"
            add(m.value_span, "metric-value", f"metric #{i + 1} value", attrs=attrs, tip=tip,
                extra="missing" if m.value is None else "")
        if m.growth is not None:
            g = m.growth
            attrs = {"direction": g.direction.value, "rate": _num(g.rate), "growth-unit": g.unit or "",
                     "basis": g.basis or "", "metric": idx}
            add(g.span, "metric-growth", f"metric #{i + 1} growth", attrs=attrs, tip=tip,
                extra=f"dir-{g.direction.value}" + (" missing" if g.rate is None else ""))

    for ei, en in enumerate(doc.enumerations):
        for it in en.items:
            s = it.span.start
            tip = f"enumeration #{ei + 1} ({en.style}), item {it.ordinal}: {it.heading}"
            mk = it.marker
            pos = text.find(mk, s, min(it.span.end, s + len(mk) + 8)) if mk else -1
            if pos >= 0:
                from .models import Span as _S

                add(_S(start=pos, end=pos + len(mk)), "enum-marker", "enumeration marker",
                    anchor=f"e-{ei + 1}-{it.ordinal}", attrs={"enum": str(ei + 1), "ordinal": str(it.ordinal),
                                                             "style": en.style}, tip=tip)
                s = pos + len(mk)
            if it.heading:
                hpos = text.find(it.heading, s, it.span.end)
                if hpos >= 0:
                    from .models import Span as _S

                    add(_S(start=hpos, end=hpos + len(it.heading)), "enum-heading", "enumeration heading",
                        attrs={"enum": str(ei + 1), "ordinal": str(it.ordinal)}, tip=tip)

    kt = doc.key_tasks
    for ci, cl in enumerate(doc.counted_lists):
        is_kt = kt is not None and cl.span == kt.span and cl.phrase == kt.phrase
        kind = "key-tasks" if is_kt else "counted"
        items = "、".join(x.text for x in cl.items)
        tip = (f"{'key tasks' if is_kt else 'counted list'} #{ci + 1}: {cl.phrase} "
               f"(count {cl.count}, label {cl.label}; {len(cl.items)} item(s))" + (f"\n{items}" if items else ""))
        p = cl.span.slice(text).find(cl.phrase) if cl.phrase else -1
        if p >= 0:
            from .models import Span as _S

            add(_S(start=cl.span.start + p, end=cl.span.start + p + len(cl.phrase)), kind, "counted list",
                anchor=f"c-{ci + 1}", attrs={"count": str(cl.count), "label": cl.label, "items": str(len(cl.items))},
                tip=tip)
        else:
            add(cl.span, kind, "counted list", anchor=f"c-{ci + 1}",
                attrs={"count": str(cl.count), "label": cl.label, "items": str(len(cl.items))}, tip=tip)
        for k, it in enumerate(cl.items):
            add(it.span, "counted-item", "counted-list item", attrs={"list": str(ci + 1), "item": str(k + 1)},
                tip=f"item {k + 1}/{cl.count} of {cl.phrase}: {it.text}")

    pb = doc.party_building
    if pb.approach_span is not None:
        add(pb.approach_span, "party-approach", "party-building approach",
            tip="party-building approach: " + "、".join(pb.approach))
    for s in pb.systems:
        add(s.span, "party-system", "party-building system", tip=f"party-building system: {s.text}")

    for gi, g in enumerate(doc.gaps):
        tip = f"gap #{gi + 1}: a lost {g.kind}" + (f"; inferred {g.inferred_value}" if g.inferred_value is not None
                                                  else "") + f"\ncontext: {g.context}"
        add(g.span, "gap", f"gap #{gi + 1}", anchor=f"g-{gi + 1}",
            attrs={"gap-kind": g.kind, "inferred": "" if g.inferred_value is None else str(g.inferred_value)},
            tip=tip)
    for wi, w in enumerate(doc.warnings):
        if w.span is not None:
            add(w.span, "warning", f"warning #{wi + 1}", anchor=f"w-{wi + 1}", attrs={"code": w.code},
                tip=f"warning {w.code}: {w.message}")
    return marks, problems


def _markup_spans(text: str) -> list[tuple[int, int]]:
    """Stretches of the original that cleaning removes or replaces (tags, entities, front matter, ``**``)."""
    from . import clean as _clean

    edits: list[tuple[int, int, str]] = []
    for fix in (lambda t: _clean.fix_front_matter(t, {}), _clean.fix_markup, lambda t: _clean.fix_markdown(t, [])):
        try:
            edits += fix(text)
        except Exception:  # noqa: BLE001 - the report shows the text anyway
            continue
    out: list[tuple[int, int]] = []
    for s, e, _ in sorted(edits):
        if e <= s:
            continue
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _render_text(text: str, marks: list[_Mark]) -> str:
    """The text with marks as properly nested <span>s; a mark crossing another is split in fragments."""
    points = {0, len(text)}
    by_start: dict[int, list[_Mark]] = {}
    empties: dict[int, list[_Mark]] = {}
    for m in marks:
        if m.start == m.end:
            empties.setdefault(m.start, []).append(m)
        else:
            by_start.setdefault(m.start, []).append(m)
        points.add(m.start)
        points.add(m.end)
    out: list[str] = []
    stack: list[_Mark] = []
    opened: set[int] = set()  # id() of marks whose first fragment was written
    prev = 0
    for p in sorted(points):
        if p > prev:
            out.append(_esc(text[prev:p]))
        prev = p
        reopen: list[_Mark] = []
        if any(m.end <= p for m in stack):
            while any(m.end <= p for m in stack):
                m = stack.pop()
                out.append("</span>")
                if m.end > p:
                    reopen.append(m)
        for m in empties.get(p, ()):
            out.append(m.open_tag(True) + "</span>")
        to_open = reopen + by_start.get(p, [])
        to_open.sort(key=lambda m: (-m.end, m.rank, m.seq))
        for m in to_open:
            first = id(m) not in opened
            opened.add(id(m))
            out.append(m.open_tag(first))
            stack.append(m)
    out.extend("</span>" for _ in stack)
    return "".join(out)


# --------------------------------------------------------------------------------------------- tables
def _link(anchor: str, label: str, with_text: bool) -> str:
    return f'<a href="#{anchor}">{_esc(label)}</a>' if with_text else _esc(label)


def _tables(doc: Document, with_text: bool) -> str:
    h: list[str] = []
    meta = [("kind", doc.kind), ("title", doc.title), ("subtitle", doc.subtitle), ("date", doc.date),
            ("place", doc.place), ("source", doc.source), ("url", doc.url),
            ("speakers", "、".join(doc.speakers) if doc.speakers else None), ("length", doc.length),
            ("fangtan", doc.fangtan_version)]
    h.append('<section id="t-summary"><h2>Document</h2><table class="kv">')
    for k, v in meta:
        if v not in (None, ""):
            h.append(f"<tr><th>{k}</th><td>{_esc(v)}</td></tr>")
    counts = (f"{len(doc.metrics)} metrics · {len(doc.enumerations)} enumerations · {len(doc.counted_lists)} "
              f"counted lists · {len(doc.turns)} turns · {len(doc.gaps)} gaps · {len(doc.warnings)} warnings")
    h.append(f'<tr><th>found</th><td>{_esc(counts)}</td></tr></table></section>')

    h.append(f'<section id="t-metrics"><h2>Metrics <small>({len(doc.metrics)})</small></h2>')
    if doc.metrics:
        h.append('<table class="grid"><thead><tr><th>#</th><th>name</th><th>value</th><th>growth</th>'
                 '</tr></thead><tbody>')
        for i, m in enumerate(doc.metrics):
            val = _value_text(m)
            cls = ' class="missing"' if m.missing else ""
            sp = " / ".join(x for x in (m.scope, m.period) if x)
            sub = " · ".join(x for x in (m.key, sp, "target" if m.status == "target" else None) if x)
            h.append(f"<tr{cls}><td>{i + 1}</td><td>{_link(f'm-{i + 1}', m.name, with_text)}"
                     f"{'<br><small>' + _esc(sub) + '</small>' if sub else ''}</td>"
                     f"<td class=\"num\">{_esc(val)}</td><td class=\"num\">{_esc(_growth_text(m))}</td>"
                     "</tr>")
        h.append("</tbody></table>")
    else:
        h.append('<p class="none">none found</p>')
    h.append("</section>")

    kt = doc.key_tasks
    h.append('<section id="t-tasks"><h2>Key tasks</h2>')
    if kt is not None:
        ci = next((i for i, c in enumerate(doc.counted_lists) if c.span == kt.span and c.phrase == kt.phrase), None)
        label = kt.phrase
        h.append(f"<p><b>{_link(f'c-{ci + 1}', label, with_text) if ci is not None else _esc(label)}</b>"
                 f" ({kt.count})</p><ol>")
        h.extend(f"<li>{_esc(it.text)}</li>" for it in kt.items)
        h.append("</ol>")
    else:
        h.append('<p class="none">none found</p>')
    h.append("</section>")

    pb = doc.party_building
    h.append('<section id="t-party"><h2>Party building</h2>')
    if pb.approach or pb.measures or pb.systems:
        if pb.approach:
            h.append(f"<p>approach: {_esc('、'.join(pb.approach))}</p>")
        if pb.measures:
            h.append("<ol>")
            for it in pb.measures:
                h.append(f"<li><b>{_esc(it.marker)}</b> {_esc(it.heading)}</li>")
            h.append("</ol>")
        if pb.systems:
            h.append(f"<p>systems: {_esc('、'.join(s.text for s in pb.systems))}</p>")
    else:
        h.append('<p class="none">none found</p>')
    h.append("</section>")

    h.append(f'<section id="t-warnings"><h2>Warnings <small>({len(doc.warnings)})</small></h2>')
    if doc.warnings:
        h.append('<table class="grid"><thead><tr><th>code</th><th>message</th></tr></thead><tbody>')
        for wi, w in enumerate(doc.warnings):
            code = _link(f"w-{wi + 1}", w.code, with_text and w.span is not None)
            h.append(f"<tr><td>{code}</td><td>{_esc(w.message)}</td></tr>")
        h.append("</tbody></table>")
    else:
        h.append('<p class="none">none</p>')
    h.append("</section>")

    h.append(f'<details id="t-gaps"{" open" if 0 < len(doc.gaps) <= 12 else ""}><summary>Gaps '
             f'<small>({len(doc.gaps)})</small></summary>')
    if doc.gaps:
        h.append('<table class="grid"><thead><tr><th>#</th><th>kind</th><th>context</th><th>inferred</th></tr>'
                 '</thead><tbody>')
        for gi, g in enumerate(doc.gaps):
            inf = "" if g.inferred_value is None else str(g.inferred_value)
            h.append(f"<tr><td>{_link(f'g-{gi + 1}', str(gi + 1), with_text)}</td><td>{_esc(g.kind)}</td>"
                     f"<td>{_esc(g.context)}</td><td>{_esc(inf)}</td></tr>")
        h.append("</tbody></table>")
    h.append("</details>")

    h.append(f'<details id="t-counted"><summary>Counted lists <small>({len(doc.counted_lists)})</small></summary><ul>')
    for ci, c in enumerate(doc.counted_lists):
        items = "、".join(x.text for x in c.items)
        h.append(f"<li>{_link(f'c-{ci + 1}', c.phrase, with_text)}"
                 f"{': ' + _esc(items) if items else ''}</li>")
    h.append("</ul></details>")

    h.append(f'<details id="t-enums"><summary>Enumerations <small>({len(doc.enumerations)})</small></summary>')
    for ei, en in enumerate(doc.enumerations):
        h.append(f"<p>#{ei + 1} <code>{_esc(en.style)}</code></p><ol>")
        for it in en.items:
            h.append(f"<li>{_link(f'e-{ei + 1}-{it.ordinal}', it.marker, with_text)} {_esc(it.heading)}</li>")
        h.append("</ol>")
    h.append("</details>")

    if doc.turns:
        h.append(f'<details id="t-turns"><summary>Questions <small>({len(doc.turns)})</small></summary><ol>')
        for ti, t in enumerate(doc.turns):
            who = "、".join(t.speakers)
            h.append(f"<li>{_link(f'q-{ti + 1}', t.question, with_text)}"
                     f"{' — ' + _esc(who) if who else ''}</li>")
        h.append("</ol></details>")
    return "".join(h)


# --------------------------------------------------------------------------------------------- page
_CSS = """
:root{--ink:#1f2328;--muted:#6b7280;--line:#e5e7eb}
*{box-sizing:border-box}
body{margin:0;color:var(--ink);background:#f3f4f6;font:15px/1.6 system-ui,-apple-system,"Segoe UI",
"Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei","PingFang SC","Microsoft YaHei",sans-serif}
header{background:#fff;border-bottom:1px solid var(--line);padding:10px 20px}
header h1{font-size:19px;margin:0 0 6px}
.legend{display:flex;flex-wrap:wrap;gap:4px 12px;font-size:13px;color:var(--muted)}
.legend label{cursor:pointer;white-space:nowrap}
.legend .hl{padding:0 4px}
main{display:grid;grid-template-columns:minmax(0,3fr) minmax(360px,2fr);gap:16px;padding:16px;align-items:start}
#text{background:#fff;border:1px solid var(--line);border-radius:6px;padding:18px 24px;margin:0;
white-space:pre-wrap;overflow-wrap:anywhere;font:inherit;font-size:17px;line-height:2.1}
aside{position:sticky;top:8px;max-height:calc(100vh - 16px);overflow:auto;background:#fff;
border:1px solid var(--line);border-radius:6px;padding:4px 14px 14px;font-size:14px}
aside h2{font-size:15px;margin:14px 0 6px;border-bottom:2px solid var(--line);padding-bottom:2px}
aside small{color:var(--muted);font-weight:normal}
aside summary{font-weight:600;cursor:pointer;margin-top:12px}
aside ol,aside ul{margin:4px 0;padding-left:22px}
table{border-collapse:collapse;width:100%}
.grid th,.grid td,.kv th,.kv td{border-bottom:1px solid var(--line);padding:3px 6px;text-align:left;vertical-align:top}
.grid th{background:#f9fafb;font-weight:600;white-space:nowrap}
.kv th{width:6em;color:var(--muted);font-weight:normal}
td.num{white-space:nowrap;font-variant-numeric:tabular-nums}
tr.missing td{color:#991b1b}
.none{color:var(--muted);margin:2px 0}
a{color:#1d4ed8;text-decoration:none}a:hover{text-decoration:underline}
code{font-size:12px;color:var(--muted)}
.note{background:#fff7ed;border:1px solid #fed7aa;border-radius:6px;padding:6px 12px;margin:0 16px;font-size:13px}
.hl{border-radius:2px}
.hl.title{font-weight:700;font-size:1.12em}
.hl.question{color:#1e3a8a;font-weight:600}
.hl.source{color:#92400e}
.hl.boilerplate{color:#9ca3af;text-decoration:line-through}
.hl.markup{color:#a1a7b0;font:11px/1 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;text-decoration:none}
body.off-markup #text .hl.markup{display:none}
.hl.metric{border-bottom:2px dotted #2563eb}
.hl.metric-name{background:#dbeafe;color:#1e3a8a}
.hl.metric-value{background:#fde047;font-weight:700;padding:0 1px}
.hl.metric-value.missing{background:repeating-linear-gradient(45deg,#fee2e2 0 4px,#fecaca 4px 8px);
font-weight:normal;outline:1px dashed #dc2626}
.hl.metric-growth{background:#bbf7d0;color:#14532d}
.hl.metric-growth.dir-down{background:#fecaca;color:#7f1d1d}
.hl.metric-growth.missing{outline:1px dashed #dc2626}
.hl.enum-marker{background:#6d28d9;color:#fff;padding:0 3px;font-weight:600}
.hl.enum-heading{font-weight:700;border-bottom:2px solid #a78bfa}
.hl.counted{background:#fce7f3;color:#831843;font-weight:600}
.hl.key-tasks{background:#f9a8d4;color:#500724;font-weight:700}
.hl.counted-item{border-bottom:2px solid #f472b6}
.hl.party-approach{background:#ffedd5;color:#7c2d12}
.hl.party-system{border-bottom:2px solid #fb923c;font-weight:600}
.hl.warning{text-decoration:underline wavy #dc2626}
.hl.gap{background:#fee2e2;outline:1px dashed #dc2626}
.hl.gap:not(.cont)::before{content:"?";display:inline-block;font-size:11px;line-height:14px;min-width:14px;
text-align:center;vertical-align:super;margin-right:1px;border-radius:7px;background:#dc2626;color:#fff;font-weight:700}
.hl:target{outline:3px solid #f59e0b;outline-offset:1px}
#tip{position:fixed;z-index:10;max-width:420px;background:#111827;color:#f9fafb;font-size:13px;line-height:1.5;
padding:6px 9px;border-radius:5px;white-space:pre-wrap;pointer-events:none;box-shadow:0 4px 14px #0004}
@media (max-width:900px){main{grid-template-columns:1fr}aside{position:static;max-height:none}}
@media print{aside{position:static;max-height:none}#tip{display:none}}
"""

_JS = """
(function(){
  var tip=document.getElementById('tip'), pinned=null;
  function lines(el){var out=[],seen={};
    for(var n=el;n&&n.classList&&n.classList.contains('hl');n=n.parentElement){
      var t=n.getAttribute('data-tip'); if(t&&!seen[t]){seen[t]=1;out.push(t);} }
    return out.join('\\n\\n');}
  function show(el,x,y){var t=lines(el); if(!t){tip.hidden=true;return;}
    tip.textContent=t; tip.hidden=false;
    var w=tip.offsetWidth,h=tip.offsetHeight;
    tip.style.left=Math.max(4,Math.min(x+12,window.innerWidth-w-8))+'px';
    tip.style.top=(y+18+h>window.innerHeight?Math.max(4,y-h-10):y+18)+'px';}
  document.addEventListener('mouseover',function(e){if(pinned)return;
    var el=e.target.closest&&e.target.closest('.hl'); if(el)show(el,e.clientX,e.clientY); else tip.hidden=true;});
  document.addEventListener('click',function(e){var el=e.target.closest&&e.target.closest('#text .hl');
    if(el&&el!==pinned){pinned=el;show(el,e.clientX,e.clientY);}else{pinned=null;tip.hidden=true;}});
  document.querySelectorAll('.legend input').forEach(function(cb){cb.addEventListener('change',function(){
    document.body.classList.toggle('off-'+cb.value,!cb.checked);});});
})();
"""


def _legend(present: set[str]) -> str:
    out = ['<div class="legend">']
    for kind, (label, _) in KINDS.items():
        if kind in present:
            out.append(f'<label><input type="checkbox" value="{kind}" checked> '
                       f'<span class="hl {kind}">{_esc(label)}</span></label>')
    out.append("</div>")
    return "".join(out)


def _off_css(kinds: set[str]) -> str:
    """CSS that neutralises a kind when its legend checkbox is unticked."""
    return "".join(
        f"body.off-{k} #text .hl.{k}{{background:none;color:inherit;border:0;outline:0;font-weight:inherit;"
        f"font-size:inherit;text-decoration:none;padding:0}}body.off-{k} #text .hl.{k}::before{{content:none}}"
        for k in sorted(kinds)
    )


def to_html(doc: Document, text: str | None, title: str | None = None) -> str:
    """The report as one self-contained HTML page (a ``str``; write it with ``encoding="utf-8"``).

    ``text`` must be the string that was given to :func:`fangtan.parse` (the spans index it); with
    ``text=None`` only the tables are shown.
    """
    page_title = title or doc.title or "fangtan report"
    notes: list[str] = []
    body_text = ""
    present: set[str] = set()
    if text is not None:
        if not isinstance(text, str):
            raise TypeError("to_html takes the original text as a str")
        marks, problems = _collect(doc, text)
        present = {m.kind for m in marks}
        if doc.length and doc.length != len(text):
            notes.append(f"the document was parsed from a text of length {doc.length}, but the text given "
                         f"has length {len(text)}: highlights may be misplaced")
        notes.extend(problems[:20])
        if len(problems) > 20:
            notes.append(f"… and {len(problems) - 20} more span problems")
        body_text = f'<pre id="text">{_render_text(text, marks)}</pre>'
    else:
        notes.append("the original text was not supplied (Document.to_html(text) needs it): tables only")
    note_html = "".join(f'<p class="note">{_esc(n)}</p>' for n in notes)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="zh"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"
        f"<title>{_esc(page_title)}</title><style>{_CSS}{_off_css(present)}</style></head>"
        f'<body><header><h1>{_esc(page_title)}</h1>{_legend(present)}</header>{note_html}'
        f"<main>{body_text or '<div></div>'}<aside>{_tables(doc, text is not None)}</aside></main>"
        f'<div id="tip" hidden></div><script>{_JS}</script></body></html>\n'
    )


def summary_html(doc: Document) -> str:
    """A compact HTML fragment (tables only, scoped styles) for notebooks: ``Document._repr_html_``."""
    css = (".fangtan-summary table{border-collapse:collapse}.fangtan-summary th,.fangtan-summary td"
           "{border-bottom:1px solid #ddd;padding:2px 6px;text-align:left;vertical-align:top}"
           ".fangtan-summary h2{font-size:1.05em;margin:.6em 0 .2em}.fangtan-summary .none{color:#888}")
    return f'<div class="fangtan-summary"><style>{css}</style>{_tables(doc, False)}</div>'


# --------------------------------------------------------------------------------------------- terminal
def rich_table(doc: Document) -> Any:
    """A ``rich`` renderable (a Group of tables) for the terminal: summary, metrics, key tasks, warnings.

    ``rich`` is imported here; install it with ``pip install "fangtan[tui]"``.
    """
    try:
        from rich import box
        from rich.console import Group
        from rich.table import Table
        from rich.text import Text
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError('the table view needs rich: pip install "fangtan[tui]"') from e

    head = Table(box=box.SIMPLE, show_header=False, title=doc.title or "(untitled)", title_justify="left")
    head.add_column(style="dim")
    head.add_column()
    for k, v in (("kind", doc.kind), ("date", doc.date), ("place", doc.place), ("source", doc.source),
                 ("speakers", "、".join(doc.speakers))):
        if v:
            head.add_row(k, Text(str(v)))
    head.add_row("found", f"{len(doc.metrics)} metrics, {len(doc.enumerations)} enumerations, "
                          f"{len(doc.counted_lists)} counted lists, {len(doc.turns)} turns, {len(doc.gaps)} gaps")
    parts: list[Any] = [head]

    mt = Table(title=f"Metrics ({len(doc.metrics)})", title_justify="left", box=box.SIMPLE_HEAD)
    for col, kw in (("#", {"justify": "right"}), ("name", {}), ("value", {"justify": "right"}),
                    ("growth", {"justify": "right"}), ("status", {}), ("span", {"style": "dim"})):
        mt.add_column(col, **kw)
    for i, m in enumerate(doc.metrics):
        mt.add_row(str(i + 1), Text(m.name), Text(_value_text(m), style="red" if m.missing else ""),
                   Text(_growth_text(m)), m.status, f"{m.span.start}-{m.span.end}")
    parts.append(mt)

    if doc.key_tasks is not None:
        kt = Table(title=f"Key tasks ({doc.key_tasks.count})", title_justify="left", box=box.SIMPLE,
                   show_header=False, min_width=30)
        kt.add_column(justify="right")
        kt.add_column()
        kt.add_row("", Text(doc.key_tasks.phrase, style="bold"))
        for k, it in enumerate(doc.key_tasks.items):
            kt.add_row(str(k + 1), Text(it.text))
        parts.append(kt)
    if doc.party_building.measures:
        pt = Table(title="Party-building measures", title_justify="left", box=box.SIMPLE, show_header=False)
        pt.add_column()
        pt.add_column()
        for it in doc.party_building.measures:
            pt.add_row(Text(it.marker), Text(it.heading))
        parts.append(pt)
    if doc.warnings:
        wt = Table(title=f"Warnings ({len(doc.warnings)})", title_justify="left", box=box.SIMPLE_HEAD)
        wt.add_column("code", style="yellow")
        wt.add_column("message")
        for w in doc.warnings:
            wt.add_row(w.code, Text(w.message))
        parts.append(wt)
    return Group(*parts)


# --------------------------------------------------------------------------------------------- command
def main_show(path: str | Path, out: str | Path | None = None) -> int:
    """``fangtan show FILE -o report.html``: parse FILE (``-`` is stdin) and write its HTML report.

    Without ``out`` the report goes next to the file as ``FILE.html``; ``out="-"`` writes to stdout.
    Returns a process exit code (0 ok, 1 the file could not be read or decoded).
    """
    import fangtan
    from .decode import decode

    try:
        if str(path) == "-":
            data = sys.stdin.buffer.read()
            name = "stdin"
        else:
            data = Path(path).read_bytes()
            name = Path(path).name
        text, _used = decode(data)
    except Exception as e:  # noqa: BLE001 - a CLI reports and exits
        print(f"fangtan show: cannot read {path}: {e}", file=sys.stderr)
        return 1
    doc = fangtan.parse(text)
    page = to_html(doc, text, title=doc.title or name)
    if out is None:
        out = "-" if str(path) == "-" else str(path) + ".html"
    if str(out) == "-":
        sys.stdout.write(page)
    else:
        try:
            Path(out).write_text(page, encoding="utf-8")
        except OSError as e:
            print(f"fangtan show: cannot write {out}: {e}", file=sys.stderr)
            return 1
        print(f"wrote {out}", file=sys.stderr)
    return 0
