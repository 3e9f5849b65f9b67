"""sources/cover.py: the cover and masthead of a whole issue."""

from __future__ import annotations

import datetime as dt

import pytest

from gazette_pub.sources.cover import Cover, read_cover, read_masthead, slogans_of, split_names
from gazette_pub.sources.lines import SourceLine, source_lines
from gazette_pub.sources.report import ReportBuilder


def cover_of(text: str) -> tuple[Cover, ReportBuilder]:
    cover, report = Cover(), ReportBuilder("t.txt", "text-issue")
    read_cover(source_lines(text), cover, report)
    return cover, report


@pytest.mark.parametrize("text, slogans", [
    ("●权威性 ●法规性 ●政策性", ["权威性", "法规性", "政策性"]),
    ("发布政令 宣传政策", ["发布政令", "宣传政策"]),
    ("关于某某事项的通知", None),
])
def test_slogans_of(text, slogans):
    assert slogans_of(text) == slogans


@pytest.mark.parametrize("text, names", [
    ("张明远 李青", ["张明远", "李青"]),
    ("林 晓", ["林 晓"]),              # a two-character name letter-spaced to the width of three
    ("林 晓 王东升", ["林 晓", "王东升"]),
])
def test_split_names(text, names):
    assert split_names(text) == names


@pytest.mark.parametrize("text, year, number, cumulative, date", [
    ("2024年第10期（总第512期）", 2024, 10, 512, None),
    ("2019年第5号", 2019, 5, None, None),
    ("总号：1795", 0, 0, 1795, None),
    ("2024年3月15日出版", 0, 0, None, dt.date(2024, 3, 15)),
])
def test_masthead_parts(text, year, number, cumulative, date):
    cover = Cover()
    assert read_masthead(SourceLine(1, text), cover) is not None
    assert (cover.year, cover.number, cover.cumulative, cover.date) == (year, number, cumulative, date)


def test_a_masthead_line_with_other_text_is_none():
    assert read_masthead(SourceLine(1, "2024年第10期工作要点"), Cover()) is None


def test_cover_with_name_wrapped_committee_and_masthead():
    cover, report = cover_of(
        "●权威性 ●法规性\n某某自治州人民政府\n公报\nMOUMOU GAZETTE\n编辑委员会\n主任:张明远\n"
        "委员:李青 王东升\n赵 一 钱二多\n(半月刊)\n2024年第3期\n")
    assert cover.name == "某某自治州人民政府公报"
    assert cover.slogans == ["权威性", "法规性"]
    assert dict(cover.committee) == {"主任": ["张明远"], "委员": ["李青", "王东升", "赵 一", "钱二多"]}
    assert (cover.frequency, cover.year, cover.number) == ("半月刊", 2024, 3)
    assert not report.build().uncertainties


def test_a_cover_line_not_understood_is_reported_not_used():
    cover, report = cover_of("某某公报\n这是一句无法理解的话，用逗号。\n")
    assert cover.name == "某某公报"
    assert any("not understood" in u.message for u in report.build().uncertainties)


@pytest.mark.parametrize("text, joined", [
    ("2024年第\n2期（总第36期）", ["2024年第2期（总第36期）"]),
    ("2024年\n第2期", ["2024年第2期"]),
    ("某某公报\n第2期", ["某某公报", "第2期"]),          # a name is no masthead part
    ("2024年第2期\n（总第36期）", ["2024年第2期", "（总第36期）"]),  # two masthead lines stay two
])
def test_a_masthead_broken_over_two_lines_is_joined(text, joined):
    from gazette_pub.sources.cover import join_broken_mastheads
    report = ReportBuilder("t.txt", "text-issue")
    assert [ln.text for ln in join_broken_mastheads(source_lines(text), report)] == joined
    assert len(report.build().joins) == (len(joined) == 1)


@pytest.mark.parametrize("text", ["不定期发行", "（不定期）", "不 定 期", "不定期出版"])
def test_an_irregular_issue_is_a_frequency(text):
    cover = Cover()
    assert read_masthead(SourceLine(1, text), cover) == "masthead: frequency"
    assert cover.frequency == "不定期"


def test_committee_members_under_a_short_heading_with_letter_spaced_names():
    cover, report = cover_of("某某公报\n编委会\n主　任：陈　东\n编 委：王 明 李 华 张小红\n")
    assert dict(cover.committee) == {"主任": ["陈 东"], "编委": ["王 明", "李 华", "张小红"]}
    assert not report.build().uncertainties


def test_committee_roles_with_their_long_names():
    cover, report = cover_of("某某公报\n编辑委员会\n主任委员：陈东\n副主任委员：王明 李华\n成　员：赵一 钱二\n")
    assert dict(cover.committee) == {"主任委员": ["陈东"], "副主任委员": ["王明", "李华"],
                                     "成员": ["赵一", "钱二"]}
    assert not report.build().uncertainties
