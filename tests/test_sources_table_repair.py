"""sources/table_repair.py (with tables.build_table): rows the extraction shifted are put
back from the table's own evidence, each move reported; a table that cannot be made
right is flagged for the editor (Table.check) and printed with a visible note."""

from __future__ import annotations

from gazette_pub.sources.lines import SourceLine
from gazette_pub.sources.report import ReportBuilder
from gazette_pub.sources.table_repair import cell_kind, cell_shape
from gazette_pub.sources.tables import CHECK_NOTE, build_table


def table_of(*rows: str):
    report = ReportBuilder("t.txt", "text-issue")
    lines = [SourceLine(n, row) for n, row in enumerate(rows, start=10)]
    return build_table(lines, "某表", report), report.build()


def texts(table):
    return [[c.text for c in row] for row in table.rows]


PRICES = ("序号\t名称\t类型\t单位\t甲区\t乙区\t丙区\t备注",
          "1\t苹果\t盛果\t元/株\t80\t80\t85\t零星栽植适用",
          "\t\t初果\t元/株\t60\t60\t65\t",
          "\t\t幼果\t元/株\t30\t30\t30\t",
          "2\t梨树\t盛果\t元/株\t70\t70\t70\t零星栽植适用",
          "\t\t初果\t元/株\t50\t50\t50\t按株计")


def test_kinds_and_shapes_of_values():
    assert [cell_kind(t) for t in ("12", "3.5", "—", "2年", "元/株", "按实际株数补偿，不再另计")] == [
        "int", "num", "num", "num", "label", "text"]
    assert cell_shape("胸径5.0-9.9cm") == "胸径9-9a"


def test_a_well_formed_table_is_left_alone():
    table, report = table_of(*PRICES)
    assert texts(table)[1] == ["", "", "初果", "元/株", "60", "60", "65", ""]
    assert not table.check and not report.fixes


def test_a_row_that_lost_its_empty_leading_cells_is_put_back():
    table, report = table_of(*PRICES, "幼果\t元/株\t20\t20\t20")
    assert texts(table)[-1] == ["", "", "幼果", "元/株", "20", "20", "20", ""]
    [fix] = report.fixes
    assert fix.line == 16 and "'幼果' column 1→3" in fix.message
    assert not table.check


def test_values_shifted_one_column_right_past_the_header_are_put_back():
    table, report = table_of(*PRICES, "\t\t幼果\t\t元/株\t20\t20\t20")
    assert texts(table)[-1] == ["", "", "幼果", "元/株", "20", "20", "20", ""]
    assert table.n_cols == 8 and not table.check and len(report.fixes) == 1


def test_a_long_text_printed_in_the_label_column_moves_to_the_text_column():
    rows = ("序号\t任务\t措施\t责任单位\t时限",
            "1\t强化信息公开\t做好生态保护政策的发布和解读，及时回应关切。\t各区，市各部门\t年底",
            "2\t\t做好扩大有效投资相关信息公开，按季度发布进展。\t各区，市各部门\t年底",
            "3\t\t推动重点项目信息公开，做好审批结果的公开工作。\t各区，市发展改革委\t年底",
            "4\t推动收费目录常态公开，定期发布行政事业性收费目录清单。\t\t各区，市各部门\t年底",
            "5\t优化意见征集\t推进重大决策事项目录公开，依法编制年度目录。\t各区，市各部门\t年底")
    table, report = table_of(*rows)
    assert texts(table)[3][:3] == ["4", "", "推动收费目录常态公开，定期发布行政事业性收费目录清单。"]
    assert len(report.fixes) == 1 and not table.check


def test_a_remark_across_the_table_spans_every_column_and_stays_a_data_row():
    table, report = table_of(*PRICES, "果树合理种植密度为每亩55株，超过标准密度的按标准补偿。")
    last = table.rows[-1]
    assert len(last) == 1 and last[0].colspan == 8 and not table.is_group_row(last)
    assert last in table.data_rows
    table, _ = table_of(*PRICES, "经济林")
    assert table.is_group_row(table.rows[-1])  # a short label is a group row


def test_a_row_with_more_values_than_the_header_is_flagged_not_guessed():
    table, report = table_of(*PRICES, "3\t杏树\t盛果\t元/株\t胸径5cm以下\t20\t20\t20\t零星栽植适用")
    assert texts(table)[-1] == ["3", "杏树", "盛果", "元/株", "胸径5cm以下", "20", "20", "20",
                                "零星栽植适用"]
    assert table.check == CHECK_NOTE
    assert any("16" in u.message and "flagged" in u.message for u in report.uncertainties)


