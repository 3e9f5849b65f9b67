"""sources/organs.py: organ and signer lines, the 红头 masthead, organs of a title."""

from __future__ import annotations

import pytest

from gazette_pub.sources.organs import is_red_head, is_signer_line, organs_of


@pytest.mark.parametrize("text, signer", [
    ("某某市人民政府", True), ("某某县统计局", True), ("甲市发展改革委  乙市财政局", True),
    ("市长　王某某", True), ("特此通知", False), ("现将有关事项通知如下", False),
])
def test_is_signer_line(text, signer):
    assert is_signer_line(text) is signer


def test_red_head_is_an_organ_and_wenjian_only():
    assert is_red_head("某某省人民政府办公厅文件")
    assert is_red_head("甲省教育厅 乙省财政厅文件")
    assert not is_red_head("关于印发某某文件的通知")


def test_organs_from_the_signature_else_from_the_title():
    assert organs_of("甲局 乙局关于某事的通知", ()) == ("甲局", "乙局")
    assert organs_of("甲局 乙局关于某事的通知", ("丙委",)) == ("丙委",)
    assert organs_of("某某工作方案", ()) == ()
