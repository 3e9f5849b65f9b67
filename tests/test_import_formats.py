"""Importer formats: OCR Markdown, encodings, standalone and web documents, tricky breaks."""

from __future__ import annotations

from pathlib import Path

import pytest

from gazette_pub.errors import SourceError
from gazette_pub.model import Heading, Note, Paragraph, Signature
from gazette_pub.sources import READERS, detect_kind, import_source
from gazette_pub.sources.decode import decode_source
from gazette_pub.sources.report import ImportReport, ReportBuilder
from gazette_pub.sources.doc_number import normalize_doc_number

FIXTURES = Path(__file__).parent / "fixtures" / "import"
SEEDS = Path(__file__).parents[1].parent / "shared" / "seeds"


def _only_document(result):
    (doc,) = result.issue.documents
    return doc


def _headings(doc):
    return [(b.level, b.label) for b in doc.all_blocks() if isinstance(b, Heading)]


# --------------------------------------------------------------------------- OCR Markdown

def test_ocr_issue_metadata_sections_and_back_matter():
    result = import_source(FIXTURES / "ocr-issue.md")
    issue = result.issue
    assert result.report.kind == "ocr-markdown"
    assert (issue.year, issue.number, issue.cumulative, issue.date.isoformat()) == (2024, 5, 88, "2024-05-20")
    assert issue.gazette.name == "青川市人民政府公报"
    assert issue.gazette.frequency == "月刊"
    assert dict(issue.gazette.editorial_committee)["副主任"] == ("林 晓",)
    assert dict(issue.gazette.colophon)["地址"] == "青川市人民路1号"
    assert [s.title for s in issue.sections] == ["市政府文件", "市政府办公室文件"]
    assert [d.toc_page for d in issue.documents] == [2, 6, 9]
    assert issue.documents[1].toc_title == issue.documents[1].title
    assert issue.back_matter[0].startswith("本刊简介\n")


def test_ocr_heading_levels_come_from_labels_not_hashes():
    doc = import_source(FIXTURES / "ocr-issue.md").issue.documents[0]
    assert doc.enclosed[0].title == "青川市城市更新行动方案"
    assert _headings(doc) == [(1, "一、"), (2, "（一）"), (2, "（二）"), (3, "1."), (1, "二、")]
    text = " ".join(b.text for b in doc.all_blocks() if isinstance(b, Paragraph))
    assert "**" not in text and "新增公共绿地50公顷" in text
    assert "改善居民居住条件" in text  # soft-wrapped lines joined


def test_ocr_html_table_keeps_merged_cells_and_group_rows():
    doc = import_source(FIXTURES / "ocr-issue.md").issue.documents[1]
    (table,) = doc.tables
    # the title over it is the enclosed document's, not repeated as its caption
    assert doc.enclosed[0].title == "2024年度重点项目名单" and table.caption == ""
    top, sub = table.header_rows
    assert [(c.text, c.rowspan, c.colspan) for c in top] == [
        ("序号", 2, 1), ("项目名称", 2, 1), ("投资（亿元）", 1, 2)]
    assert [c.text for c in sub] == ["总投资", "年度计划"]
    assert [r[0].text for r in table.rows if table.is_group_row(r)] == ["一、产业项目", "二、民生项目"]
    assert len(table.data_rows) == 4
    assert any(c.rowspan == 2 for r in table.rows for c in r)


def test_ocr_pipe_table_and_group_row():
    doc = import_source(FIXTURES / "ocr-issue.md").issue.documents[2]
    (table,) = doc.tables
    assert table.n_cols == 4
    assert [r[0].text for r in table.rows if table.is_group_row(r)] == ["工业"]
    assert len(table.data_rows) == 3
    assert any(isinstance(b, Note) and b.kind == "remark" for b in doc.blocks)


def test_ocr_single_document_with_broken_levels():
    result = import_source(FIXTURES / "ocr-document.md")
    doc = _only_document(result)
    assert doc.doc_number == "青市监发〔2024〕3号"
    assert doc.doc_number_raw == "青市监发[2024]3号"
    assert [lvl for lvl, _ in _headings(doc)] == [1, 2, 1, 2, 3, 3]
    assert doc.signatories == ("青川市市场监督管理局",)
    assert doc.date.isoformat() == "2024-03-08"
    assert result.issue.year == 0


# --------------------------------------------------------------------------- encodings

@pytest.mark.parametrize("name", ["standalone.txt", "standalone-gb18030.txt", "standalone-bom.txt"])
def test_encodings_give_the_same_document(name):
    doc = _only_document(import_source(FIXTURES / name))
    assert doc.title.endswith("川市民文明公约实施细则")
    assert len(_headings(doc)) == 12
    assert {lvl for lvl, _ in _headings(doc)} == {1}


def test_gb18030_and_bom_are_reported():
    gb = import_source(FIXTURES / "standalone-gb18030.txt").report
    bom = import_source(FIXTURES / "standalone-bom.txt").report
    assert any("gb18030" in e.message for e in gb.events)
    assert any("byte order mark" in e.message for e in bom.events)
    assert any("line endings" in e.message for e in bom.events)


