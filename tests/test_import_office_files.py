""".docx and .pdf files as Word and WPS Office write and export real 红头文件: a notice
with attachments, a 令, an upward 请示 and a 函 (tests/gongwen_docx.py,
tests/gongwen_pdf.py; the quirks and where each was seen: tests/fixtures/real/SOURCES.md),
and a whole gazette issue PDF in another layout. Each file: title, 文号, organs, date and
落款 right, tables with their spans, 版头 and 版记 discarded, nothing lost (audit)."""

from __future__ import annotations

import pytest

from gazette_pub.audit import audit_issue_dir
from gazette_pub.model import Heading, Paragraph, Signature, TableBlock, block_texts
from gazette_pub.sources import import_source, save_import

from .conftest import audit_of_import
from .gongwen_docx import (announcement_docx, letter_docx, notice_docx, oa_chunk_docx,
                           order_docx, plan_docx, request_docx)
from .gongwen_pdf import write_issue_pdf, write_pdf, write_three_line_pdf

NOTICE = ("江北省人民政府办公厅关于印发江北省数字政府建设实施方案的通知", "江政办发〔2024〕15号",
          ("江北省人民政府办公厅",), "2024-05-20", ("江北省人民政府办公厅",))
ORDER = ("江北省城市供水管理办法", "江北省人民政府令第12号", ("江北省人民政府",), "2024-05-08",
         ("省长\u3000王明",))
REQUEST = ("江北省交通运输厅关于申请安排农村公路养护补助资金的请示", "江交发〔2024〕21号",
           ("江北省交通运输厅",), "2024-03-12", ("江北省交通运输厅",))
LETTER = ("江北省发展和改革委员会 江北省财政厅关于征求《江北省价格调节基金管理办法（征求意见稿）》"
          "意见的函", "江发改函〔2024〕88号", ("江北省发展和改革委员会", "江北省财政厅"),
          "2024-06-03", ("江北省发展和改革委员会", "江北省财政厅"))

#: file name → (how to write it, expected title, 文号, organs, date, 落款 lines)
FILES = {
    "notice-word.docx": (lambda p: notice_docx(p), *NOTICE),
    "notice-wps.docx": (lambda p: notice_docx(p, wps=True), *NOTICE),
    "order-wps.docx": (order_docx, *ORDER),
    "request-word.docx": (request_docx, *REQUEST),
    "letter-word.docx": (letter_docx, *LETTER),
    "announcement-wps.docx": (announcement_docx, "江北省人民政府公告", "江北省人民政府公告第3号",
                              ("江北省人民政府",), "2024-06-18", ("江北省人民政府",)),
    "plan-word.docx": (plan_docx, "江北省人民政府办公厅关于印发江北省突发事件总体应急预案的通知",
                       "江政办发〔2024〕30号", ("江北省人民政府办公厅",), "2024-07-01",
                       ("江北省人民政府办公厅",)),
    "oa-chunk.docx": (oa_chunk_docx, "江北省卫生健康委员会关于做好2024年夏季爱国卫生运动工作的通知",
                      "江卫发〔2024〕33号", ("江北省卫生健康委员会",), "2024-06-03",
                      ("江北省卫生健康委员会",)),
    "notice.pdf": (lambda p: write_pdf(p, "notice"), *NOTICE),
    "order.pdf": (lambda p: write_pdf(p, "order"), *ORDER),
    "request.pdf": (lambda p: write_pdf(p, "request"), *REQUEST),
    "joint-request.pdf": (lambda p: write_pdf(p, "joint-request"),
                          "江北省交通运输厅 江北省财政厅 江北省发展和改革委员会关于申请安排农村公路养护"
                          "补助资金的请示", "江交发〔2024〕21号",
                          ("江北省交通运输厅", "江北省财政厅", "江北省发展和改革委员会"), "2024-03-12",
                          ("江北省交通运输厅", "江北省财政厅", "江北省发展和改革委员会")),
    "letter.pdf": (lambda p: write_pdf(p, "letter"), *LETTER[:4], ("江北省发展和改革委员会",
                                                                   "江北省财政厅")),
}


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """``get(name) -> (path, import result)``, each file written and imported once."""
    folder = tmp_path_factory.mktemp("office-files")
    done = {}

    def get(name):
        if name not in done:
            path = FILES[name][0](folder / name)
            done[name] = (path, import_source(path))
        return done[name]
    return get


