"""sources/furniture.py: page numbers, running heads and 续表 marks in the body."""

from __future__ import annotations

import pytest

from gazette_pub.sources.cover import Cover
from gazette_pub.sources.furniture import is_issue_label, is_running_head, strip_page_furniture
from gazette_pub.sources.lines import source_lines
from gazette_pub.sources.report import ReportBuilder

COVER = Cover(name="某某省人民政府公报", year=2024, number=5)


@pytest.mark.parametrize("text, head", [
    ("某某省人民政府公报", True), ("人民政府公报 2024年第5期", True), ("政府公报 ·3·", True),
    ("2024·5 某某省人民政府公报", True), ("公报", False), ("某某省人民政府公报发布的通知", False),
])
def test_running_heads(text, head):
    assert is_running_head(text, COVER) is head


def test_only_this_issues_label_is_furniture():
    assert is_issue_label("2024年第5期", COVER)
    assert not is_issue_label("2023年第5号", COVER)  # an announcement's number


def test_page_numbers_heads_and_continued_tables_are_dropped_and_reported():
    body = source_lines("第一段文字\n－ 3 －\n某某省人民政府公报\n续表\n第二段文字\n第4页 共60页\n")
    report = ReportBuilder("t.txt", "text-issue")
    kept = strip_page_furniture(body, COVER, report)
    assert [ln.text for ln in kept] == ["第一段文字", "第二段文字"]
    assert len(report.build().discarded) == 4
