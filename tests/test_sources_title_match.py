"""sources/title_match.py: a 目录 entry's document found in the body."""

from __future__ import annotations

from collections import Counter

from gazette_pub.model import Document
from gazette_pub.sources.lines import source_lines
from gazette_pub.sources.report import ReportBuilder
from gazette_pub.sources.title_match import find_title, lead_in, resolve_number, with_organ_line
from gazette_pub.sources.toc import TocEntry


def test_a_title_wrapped_over_lines_is_found_with_its_number_under_it():
    body = source_lines("上一件的正文。\n某某市人民政府关于\n甲事项的通知\n某政发〔2024〕3号\n正文。\n")
    entry = TocEntry("", "某某市人民政府关于甲事项的通知", "某政发[2024]3号", 3, 1)
    assert find_title(body, 0, entry) == (1, 2)


def test_a_fuzzy_title_needs_the_number_under_it():
    body = source_lines("关于甲事项的通告\n正文。\n")
    entry = TocEntry("", "关于甲事项的通知的补充说明", "某政发[2024]3号", 3, 1)
    assert find_title(body, 0, entry) is None


def test_the_organ_line_above_a_title_the_toc_left_it_out_of():
    body = source_lines("正文。\n某某市人民政府\n关于甲事项的通知\n")
    assert with_organ_line(body, 0, 2, 1) == (1, 2)


def test_a_number_above_the_title_opens_the_document():
    body = source_lines("正文。\n某政发〔2024〕3号\n关于甲事项的通知\n各区：\n")
    assert lead_in(body, 0, 2, 1) == (1, False)


def test_an_ocr_slip_in_the_toc_number_gives_way_to_the_body():
    doc = Document(id="x", seq=1, slug="x", title="t", toc_title="t",
                   doc_number="某政干发〔2024〕5号", doc_number_raw="某政干发〔2024〕5号",
                   organs=(), blocks=())
    entry = TocEntry("", "t", "某政千发[2024]5号", 3, 9)
    report = ReportBuilder("t.txt", "text-issue")
    kept = resolve_number(doc, entry, Counter({"某政干发": 2, "某政千发": 1}), report)
    assert kept.doc_number == "某政干发〔2024〕5号"
    assert report.build().fixes
