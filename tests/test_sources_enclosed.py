"""sources/enclosed.py: enclosed documents after the 落款, their wrapped titles."""

from __future__ import annotations

from gazette_pub.model import Heading, TableBlock
from gazette_pub.sources.document import build_blocks
from gazette_pub.sources.lines import source_lines
from gazette_pub.sources.report import ReportBuilder


def _enclosed(text: str):
    report = ReportBuilder("t", "test")
    main, enclosed = build_blocks(source_lines(text), report)
    return main, enclosed, report.build()


def test_enclosed_title_wrapped_over_two_lines_is_joined():
    _, (rules,), report = _enclosed(
        "现印发给你们。\n某某局\n2024年1月2日\n某某市人民政府办理人大代表\n建议和政协提案工作规则\n"
        "第一章　总则\n第一条　为加强工作，制定本规则。\n")
    assert rules.title == "某某市人民政府办理人大代表建议和政协提案工作规则"
    assert [b.label for b in rules.blocks if isinstance(b, Heading)] == ["第一章", "第一条"]
    assert any("enclosed document's title wrapped" in e.message for e in report.joins)


def test_complete_enclosed_title_takes_no_second_line():
    _, (plan,), _ = _enclosed("现印发给你们。\n某某局\n2024年1月2日\n某某工作方案\n编制说明\n一、目的。\n")
    assert plan.title == "某某工作方案"


def _tables(blocks):
    return [b.table for b in blocks if isinstance(b, TableBlock)]


ROWS = "序号\t项目\t金额\n1\t道路改造\t100\n2\t管网更新\t200\n"
CLOSING = "现印发给你们。\n某某局\n2024年1月2日\n附件\n"


def test_table_right_under_an_enclosed_title_gets_no_caption():
    """Nothing invented: the enclosed document's title is not repeated as the caption."""
    _, (enc,), _ = _enclosed(CLOSING + "某某市重点项目计划表\n" + ROWS)
    assert enc.title == "某某市重点项目计划表"
    (table,) = _tables(enc.blocks)
    assert table.caption == "" and [c.text for c in table.rows[0]] == ["1", "道路改造", "100"]


def test_table_in_the_main_text_without_a_caption_line_gets_no_caption():
    main, _, _ = _enclosed("各项目安排如下：\n" + ROWS + "请遵照执行。\n")
    (table,) = _tables(main)
    assert table.caption == ""


def test_a_caption_line_of_its_own_stays_the_tables_caption():
    main, _, _ = _enclosed("各项目安排如下：\n某某市重点项目计划表\n" + ROWS + "请遵照执行。\n")
    (table,) = _tables(main)
    assert table.caption == "某某市重点项目计划表"


def test_caption_line_under_an_enclosed_title_captions_the_table():
    """某某计划 / 表1 某某表 over a table after the 落款: one enclosed document titled by
    the first line, its table captioned by the second (not two documents, one empty)."""
    _, enclosed, _ = _enclosed("现印发给你们。\n某某局\n2024年1月2日\n某某市重点项目计划\n"
                               "表1 某某市重点项目表\n" + ROWS)
    (enc,) = enclosed
    assert enc.title == "某某市重点项目计划"
    (table,) = _tables(enc.blocks)
    assert table.caption.replace(" ", "") == "表1某某市重点项目表"
