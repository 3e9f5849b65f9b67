"""The shared structure stage on small inputs: breaks, titles, heads, blocks."""

from __future__ import annotations

from gazette_pub.model import AttachmentNote, DateLine, Heading, ListBlock, Note, Paragraph, Signature
from gazette_pub.sources.layout import tabulate_space_columns
from gazette_pub.sources.report import ReportBuilder
from gazette_pub.sources.doc_number import normalize_doc_number
from gazette_pub.sources.document import DocInput, build_document
from gazette_pub.sources.lines import source_lines
from gazette_pub.sources.titles import clean_title


def _doc(text: str, title: str = "标题"):
    report = ReportBuilder("t.txt", "test")
    doc = build_document(DocInput(title=title, body=source_lines(text), seq=1),
                         gazette_id="t", year=2024, number=1, source_file="t.txt", report=report)
    return doc, report.build()


def test_break_inside_a_sentence_is_joined_and_reported():
    doc, report = _doc("一、总体要求\n\n到2025年，基本建成覆盖城乡的\n\n服务体系。\n")
    assert [b.text for b in doc.blocks if isinstance(b, Paragraph)] == ["到2025年，基本建成覆盖城乡的服务体系。"]
    assert [e.line for e in report.joins] == [3]


def test_finished_sentence_and_heading_are_not_joined():
    doc, report = _doc("第一段写完了。\n\n第二段开始\n\n二、保障措施\n")
    assert not report.joins
    assert isinstance(doc.blocks[-1], Heading) and doc.blocks[-1].label == "二、"


def test_heading_cut_by_a_break_is_joined():
    doc, _ = _doc("（一）强化协同联动,建立健全治理管\n\n理机制。\n")
    (heading,) = doc.blocks
    assert heading.text == "强化协同联动,建立健全治理管理机制。" and heading.level == 1


def test_signature_date_public_note_and_enclosed_title():
    doc, _ = _doc("各单位：\n\n现将方案印发给你们。\n\n甲市人民政府\n乙市人民政府\n2024年1月2日\n\n"
                  "（此件公开发布）\n\n某某工作方案\n\n一、目标\n\n（一）做好工作。\n")
    assert doc.addressee == "各单位："
    assert doc.signatories == ("甲市人民政府", "乙市人民政府")
    assert doc.date.isoformat() == "2024-01-02"
    assert doc.public_note == "此件公开发布"
    (enclosed,) = doc.enclosed
    assert enclosed.title == "某某工作方案"
    assert [(b.level, b.label) for b in enclosed.blocks] == [(1, "一、"), (2, "（一）")]


def test_head_title_date_and_doc_number_with_spaces():
    doc, report = _doc("(2021 年 5 月 14 日)\n\n宁党发〔2021〕20 号\n\n正文。\n")
    assert doc.doc_number == "宁党发〔2021〕20号" and doc.doc_number_raw == "宁党发〔2021〕20 号"
    assert isinstance(doc.blocks[0], Note) and doc.blocks[0].kind == "title_date"
    assert doc.date is None
    assert any("normalized" in e.message for e in report.events)


def test_attachment_note_with_items_and_list():
    doc, _ = _doc("正文。\n\n附件:1.第一个附件\n\n2.第二个附件\n\n- (一)甲;\n- (二)乙。\n")
    note = next(b for b in doc.blocks if isinstance(b, AttachmentNote))
    assert [a.title for a in note.items] == ["第一个附件", "第二个附件"]
    assert note.text == "附件:1.第一个附件\n2.第二个附件"
    (items,) = [b for b in doc.blocks if isinstance(b, ListBlock)]
    assert items.items == ("(一)甲;", "(二)乙。")


def test_tab_table_with_repeated_header_group_rows_and_two_header_rows():
    rows = ["序号\t名称\t标准\t\t备注", "\t\t甲\t乙\t",
            "类别一\t\t\t\t", "1\t一\t2\t3\t", "序号\t名称\t标准\t\t备注", "\t\t甲\t乙\t", "2\t二\t4\t5\t"]
    doc, report = _doc("名录\n\n" + "\n".join(rows) + "\n")
    (table,) = doc.tables
    assert [c.text for c in table.header_rows[1]] == ["甲", "乙"]
    assert table.header_rows[0][2].colspan == 2
    assert len(table.data_rows) == 2 and len(table.rows) == 3
    assert [d.reason for d in report.discarded] == ["repeated table header"]


