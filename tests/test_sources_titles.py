"""sources/titles.py: wrap spaces of titles and the title similarity used against a TOC."""

from __future__ import annotations

from gazette_pub.sources.titles import clean_title, similarity


def test_wrap_spaces_go_spaces_between_organs_and_latin_words_stay():
    assert clean_title("某某市人民政府关于印发 某某方案的通知") == "某某市人民政府关于印发某某方案的通知"
    assert clean_title("甲市委 甲市人民政府关于某事的意见") == "甲市委 甲市人民政府关于某事的意见"
    assert clean_title("关于推行ISO 9001 认证的通知") == "关于推行ISO 9001认证的通知"


def test_a_guide_decides_where_it_has_the_characters():
    assert clean_title("某某 方案", guide="某某 方案") == "某某 方案"
    assert clean_title("某某 方案", guide="某某方案") == "某某方案"


def test_similarity_ignores_whitespace_and_honours_a_floor():
    assert similarity("某某 方案", "某某方案") == 1.0
    assert similarity("完全不同", "某某方案", floor=0.9) == 0.0
