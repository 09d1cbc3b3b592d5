"""The HTML report: escaping, span nesting, data attributes, Document hooks, the show command."""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fangtan
from fangtan import report
from fangtan.models import Boilerplate, Document, Gap, ParseWarning, Span

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_49881e2bc210889c.txt"
SAMPLE = "全镇规模以上工业总产值完成4.8亿元，同比增长40%；公共预算收入万元，同比增长56%。"


class _TextPane(HTMLParser):
    """Collects the text of <pre id="text"> and checks that tags are balanced inside it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # >0 while inside the pane
        self.stack: list[str] = []
        self.text: list[str] = []
        self.spans: list[dict[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "pre" and a.get("id") == "text":
            self.depth = 1
            self.stack.append(tag)
            return
        if self.depth:
            self.stack.append(tag)
            if tag == "span":
                self.spans.append(a)

    def handle_endtag(self, tag):
        if self.depth:
            assert self.stack and self.stack[-1] == tag, f"unbalanced </{tag}> in {self.stack}"
            self.stack.pop()
            if not self.stack:
                self.depth = 0

    def handle_data(self, data):
        if self.depth:
            self.text.append(data)


def pane(page: str) -> _TextPane:
    p = _TextPane()
    p.feed(page)
    p.close()
    assert not p.stack
    return p


def test_seed_report_keeps_text_and_marks_every_metric():
    text = SEED.read_text(encoding="utf-8")
    doc = fangtan.parse(text)
    page = report.to_html(doc, text)
    p = pane(page)
    assert "".join(p.text) == text
    values = [s for s in p.spans if "metric-value" in (s.get("class") or "")]
    names = [s for s in p.spans if "metric-name" in (s.get("class") or "")]
    for i, m in enumerate(doc.metrics, 1):
        assert any(s.get("data-metric") == str(i) for s in names)
        if m.value_span is not None:
            v = [s for s in values if s.get("data-metric") == str(i)]
            assert v and v[0]["data-unit"] == (m.unit or "")
            assert v[0]["data-value"] == ("" if m.value is None else str(m.value))
    assert 'class="hl metric-value" data-value="4.8" data-unit="亿元"' in page


def test_no_network_and_self_contained():
    text = SEED.read_text(encoding="utf-8")
    page = report.to_html(fangtan.parse(text), text)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "<link" not in page and "@import" not in page
    assert page.count("<script>") == 1


def test_script_in_input_is_escaped():
    text = "标题<script>document.title='pwned'</script>\n" + SAMPLE + '<img src=x onerror="alert(1)">'
    page = report.to_html(fangtan.parse(text), text, title="<b>t</b>")
    assert "<script>document.title" not in page
    assert "&lt;script&gt;document.title=&#x27;pwned&#x27;&lt;/script&gt;" in page
    assert "<img" not in page and "<b>t</b>" not in page
    assert "".join(pane(page).text) == text


def test_growth_and_missing_value_attributes():
    doc = fangtan.parse(SAMPLE)
    page = report.to_html(doc, SAMPLE)
    assert 'data-direction="up" data-rate="40" data-growth-unit="%"' in page
    lost = [m for m in doc.metrics if m.value is None]
    if lost:
        assert 'data-missing="value"' in page


def test_crossing_and_empty_spans_are_split_not_broken():
    text = "abcdefghij<&>"
    doc = Document(
        boilerplate=[Boilerplate(kind="furniture", span=Span(start=2, end=6))],
        gaps=[Gap(kind="number", context="x", span=Span(start=4, end=9)),
              Gap(kind="year", context="y", span=Span(start=7, end=7))],
        warnings=[ParseWarning(code="w", message="<m>", span=Span(start=0, end=99)),
                  ParseWarning(code="v", message="bad", span=Span(start=50, end=60))],
        length=len(text),
    )
    page = report.to_html(doc, text)
    p = pane(page)
    assert "".join(p.text) == text
    assert any("cont" in (s.get("class") or "") for s in p.spans)  # a crossing span was split
    assert "runs past the end" in page and "outside the text" in page


def test_length_mismatch_is_noted_and_none_text_gives_tables_only():
    doc = fangtan.parse(SAMPLE)
    assert "highlights may be misplaced" in report.to_html(doc, SAMPLE + "x")
    page = doc.to_html()
    assert 'id="text"' not in page and "规模以上工业总产值" in page
    assert 'id="text"' in doc.to_html(SAMPLE)
    frag = doc._repr_html_()
    assert frag.startswith('<div class="fangtan-summary">') and "<script" not in frag


def test_bad_code_points_do_not_break_the_page():
    text = "增长\x00\ud800" + SAMPLE
    page = report.to_html(fangtan.parse(text), text)
    page.encode("utf-8")  # no lone surrogate survives
    assert "\x00" not in page


def test_main_show(tmp_path, capsys):
    out = tmp_path / "r.html"
    assert report.main_show(SEED, out) == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "唐坊镇" in page
    assert report.main_show(tmp_path / "missing.txt", tmp_path / "x.html") == 1
    assert "cannot read" in capsys.readouterr().err


def test_rich_table_renders():
    rich = pytest.importorskip("rich")
    from rich.console import Console

    doc = fangtan.parse(SEED.read_text(encoding="utf-8"))
    con = Console(record=True, width=120, file=open("/dev/null", "w"))  # noqa: SIM115
    con.print(report.rich_table(doc))
    out = con.export_text()
    assert "规模以上工业总产值" in out and "4.8亿元" in out and "六项重点工作" in out
    assert rich is not None


_marks = st.lists(
    st.tuples(st.integers(0, 30), st.integers(0, 30), st.sampled_from(sorted(report.KINDS))), max_size=12
)


@settings(max_examples=150, deadline=None)
@given(text=st.text(alphabet="ab<>&\"'\n中文", max_size=30), marks=_marks)
def test_render_property(text, marks):
    ms = [report._Mark(min(a, b, len(text)), min(max(a, b), len(text)), k, tip="<t>", seq=i)
          for i, (a, b, k) in enumerate(marks)]
    out = '<pre id="text">' + report._render_text(text, ms) + "</pre>"
    p = pane(out)
    assert "".join(p.text) == text
    assert html.unescape(re.sub(r"<[^>]*>", "", out)) == text