def test_invalid_bytes_raise_source_error_with_line():
    data = "第一行\n第二行\n".encode("utf-8") + b"\xff\xfe\xfa\n"
    with pytest.raises(SourceError) as exc:
        decode_source(data, "bad.txt", ReportBuilder("bad.txt", "?"))
    assert exc.value.line == 3 and exc.value.path == "bad.txt"


def test_nul_is_an_error_and_zero_width_is_reported():
    with pytest.raises(SourceError) as exc:
        decode_source("一\n二\x00\n".encode(), "nul.txt", ReportBuilder("nul.txt", "?"))
    assert exc.value.line == 2
    report = ReportBuilder("zw.txt", "?")
    assert decode_source("标\u200b题\n".encode(), "zw.txt", report) == "标题\n"
    assert report.events[0].line == 1


# --------------------------------------------------------------------------- standalone, web

def test_standalone_document():
    result = import_source(FIXTURES / "standalone.txt")
    assert result.report.kind == "standalone"
    doc = _only_document(result)
    assert doc.doc_number == ""
    assert [label for _, label in _headings(doc)] == [f"{n}." for n in range(1, 13)]


def test_web_notice():
    path = SEEDS / "web-notice-2020-07-22.txt"
    if not path.exists():
        pytest.skip("seed missing")
    result = import_source(path)
    assert result.report.kind == "web-page"
    doc = _only_document(result)
    assert doc.title == "自治区地方金融监管局关于贯彻落实《全面落实“六保”任务实施方案》的通知"
    assert doc.addressee == "各银行业金融机构、融资担保公司:"
    assert doc.signatories == ("自治区地方金融监管局",)
    assert doc.date.isoformat() == "2020-06-28"
    assert [e.title for e in doc.enclosed] == [
        "自治区党委 人民政府关于印发《全面落实“六保”任务实施方案》的通知", "全面落实“六保”任务实施方案"]
    reasons = {d.reason for d in result.report.discarded}
    assert {"site chrome: footer", "site chrome: page metadata"} <= reasons
    assert _headings(doc)[:3] == [(1, "一、"), (1, "二、"), (1, "三、")]


# --------------------------------------------------------------------------- breaks

def test_tricky_breaks():
    result = import_source(FIXTURES / "breaks.txt")
    doc = _only_document(result)
    assert doc.doc_number == "青政办发〔2024〕21号"  # cut over two lines
    paragraphs = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert any("（青政办发〔2023〕45号）要求" in p for p in paragraphs)  # break inside a cited 文号
    assert any(p.endswith("逐级明确责任人，层层签订责任书。汛前完成隐患排查。") for p in paragraphs)
    # a finished paragraph is not glued onto the next one
    assert any(p.startswith("各相关部门要加强值班值守") for p in paragraphs)
    # a heading after an unfinished line stays a heading
    assert any(p.endswith("推送至基层责任人和") for p in paragraphs)
    assert (1, "三、") in _headings(doc)
    assert len(result.report.joins) == 3


# --------------------------------------------------------------------------- API

def test_issue_detection_by_masthead_lines():
    one_line = "某某市人民政府公报\n2023年第5期（总第788期）\n某某市人民政府关于甲的通知\n正文。\n"
    national = "国务院公报\n2023年第5号\n目录\n国务院关于甲的通知……3\n"
    announcement = "某某局公告\n2023年第1号\n现予公告。\n"
    assert [detect_kind(t) for t in (one_line, national, announcement)] == [
        "text-issue", "text-issue", "standalone"]


def test_readers_and_detection():
    assert set(READERS) == {"text-issue", "web-page", "standalone", "ocr-markdown"}
    assert detect_kind((FIXTURES / "ocr-issue.md").read_text(encoding="utf-8")) == "ocr-markdown"
    assert detect_kind((FIXTURES / "standalone.txt").read_text(encoding="utf-8")) == "standalone"


def test_forced_kind_and_unknown_kind(tmp_path):
    result = import_source(FIXTURES / "ocr-document.md", kind="standalone")
    assert result.report.kind == "standalone"
    with pytest.raises(SourceError):
        import_source(FIXTURES / "standalone.txt", kind="docx")


def test_report_round_trips_through_json():
    report = import_source(FIXTURES / "breaks.txt").report
    import json
    assert ImportReport.from_dict(json.loads(report.to_json())) == report
    assert "join (3):" in report.to_text()


def test_doc_number_normalization_variants():
    for raw in ["宁党发[2021]20号", "宁党发【2021】20号", "宁党发(2021)20号", "宁党发［2021］20 号",
                "宁党发〔 2021 〕20号"]:
        assert normalize_doc_number(raw) == "宁党发〔2021〕20号"
    assert normalize_doc_number("不是文号") == ""


# --------------------------------------------------------------------------- another layout

