"""A saved web page (.html) is read as the text the page shows, then as a copied page."""

from __future__ import annotations

from pathlib import Path

import pytest

from gazette_pub.audit import audit, issue_texts
from gazette_pub.model import DateLine, Signature
from gazette_pub.sources import import_source, source_text
from gazette_pub.sources.html_page import is_html, page_text

FIXTURES = Path(__file__).parent / "fixtures" / "import"
SAVED = FIXTURES / "web-page-saved.html"


@pytest.fixture(params=["utf-8", "gb18030"])
def saved_page(request, tmp_path) -> Path:
    """The saved page as it is, and re-saved in GB18030 (older sites send GBK)."""
    if request.param == "utf-8":
        return SAVED
    path = tmp_path / "page-gbk.html"
    text = SAVED.read_text(encoding="utf-8").replace("charset=UTF-8", "charset=gb2312")
    path.write_bytes(text.encode("gb18030"))
    return path


def test_a_saved_page_imports_its_document_not_its_markup(saved_page):
    result = import_source(saved_page, gazette_id="g")
    (doc,) = result.issue.documents
    assert doc.title == "青川市人民政府办公室关于加强城市绿化管理的通知"
    assert doc.doc_number == "青政办发〔2024〕9号"
    assert doc.organs == ("青川市人民政府办公室",)
    blocks = doc.blocks
    assert [b.lines for b in blocks if isinstance(b, Signature)] == [("青川市人民政府办公室",)]
    assert [b.text for b in blocks if isinstance(b, DateLine)] == ["2024年3月12日"]
    texts = list(issue_texts(result.issue))
    assert not any(mark in t for t in texts for mark in ("<", ">", "&nbsp;", "统计")), texts
    # A paragraph wrapped in the page's source reads as the browser shows it: the line
    # break between two Chinese characters is no space (CSS Text 3 §4.1.3).
    assert any("确需临时占用的，应当按规定" in t for t in texts)
    assert result.report.kind == "html web-page"
    reasons = " ".join(d.reason for d in result.report.discarded)
    assert "navigation" in reasons and "footer" in reasons
    assert audit(saved_page, result.issue, result.report).ok


def test_the_audit_counts_the_text_the_page_shows():
    fmt, text = source_text(SAVED)
    assert fmt == "html"
    assert "青政办发〔2024〕9号" in text and "网站标识码" in text
    # Not shown by a browser: the head (title, scripts, styles), hidden elements.
    for hidden in ("_市政府办文件_", "siteid", "text-indent", "分享到", "<"):
        assert hidden not in text


@pytest.mark.parametrize("markup, lines", [
    ("<html><body><p>甲\n  乙</p><p>丙 丁</p></body></html>", ["甲乙", "丙 丁"]),
    ("<html><body><p>a\n b</p></body></html>", ["a b"]),
    ("<html><body><p>&nbsp;&nbsp;一、甲<br>乙</p></body></html>", ["\u00a0\u00a0一、甲", "乙"]),
    ("<html><body><table><tr><td>序号</td><td> 名称 </td></tr><tr><td>1</td><td>甲</td></tr>"
     "</table></body></html>", ["序号\t名称", "1\t甲"]),
    # Cells on the table's grid: spans leave empty cells, never a value in another
    # column; a cell's paragraphs are one cell; a caption is the line above.
    ("<html><body><table><caption>表1 名单</caption><tr><th rowspan=2>序号</th>"
     "<th colspan=2>单位</th></tr><tr><th>名称</th><th>地址</th></tr>"
     "<tr><td>1</td><td><p>城东</p><p>污水厂</p></td><td rowspan=2>东路</td></tr>"
     "<tr><td>2</td><td>B<br>C</td></tr><tr><td colspan=3>合计2个</td></tr></table>"
     "</body></html>",
     ["表1 名单", "序号\t单位\t", "\t名称\t地址", "1\t城东污水厂\t东路", "2\tB C\t",
      "合计2个\t\t"]),
    ("<html><body><table><tr><td>甲<table><tr><td>乙</td><td>丙</td></tr></table></td>"
     "<td>丁</td></tr></table></body></html>", ["甲乙 丙\t丁"]),
    ("<html><body><pre>甲\n乙</pre><!-- 注释 -->丙<script>x</script>丁</body></html>",
     ["甲", "乙", "丙丁"]),
    ("<html><body><p hidden>甲</p><p style=\"color:red; display : none\">乙</p><p>丙</p>"
     "</body></html>", ["丙"]),
    ("<html><body><p>\ue000甲\n乙</p></body></html>", ["\ue000甲乙"]),
])
def test_page_text_is_what_a_browser_shows(markup, lines):
    assert page_text(markup, "p.html") == "\n\n".join(lines) + "\n"