def test_clean_title_keeps_spaces_the_guide_has():
    raw = "自治区党委 人民政府 印发《关于改革的 实施意见》的通知"
    guide = "自治区党委 人民政府印发《关于改革的实施意见》的通知"
    assert clean_title(raw, guide) == guide
    assert clean_title(raw) == guide  # organ names told apart without a guide
    assert clean_title("关于 ISO 9001 认证的 通知") == "关于ISO 9001认证的通知"


def test_doc_number_variants():
    assert normalize_doc_number("卫政发[2023]54号") == "卫政发〔2023〕54号"
    assert normalize_doc_number("（卫政发〔2023〕54号）") == ""


def test_date_line_and_signature_blocks_types():
    doc, _ = _doc("正文。\n\n某某局\n\n二〇二四年三月八日\n")
    assert isinstance(doc.blocks[1], Signature)
    assert isinstance(doc.blocks[2], DateLine) and doc.date.isoformat() == "2024-03-08"


def test_toc_entry_endings():
    from gazette_pub.sources.toc import toc_tail
    cases = {
        "(宁党发〔2021〕13号)..... (3)": ("", "宁党发〔2021〕13号", "3"),
        "(卫政办发[2023]31号) 27": ("", "卫政办发[2023]31号", "27"),
        "2021年1月—4月主要经济指标完成情况 …… (28)": ("2021年1月—4月主要经济指标完成情况", None, "28"),
        "关于某事的通知\t3": ("关于某事的通知", None, "3"),
        "关于某事的通知　　12": ("关于某事的通知", None, "12"),
    }
    for line, want in cases.items():
        match = toc_tail(line)
        assert (match["head"], match["number"], match["page"]) == want, line
    for line in ["关于某事的通知 3", "关于2021年第3", "1\t名称\t城关镇\t3", "实施意见》的通知"]:
        assert toc_tail(line) is None, line


def test_signature_lines_name_an_organ_or_an_official():
    doc, _ = _doc("各单位：\n\n请按要求报送材料。\n\n特此通知\n\n江北省人民政府办公厅\n\n2023年4月12日\n")
    assert doc.signatories == ("江北省人民政府办公厅",)
    assert [b.text for b in doc.blocks if isinstance(b, Paragraph)][-1] == "特此通知"
    doc, _ = _doc("现予公布。\n\n省长　王建华\n\n2023年2月6日\n")
    assert doc.signatories == ("省长\u3000王建华",)
    doc, _ = _doc("现予公布。\n\n市长　　李志远\n\n2023年2月6日\n")
    assert doc.signatories == ("市长\u3000\u3000李志远",)


def test_toc_line_with_a_long_leader_and_no_page_is_no_entry():
    """Leaders are matched without backtracking (nested repeats once hung on such a line)."""
    from gazette_pub.sources.toc import toc_tail
    assert toc_tail("…" * 2000 + "略") is None
    assert toc_tail("关于某事的通知" + "·" * 500 + "12")["page"] == "12"


def test_toc_bare_doc_number_and_continued_table_mark():
    """A TOC 文号 printed without brackets after the title; a 续表 mark between the two
    parts of a table is page furniture, so the parts join."""
    from gazette_pub.sources.report import ReportBuilder
    from gazette_pub.sources.text_issue import read_text_issue
    text = ("某某市人民政府公报\n2024年第1期\n目录\n"
            "某某市人民政府关于公布名录的通知　某政发〔2024〕2号……3\n"
            "某某市人民政府关于公布名录的通知\n某政发〔2024〕2号\n各区县：\n现予公布。\n"
            "某某市人民政府\n2024年1月5日\n名录\n序号\t名称\n1\t甲\n2\t乙\n"
            "·4·\n续表\n序号\t名称\n3\t丙\n")
    issue = read_text_issue(text, source_file="t.txt", gazette_id="t",
                            report=ReportBuilder("t.txt", "text-issue"))
    (doc,) = issue.documents
    assert (doc.toc_title, doc.doc_number, doc.toc_page) == (
        "某某市人民政府关于公布名录的通知", "某政发〔2024〕2号", 3)
    (table,) = doc.tables
    assert [r[1].text for r in table.data_rows] == ["甲", "乙", "丙"]


def test_toc_page_alone_on_the_line_under_its_title():
    from gazette_pub.sources.report import ReportBuilder
    from gazette_pub.sources.text_issue import read_text_issue
    text = ("某某市人民政府公报\n2024年第1期\n目录\n"
            "某某市人民政府关于甲事的通知（某政发〔2024〕2号）\n………………（3）\n"
            "某某市人民政府关于乙事的通知\n7\n"
            "某某市人民政府关于甲事的通知\n某政发〔2024〕2号\n正文。\n"
            "某某市人民政府关于乙事的通知\n正文。\n")
    issue = read_text_issue(text, source_file="t.txt", gazette_id="t",
                            report=ReportBuilder("t.txt", "text-issue"))
    assert [(d.toc_title, d.toc_page, d.doc_number) for d in issue.documents] == [
        ("某某市人民政府关于甲事的通知", 3, "某政发〔2024〕2号"), ("某某市人民政府关于乙事的通知", 7, "")]