@pytest.mark.parametrize("name", list(FILES))
def test_head_and_closing(imported, name):
    _, result = imported(name)
    title, number, organs, date, signers = FILES[name][1:]
    (doc,) = result.issue.documents
    assert (doc.title, doc.doc_number, doc.organs) == (title, number, organs)
    assert doc.date is not None and doc.date.isoformat() == date
    assert [b.lines for b in doc.all_blocks() if isinstance(b, Signature)][0] == signers


@pytest.mark.parametrize("name", list(FILES))
def test_nothing_lost(imported, name, tmp_path):
    path, result = imported(name)
    audit = audit_of_import(result, path, tmp_path / "issues" / "jiangbei" / "2024-01")
    assert audit.source_chars > 100
    assert audit.missing == 0, audit.unexplained


def _text(doc) -> str:
    return "".join(t for block in doc.all_blocks() for t in block_texts(block))


@pytest.mark.parametrize("name", ["notice-word.docx", "notice-wps.docx", "notice.pdf"])
def test_frame_discarded_with_reasons(imported, name):
    _, result = imported(name)
    (doc,) = result.issue.documents
    reasons = [d.reason for d in result.report.discarded]
    assert sum(r.startswith("版头") for r in reasons) == 4  # 份号, 密级, 紧急程度, 标志
    imprint = next(d for d in result.report.discarded if d.reason.startswith("版记"))
    assert "抄送" in imprint.text and "2024年5月21日印发" in imprint.text
    text = _text(doc)
    assert "抄送" not in text and "印发机关" not in text and "000123" not in text
    assert "（此件公开发布）" in text


@pytest.mark.parametrize("name", ["notice-word.docx", "notice-wps.docx", "notice.pdf"])
def test_attachment_table_keeps_its_spans(imported, name):
    _, result = imported(name)
    (doc,) = result.issue.documents
    (table,) = [b.table for b in doc.all_blocks() if isinstance(b, TableBlock)]
    assert [c.text for c in table.header_rows[0]] == ["序号", "重点任务", "牵头单位", "责任单位",
                                                      "完成时限"]
    group, first, second = table.rows[:3]
    assert [(c.text, c.colspan) for c in group] == [("一、夯实数字基础设施", 5)]
    assert (first[2].text, first[2].rowspan) == ("省大数据局", 2)
    assert [c.text for c in second] == ["2", "推进电子政务外网升级", "省通信管理局", "2025年6月"]
    if name.endswith(".pdf"):  # 25 more rows over three pages, two rows split by a break
        assert len(table.rows) == 4 + 25
        assert [c.text for c in table.rows[4 + 8]][:2] == ["9", "建设第9项重点工程任务并按期完成验收"]
        assert all(row[0].text for row in table.rows[4:])


def test_docx_quirks_are_read_as_written(imported):
    _, result = imported("notice-wps.docx")
    (doc,) = result.issue.documents
    text = _text(doc)
    assert "DATE" not in text  # a field's instruction is not text, its result is
    assert any("image '图片 1' skipped" in u.message for u in result.report.uncertainties)
    _, letter = imported("letter-word.docx")
    letter_text = _text(letter.issue.documents[0])
    assert "逾期视为无意见" not in letter_text  # a tracked deletion
    assert "二〇二四年六月三日" in letter_text  # the date inside a content control


def test_order_heading_is_no_title(imported):
    """A 令's heading (某某人民政府令, set large and red) is its 文号's first part; the
    title is the regulation it promulgates."""
    for name in ("order-wps.docx", "order.pdf"):
        _, result = imported(name)
        (doc,) = result.issue.documents
        assert "第一条" in _text(doc)
        assert not any("令" == d.text[-1:] for d in result.report.discarded
                       if d.reason.startswith("版头"))


def test_letter_spaced_masthead_typed_with_spaces(imported):
    _, result = imported("announcement-wps.docx")
    masthead = next(d for d in result.report.discarded if "发文机关标志" in d.reason)
    assert masthead.text == "江 北 省 人 民 政 府 文 件"


def test_hidden_text_and_word_contents(imported):
    """Hidden text is left out (and reported); the entries of a table of contents Word
    made are text, not a second set of headings."""
    _, result = imported("plan-word.docx")
    (doc,) = result.issue.documents
    assert "请在此处填写说明" not in _text(doc)
    assert any("hidden text" in u.message for u in result.report.uncertainties)
    headings = [(b.label, b.text) for b in doc.all_blocks() if isinstance(b, Heading)]
    assert [label + text for label, text in headings] == [
        "1\u3000总则", "1.1\u3000编制目的", "2\u3000组织体系", "3\u3000运行机制"]
    assert "1　总则\t1" in [b.text for b in doc.all_blocks() if isinstance(b, Paragraph)]


