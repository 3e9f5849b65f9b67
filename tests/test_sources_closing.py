"""sources/line_kinds.py and sources/closing.py: line kinds, 落款 and 附件 notes."""

from __future__ import annotations

import pytest

from gazette_pub.sources.closing import group_attachments, mark_signatures
from gazette_pub.sources.line_kinds import classify, to_items
from gazette_pub.sources.lines import SourceLine, source_lines


@pytest.mark.parametrize("text, kind", [
    ("（此件公开发布）", "public"), ("(此件不予公开)", "public"), ("2024年1月2日", "date"),
    ("二〇二四年一月二日", "date"), ("（2024年1月2日）", "title_date"), ("附件2", "label"),
    ("附件：某某清单", "attach"), ("注：数据截至年底。", "remark"), ("- 第一项", "list"),
    ("一、总体要求", "heading"), ("正文。", "para"),
])
def test_classify(text, kind):
    assert classify(SourceLine(1, text)) == kind


def test_organ_lines_before_the_date_are_the_signature():
    items = mark_signatures(to_items(source_lines("特此通知\n甲市财政局\n乙市税务局\n2024年1月2日\n")))
    assert [i.kind for i in items] == ["para", "signature", "date"]
    assert items[1].text == "甲市财政局\n乙市税务局"


def test_attachment_note_takes_its_numbered_titles():
    items = group_attachments(to_items(source_lines("附件：1.甲清单\n2.乙清单\n某某局\n")))
    assert [i.kind for i in items] == ["attach", "para"]
    assert items[0].text == "附件：1.甲清单\n2.乙清单"