def test_masthead_number_without_year_and_a_plain_date_line():
    from gazette_pub.sources.report import ReportBuilder
    from gazette_pub.sources.text_issue import read_text_issue
    text = ("某某市人民政府公报\n第7期\n总第120期\n二〇二四年七月一日\n目录\n"
            "某某市人民政府关于甲事的通知……3\n某某市人民政府关于甲事的通知\n正文。\n")
    issue = read_text_issue(text, source_file="t.txt", gazette_id="t",
                            report=ReportBuilder("t.txt", "text-issue"))
    assert (issue.year, issue.number, issue.cumulative, issue.date.isoformat()) == (
        2024, 7, 120, "2024-07-01")


def test_toc_naming_the_issued_plan_finds_the_notice_by_its_doc_number():
    """TOC: the plan's name and the notice's 文号; body: the 印发 notice, then the plan."""
    from gazette_pub.sources.report import ReportBuilder
    from gazette_pub.sources.text_issue import read_text_issue
    text = ("某某市人民政府公报\n2024年第1期\n目录\n"
            "某某市城市更新行动方案（某政发〔2024〕7号）……2\n"
            "某某市人民政府关于印发某某市城市更新行动方案的通知\n某政发〔2024〕7号\n"
            "各区人民政府：\n现将《某某市城市更新行动方案》印发给你们。\n"
            "某某市人民政府\n2024年1月2日\n某某市城市更新行动方案\n一、目标\n到2026年完成改造。\n")
    issue = read_text_issue(text, source_file="t.txt", gazette_id="t",
                            report=ReportBuilder("t.txt", "text-issue"))
    (doc,) = issue.documents
    assert doc.title == "某某市人民政府关于印发某某市城市更新行动方案的通知"
    assert doc.toc_title == "某某市城市更新行动方案"
    assert [e.title for e in doc.enclosed] == ["某某市城市更新行动方案"]
    assert doc.signatories == ("某某市人民政府",)


def test_hard_wrapped_text_joins_lines_that_fill_the_column():
    """One printed line per source line, few commas: a line as wide as the column goes
    on; a short unnumbered heading (工作目标) stays apart."""
    text = ("为进一步加强农村饮水安全工作经省人民政\n府同意现就有关事项通知如下一是压实工作\n"
            "责任各级人民政府是农村饮水安全的责任主\n体要建立健全农村饮水安全工作责任制明确\n"
            "部门职责分工。\n工作目标\n到二〇二五年农村自来水普及率达到百分之\n"
            "九十以上规模化供水工程覆盖人口比例达到\n百分之六十。\n")
    doc, report = _doc(text)
    assert [b.text for b in doc.blocks] == [
        "为进一步加强农村饮水安全工作经省人民政府同意现就有关事项通知如下一是压实工作责任各级人民政府"
        "是农村饮水安全的责任主体要建立健全农村饮水安全工作责任制明确部门职责分工。",
        "工作目标", "到二〇二五年农村自来水普及率达到百分之九十以上规模化供水工程覆盖人口比例达到百分之六十。"]
    assert len(report.joins) == 6


def test_body_title_wrapped_over_four_lines():
    from gazette_pub.sources.report import ReportBuilder
    from gazette_pub.sources.text_issue import read_text_issue
    text = ("某某市人民政府公报\n2024年第1期\n目录\n"
            "某某市人民政府办公室关于印发某某市推进新型基础设施建设行动方案的通知……3\n"
            "某某市人民政府办公室\n关于印发某某市推进新型\n基础设施建设行动方案的\n通知\n"
            "某政办发〔2024〕3号\n各区人民政府：\n现予印发。\n")
    issue = read_text_issue(text, source_file="t.txt", gazette_id="t",
                            report=ReportBuilder("t.txt", "text-issue"))
    (doc,) = issue.documents
    assert doc.title == "某某市人民政府办公室关于印发某某市推进新型基础设施建设行动方案的通知"
    assert doc.doc_number == "某政办发〔2024〕3号" and doc.addressee == "各区人民政府："


def test_three_organs_side_by_side_sign_together():
    doc, _ = _doc("现予印发。\n\n国家税务总局江北省税务局　　江北省财政厅　　江北省人力资源和社会保障厅\n\n"
                  "2023年6月1日\n")
    assert doc.signatories == ("国家税务总局江北省税务局", "江北省财政厅", "江北省人力资源和社会保障厅")