@pytest.mark.parametrize("text, html", [
    ("<!DOCTYPE html><html>", True),
    ("\ufeff  <!-- saved from url=(0022)http://x.cn/ -->\n<html lang=zh>", True),
    ("<HEAD><title>x</title>", True),
    ("关于印发<html>的通知\n", False),
    ("# 标题\n\n<table><tr><td>1</td></tr></table>\n", False),
])
def test_an_html_page_is_told_from_text_by_its_start(text, html):
    assert is_html(text) is html


def _web_archive(path: Path, html: bytes, charset: str, encoding: str) -> Path:
    """A .mht as Chrome ("网页，单个文件") writes it: MIME multipart/related, the page as
    its first part in quoted-printable or base64, an image after it."""
    import email.charset
    from email.mime.image import MIMEImage
    from email.mime.multipart import MIMEMultipart
    from email.mime.text import MIMEText
    archive = MIMEMultipart("related")
    archive["From"] = "<Saved by Blink>"
    archive["Snapshot-Content-Location"] = "http://www.qingchuan.gov.cn/art/2024/3/15/a.html"
    cs = email.charset.Charset(charset)
    cs.body_encoding = email.charset.QP if encoding == "qp" else email.charset.BASE64
    archive.attach(MIMEText(html.decode(charset), "html", cs))
    archive.attach(MIMEImage(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "gif"))
    path.write_bytes(archive.as_bytes())
    return path


@pytest.mark.parametrize("charset, encoding", [("utf-8", "qp"), ("gb18030", "base64")])
def test_a_web_archive_imports_the_page_it_holds(tmp_path, charset, encoding):
    html = SAVED.read_text(encoding="utf-8").encode(charset)
    path = _web_archive(tmp_path / "page.mht", html, charset, encoding)
    result = import_source(path, gazette_id="g")
    (doc,) = result.issue.documents
    assert (doc.title, doc.doc_number) == ("青川市人民政府办公室关于加强城市绿化管理的通知",
                                           "青政办发〔2024〕9号")
    assert source_text(path)[1] == source_text(SAVED)[1]
    assert audit(path, result.issue, result.report).ok


def test_a_page_nested_past_the_parsers_limit_is_refused_not_cut(tmp_path):
    """libxml2 drops what lies deeper than 256 levels: refused by name, never 'empty'."""
    from gazette_pub.errors import SourceError
    path = tmp_path / "deep.html"
    path.write_text("<!DOCTYPE html><html><body>" + "<div>" * 300 + "关于某事的通知"
                    + "</div>" * 300 + "</body></html>", encoding="utf-8")
    with pytest.raises(SourceError, match="cannot read whole .*Excessive depth"):
        import_source(path)


def test_a_page_that_shows_no_text_is_refused_saying_so(tmp_path):
    from gazette_pub.errors import SourceError
    path = tmp_path / "app.html"
    path.write_text("<!DOCTYPE html><html><head><title>公报</title></head><body>"
                    "<div id=app></div><script>render('关于…的通知')</script></body></html>",
                    encoding="utf-8")
    with pytest.raises(SourceError, match="the HTML page shows no text"):
        import_source(path)