def test_the_wrapped_end_of_a_moved_cell_moves_with_it():
    table, report = table_of(*PRICES, "\t\t幼果\t\t元/株\t20\t20\t20\t按实际",
                             "\t\t\t\t\t\t\t\t株数补偿")
    assert texts(table)[-1] == ["", "", "幼果", "元/株", "20", "20", "20", "按实际株数补偿"]


def test_a_flagged_table_keeps_its_note_in_the_manifest_and_shows_it_in_print_and_web():
    import dataclasses

    from lxml import html as lxml_html

    from gazette_pub.body_table import parse_table, write_table
    from gazette_pub.manifest import load_issue
    from gazette_pub.model import TableBlock
    from gazette_pub.render.html import issue_pages
    from gazette_pub.render.pdf import print_html
    from gazette_pub.themes import load_theme

    from .conftest import FIXTURES

    table, _ = table_of(*PRICES, "3\t杏树\t盛果\t元/株\t胸径5cm以下\t20\t20\t20\t零星栽植适用")
    fence = write_table(table)
    assert f'check = "{CHECK_NOTE}"' in fence
    assert parse_table(fence.split("\n", 1)[1].rsplit("```", 1)[0]).check == CHECK_NOTE
    issue = load_issue(FIXTURES / "issues" / "demo" / "2024-01")
    doc = dataclasses.replace(issue.documents[0], blocks=(TableBlock(table),))
    issue = dataclasses.replace(issue, sections=(dataclasses.replace(
        issue.sections[0], documents=(doc,)),))
    theme = load_theme("default")
    printed = lxml_html.fromstring(print_html(issue, theme))
    assert printed.xpath("//figure[@class='table-wrap']/p[@class='table-check']/text()") == [CHECK_NOTE]
    page = next(text for path, text in issue_pages(issue, theme, with_pdf=False).items()
                if path.name.startswith("01-"))
    web = lxml_html.fromstring(page)
    # the note comes before the table, not after it
    assert web.xpath("//p[@class='table-check']/following-sibling::table")


def test_a_row_printed_in_place_elsewhere_shows_where_its_values_go():
    """The same values (an item under two groups) printed once in place and once
    without its empty leading cells: the row in place shows the columns."""
    table, report = table_of(*PRICES, "\t\t苗圃\t元/亩\t4000\t4000\t不低于4000\t",
                             "3\t杏树\t盛果\t元/株\t70\t70\t70\t零星栽植适用",
                             "苗圃\t元/亩\t4000\t4000\t不低于4000")
    assert texts(table)[-1] == ["", "", "苗圃", "元/亩", "4000", "4000", "不低于4000", ""]
    assert texts(table)[-3] == ["", "", "苗圃", "元/亩", "4000", "4000", "不低于4000", ""]
    assert [f.line for f in report.fixes] == [18]


def test_gazette_check_warns_of_a_flagged_table_at_its_line(tmp_path, capsys):
    from gazette_pub.cli import main
    from gazette_pub.sources import ImportResult, complete_draft, import_source, save_import
    rows = "\n".join(PRICES + ("3\t杏树\t盛果\t元/株\t胸径5cm以下\t20\t20\t20\t零星栽植适用",))
    source = tmp_path / "doc.txt"
    source.write_text("关于印发某某补偿标准的通知\n\n各区县：\n\n现将补偿标准印发给你们。\n\n某某补偿标准表\n"
                      + rows + "\n\n某某市人民政府\n\n2024年1月2日\n", encoding="utf-8")
    import dataclasses
    import datetime as dt
    result = import_source(source, gazette_id="t")
    folder = tmp_path / "t" / "2024-01"
    issue = complete_draft(result.issue, year=2024, number=1, date=dt.date(2024, 1, 15))
    issue = dataclasses.replace(issue, gazette=dataclasses.replace(issue.gazette, name="某某公报"))
    save_import(ImportResult(issue, result.report), folder)
    main(["check", str(folder)])
    out = capsys.readouterr()
    warning = next(ln for ln in (out.out + out.err).splitlines() if "is flagged" in ln)
    assert "01-" in warning and ":" in warning and CHECK_NOTE in warning