def test_gazette_issue_pdf_in_another_layout(tmp_path):
    """A whole issue as another gazette prints it: cover, dotted 目录 with （page）,
    【】 sections, running heads and ·N· page numbers."""
    path = write_issue_pdf(tmp_path / "issue.pdf")
    result = import_source(path)
    issue = result.issue
    assert (issue.year, issue.number, issue.cumulative, issue.date.isoformat()) == (
        2024, 5, 421, "2024-03-31")
    assert issue.gazette.name == "江北省人民政府公报"
    assert [s.title for s in issue.sections] == ["省政府文件", "省政府办公厅文件", "部门文件"]
    assert [(d.doc_number, d.toc_page, d.date.isoformat()) for d in issue.documents] == [
        ("江政发〔2024〕7号", 3, "2024-03-05"), ("江政办发〔2024〕9号", 4, "2024-03-12"),
        ("江财农〔2024〕15号", 5, "2024-03-20")]
    assert issue.documents[1].title == "江北省人民政府办公厅关于做好2024年春耕生产工作的通知"
    folder = tmp_path / "issues" / "jiangbei" / "2024-05"
    save_import(result, folder)
    assert audit_issue_dir(folder, path).missing == 0


def test_attachment_file_with_colon_label_and_cells_of_several_lines(tmp_path):
    """A file sent as 附件3： opens with its label and a colon; a table cell of several
    paragraphs keeps them as its lines (a list of 责任单位 stays a list)."""
    from .gongwen_docx import cell, para, row, table, write_docx
    body = [para("附件3："), para("重点任务责任分工表", jc="center"),
            table(row(cell("任务"), cell("责任单位"), header=True),
                  row(cell("推进政务服务一网通办"), cell(["省政务服务办", "省大数据局", "各市人民政府"])),
                  cols=2)]
    result = import_source(write_docx(tmp_path / "attachment3.docx", body, wps=True))
    (doc,) = result.issue.documents
    assert doc.title == "重点任务责任分工表"
    (table_,) = [b.table for b in doc.all_blocks() if isinstance(b, TableBlock)]
    assert table_.rows[0][1].text == "省政务服务办\n省大数据局\n各市人民政府"


def test_electronic_seal_over_the_closing(imported):
    """The seal's ring of characters (each drawn turned) and its star are discarded with
    their reason; the 落款 and the date under them read clean."""
    _, result = imported("request.pdf")
    (doc,) = result.issue.documents
    ring = [d for d in result.report.discarded if "seal's ring" in d.reason]
    assert "".join(d.text for d in ring).replace(" ", "") != ""
    assert sorted("".join(d.text for d in ring).replace(" ", "")) == sorted("江北省交通运输厅")
    assert any(d.reason.startswith("the mark in the middle of a seal") for d in result.report.discarded)
    assert "★" not in _text(doc)


def test_three_line_table_is_no_second_column(tmp_path):
    """A 三线表's last column (short numbers far right) is a column of the table, not a
    second column of text on the page."""
    (doc,) = import_source(write_three_line_pdf(tmp_path / "three.pdf")).issue.documents
    (table,) = [b.table for b in doc.all_blocks() if isinstance(b, TableBlock)]
    assert [c.text for c in table.header_rows[0]] == ["指标", "单位", "绝对值", "同比增长（%）"]
    assert [[c.text for c in row][-1] for row in table.rows] == ["6.1", "7.2", "3.5", "5.8"]


def test_imported_chunk_is_read(imported):
    """A body that is one imported MHT chunk (``w:altChunk``) inside custom XML: its
    HTML blocks are lines, its table rows a table."""
    _, result = imported("oa-chunk.docx")
    (doc,) = result.issue.documents
    (table,) = [b.table for b in doc.all_blocks() if isinstance(b, TableBlock)]
    assert [[c.text for c in row] for row in table.header_rows + table.rows] == [
        ["阶段", "时间", "重点任务"], ["动员部署", "6月", "制定方案"], ["集中整治", "7月—8月", "清理死角"]]
    assert any("imported chunk" in n.message for n in result.report.of_kind("normalization"))


