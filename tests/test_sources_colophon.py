"""sources/colophon.py: colophon and back matter after the last document."""

from __future__ import annotations

from gazette_pub.sources.colophon import read_colophon, split_back_matter, strip_trailing_colophon
from gazette_pub.sources.cover import Cover
from gazette_pub.sources.lines import source_lines
from gazette_pub.sources.report import ReportBuilder


def test_letter_spaced_labels_wrapped_values_and_name_lists():
    cover, report = Cover(), ReportBuilder("t.txt", "text-issue")
    read_colophon(source_lines("主 编：张明远\n编辑出版：某某市人民政府办公室\n（某某信息中心）\n"
                               "电　　话：0000-1234567\n"), cover, report)
    assert dict(cover.colophon) == {"主编": ("张明远",),
                                    "编辑出版": "某某市人民政府办公室（某某信息中心）",
                                    "电话": "0000-1234567"}
    [discarded] = report.build().discarded
    assert (discarded.first_line, discarded.last_line) == (1, 4)


def test_a_colophon_after_the_last_document_is_cut_off():
    body = source_lines("正文最后一段。\n某某局\n2024年1月2日\n主办：某某办公室\n地址：某某路1号\n"
                        "电话：1234567\n")
    cover, report = Cover(), ReportBuilder("t.txt", "text-issue")
    rest = strip_trailing_colophon(body, cover, report)
    assert [ln.text for ln in rest] == ["正文最后一段。", "某某局", "2024年1月2日"]
    assert [label for label, _ in cover.colophon] == ["主办", "地址", "电话"]


def test_two_label_lines_are_no_colophon():
    body = source_lines("正文。\n地址：某某路1号\n电话：1234567\n")
    assert strip_trailing_colophon(body, Cover(), ReportBuilder("t.txt", "text-issue")) == body


def test_back_matter_pieces_are_cut_off_with_their_lines():
    body = source_lines("正文。\n本刊简介\n本刊是某某政府主办的刊物。\n征订启事\n欢迎订阅。\n")
    rest, pieces = split_back_matter(body, ReportBuilder("t.txt", "text-issue"))
    assert [ln.text for ln in rest] == ["正文。"]
    assert pieces == ("本刊简介\n本刊是某某政府主办的刊物。", "征订启事\n欢迎订阅。")