TASKS = ("目标\t序号\t内容\t要求\t责任单位\t完成时限",
         "服务设施完善\t1\t托育服务站\t建筑面积不小于200平方米，提供托育服务。\t市卫生健康委\t年底前",
         "\t2\t卫生服务站\t建筑面积不小于120平方米，提供预防服务。\t市卫生健康委\t年底前",
         "配套设施完备\t3\t停车设施\t按照不低于1车位/户配建停车位，设置充电设施。\t区人民政府\t年底前",
         "\t4\t无障碍设施\t出入口设置轮椅坡道和扶手，户外环境无障碍。\t区人民政府\t年底前",
         "5\t环卫设施\t设置多处垃圾分类收集点，建设公共厕所。\t区人民政府\t年底前",
         "活动空间充足\t6\t活动场地\t至少有一片公共活动场地，配置健身器材。\t市文体广电局\t年底前",
         "物业全覆盖\t7\t物业平台\t建立物业管理服务平台，实现精细化管理。\t市住房建设局\t年底前")


def test_a_row_that_lost_its_empty_leading_cell_is_no_evidence_for_itself():
    """The row's 序号 printed in the 目标 column is the only number there: it must not
    fit that column because it is there itself."""
    table, report = table_of(*TASKS)
    assert texts(table)[4] == ["", "5", "环卫设施", "设置多处垃圾分类收集点，建设公共厕所。",
                               "区人民政府", "年底前"]
    [fix] = report.fixes
    assert fix.line == 15 and "'5' column 1→2" in fix.message
    assert not table.check
    assert texts(table)[5][:2] == ["活动空间充足", "6"]  # rows around left alone


SPLIT = ("序号\t名称\t类型\t单位\t甲区\t乙区\t丙区\t备注",
         "1\t苹果\t盛果\t元/株\t80\t80\t85\t零星栽植适用",
         "\t\t初果\t\t60\t60\t65\t",
         "2\t杨树\t零星\t元/株\t胸径5cm以下\t20\t20\t20\t含新疆杨、河北杨等",
         "\t\t\t\t胸径5-10cm\t40\t40\t40\t",
         "\t\t\t\t胸径10cm以上\t80\t80\t90\t",
         "\t\t苗圃\t元/亩\t4000\t4000\t3000\t",
         "3\t柏树\t零星\t元/株\t30\t30\t30\t")


def test_a_column_the_print_split_for_some_rows_is_added_and_spanned_elsewhere():
    """Rows holding a size class before their numbers (one value more than the header)
    get a column of their own; the header cell and the other rows' cells on its left
    span it, so every number sits under its header."""
    table, report = table_of(*SPLIT)
    assert table.n_cols == 9 and not table.check
    top = table.header_rows[0]
    assert [(c.text, c.colspan) for c in top][3:5] == [("单位", 2), ("甲区", 1)]
    rows = [[(c.text, c.colspan) for c in row] for row in table.rows]
    assert rows[0][3:] == [("元/株", 2), ("80", 1), ("80", 1), ("85", 1), ("零星栽植适用", 1)]
    assert texts(table)[2] == ["2", "杨树", "零星", "元/株", "胸径5cm以下", "20", "20", "20",
                               "含新疆杨、河北杨等"]
    assert texts(table)[4][4:8] == ["胸径10cm以上", "80", "80", "90"]
    assert [(c.text, c.colspan) for c in table.rows[5]][3:5] == [("元/亩", 2), ("4000", 1)]
    [fix] = report.fixes
    assert fix.line == 13 and "13, 14, 15" in fix.message and "胸径5cm以下" in fix.message


def test_one_row_with_a_value_more_is_no_split_column():
    """A single row holding a label before its numbers is no pattern: flagged."""
    table, report = table_of(*SPLIT[:3], SPLIT[3], SPLIT[-1])
    assert table.check == CHECK_NOTE and not report.fixes
    assert table.n_cols == 9  # kept as printed, nothing dropped


def test_rows_a_value_wider_whose_numbers_do_not_line_up_are_flagged():
    table, report = table_of(*SPLIT[:3], "2\t杨树\t零星\t元/株\t20\t胸径5cm以下\t20\t20\t含新疆杨等",
                             "\t\t\t\t胸径5-10cm\t40\t40\t40\t", "\t\t\t\t胸径10cm以上\t80\t80\t90\t")
    assert table.check == CHECK_NOTE and table.n_cols == 9