def test_attachment_title_wrapped_onto_the_next_line():
    doc, _ = _doc("正文。\n\n附件：江北省农村饮水安全工程建设任务表和水质检\n\n测指标表\n\n"
                  "江北省人民政府办公厅\n\n2023年3月1日\n")
    assert [a.title for a in doc.attachments] == ["江北省农村饮水安全工程建设任务表和水质检测指标表"]
    assert doc.signatories == ("江北省人民政府办公厅",)
    doc, _ = _doc("正文。\n\n附件：1.成员名单（略）\n\n2.工作规则（略）\n\n江北省人民政府办公厅\n\n2023年3月1日\n")
    assert [a.title for a in doc.attachments] == ["成员名单（略）", "工作规则（略）"]


def test_table_header_cells_wrapped_onto_a_second_line():
    rows = ["序号\t项目名称\t投资额\t建设年限", "\t\t（万元）\t", "1\t甲工程\t500\t2024", "2\t乙工程\t300\t2025"]
    doc, report = _doc("项目表\n\n" + "\n".join(rows) + "\n")
    (table,) = doc.tables
    assert [c.text for c in table.header_rows[0]] == ["序号", "项目名称", "投资额（万元）", "建设年限"]
    assert len(table.header_rows) == 1 and len(table.data_rows) == 2


def _tabulated(text: str) -> list[str]:
    return tabulate_space_columns(text, ReportBuilder("t.txt", "test")).split("\n")


def test_columns_set_off_by_spaces_become_tab_separated_rows():
    lines = _tabulated("表一\n\n序号  名称      金额\n甲类\n1     办公用房  12.5\n2               3\n\n下文。")
    assert lines == ["表一", "", "序号\t名称\t金额", "甲类\t\t", "1\t办公用房\t12.5", "2\t\t3",
                     "", "下文。"]


def test_a_table_whose_rows_leave_the_first_cell_empty():
    lines = _tabulated("类别      指标      限值\n微生物类\n          大肠菌群  不得检出\n          菌落总数  100")
    assert lines == ["类别\t指标\t限值", "微生物类\t\t", "\t大肠菌群\t不得检出", "\t菌落总数\t100"]


def test_side_by_side_organs_and_toc_pages_are_no_table():
    signatures = ("示范市财政局  示范市发展和改革委员会  示范市自然资源局\n"
                  "示范市住房和城乡建设局  示范市交通运输局  示范市水务局")
    toc = "关于某事项的通知    3\n关于另一事项的通知    5"
    toc_with_numbers = ("关于某事项的通知    示政发〔2024〕1号    3\n"
                        "关于另一事项的通知  示政发〔2024〕2号    (5)")
    for text in (signatures, toc, toc_with_numbers):
        assert _tabulated(text) == text.split("\n")


def test_a_wrapped_last_cell_is_joined_to_the_row_above():
    doc, report = _doc("序号\t名称\t备注\n1\t甲\t备注写得很长\n\t\t分两行印\n2\t乙\t短\n")
    (table,) = doc.tables
    assert [[c.text for c in row] for row in table.data_rows] == [["1", "甲", "备注写得很长分两行印"],
                                                                  ["2", "乙", "短"]]
    assert [e.line for e in report.joins] == [3]


def test_kept_indents_mark_the_paragraphs_of_a_hard_wrapped_text():
    """Lines of 16 characters (the indent counted): a full line goes on after a sentence
    end or into a line that looks like a heading; only an indented line starts a paragraph."""
    first = ["　　第一段写到这一行的末尾正好。", "句子在下一行接着写下去直到行末了", "第一段到这里结束。"]
    second = ["　　第二段也写满一行还要接着写。", "二、这一行像标题却是接着写下去的", "第二段结束。"]
    doc, _ = _doc("\n".join((first + second) * 3))
    assert [b.text for b in doc.blocks] == [
        "第一段写到这一行的末尾正好。句子在下一行接着写下去直到行末了第一段到这里结束。",
        "第二段也写满一行还要接着写。二、这一行像标题却是接着写下去的第二段结束。"] * 3


def test_a_table_set_out_otherwise_ends_the_one_above():
    lines = _tabulated("序号  名称  金额\n1     甲    12\n2     乙    3\n乙表\n"
                       "项目名称          数量  单位\n办公用房建设项目  40    套\n会议设备购置      6     台")
    assert lines == ["序号\t名称\t金额", "1\t甲\t12", "2\t乙\t3", "乙表", "项目名称\t数量\t单位",
                     "办公用房建设项目\t40\t套", "会议设备购置\t6\t台"]
