"""sources/ocr_tables.py and ocr_inline.py: tables and inline markup of OCR Markdown."""

from __future__ import annotations

from gazette_pub.sources.ocr_inline import clean_inline
from gazette_pub.sources.ocr_tables import RawLine, html_table, opens_pipe_table, pipe_table
from gazette_pub.sources.report import ReportBuilder


def report():
    return ReportBuilder("t.md", "ocr-markdown")


def test_inline_marks_go_the_text_stays():
    assert clean_inline("**关于**某某的通知 <b>x</b> \\# a_b") == "关于某某的通知 x # a_b"


def test_delimiter_rows_with_alignment_and_one_dash():
    assert opens_pipe_table("| 序号 | 名称 |", "| :-: | --: |")
    assert opens_pipe_table("序号 | 名称", "--- | ---")
    assert not opens_pipe_table("正文一行", "---")


def test_pipe_table_with_a_second_header_row_and_a_repeated_group_label():
    lines = [RawLine(n, t) for n, t in enumerate([
        "| 序号 | 地区 | 资金（万元） |  |", "| --- | --- | --- | --- |",
        "|  |  | 中央 | 市级 |", "| 一、城区 | 一、城区 | 一、城区 | 一、城区 |",
        "| 1 | 甲区 | 12 | 3 |"], start=1)]
    rep = report()
    table = pipe_table(lines, rep)
    assert [[c.text for c in r] for r in table.header_rows] == [["序号", "地区", "资金（万元）"],
                                                                ["中央", "市级"]]
    assert table.is_group_row(table.rows[0]) and table.rows[0][0].text == "一、城区"
    assert [c.text for c in table.rows[1]] == ["1", "甲区", "12", "3"]
    assert any("repeated" in d.reason for d in rep.build().discarded)


def test_html_table_keeps_spans_and_pads_a_short_row():
    rep = report()
    table = html_table("<table><tr><th rowspan='2'>序号</th><th colspan='2'>资金</th></tr>"
                       "<tr><th>中央</th><th>市级</th></tr><tr><td>1</td><td>12</td></tr></table>",
                       1, rep)
    assert len(table.header_rows) == 2 and table.n_cols == 3
    assert [c.text for c in table.rows[0]] == ["1", "12", ""]
    assert rep.build().uncertainties
