"""sources/toc.py: the 目录 of a whole issue."""

from __future__ import annotations

from gazette_pub.sources.cover import Cover
from gazette_pub.sources.lines import source_lines
from gazette_pub.sources.report import ReportBuilder
from gazette_pub.sources.toc import is_section_line, pageless_toc, parse_toc
from gazette_pub.sources.lines import SourceLine


def entries_of(text: str):
    lines = source_lines(text)
    cover = Cover()
    entries, length = parse_toc(lines, cover, ReportBuilder("t.txt", "text-issue"))
    return entries, length, cover


def test_sections_wrapped_titles_numbers_and_pages():
    entries, length, _ = entries_of(
        "目  录\n【市政府文件】\n某某市人民政府关于甲事项\n的通知(某政发[2024]3号)........ 3\n"
        "【市政府办公室文件】\n某某市人民政府办公室关于乙事项的通知\n(某政办发[2024]7号)...... 12\n"
        "\n正文开始\n")
    assert [(e.section, e.title, e.number_raw, e.page) for e in entries] == [
        ("市政府文件", "某某市人民政府关于甲事项的通知", "某政发[2024]3号", 3),
        ("市政府办公室文件", "某某市人民政府办公室关于乙事项的通知", "某政办发[2024]7号", 12)]
    assert length == 7


def test_a_toc_over_two_pages_with_slogans_between():
    entries, _, cover = entries_of(
        "目 录\n关于甲事项的通知……………… 1\n发布政令 宣传政策\n目 录（续）\n关于乙事项的通知……… 5\n")
    assert [e.page for e in entries] == [1, 5]
    assert cover.slogans == ["发布政令", "宣传政策"]


def test_a_plain_section_heading_over_a_blank_line():
    entries, _, _ = entries_of("目录\n人事任免\n\n关于某某同志任职的通知………… 9\n")
    assert entries[0].section == "人事任免"


def test_section_line_with_or_without_brackets():
    assert is_section_line(SourceLine(1, "【人事任免】"), "人事任免")
    assert is_section_line(SourceLine(1, "人 事 任 免"), "人事任免")
    assert not is_section_line(SourceLine(1, "人事任免"), "")


def test_a_toc_without_pages_lists_the_numbers_printed_again_later():
    from gazette_pub.sources.toc import TocEntry
    lines = source_lines("目录\n甲通知\n某发〔2024〕1号\n乙通知\n某发〔2024〕2号\n甲通知\n某发〔2024〕1号\n"
                         "正文\n乙通知\n某发〔2024〕2号\n正文\n")
    entries = [TocEntry("", "甲通知", "某发〔2024〕1号", None, 3),
               TocEntry("", "乙通知", "某发〔2024〕2号", None, 5),
               TocEntry("", "甲通知", "某发〔2024〕1号", None, 7),
               TocEntry("", "乙通知", "某发〔2024〕2号", None, 10)]
    assert [e.line for e in pageless_toc(entries, lines, 0)] == [3, 5]
