"""Word .docx import: 红头 documents as Word and as WPS Office write them (built here
with python-docx), layout evidence, merged cells, numbering, 版头/版记, malformed
packages, whole issues, other formats refused by name, and the audit."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from gazette_pub.audit import audit_issue_dir
from gazette_pub.cli import main
from gazette_pub.errors import SourceError
from gazette_pub.model import Heading, Note, Signature, TableBlock
from gazette_pub.sources import complete_draft, import_source, save_import
from gazette_pub.sources.docx_reader import extract_docx
from gazette_pub.sources.formats import sniff
from gazette_pub.sources.report import ReportBuilder

from .docx_build import issue_docx, joint_docx, red_head_docx, rewrite_zip

SEEDS = Path(__file__).parents[1].parent / "shared" / "seeds"


@pytest.fixture(scope="module", params=["word", "wps"])
def red_head(request, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp(f"docx-{request.param}")
    return red_head_docx(folder / f"notice-{request.param}.docx", wps=request.param == "wps")


def test_red_head_document(red_head):
    result = import_source(red_head)
    assert result.report.kind == "docx standalone"
    (doc,) = result.issue.documents
    assert doc.title == "江北省人民政府关于公布第二批省级非遗项目名录的通知"
    assert doc.doc_number == "江政发〔2024〕7号"
    assert doc.organs == ("江北省人民政府",)
    blocks = list(doc.all_blocks())
    assert [(b.level, b.label) for b in blocks if isinstance(b, Heading)][:3] == [
        (1, "一、"), (2, "（一）"), (1, "二、")]
    assert next(b for b in blocks if isinstance(b, Signature)).lines == ("江北省人民政府",)
    assert any(isinstance(b, Note) and b.text == "（此件公开发布）" for b in blocks)
    assert doc.date is not None and doc.date.isoformat() == "2024-03-05"
    reasons = [d.reason for d in result.report.discarded]
    assert [r.split(":")[0] for r in reasons[:4]] == ["版头"] * 4
    assert any(r.startswith("版记") and "抄送" in d.text and "印发" in d.text
               for r, d in zip(reasons, result.report.discarded))
    assert any("image '公章' skipped" in e.message for e in result.report.uncertainties)


def test_merged_cells_become_spans(red_head):
    (doc,) = import_source(red_head).issue.documents
    (table,) = [b.table for b in doc.all_blocks() if isinstance(b, TableBlock)]
    head, sub = table.header_rows
    assert [(c.text, c.rowspan, c.colspan) for c in head] == [
        ("序号", 2, 1), ("项目名称", 2, 1), ("申报地区", 1, 2)]
    assert [c.text for c in sub] == ["市", "县（区）"]
    assert [[c.text for c in r] for r in table.rows] == [["1", "剪纸", "银川市", "兴庆区"],
                                                          ["2", "刺绣", "吴忠市", "盐池县"]]


def test_layout_evidence_and_locations(red_head):
    report = ReportBuilder(red_head.name, "docx")
    extracted = extract_docx(red_head.read_bytes(), str(red_head), report)
    by_text = {ln.text: ln for ln in extracted.lines}
    masthead = by_text["江北省人民政府文件"]
    assert (masthead.align, masthead.bold, masthead.size) == ("center", True, 36)
    title = by_text["江北省人民政府关于公布第二批"]  # a w:br starts a new line
    assert (title.align, title.bold, title.size) == ("center", True, 22)
    assert extracted.lines[extracted.lines.index(title) + 1].no == title.no + 1
    assert by_text["现将名录印发给你们，请认真贯彻执行[1]。"].indented
    assert by_text["[1] 数据来源于统计年鉴。"]  # the footnote follows its paragraph
    assert by_text["江北省人民政府"].align == "right"
    assert by_text["一、总体要求"].style == "Normal"
    copies = next(ln for ln in extracted.lines if ln.text.startswith("抄送"))
    assert copies.page == 2  # after the page break
    assert extracted.locations[copies.no].endswith("p. 2")
    assert extracted.text.split("\n")[copies.no - 1] == copies.text


def test_wps_quirks(tmp_path):
    path = red_head_docx(tmp_path / "wps.docx", wps=True)
    extracted = extract_docx(path.read_bytes(), str(path), ReportBuilder(path.name, "docx"))
    texts = [ln.text for ln in extracted.lines]
    assert texts.count("（此件公开发布）") == 1  # a text box, stored twice, read once
    assert any(ln.align == "justify" for ln in extracted.lines)  # jc="distribute"
    date = next(ln for ln in extracted.lines if ln.text == "2024年3月5日")
    assert date.indented  # aligned with full-width spaces: the spaces are gone
    (doc,) = import_source(path).issue.documents
    (table,) = [b.table for b in doc.all_blocks() if isinstance(b, TableBlock)]
    assert table.header_rows[0][0].rowspan == 2  # <w:vMerge/> without a value continues


def test_docx_import_audits_clean(red_head, tmp_path):
    result = import_source(red_head)
    folder = tmp_path / "issues" / "jiangbei" / "2024-01"
    issue = complete_draft(result.issue, year=2024, number=1)
    save_import(type(result)(issue, result.report), folder)
    audit = audit_issue_dir(folder, red_head)
    assert audit.source_chars > 200
    assert audit.missing == 0, audit.unexplained
    assert "¶" in (folder / "import-report.txt").read_text(encoding="utf-8")


def test_borderless_tables_are_layout(tmp_path):
    result = import_source(joint_docx(tmp_path / "joint.docx"))
    (doc,) = result.issue.documents
    assert doc.title == "关于做好预算执行工作的通知"
    assert doc.doc_number == "江财发〔2024〕12号"
    assert doc.organs == ("江北省人民政府", "江北省财政厅")
    assert not [b for b in doc.all_blocks() if isinstance(b, TableBlock)]
    masthead = next(d for d in result.report.discarded if "发文机关标志" in d.reason)
    assert masthead.text.split("\n") == ["江北省人民政府", "文件", "江北省财政厅"]


# --------------------------------------------------------------------------- malformed

def test_broken_relationship_is_repaired_and_reported(red_head, tmp_path):
    broken = rewrite_zip(red_head, tmp_path / "broken.docx", drop={"word/numbering.xml"})
    result = import_source(broken)
    (doc,) = result.issue.documents
    assert doc.title == "江北省人民政府关于公布第二批省级非遗项目名录的通知"
    assert any("broken relationship" in e.message and "numbering.xml" in e.message
               for e in result.report.uncertainties)


def test_macro_enabled_document_is_read(red_head, tmp_path):
    with zipfile.ZipFile(red_head) as z:
        types = z.read("[Content_Types].xml").replace(
            b"wordprocessingml.document.main+xml", b"wordprocessingml.template.main+xml")
    path = rewrite_zip(red_head, tmp_path / "notice.dotx", replace={"[Content_Types].xml": types})
    result = import_source(path)
    (doc,) = result.issue.documents
    assert doc.doc_number == "江政发〔2024〕7号"
    assert any("read as a document" in e.message for e in result.report.events)


def test_missing_main_part_is_refused(red_head, tmp_path):
    broken = rewrite_zip(red_head, tmp_path / "nobody.docx", drop={"word/document.xml"})
    with pytest.raises(SourceError, match="document.xml"):
        import_source(broken)


def test_malformed_xml_is_refused_with_a_message(red_head, tmp_path):
    broken = rewrite_zip(red_head, tmp_path / "bad.docx",
                         replace={"word/document.xml": b"<w:document><w:body><w:p>"})
    with pytest.raises(SourceError, match="damaged|cannot be read"):
        import_source(broken)


def test_bad_markup_is_read_as_plain_text(red_head, tmp_path):
    with zipfile.ZipFile(red_head) as z:
        xml = z.read("word/document.xml").replace(b'w:gridSpan w:val="2"',
                                                  b'w:gridSpan w:val="two"')
    broken = rewrite_zip(red_head, tmp_path / "span.docx", replace={"word/document.xml": xml})
    result = import_source(broken)
    assert any("unreadable markup" in e.message for e in result.report.uncertainties)
    (doc,) = result.issue.documents
    assert doc.doc_number == "江政发〔2024〕7号"


@pytest.mark.parametrize("cut", [100, 2000])
def test_truncated_files_are_refused(red_head, tmp_path, cut):
    path = tmp_path / "cut.docx"
    path.write_bytes(red_head.read_bytes()[:cut])
    with pytest.raises(SourceError):
        import_source(path)


def test_cli_reports_malformed_docx_without_traceback(red_head, tmp_path, capsys):
    broken = rewrite_zip(red_head, tmp_path / "bad.docx",
                         replace={"word/document.xml": b"not xml"})
    assert main(["import", str(broken), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "bad.docx" in err and "Traceback" not in err


# --------------------------------------------------------------------------- whole issues

@pytest.mark.skipif(not (SEEDS / "zhongwei-2023-03.txt").exists(), reason="seeds not checked out")
def test_whole_issue_docx_reads_like_its_text(tmp_path):
    text = (SEEDS / "zhongwei-2023-03.txt").read_text(encoding="utf-8")
    from_text = import_source(SEEDS / "zhongwei-2023-03.txt").issue
    path = issue_docx(tmp_path / "zhongwei-2023-03.docx", text)
    result = import_source(path)
    assert result.report.kind == "docx text-issue"
    issue = result.issue
    assert (issue.year, issue.number, issue.date) == (from_text.year, from_text.number,
                                                      from_text.date)
    assert [(d.title, d.doc_number) for d in issue.documents] == [
        (d.title, d.doc_number) for d in from_text.documents]


# --------------------------------------------------------------------------- other formats

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@pytest.mark.parametrize(("name", "data", "words"), [
    ("notice.doc", OLE2 + b"\0" * 64 + "WordDocument".encode("utf-16-le"), ["Word 97", ".docx"]),
    ("notice.wps", OLE2 + b"\0" * 64 + "WordDocument".encode("utf-16-le"), ["WPS", ".docx"]),
    ("sheet.xls", OLE2 + b"\0" * 64 + "Workbook".encode("utf-16-le"), ["Excel"]),
    ("scan.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 32, ["PNG", "OCR"]),
    ("notice.rtf", b"{\\rtf1\\ansi hello}", ["RTF", ".docx"]),
])
def test_other_formats_are_named(tmp_path, name, data, words):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(SourceError) as caught:
        import_source(path)
    for word in words:
        assert word in str(caught.value)


def test_ofd_and_plain_zip_are_named(tmp_path):
    ofd = tmp_path / "notice.ofd"
    with zipfile.ZipFile(ofd, "w") as z:
        z.writestr("OFD.xml", "<ofd:OFD/>")
        z.writestr("Doc_0/Document.xml", "<ofd:Document/>")
    with pytest.raises(SourceError, match="OFD.*PDF"):
        import_source(ofd)
    archive = tmp_path / "files.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("a.txt", "x")
    with pytest.raises(SourceError, match="zip archive"):
        import_source(archive)


def test_sniffing_uses_bytes_not_names(red_head, tmp_path):
    renamed = tmp_path / "notice.txt"
    renamed.write_bytes(red_head.read_bytes())
    assert sniff(renamed.read_bytes(), renamed) == "docx"
    assert sniff("江北省人民政府".encode("gb18030"), "x.docx") == "text"


# --------------------------------------------------------------------------- real files

REAL = Path(__file__).parent / "fixtures" / "import" / "docx"


def test_real_word_template_with_four_numbering_levels(tmp_path):
    path = REAL / "gongwen-template.dotx"
    result = import_source(path)
    (doc,) = result.issue.documents
    labels = [b.label for b in doc.all_blocks() if isinstance(b, Heading)]
    assert labels[:2] == ["一、", "二、"] and "十一、" in labels
    assert {"（一）", "（十一）", "1.", "10.", "（1）"} <= set(labels)
    folder = tmp_path / "issues" / "demo" / "2024-01"
    save_import(type(result)(complete_draft(result.issue, year=2024, number=1), result.report),
                folder)
    assert audit_issue_dir(folder, path).missing == 0


def test_zip_bomb_is_refused_before_unpacking(tmp_path):
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<w:document/>")
        z.writestr("word/media/zeros.bin", b"\0" * (210 * 1024 * 1024))
    assert path.stat().st_size < 1024 * 1024
    with pytest.raises(SourceError, match="unpacks to"):
        import_source(path)
