"""文种 from titles: the ending names the kind, notes and quotes are read past, no guess."""

import pytest

from gazette_pub.kinds import document_kind


@pytest.mark.parametrize("title, kind", [
    ("某某市人民政府办公室关于印发《某某市数字政府建设实施方案》的通知", "通知"),
    ("某某省人民政府令", "命令"),
    ("某某县人民政府关于同意设立某某镇的批复", "批复"),
    ("关于进一步加强安全生产工作的实施意见", "意见"),
    ("某某市城市供水管理办法（试行）", "办法"),
    ("某某省行政规范性文件管理规定（2023年修订）", "规定"),
    ("某某市人民政府关于某某同志职务任免的通知", "通知"),
    ("某某市人民政府人事任免", "任免"),
    ("某某自治区人民政府关于商请支持某某工作的函", "函"),
    ("关于某某工作情况的复函", "函"),
    ("某某市2023年重点项目建设计划", "计划"),
    ("某某县统计局关于开展经济普查的公告", "公告"),
    ("某某区关于禁止燃放烟花爆竹的通告 ", "通告"),
    ("某某条例", "条例"),
    ("某某市人民政府2023年第5次常务会议纪要", "纪要"),
])
def test_kind_is_read_from_the_title_ending(title, kind):
    assert document_kind(title) == kind


@pytest.mark.parametrize("title", ["某某市2023年国民经济和社会发展统计", "", "政务动态"])
def test_a_title_naming_no_kind_has_none(title):
    assert document_kind(title) is None
