"""Single documents in the forms of issue 12 §1 items 1–6 (tests/fixtures/import/forms):
each fixture's title, 文号, organs, signatories, addressee, date and release note, read
by the 公文 grammar (sources/head.py) and the closing recognizers; nothing of any
fixture is lost (the audit explains every character)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gazette_pub.audit import audit
from gazette_pub.checks import document_texts
from gazette_pub.model import Heading, Paragraph
from gazette_pub.sources import import_source

FORMS = Path(__file__).parent / "fixtures" / "import" / "forms"

#: fixture → title, 文号, organs, signatories, addressee, date, release note.
EXPECTED = {
    # §1.1: a title wrapped over several lines with blank lines between
    "title-wrapped-blank-lines.txt": (
        "白石市人民政府办公室关于印发白石市农村人居环境整治提升五年行动方案的通知",
        "白政办发〔2023〕18号", ("白石市人民政府办公室",), ("白石市人民政府办公室",),
        "各县（市、区）人民政府，市政府各部门：", "2023-06-12", "此件公开发布"),
    "title-wrapped-number-in-brackets.txt": (
        "望川县人民政府关于同意设立望川县城东工业园区的批复", "望政函〔2024〕7号",
        ("望川县人民政府",), ("望川县人民政府",), "县工业和信息化局：", "2024-03-05", None),
    "title-wrapped-addressee-wrapped.txt": (
        "岚州市人民政府关于进一步加强城市供水安全保障工作的意见", "",
        ("岚州市人民政府",), ("岚州市人民政府",), "各区县人民政府，市政府各部门，各直属机构：",
        "2024-02-01", None),
    # §1.2: 文号 forms without a 〔year〕; the organ of a 令 is the organ, the 省长 signs
    "order-over-number.txt": (
        "岚州省城市供水管理办法", "岚州省人民政府令第58号", ("岚州省人民政府",),
        ("省长\u3000李明华",), None, "2023-09-20", None),
    "order-one-line.txt": (
        "松溪市城市绿化管理规定", "松溪市人民政府令第3号", ("松溪市人民政府",),
        ("市长\u3000王\u3000刚",), None, "2024-01-10", None),
    "announcement-number.txt": (
        "松溪市人民政府公告", "松溪市人民政府公告第5号", ("松溪市人民政府",),
        ("松溪市人民政府",), None, "2024-01-08", None),
    "notice-year-number.txt": (
        "白石市公安局通告", "白石市公安局通告2024年第3号", ("白石市公安局",),
        ("白石市公安局",), None, "2024-02-01", None),
    # §1.3: joint organs on one line: in the title and in the 落款
    "redhead-full-masthead.txt": (
        "岚州市人民政府办公室 岚州市财政局关于加强政府采购管理的通知", "岚政办发〔2024〕30号",
        ("岚州市人民政府办公室", "岚州市财政局"), ("岚州市人民政府办公室", "岚州市财政局"),
        "各区县人民政府，市政府各部门：", "2024-07-01", None),
    "joint-organs.txt": (
        "岚州市财政局 岚州市税务局关于做好2024年度减税降费政策落实工作的通知",
        "岚财发〔2024〕4号", ("岚州市财政局", "岚州市税务局"), ("岚州市财政局", "岚州市税务局"),
        "各区县财政局、税务局：", "2024-03-01", None),
    "joint-organs-wrapped-title.txt": (
        "望川县教育局 望川县卫生健康局关于开展2024年学生健康体检工作的通知",
        "望教发〔2024〕9号", ("望川县教育局", "望川县卫生健康局"),
        ("望川县教育局", "望川县卫生健康局"), "各中小学校，各乡镇卫生院：", "2024-04-02", None),
    # §1.4: a whole saved web page
    # the organ line between copies of the title is the organ (a byline), not part of
    # the title (as on the real pages of tests/test_import_real.py)
    "web-saved-page.txt": (
        "关于印发《白石市文明工地管理规定》的通知", "白建管〔2023〕89号",
        ("白石市建设管理委员会",), ("白石市建设管理委员会",), "各区建设局，各有关单位:",
        "2023-02-21", None),
    "web-title-paragraphs.txt": (
        "望川县人民政府办公室关于印发望川县城乡生活垃圾分类工作实施方案的通知",
        "望政办发〔2024〕5号", ("望川县人民政府办公室",), ("望川县人民政府办公室",),
        "各乡镇人民政府，县政府各部门：", "2024-03-06", "此件公开发布"),
    # §1.5: flattened text, every line break lost
    "flattened-notice.txt": (
        "白石市人民政府办公室关于做好2024年度防汛抗旱工作的通知", "白政办发〔2024〕21号",
        ("白石市人民政府办公室",), ("白石市人民政府办公室",), "各区县人民政府，市政府各部门：",
        "2024-05-10", "此件公开发布"),
    "flattened-enclosed.txt": (
        "望川县人民政府关于印发望川县全民健身实施方案的通知", "望政发〔2024〕12号",
        ("望川县人民政府",), ("望川县人民政府",), "各乡镇人民政府，县政府各部门：", "2024-04-08",
        "此件公开发布"),
    "flattened-attachment.txt": (
        "关于公布2024年第一批市级示范家庭农场名单的通知", "", ("岚州市农业农村局",),
        ("岚州市农业农村局",), "各区县农业农村局，各有关单位：", "2024-06-03", None),
    # §1.6: closing lines
    "closing-abridged-note.txt": (
        "白石市人民政府关于调整城区公共交通票价的通知", "白政发〔2024〕11号",
        ("白石市人民政府",), ("白石市人民政府",), "各区人民政府，市政府各部门：", "2024-04-20",
        "此件删减后公开"),
    "closing-bracketed-signer.txt": (
        "松溪县2023年国民经济运行情况", "", ("松溪县统计局",), ("（松溪县统计局）",), None,
        None, None),
    "closing-empty-attachment.txt": (
        "望川县人民政府办公室关于做好2024年春季森林防火工作的通知", "望政办发〔2024〕6号",
        ("望川县人民政府办公室",), ("望川县人民政府办公室",), "各乡镇人民政府，县政府各部门：",
        "2024-02-26", None),
}


@pytest.fixture(scope="module")
def imported():
    return {name: import_source(FORMS / name) for name in EXPECTED}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_form_reads_head_and_closing(imported, name):
    result = imported[name]
    (doc,) = result.issue.documents
    got = (doc.title, doc.doc_number, doc.organs, doc.signatories, doc.addressee,
           doc.date.isoformat() if doc.date else None, doc.public_note)
    assert got == EXPECTED[name]
    assert audit(FORMS / name, result.issue, result.report).ok


def test_order_keeps_its_number_as_printed_and_the_regulation_enclosed(imported):
    (doc,) = imported["order-over-number.txt"].issue.documents
    assert doc.doc_number_raw == "岚州省人民政府令第58号"
    (regulation,) = doc.enclosed
    assert regulation.title == "岚州省城市供水管理办法"
    assert [b.label for b in regulation.blocks if isinstance(b, Heading)][:2] == ["第一章", "第一条"]


def test_announcement_number_as_printed(imported):
    (doc,) = imported["announcement-number.txt"].issue.documents
    assert doc.doc_number_raw == "（第5号）"
    assert [b.label for b in doc.blocks if isinstance(b, Heading)] == ["一、", "二、"]


def test_web_page_chrome_discarded_with_reasons(imported):
    report = imported["web-saved-page.txt"].report
    reasons = {d.text.split("\n")[0]: d.reason for d in report.discarded}
    assert reasons["白石市人民政府|政策文件"].startswith("site chrome")
    footer = [d for d in report.discarded if "网站标识码" in d.text]
    assert [d.reason for d in footer] == ["site chrome: footer"] and "分享到" in footer[0].text
    assert all(reason.startswith(("site chrome", "document masthead", "issuing organ above"))
               for reason in reasons.values())
    assert reasons["白石市建设管理委员会"].startswith("issuing organ above the repeated title")
    (doc,) = imported["web-saved-page.txt"].issue.documents
    (regulation,) = doc.enclosed
    assert regulation.title == "白石市文明工地管理规定"
    texts = [text for _, text in document_texts(doc)]
    assert not any("分享" in t or "ICP" in t or "点击此处下载" in t for t in texts)


def test_empty_attachment_label_takes_no_signature(imported):
    (doc,) = imported["closing-empty-attachment.txt"].issue.documents
    assert doc.enclosed == () and [a.title for a in doc.attachments] == []


def test_regulation_own_contents_is_no_second_set_of_headings():
    result = import_source(FORMS / "regulation-own-contents.txt")
    (doc,) = result.issue.documents
    headings = [b.label for b in doc.blocks if isinstance(b, Heading)]
    assert headings == ["第一章", "第一条", "第二章", "第二条", "第三章", "第三条", "第四章", "第四条"]
    paragraphs = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert paragraphs[:5] == ["目　　录", "第一章　总　　则", "第二章　业主和业主大会",
                              "第三章　物业服务", "第四章　附　　则"]
    assert any("目录" in e.message for e in result.report.events)
    assert audit(FORMS / "regulation-own-contents.txt", result.issue, result.report).ok


def test_flattened_text_recovers_headings_and_enclosed_document(imported):
    (doc,) = imported["flattened-notice.txt"].issue.documents
    assert [(b.level, b.label) for b in doc.blocks if isinstance(b, Heading)] == [
        (1, "一、"), (1, "二、"), (2, "（一）"), (2, "（二）"), (1, "三、")]
    assert any("without line breaks" in e.message for e in imported["flattened-notice.txt"].report.events)
    (doc,) = imported["flattened-enclosed.txt"].issue.documents
    (plan,) = doc.enclosed
    assert plan.title == "望川县全民健身实施方案"
    assert [b.label for b in plan.blocks if isinstance(b, Heading)] == ["一、", "二、", "（一）", "（二）", "三、"]
    (doc,) = imported["flattened-attachment.txt"].issue.documents
    assert [a.title for a in doc.attachments] == ["2024年第一批市级示范家庭农场名单"]


def test_a_long_paragraph_is_no_flattened_document():
    from gazette_pub.sources.flattened import unflatten
    from gazette_pub.sources.lines import SourceLine
    from gazette_pub.sources.report import ReportBuilder
    text = "各地要统筹推进城乡建设，" * 20 + "确保2024年1月1日前完成。"
    report = ReportBuilder("t", "test")
    assert unflatten([SourceLine(1, text)], report) == [SourceLine(1, text)]
    assert not report.build().events


def test_masthead_lines_discarded_with_their_reason(imported):
    report = imported["redhead-full-masthead.txt"].report
    assert [(d.text, d.reason) for d in report.discarded] == [
        ("000123", "document masthead (版头)"), ("机密★1年", "document masthead (版头)"),
        ("特急", "document masthead (版头)"),
        ("岚州市人民政府办公室 岚州市财政局文件", "document masthead (发文机关标志)"),
        ("签发人：张\u3000明", "document masthead (版头)")]


def test_file_reader_lines_with_layout_go_through_the_same_grammar():
    """What the .docx/PDF readers hand over: lines with alignment and size. The title is
    the centred large lines; a smaller left line under it is the body."""
    from gazette_pub.sources.lines import SourceLine
    from gazette_pub.sources.report import ReportBuilder
    from gazette_pub.sources.standalone import read_document_lines
    rows = [("白石市人民政府", "center", 22.0), ("城市更新行动方案", "center", 22.0),
            ("编制说明", "left", 16.0), ("为推进城市更新，制定本方案。", "justify", 16.0),
            ("白石市人民政府", "right", 16.0), ("2024年3月1日", "right", 16.0)]
    lines = [SourceLine(n, text, align=align, size=size)
             for n, (text, align, size) in enumerate(rows, start=1)]
    issue = read_document_lines(lines, source_file="t.docx", gazette_id="t",
                                report=ReportBuilder("t.docx", "docx standalone"))
    (doc,) = issue.documents
    assert doc.title == "白石市人民政府城市更新行动方案"
    assert [b.text for b in doc.blocks if isinstance(b, Paragraph)][0] == "编制说明"
    assert doc.signatories == ("白石市人民政府",) and doc.date.isoformat() == "2024-03-01"
