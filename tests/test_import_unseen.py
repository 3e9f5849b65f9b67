"""The importer on issues of gazettes it was not written against (tests/fixtures/import/unseen).

Each fixture varies what real gazettes vary (TOC leaders and brackets, 文号 brackets
and full-width digits, 规章 promulgated by an order, 文号 above the title, 版记,
attachments with their own tables, running heads and page numbers inside the
body, OCR Markdown, GBK). ``EXPECTED`` holds, per fixture, the issue metadata
and per document: title, 文号, TOC page, date, signatories and the data-row count
of each table. The comparison prints a score like the seed test does.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gazette_pub.audit import audit
from gazette_pub.cli import main
from gazette_pub.model import Heading, Paragraph
from gazette_pub.sources import ImportResult, complete_draft, import_source, save_import

from .conftest import assert_fields_match

UNSEEN = Path(__file__).parent / "fixtures" / "import" / "unseen"

#: fixture → (issue: name, year, number, cumulative, date; sections: [(title, [documents])]).
#: A document: (title, 文号, TOC page, date, signatories, data rows per table).
EXPECTED = {
    "jiangbei-2023-05.txt": (
        ("江北省人民政府公报", 2023, 5, 788, "2023-03-10"),
        [("省政府令", [
            ("江北省野生植物保护办法", "江北省人民政府令第212号", 2, "2023-02-06",
             ("省长\u3000王建华",), ())]),
         ("省政府文件", [
             ("江北省人民政府关于同意设立江北临河经济开发区的批复", "江政函〔2023〕12号", 8,
              "2023-01-16", ("江北省人民政府",), ()),
             ("江北省人民政府关于印发江北省加快发展现代物流业若干措施的通知", "江政〔2023〕5号", 9,
              "2023-02-01", ("江北省人民政府",), ())]),
         ("省政府办公厅文件", [
             ("江北省人民政府办公厅关于进一步加强农村饮水安全工作的通知", "江政办发〔2023〕8号", 14,
              "2023-03-01", ("江北省人民政府办公厅",), (5, 4))]),
         ("人事任免", [
             ("江北省人民政府关于任免刘建国等同志职务的通知", "江政任〔2023〕3号", 18, "2023-02-28",
              ("江北省人民政府",), ())]),
         ("政策解读", [
             ("《江北省加快发展现代物流业若干措施》政策解读", "", 19, None, (), ())])]),
    "yunzhou-2024-02.txt": (
        ("云州市人民政府公报", 2024, 2, 153, "2024-02-29"),
        [("市政府文件", [
            ("云州市人民政府关于印发云州市优化营商环境三年行动方案的通知", "云政发〔2024〕3号", 1,
             "2024-01-15", ("云州市人民政府",), ()),
            ("云州市人民政府关于表彰2023年度全市安全生产工作先进单位的决定", "云政发〔2024〕5号", 6,
             "2024-01-22", ("云州市人民政府",), ())]),
         ("市政府办公室文件", [
             ("云州市人民政府办公室关于印发云州市城镇老旧小区改造工作实施意见的通知",
              "云政办发〔2024〕2号", 8, "2024-02-02", ("云州市人民政府办公室",), (4,)),
             ("云州市人民政府办公室转发市住房城乡建设局关于加强物业管理工作意见的通知",
              "云政办发〔2024〕4号", 12, "2024-02-06", ("云州市人民政府办公室",), ())]),
         ("部门文件", [
             ("云州市财政局 云州市发展和改革委员会关于印发云州市政府投资项目资金管理办法的通知",
              "云财建〔2024〕7号", 15, "2024-02-20", ("云州市财政局", "云州市发展和改革委员会"), ())])]),
    "guowuyuan-gbk-2023-05.txt": (
        ("中华人民共和国国务院公报", 2023, 5, 1795, "2023-02-20"),
        [("国务院文件", [
            ("国务院关于同意建立林海国家级高新技术产业开发区的批复", "国函〔2023〕12号", 4,
             "2023-01-28", ("国务院",), ()),
            ("国务院关于印发《全民科学素质行动规划纲要实施方案》的通知", "国发〔2023〕3号", 5,
             "2023-02-01", ("国务院",), ())]),
         ("国务院办公厅文件", [
             ("国务院办公厅关于加快发展保障性租赁住房的意见", "国办发〔2023〕4号", 8, "2023-02-03",
              ("国务院办公厅",), ()),
             ("国务院办公厅关于同意调整完善社会救助部际联席会议制度的函", "国办函〔2023〕10号", 11,
              "2023-02-08", ("国务院办公厅",), ())]),
         ("国务院部门文件", [
             ("国家粮食和物资储备局 国家标准化管理委员会公告",
              "国家粮食和物资储备局国家标准化管理委员会公告2023年第1号", 13, "2023-02-10",
              ("国家粮食和物资储备局", "国家标准化管理委员会"), (2,))]),
         ("人事任免", [("国务院任免国家工作人员", "", 15, None, (), ())])]),
    "linchuan-ocr-2024-03.md": (
        ("临川市人民政府公报", 2024, 3, 45, "2024-06-28"),
        [("市政府文件", [
            ("临川市人民政府关于调整临川市最低工资标准的通知", "临政发〔2024〕6号", 3, "2024-05-20",
             ("临川市人民政府",), ()),
            ("临川市人民政府关于2023年度市科学技术奖励的决定", "临政发〔2024〕8号", 5, "2024-06-03",
             ("临川市人民政府",), (3,))]),
         ("市政府办公室文件", [
             ("临川市人民政府办公室关于印发临川市防汛抗旱应急预案的通知", "临政办发〔2024〕11号", 7,
              "2024-06-10", ("临川市人民政府办公室",), ()),
             ("临川市2024年1—5月主要经济指标", "", 10, None, (), (4,))])]),
    "haicheng-2022-04.txt": (
        ("海城市人民政府公报", 2022, 4, 96, "2022-04-30"),
        [("市政府令", [
            ("海城市城市道路挖掘管理办法", "海城市人民政府令第15号", 2, "2022-04-02",
             ("市长\u3000李志远",), ())]),
         ("市政府文件", [
             ("海城市人民政府关于印发海城市新型城镇化规划实施方案的通知", "海政发〔2022〕9号", 5,
              "2022-03-15", ("海城市人民政府",), ()),
             ("海城市人民政府关于同意将龙湾镇列为市级历史文化名镇的批复", "海政函〔2022〕21号", 8,
              "2022-03-30", ("海城市人民政府",), ())]),
         ("市政府办公室文件", [
             ("海城市人民政府办公室关于成立海城市第五次全国经济普查领导小组的通知",
              "海政办发〔2022〕12号", 9, "2022-04-08", ("海城市人民政府办公室",), (4,))]),
         ("人事任免", [
             ("海城市人民政府关于王刚等同志职务任免的通知", "海政任〔2022〕4号", 11, "2022-04-20",
              ("海城市人民政府",), ())])]),
    "nanshan-2021-11.txt": (
        ("南山省人民政府公报", 2021, 11, 563, "2021-06-15"),
        [("省政府文件", [
            ("南山省人民政府关于同意调整青石市部分行政区划的批复", "南政函〔2021〕45号", 3,
             "2021-05-20", ("南山省人民政府",), ()),
            ("南山省人民政府关于印发南山省“十四五”生态环境保护规划的通知", "南政发〔2021〕18号", 4,
             "2021-05-26", ("南山省人民政府",), ())]),
         ("省政府办公厅文件", [
             ("南山省人民政府办公厅关于印发南山省促进养老托育服务健康发展实施方案的通知",
              "南政办发〔2021〕30号", 7, "2021-06-01", ("南山省人民政府办公厅",), (3,))]),
         ("政策解读", [("《南山省促进养老托育服务健康发展实施方案》解读", "", 10, None, (), ())]),
         ("省政府领导活动", [("省政府召开第一百二十次常务会议", "", 11, None, (), ())])]),
    "jiangbei-redhead-2023-06.txt": (
        ("江北省人民政府公报", 2023, 6, None, "2023-03-25"),
        [("", [
            ("江北省人民政府关于表彰全省脱贫攻坚先进集体的决定", "江政发〔2023〕7号", None,
             "2023-03-10", ("江北省人民政府",), ()),
            ("江北省人民政府办公厅关于做好春季农业生产工作的通知", "江政办发〔2023〕9号", None,
             "2023-03-15", ("江北省人民政府办公厅",), ())])]),
    "beihai-2022-08.txt": (
        ("北海省人民政府公报", 2022, 8, 455, "2022-04-30"),
        [("省委 省政府文件", [
            ("中共北海省委 北海省人民政府关于加快建设现代化产业体系的意见", "北发〔2022〕5号", 3,
             None, (), ()),
            ("北海省人民政府关于公布第三批省级传统村落名录的通知", "北政发〔2022〕12号", 8,
             "2022-04-02", ("北海省人民政府",), (6,))]),
         ("人事任免", [
             ("北海省人民政府关于何建军等同志任免职务的通知", "北政干发〔2022〕3号", 12, "2022-04-20",
              ("北海省人民政府",), ())]),
         ("经济数据", [("2022年1—3月北海省主要经济指标", "", 13, None, (), (5,))])]),
    "jiangbei-pageless-toc-2023-07.txt": (
        ("江北省人民政府公报", 2023, 7, None, "2023-04-10"),
        [("", [
            ("江北省人民政府关于甲事项的通知", "江政发〔2023〕8号", None, "2023-04-01",
             ("江北省人民政府",), ()),
            ("江北省人民政府关于乙事项的批复", "江政函〔2023〕20号", None, "2023-04-03",
             ("江北省人民政府",), ())])]),
}


def _comparisons(name: str) -> list[tuple[str, object, object]]:
    (gazette, year, number, cumulative, date), sections = EXPECTED[name]
    issue = import_source(UNSEEN / name).issue
    out = [("gazette name", gazette, issue.gazette.name),
           ("issue", (year, number, cumulative, date),
            (issue.year, issue.number, issue.cumulative, issue.date and issue.date.isoformat())),
           ("sections", [t for t, _ in sections], [s.title for s in issue.sections]),
           ("documents per section", [len(d) for _, d in sections],
            [len(s.documents) for s in issue.sections])]
    wanted = [d for _, docs in sections for d in docs]
    for n, (want, doc) in enumerate(zip(wanted, issue.documents), start=1):
        title, doc_number, page, day, signatories, rows = want
        out += [(f"doc {n} title", title, doc.title),
                (f"doc {n} 文号", doc_number, doc.doc_number),
                (f"doc {n} toc page", page, doc.toc_page),
                (f"doc {n} date", day, doc.date and doc.date.isoformat()),
                (f"doc {n} signatories", signatories, doc.signatories),
                (f"doc {n} table rows", rows, tuple(len(t.data_rows) for t in doc.tables))]
    return out


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_unseen_issue_matches_expectations(name):
    assert_fields_match(name, _comparisons(name))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_unseen_issue_audit_and_stability(name):
    first, second = import_source(UNSEEN / name), import_source(UNSEEN / name)
    assert first.issue == second.issue and first.report.to_json() == second.report.to_json()
    outcome = audit(UNSEEN / name, first.issue, first.report)
    assert outcome.ok, outcome.to_text()


@pytest.mark.parametrize("name", sorted(p.name for p in UNSEEN.iterdir()))
def test_unseen_import_saves_a_folder_that_passes_check_and_audit(name, tmp_path, capsys):
    """Through the disk: the written issue folder loads, passes ``gazette check`` and
    its audit against the source (with the saved import report). A single document is
    a draft: check lists what its source does not say (year, 期, date, gazette name)
    as errors, and nothing else."""
    result = import_source(UNSEEN / name, gazette_id="unseen")
    issue = complete_draft(result.issue)
    folder = tmp_path / "unseen" / issue.slug
    save_import(ImportResult(issue, result.report), folder)
    code = main(["check", str(folder), "--audit", str(UNSEEN / name)])
    if issue.year:
        assert code == 0
    else:
        errors = [ln for ln in capsys.readouterr().err.splitlines() if "missing:" in ln]
        assert code == 1 and len(errors) == 4, errors


def _doc(name: str, seq: int):
    return import_source(UNSEEN / name).issue.documents[seq - 1]


def _paragraphs(doc) -> list[str]:
    return [b.text for b in doc.all_blocks() if isinstance(b, Paragraph)]


def test_order_promulgating_a_regulation():
    """A 规章: the order (令, number, preamble, 省长 signature, date) opens the document;
    the regulation under it is an enclosed document with 第X章/第X条 headings."""
    doc = _doc("jiangbei-2023-05.txt", 1)
    assert doc.toc_title == "江北省野生植物保护办法"
    (regulation,) = doc.enclosed
    assert regulation.title == "江北省野生植物保护办法"
    labels = [b.label for b in regulation.blocks if isinstance(b, Heading)]
    assert labels[:3] == ["第一章", "第一条", "第二条"] and labels[-1] == "第七条"
    # the running head and the ·3· page number between 列入本级 and 财政预算 are furniture
    assert any(b.full_text.endswith("所需经费列入本级财政预算。") for b in regulation.blocks
               if isinstance(b, Heading))


def test_doc_number_above_the_title_and_page_number_before_it_in_the_toc():
    doc = _doc("jiangbei-2023-05.txt", 4)
    assert doc.doc_number_raw == "江政办发〔2023〕8号"
    assert doc.source.lines[0] == 150  # the 文号 line opens the document
    assert [a.title for a in doc.attachments] == ["江北省农村饮水安全工程建设任务表",
                                                  "江北省农村饮水安全工程水质检测指标表"]
    assert [e.title for e in doc.enclosed] == ["江北省农村饮水安全工程建设任务表",
                                               "江北省农村饮水安全工程水质检测指标表"]
    plan, limits = doc.tables
    assert [(c.text, c.rowspan, c.colspan) for c in plan.header_rows[0]][2] == ("新建工程", 1, 2)
    assert [c.text for c in plan.header_rows[1]] == ["处数", "受益人口（万人）"] * 2
    assert [r[0].text for r in limits.rows if limits.is_group_row(r)] == ["微生物指标", "毒理指标"]
    # the －15－ page number between 标志牌， and 依法清理 is furniture; the heading is joined
    assert any(isinstance(b, Heading) and b.full_text.endswith("设立标志牌，依法清理保护区内违法建筑和排污口。")
               for b in doc.blocks)


def test_full_width_digits_and_brackets_in_a_doc_number():
    doc = _doc("jiangbei-2023-05.txt", 2)
    assert doc.doc_number_raw == "江政函［２０２３］１２号"
    assert doc.public_note == "此件公开发布"


def test_wrapped_addressee_circle_zero_date_and_caption_inside_the_text():
    first = _doc("yunzhou-2024-02.txt", 1)
    assert first.addressee == "各区县人民政府，市政府各部门，各直属机构："
    assert first.date.isoformat() == "2024-01-15"  # 二○二四年一月十五日 (○, not 〇)
    plan = _doc("yunzhou-2024-02.txt", 3)
    # a captioned table inside the 实施意见 stays in it (no document of its own)
    assert [e.title for e in plan.enclosed] == ["云州市城镇老旧小区改造工作实施意见"]
    (table,) = plan.tables
    assert table.caption == "2024年各区县改造计划" and table.n_cols == 5


def test_gbk_issue_with_short_running_head_and_continued_toc():
    result = import_source(UNSEEN / "guowuyuan-gbk-2023-05.txt")
    assert any("gb18030" in e.message for e in result.report.events)
    furniture = [d.text for d in result.report.discarded if d.reason.startswith("page furniture")]
    assert furniture == ["国务院公报　2023·5", "·6·"]  # the end of the name + 2023·5
    plan = result.issue.documents[1].enclosed[0]
    assert any(isinstance(b, Heading) and b.full_text.endswith("开展农民喜闻乐见的科普活动，提升农民科学文化素养。")
               for b in plan.blocks)
    announcement = result.issue.documents[4]
    assert announcement.doc_number_raw == "2023年第1号"
    assert [e.title for e in announcement.enclosed] == ["2023年第1批国家标准目录"]
    assert not result.report.uncertainties


def test_ocr_issue_with_a_toc_table_outline_headings_and_a_running_head():
    result = import_source(UNSEEN / "linchuan-ocr-2024-03.md")
    assert result.report.kind == "ocr-markdown"
    reasons = {d.reason for d in result.report.discarded}
    assert "table of contents: column headings" in reasons
    first = result.issue.documents[0]
    assert first.source.lines[0] == 36  # the running head above the title is furniture
    plan = result.issue.documents[2].enclosed[0]
    assert [(b.level, b.text) for b in plan.blocks if isinstance(b, Heading)] == [
        (1, "1 总则"), (2, "1.1 编制目的"), (2, "1.2 适用范围"), (1, "2 应急响应"), (2, "2.1 响应分级")]
    (awards,) = result.issue.documents[1].tables
    assert [c.text for c in awards.header_rows[1]] == ["主要完成单位", "协作单位"]
    assert [r[0].text for r in awards.rows if awards.is_group_row(r)] == [
        "一、科学技术进步奖一等奖", "二、科学技术进步奖二等奖"]
    assert result.issue.back_matter[0].startswith("本刊简介")


def test_organ_line_above_a_toc_title_without_organ_and_running_heads_with_page_numbers():
    result = import_source(UNSEEN / "haicheng-2022-04.txt")
    plan = result.issue.documents[1]
    assert plan.toc_title == "关于印发海城市新型城镇化规划实施方案的通知"
    assert result.issue.documents[0].source.lines[1] < plan.source.lines[0] == 52
    furniture = {d.text: d.reason for d in result.report.discarded if d.reason.startswith("page")}
    assert furniture == {
        "海城市人民政府公报\u3000\u30002022年第4期\u3000\u3000·3·": "page furniture: running head",
        "市政府文件": "page furniture: running head (section title)",
        "·6·\u3000\u3000海城市人民政府公报": "page furniture: running head"}
    # hard-wrapped lines of one paragraph are joined
    assert any(p.startswith("为深入推进") and p.endswith("部署，结合我市实际，制定本方案。")
               for p in _paragraphs(plan))


def test_members_list_not_glued_and_a_not_public_note():
    doc = _doc("haicheng-2022-04.txt", 4)
    assert doc.public_note == "此件不予公开"
    paragraphs = _paragraphs(doc)
    assert "副组长：陈建国\u3000副市长" in paragraphs and "成\u3000员：刘\u3000洋\u3000市统计局局长" in paragraphs
    budget = doc.tables[0]
    assert [c.text for c in budget.header_rows[1]] == ["市级", "区县级"] and len(budget.data_rows) == 4


def test_cover_colophon_lines_bare_frequency_and_a_fuzzy_title_giving_way():
    result = import_source(UNSEEN / "nanshan-2021-11.txt")
    gazette = result.issue.gazette
    assert gazette.frequency == "半月刊"
    colophon = dict(gazette.colophon)
    assert colophon["主管单位"] == "南山省人民政府" and colophon["投稿邮箱"] == "gb@nanshan.gov.cn"
    assert result.issue.back_matter[0].startswith("征稿启事\n")
    # the 解读's TOC title is close to the enclosed 实施方案 title: the exact line wins
    plan, reading = result.issue.documents[2:4]
    assert [e.title for e in plan.enclosed] == ["南山省促进养老托育服务健康发展实施方案",
                                                "南山省养老托育服务重点任务分工表"]
    assert reading.source.lines[0] == 119
    assert not [e for e in result.report.uncertainties if "not understood" in e.message]


def test_red_head_standalone_document():
    """A 红头 document: masthead (discarded with its reason), 文号, then the title."""
    result = import_source(UNSEEN / "redhead-standalone.txt")
    assert result.report.kind == "standalone"
    (doc,) = result.issue.documents
    assert doc.title == "江北省人民政府办公厅关于进一步做好稳就业工作的通知"
    assert doc.doc_number == "江政办发〔2023〕15号"
    assert doc.addressee == "各市、县（区）人民政府，省政府各部门："
    assert [d.reason for d in result.report.discarded] == ["document masthead (发文机关标志)"]
    assert audit(UNSEEN / "redhead-standalone.txt", result.issue, result.report).ok


def test_web_page_of_another_site():
    """Site name and breadcrumb above the title, 信息来源/发布日期 line, share and
    previous/next links and 主办： in the footer."""
    result = import_source(UNSEEN / "web-province.txt")
    assert result.report.kind == "web-page"
    (doc,) = result.issue.documents
    assert doc.title == "江北省人民政府关于印发江北省数字经济发展三年行动计划的通知"
    assert (doc.doc_number, doc.date.isoformat()) == ("江政发〔2023〕11号", "2023-05-04")
    assert [e.title for e in doc.enclosed] == ["江北省数字经济发展三年行动计划"]
    assert [(d.first_line, d.last_line) for d in result.report.discarded] == [
        (1, 2), (4, 4), (5, 5), (17, 23)]
    assert any("2023-05-08" in e.message for e in result.report.events)
    assert audit(UNSEEN / "web-province.txt", result.issue, result.report).ok


def test_seed_model_issue_front_matter_slip_and_tables():
    """Modelled on the seed layout: wrapped name, committee, two TOC pages with slogans
    between, colophon before the first document, a TOC 文号 with an OCR slip, 续表."""
    result = import_source(UNSEEN / "beihai-2022-08.txt")
    gazette = result.issue.gazette
    assert gazette.slogans == ("权威性", "法规性", "政策性", "指导性",
                               "发布政令", "宣传政策", "指导工作", "服务社会")
    assert dict(gazette.editorial_committee)["委员"] == (
        "王 军", "刘德华", "李文博", "杨 帆", "周国平", "郑小龙")
    colophon = dict(gazette.colophon)
    assert colophon["责任编辑"] == ("李 华", "王晓燕")
    assert colophon["编辑出版"] == "北海省人民政府办公厅公报编辑部"
    assert [e.message for e in result.report.fixes] == [
        "TOC 文号 '北政千发〔2022〕3号' is an OCR slip for '北政干发〔2022〕3号' (body); body kept"]
    villages = result.issue.documents[1].tables[0]
    assert [r[0].text for r in villages.rows if villages.is_group_row(r)] == [
        "北海市", "东江市", "西岭市"]
    data = result.issue.documents[3]
    top, sub = data.tables[0].header_rows
    assert [(c.text, c.colspan) for c in top][2] == ("1—3月", 2)
    assert [c.text for c in sub] == ["绝对值", "同比增长（%）"]
    assert data.blocks[-1].text == "注：地区生产总值为初步核算数。"


def test_toc_without_page_numbers_is_not_taken_for_documents():
    result = import_source(UNSEEN / "jiangbei-pageless-toc-2023-07.txt")
    assert [d.toc_title for d in result.issue.documents] == [
        "江北省人民政府关于甲事项的通知", "江北省人民政府关于乙事项的批复"]
    assert [(d.first_line, d.last_line) for d in result.report.discarded
            if d.reason.startswith("table of contents")] == [(5, 10)]
