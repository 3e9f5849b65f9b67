"""sources/breaks.py: page/column breaks joined only where the sentence goes on."""

from __future__ import annotations

from gazette_pub.sources.breaks import TextLayout, join_breaks, line_width
from gazette_pub.sources.line_kinds import to_items
from gazette_pub.sources.lines import source_lines
from gazette_pub.sources.report import ReportBuilder


def _join(text: str, layout: TextLayout = TextLayout()):
    report = ReportBuilder("t.txt", "test")
    items = join_breaks(to_items(source_lines(text)), report, layout)
    return [i.text for i in items], report.build()


def test_open_end_goes_on_and_is_reported():
    texts, report = _join("各地要统筹推进，\n加快建设。\n")
    assert texts == ["各地要统筹推进，加快建设。"] and [e.line for e in report.joins] == [1]


def test_finished_sentence_and_heading_stay_apart():
    texts, report = _join("第一段写完了。\n二、保障措施\n")
    assert texts == ["第一段写完了。", "二、保障措施"] and not report.joins


def test_indented_line_starts_a_paragraph_in_an_indented_text():
    text = "".join(f"  第{n}段的文字写到这里没有结束\n" for n in range(4))
    texts, _ = _join(text, TextLayout(width=None, indents=True))
    assert len(texts) == 4


def test_line_width_of_a_hard_wrapped_text():
    lines = "\n".join("甲" * 28 for _ in range(9)) + "\n乙乙乙。\n"
    assert line_width(to_items(source_lines(lines))) == 28
    assert line_width(to_items(source_lines("短。\n也短。\n"))) is None
