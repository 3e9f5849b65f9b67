"""sources/doc_number.py: 文号 forms recognized and normalized, read at a line of a head."""

from __future__ import annotations

import pytest

from gazette_pub.sources.doc_number import (confusable_variants, doc_number_at, doc_number_of_line,
                                            normalize_doc_number, same_order_number)
from gazette_pub.sources.lines import source_lines
from gazette_pub.sources.report import ReportBuilder


@pytest.mark.parametrize("raw, normalized", [
    ("某政发[2024]20 号", "某政发〔2024〕20号"),
    ("某办函（２０２３）７号", "某办函〔2023〕7号"),
    ("某某省人民政府令 第212号", "某某省人民政府令第212号"),
    ("2023年第1号", "2023年第1号"),
    ("第十二条", ""),
    ("本办法自2024年1月1日起施行", ""),
])
def test_normalize_doc_number(raw, normalized):
    assert normalize_doc_number(raw) == normalized


def test_a_doc_number_line_in_parentheses_keeps_its_printed_form():
    assert doc_number_of_line("（某发〔2024〕3号）") == "某发〔2024〕3号"
    assert doc_number_of_line("某某工作方案") is None


def test_order_heading_over_its_number_is_one_order_number():
    lines = source_lines("某某市人民政府令\n第5号\n")
    report = ReportBuilder("t.txt", "test")
    assert doc_number_at(lines, 0, report) == ("某某市人民政府令第5号", 2)
    assert report.build().of_kind("normalization")


def test_doc_number_cut_by_a_break_is_joined_and_reported():
    lines = source_lines("某政发〔2024〕\n15号\n")
    report = ReportBuilder("t.txt", "test")
    assert doc_number_at(lines, 0, report) == ("某政发〔2024〕15号", 2)
    assert [e.line for e in report.build().joins] == [1]


def test_order_numbers_with_a_short_organ_are_the_same_order():
    assert same_order_number("某省政府令第212号", "某某省人民政府令第212号")
    assert not same_order_number("某省政府令第212号", "某某省人民政府令第213号")


def test_ocr_confusables():
    assert confusable_variants("某千发", "某干发")
    assert not confusable_variants("某千发", "某万发")