def test_wps_heading_numbering_quirks(tmp_path):
    """WPS writes a heading's numbering on its style and again on the paragraph (the
    label comes once); a paragraph may state only its level, the list coming from its
    style; a list whose format is ``none`` shows no label."""
    from .gongwen_docx import para, run, write_docx
    numpr = '<w:numPr><w:ilvl w:val="{}"/><w:numId w:val="{}"/></w:numPr>'.format
    body = [para(run("江北省人民政府关于加强安全生产工作的意见", size=22), jc="center"),
            para("各市、县（区）人民政府："),
            para(run("强化安全责任", font="黑体"), style="2", ppr=numpr(0, 1)),
            para(run("落实企业主体责任", font="楷体"), style="2",
                 ppr='<w:numPr><w:ilvl w:val="1"/></w:numPr>'),
            para("各企业要落实主体责任。", first_chars=200),
            para(run("加强隐患排查", font="黑体"), style="2"),
            para("（此段落带有不可见编号）", ppr=numpr(0, 2)),
            para("江北省人民政府", jc="right"), para("2024年8月1日", jc="right")]
    (doc,) = import_source(write_docx(tmp_path / "numbering.docx", body, wps=True)).issue.documents
    assert [(h.level, h.label + h.text) for h in doc.all_blocks() if isinstance(h, Heading)] == [
        (1, "一、强化安全责任"), (2, "（一）落实企业主体责任"), (1, "二、加强隐患排查")]
    assert "（此段落带有不可见编号）" in [b.text for b in doc.all_blocks() if isinstance(b, Paragraph)]


def test_row_split_by_a_page_break_with_its_rest_drawn_as_a_row():
    """Word draws both parts of a row a page break splits as rows: the next part's first
    row (an empty 序号) is the rest of the last one; never so in a table with merges."""
    from gazette_pub.model import Cell
    from gazette_pub.sources.pdf_continued import split_row_rest
    row = lambda *texts: tuple(Cell(t) for t in texts)  # noqa: E731
    others = (row("1", "修缮办公楼", "省机关事务局"), row("3", "更新车辆", "省交通运输厅"))
    whole = split_row_rest(row("2", "建设全省统一的", "省大数据"), row("", "政务云平台", "局"), others)
    assert [c.text for c in whole] == ["2", "建设全省统一的政务云平台", "省大数据局"]
    merged = (row("1", "修缮办公楼", "省机关事务局"), (Cell("3"), Cell("更新车辆", rowspan=2), Cell("省交通运输厅")))
    assert split_row_rest(row("2", "建设", "省大数据"), row("", "平台", "局"), merged) is None
    assert split_row_rest(row("2", "建设", "省"), row("4", "平台", "局"), others) is None


def test_endnotes_follow_their_paragraph(tmp_path):
    """An endnote reference is [n] in the text and the note is read after its paragraph,
    numbered with the footnotes (never lost)."""
    from gazette_pub.sources.docx_reader import extract_docx
    from gazette_pub.sources.report import ReportBuilder
    from .gongwen_docx import endnotes, para, run, write_docx
    body = [para(run("数据来源于统计年鉴"), '<w:r><w:endnoteReference w:id="1"/></w:r>', run("。"))]
    path = write_docx(tmp_path / "endnote.docx", body, notes=endnotes("国家统计局2024年版。"))
    extracted = extract_docx(path.read_bytes(), str(path), ReportBuilder(path.name, "docx"))
    assert [ln.text for ln in extracted.lines] == ["数据来源于统计年鉴[1]。", "[1] 国家统计局2024年版。"]


def test_whole_issue_docx_with_a_word_toc(tmp_path):
    """A whole issue in Word: cover, a 目录 Word made (toc 1 entries, a tab before each
    page number), 【】 sections, one document a page."""
    from .gongwen_docx import issue_docx
    result = import_source(issue_docx(tmp_path / "issue.docx"))
    issue = result.issue
    assert (issue.year, issue.number, issue.cumulative) == (2024, 5, 421)
    assert [s.title for s in issue.sections] == ["省政府文件", "省政府办公厅文件", "部门文件"]
    assert [(d.doc_number, d.toc_page) for d in issue.documents] == [
        ("江政发〔2024〕7号", 3), ("江政办发〔2024〕9号", 4), ("江财农〔2024〕15号", 5)]
    assert issue.documents[0].title == "江北省人民政府关于公布第二批省级非物质文化遗产代表性项目名录的通知"
    assert issue.documents[2].title == "江北省财政厅关于下达2024年农业生产发展资金的通知"
