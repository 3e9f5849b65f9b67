"""sources/table_labels.py: a task table's merged label printed on a middle row of its
span goes to the span's first row, by the numbered items of the same document."""

from __future__ import annotations

from gazette_pub.model import Cell, Enclosed, Heading, Paragraph, Table, TableBlock
from gazette_pub.sources.report import ReportBuilder
from gazette_pub.sources.table_labels import align_labels, item_headings


def task_table(*rows):
    header = (tuple(Cell(t) for t in ("序号", "重点任务", "具体措施", "责任单位")),)
    return Table("任务分工", header, tuple(tuple(Cell(t) for t in r) for r in rows))


TEXT = (Heading(1, "一、", "强化重点领域公开"),
        Heading(2, "（一）", "推进决策公开。"),
        Paragraph("1.公开重大决策目录。"), Paragraph("2.做好解读。"),
        Heading(2, "（二）", "加强平台建设。"),
        Paragraph("3.规范网站管理。"), Paragraph("4.开展排查清理。"),
        Paragraph("5.清理过时内容。"),
        Heading(2, "（三）", "完善考核评价。"),
        Paragraph("6.优化考核指标。"))


def run(table, text=TEXT):
    report = ReportBuilder("t.txt", "text-issue")
    blocks, enclosed = align_labels(text, (Enclosed("任务分工", (TableBlock(table),)),),
                                    report, {id(table): 40})
    out = enclosed[0].blocks[0].table
    return [[c.text for c in r] for r in out.rows], report.build()


def test_each_numbered_item_knows_its_heading():
    found = item_headings(list(TEXT))
    assert found[3] == {1: "强化重点领域公开", 2: "加强平台建设"} and found[6][2] == "完善考核评价"


def test_a_label_printed_on_the_middle_row_of_its_span_goes_to_its_first_row():
    table = task_table(("1", "推进决策公开", "公开重大决策目录", "各部门"),
                       ("2", "", "做好解读", "各部门"),
                       ("3", "", "规范网站管理", "办公室"),
                       ("4", "加强平台建设", "开展排查清理", "办公室"),
                       ("5", "", "清理过时内容", "办公室"),
                       ("6", "完善考核评价", "优化考核指标", "办公室"))
    rows, report = run(table)
    assert [r[1] for r in rows] == ["推进决策公开", "", "加强平台建设", "", "", "完善考核评价"]
    assert [r[2] for r in rows] == ["公开重大决策目录", "做好解读", "规范网站管理", "开展排查清理",
                                    "清理过时内容", "优化考核指标"]  # nothing else moves
    [fix] = report.fixes
    assert fix.line == 40 and "'加强平台建设'" in fix.message and "row 4" in fix.message \
        and "3–5" in fix.message


def test_labels_already_on_first_rows_and_tables_without_the_text_stay():
    rows = (("1", "推进决策公开", "公开重大决策目录", "各部门"), ("2", "", "做好解读", "各部门"),
            ("3", "加强平台建设", "规范网站管理", "办公室"), ("4", "", "开展排查清理", "办公室"))
    same, report = run(task_table(*rows))
    assert same == [list(r) for r in rows] and not report.fixes
    # a label that is not the heading of its row's item: no evidence, left as printed
    odd = rows[:2] + (("3", "", "规范网站管理", "办公室"), ("4", "其他任务", "开展排查清理", "办公室"))
    same, report = run(task_table(*odd))
    assert same == [list(r) for r in odd] and not report.fixes
    # item numbers given twice in the text (numbering restarts): no evidence either
    twice = TEXT + (Heading(2, "（四）", "另一部分。"), Paragraph("3.重复的编号。"))
    moved = (("1", "推进决策公开", "公开重大决策目录", "各部门"), ("2", "", "做好解读", "各部门"),
             ("3", "", "规范网站管理", "办公室"), ("4", "加强平台建设", "开展排查清理", "办公室"))
    same, report = run(task_table(*moved), twice)
    assert same == [list(r) for r in moved] and not report.fixes
