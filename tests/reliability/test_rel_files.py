"""Files and bytes: spans stay true to what is on disk (\\r\\n kept, a BOM kept as U+FEFF), encodings
are detected and reported, binary and undecodable data raise DecodeError."""
from __future__ import annotations

import pytest
from rel_invariants import check_document

import fangtan
from fangtan.decode import DecodeError, decode

TEXT = "某镇访谈\r\n问：今年有何打算？\r\n张三：一是抓项目，全镇工业总产值完成4.8亿元，同比增长40%。\r\n二是惠民生。\r\n"

TEXT_TRAD = "某鎮訪談\r\n問：今年有何打算？\r\n陳茂波：一是抓項目，全鎮工業總產值完成4.8億元，同比增長40%。\r\n二是惠民生。\r\n"


def _disk_text(path) -> str:
    """The file's characters exactly as stored (no newline translation)."""
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def _codes(doc) -> list[str]:
    return [w.code for w in doc.warnings]


def test_crlf_spans_match_the_file(tmp_path) -> None:
    p = tmp_path / "crlf.txt"
    p.write_bytes(TEXT.encode("utf-8"))
    doc = fangtan.parse_file(p)
    disk = _disk_text(p)
    assert "\r\n" in disk and doc.length == len(disk)
    check_document(doc, disk)
    m = next(m for m in doc.metrics if m.unit == "亿元")
    assert m.value_span.slice(disk) == "4.8亿元"
    assert m.growth.span.slice(disk).endswith("40%")
    assert doc.turns and doc.turns[0].answers[0].span.slice(disk).strip() == doc.turns[0].answers[0].text
    assert _codes(doc)[0] == "encoding" and "utf-8" in doc.warnings[0].message


def test_bom_is_kept_and_reported(tmp_path) -> None:
    p = tmp_path / "bom.txt"
    p.write_bytes(b"\xef\xbb\xbf" + TEXT.encode("utf-8"))
    doc = fangtan.parse_file(p)
    disk = _disk_text(p)
    assert disk[0] == "\ufeff" and doc.length == len(disk)
    check_document(doc, disk)
    assert "bom" in _codes(doc)
    assert "utf-8-sig" in doc.warnings[0].message
    bom = next(w for w in doc.warnings if w.code == "bom")
    assert bom.span.slice(disk) == "\ufeff"
    m = next(m for m in doc.metrics if m.unit == "亿元")
    assert m.value_span.slice(disk) == "4.8亿元"
    # the same offsets as parsing the file's characters directly
    assert fangtan.parse(disk).metrics == doc.metrics


def test_bom_in_a_str_is_reported() -> None:
    doc = fangtan.parse("\ufeff产值4.8亿元")
    assert "bom" in _codes(doc)
    assert doc.metrics[0].value_span.start == 3


@pytest.mark.parametrize("enc,expect", [("gbk", "gb18030"), ("gb18030", "gb18030"), ("big5", "big5")])
def test_legacy_encodings(tmp_path, enc: str, expect: str) -> None:
    text = TEXT if enc != "big5" else TEXT_TRAD
    p = tmp_path / f"{enc}.txt"
    p.write_bytes(text.encode(enc))
    doc = fangtan.parse_file(p)
    assert doc.warnings[0].code == "encoding" and doc.warnings[0].message == f"decoded as {expect}"
    assert doc.length == len(text)
    check_document(doc, text)
    assert any(m.value_span and m.value_span.slice(text).startswith("4.8") for m in doc.metrics)


@pytest.mark.parametrize("text", ["产值", "收藏", "规模以上工业增加值增长5%", "积极防范金融领域风险", "郭晋晖"])
def test_short_gbk_detected(text: str) -> None:
    assert decode(text.encode("gbk")) == (text, "gb18030")


@pytest.mark.parametrize("text", ["產值", "陳茂波", "預留30億元擴建科技園計劃", "財政司司長", "香港經濟"])
def test_short_big5_detected(text: str) -> None:
    assert decode(text.encode("big5")) == (text, "big5")


@pytest.mark.parametrize(
    "data,match",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"\x7fELF\x02\x01\x01\x00" + bytes(100), "binary"),
        (bytes(range(256)) * 4, "binary"),
        ("产值4.8亿元".encode("utf-16"), "UTF-16"),
        ("产值4.8亿元".encode("utf-16-le"), "UTF-16"),
        (b"\xef\xbb\xbf\xff\xfe", "BOM says UTF-8"),
        (b"\xff\xff\xff\xff\xfe\xfe", "not UTF-8, GB18030/GBK or Big5|noise"),
        (b"\x81\x30\x81\x30" * 50, "noise"),  # GB18030 four-byte sequences: code points no text uses
    ],
)
def test_binary_and_undecodable_raise(data: bytes, match: str) -> None:
    with pytest.raises(DecodeError, match=match):
        fangtan.parse_bytes(data)


def test_decode_error_is_a_value_error() -> None:
    assert issubclass(DecodeError, ValueError)
    with pytest.raises(ValueError):
        fangtan.parse_bytes(b"\x00\x00\x00\x00")


def test_forced_encoding() -> None:
    doc = fangtan.parse_bytes("产值4.8亿元".encode("gbk"), encoding="gbk")
    assert doc.warnings[0].message == "decoded as gbk"
    with pytest.raises(DecodeError, match="cannot decode as utf-8"):
        fangtan.parse_bytes("产值".encode("gbk"), encoding="utf-8")
    with pytest.raises(DecodeError):
        fangtan.parse_bytes(b"x", encoding="no-such-codec")


def test_bytes_types_accepted() -> None:
    data = "产值4.8亿元".encode()
    for d in (data, bytearray(data), memoryview(data)):
        assert fangtan.parse_bytes(d).metrics[0].value_span.slice("产值4.8亿元") == "4.8亿元"
    with pytest.raises(TypeError, match="parse"):
        fangtan.parse_bytes("产值")  # type: ignore[arg-type]


def test_empty_inputs() -> None:
    assert fangtan.parse("").length == 0
    assert fangtan.parse_bytes(b"").length == 0
