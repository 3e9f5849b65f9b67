"""sources/headings.py: heading labels and their levels from the labels a document uses."""

from __future__ import annotations

import pytest

from gazette_pub.sources.headings import heading_block, heading_levels, label_type
from gazette_pub.sources.line_kinds import to_items
from gazette_pub.sources.lines import source_lines


@pytest.mark.parametrize("text, kind", [
    ("一、总体要求", "cn"), ("（二）工作目标", "paren_cn"), ("3. 加强领导", "num"),
    ("（4）落实责任", "paren_num"), ("第一章 总则", "chapter"), ("第二节 申报", "section"),
    ("第十条 本办法自印发之日起施行。", "article"), ("1.1 编制目的", "outline2"),
    ("1.5倍以上", None), ("第一章节", None), ("正文一段。", None),
])
def test_label_type(text, kind):
    assert label_type(text) == kind


def test_levels_are_ranks_of_the_labels_used():
    items = to_items(source_lines("一、甲\n1. 乙\n（1）丙\n"))
    assert heading_levels(items) == {"cn": 1, "num": 2, "paren_num": 3}


def test_heading_block_splits_the_label():
    block = heading_block("（一）强化协同", 2)
    assert (block.level, block.label, block.text) == (2, "（一）", "强化协同")