def test_text_issue_in_another_layout():
    """Plain section headings, 文号 on the title line, 【】 brackets, bare page numbers,
    a colophon after the last document, 第X章/第X条 headings."""
    result = import_source(FIXTURES / "text-issue-plain.txt")
    issue = result.issue
    assert result.report.kind == "text-issue"
    assert (issue.year, issue.number, issue.cumulative) == (2022, 2, 15)
    assert issue.gazette.frequency == "季刊"
    assert dict(issue.gazette.editorial_committee)["委员"] == ("李 力", "周 群", "吴国庆")
    assert [s.title for s in issue.sections] == ["县政府文件", "县政府办公室文件", "人事任免"]
    assert [d.toc_page for d in issue.documents] == [2, 5, 7, 12]
    assert [d.doc_number for d in issue.documents] == [
        "青政发〔2022〕8号", "青政发〔2022〕11号", "青政办发〔2022〕3号", "青政人〔2022〕2号"]
    assert issue.documents[0].doc_number_raw == "青政发【2022】8号"
    (table,) = issue.documents[1].tables
    assert len(table.data_rows) == 5 and len(table.rows) == 7
    rules = issue.documents[2]
    assert _headings(rules) == [(1, "第一章"), (2, "第一条"), (2, "第二条"), (1, "第二章"),
                                (2, "第三条"), (2, "第四条")]
    assert dict(issue.gazette.colophon)["电话"] == "010-1234567"
    assert issue.documents[-1].signatories == ("青山县人民政府",)
    assert issue.documents[0].public_note == "此件主动公开"
    assert len(result.report.joins) == 2
    assert not result.report.uncertainties


def test_web_page_chrome_is_discarded_with_reasons():
    result = import_source(FIXTURES / "web-page.txt")
    doc = _only_document(result)
    assert doc.title == "青川市生态环境局关于开展2024年“六五环境日”宣传活动的通知"
    reasons = [d.reason for d in result.report.discarded]
    assert reasons == ["site chrome: navigation", "site chrome: page metadata",
                       "site chrome: page tools", "site chrome: repeated title (article heading)",
                       "site chrome: footer"]
    assert _headings(doc) == [(1, "一、"), (1, "二、"), (2, "（一）"), (2, "（二）")]
    assert not result.report.joins  # 一、活动主题 is not glued onto the next line
    assert doc.signatories == ("青川市生态环境局",)


def test_text_issue_without_toc_splits_on_doc_numbers():
    result = import_source(FIXTURES / "text-issue-no-toc.txt")
    issue = result.issue
    assert result.report.kind == "text-issue"
    assert issue.date.isoformat() == "2022-06-30"
    assert len(issue.documents) == 4
    assert issue.documents[0].title == "青山县人民政府关于印发青山县农村人居环境整治实施方案的通知"
    (section,) = issue.sections
    assert section.title == "县政府文件" and section.in_body
    assert all(d.toc_page is None for d in issue.documents)


def test_web_page_with_a_field_table_gives_the_doc_number():
    result = import_source(FIXTURES / "web-govcn.txt")
    assert result.report.kind == "web-page"
    doc = _only_document(result)
    assert doc.title == "青川市人民政府办公室关于加强城市绿化管理的通知"
    assert doc.doc_number == "青政办发〔2024〕9号"
    assert doc.date.isoformat() == "2024-03-12" and doc.public_note == "此件公开发布"
    assert [d.first_line for d in result.report.discarded] == list(range(1, 8))
    assert any("2024-03-15" in e.message for e in result.report.events)


def test_page_furniture_in_the_body_is_discarded_and_the_sentence_joined():
    result = import_source(FIXTURES / "text-issue-furniture.txt")
    reasons = [d.reason for d in result.report.discarded if d.reason.startswith("page furniture")]
    assert reasons == ["page furniture: page number", "page furniture: running head"] * 2
    doc = result.issue.documents[0]
    text = " ".join(b.text for b in doc.all_blocks() if isinstance(b, Paragraph))
    assert "卫生厕所普及率达到85%以上。" in text
    assert [d.toc_page for d in result.issue.documents] == [2, 5, 7, 12]
    assert result.issue.documents[0].source.lines[1] < 81  # the running head is not in doc 1


def test_utf16_with_a_byte_order_mark_is_decoded():
    report = ReportBuilder("u16.txt", "?")
    data = "\ufeff标题\r\n正文。\r\n".encode("utf-16-le")
    assert decode_source(data, "u16.txt", report) == "标题\n正文。\n"
    assert any("UTF-16" in e.message for e in report.events)


def test_ocr_issue_with_the_masthead_on_one_line(tmp_path):
    """An OCR issue whose masthead prints 期 and 总期 on one line is read as an issue."""
    text = (FIXTURES / "ocr-issue.md").read_text(encoding="utf-8")
    text = text.replace("2024年第5期\n\n(总第88期)", "2024年第5期(总第88期)")
    (tmp_path / "one-line.md").write_text(text, encoding="utf-8")
    issue = import_source(tmp_path / "one-line.md").issue
    assert (issue.year, issue.number, issue.cumulative) == (2024, 5, 88)
    assert len(issue.documents) == 3
