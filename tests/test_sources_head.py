"""sources/head.py: the 公文 grammar over a single document's head — roles scored per
line, the best sequence the grammar allows, layout evidence, low margins reported."""

from __future__ import annotations

from gazette_pub.sources.head import read_head
from gazette_pub.sources.lines import SourceLine, source_lines
from gazette_pub.sources.report import ReportBuilder


def _roles(lines, **kwargs):
    report = ReportBuilder("t", "test")
    head = read_head(lines, report, **kwargs)
    return head.roles, [e.message for e in report.build().uncertainties]


def test_gbt9704_order_of_a_red_head_document():
    text = ("某某省人民政府文件\n\n某政发〔2024〕3号\n\n某某省人民政府\n关于加强某项工作的通知\n\n"
            "各市人民政府，省政府各部门：\n\n为了做好某项工作，现通知如下。\n")
    roles, _ = _roles(source_lines(text))
    assert roles == ("mast", "num", "title", "title", "addr")


def test_title_dated_note_and_number_under_the_title():
    text = "某某条例\n（2024年3月1日某某省人民代表大会常务委员会第9次会议通过）\n第一条　为了规范管理，制定本条例。\n"
    assert _roles(source_lines(text))[0] == ("title", "tdate")


def test_byline_under_a_complete_title():
    text = "关于做好某事的通知\n某某局\n各单位：\n现通知如下。\n"
    assert _roles(source_lines(text))[0] == ("title", "byline", "addr")


def test_a_title_printed_twice_is_not_one_title():
    text = "关于做好某事的通知\n关于做好某事的通知\n各单位：\n"
    roles, _ = _roles(source_lines(text))
    assert roles[:2].count("title") == 1  # one of them a copy (a page's title), not one title


def _docx(*rows):
    return [SourceLine(n, text, align=align, size=size, bold=bold)
            for n, (text, align, size, bold) in enumerate(rows, start=1)]


def test_layout_evidence_a_smaller_left_line_is_no_title():
    lines = _docx(("某某工作方案", "center", 22.0, True), ("编制说明", "left", 16.0, False),
                  ("一、编制目的。", "left", 16.0, False))
    assert _roles(lines)[0] == ("title",)
    plain = source_lines("某某工作方案\n编制说明\n一、编制目的。\n")
    assert _roles(plain)[0] == ("title", "title")  # text alone reads both as the title


def test_layout_evidence_a_centred_large_line_goes_on_the_title():
    lines = _docx(("某某市人民政府", "center", 22.0, True), ("城市更新行动", "center", 22.0, True),
                  ("各区人民政府：", "left", 16.0, False))
    assert _roles(lines)[0] == ("title", "title", "addr")


def test_low_margin_is_reported_as_uncertain():
    roles, uncertain = _roles(source_lines("某某公约\n实施细则\n正文。\n"))
    assert roles == ("title", "title")
    assert len(uncertain) == 1 and "rather than the body (score margin" in uncertain[0]
    roles, uncertain = _roles(source_lines("某某公约\n一、正文。\n"))
    assert roles == ("title",) and uncertain == []


def test_reader_found_title_is_kept_first():
    lines = source_lines("一、总体要求\n各单位：\n")
    assert _roles(lines, first_is_title=True)[0][0] == "title"
