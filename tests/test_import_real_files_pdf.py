"""Real government PDFs with a text layer (tests/fixtures/real/pdf, sources in its
SOURCES.md): what each page shows, read by hand from the rendered pages, is what the
import gives — title, 文号, organs, 落款 and date, the tables with their merged cells,
the page furniture discarded — and every CJK character is accounted for."""

from __future__ import annotations

from pathlib import Path

import pytest

from gazette_pub.model import (AttachmentNote, DateLine, Heading, Note, Signature, TableBlock,
                               block_texts)
from gazette_pub.sources import import_source

from .conftest import audit_of_import

PDF = Path(__file__).parent / "fixtures" / "real" / "pdf"
HAINAN = PDF / "hainan-nongji-notice.pdf"
REPORT_2024 = PDF / "hongze-xxgk-report-2024.pdf"
REPORT_2023 = PDF / "hongze-xxgk-report-2023.pdf"
TEMPLATE = PDF / "wps-gongwen-template.pdf"


@pytest.fixture(scope="module")
def imported():
    """Each file imported once for the module."""
    cache: dict[Path, object] = {}

    def get(path: Path):
        if path not in cache:
            cache[path] = import_source(path)
        return cache[path]
    return get


def blocks(doc, kind):
    return [b for b in doc.all_blocks() if isinstance(b, kind)]


def tables(doc):
    return [b.table for b in blocks(doc, TableBlock)]


def reasons(result):
    return [d.reason for d in result.report.discarded]


def test_joint_notice_exported_by_libreoffice(imported):
    """海南省农业农村厅 and 海南省财政厅's notice (LibreOffice export of their .doc, 11 A4
    pages): joint organs over a title on two lines, 主送, the two organs of the 落款
    side by side over the date, （此件主动公开）, the 实施方案 it sends and the 附件 with
    the list of machines. LibreOffice fills a white box behind every paragraph: no
    ruling line, so no table (the whole page was read as one)."""
    result = imported(HAINAN)
    (doc,) = result.issue.documents
    assert doc.title == ("海南省农业农村厅海南省财政厅关于印发2024-2026年海南省农机"
                         "购置与应用补贴实施方案的通知")
    assert (doc.doc_number, doc.organs) == ("", ("海南省农业农村厅", "海南省财政厅"))
    assert str(doc.date) == "2024-07-01"
    assert [b.lines for b in blocks(doc, Signature)] == [("海南省农业农村厅", "海南省财政厅")]
    assert [b.text for b in blocks(doc, DateLine)] == ["2024年7月1日"]
    assert [b.text for b in blocks(doc, Note)] == ["（此件主动公开）"]
    assert tables(doc) == []
    assert [e.title for e in doc.enclosed] == [
        "2024—2026年海南省农机购置与应用补贴实施方案",
        "2024—2026年海南省农机购置与应用补贴机具种类范围"]
    first = [b for b in doc.enclosed[0].blocks if isinstance(b, Heading)]
    assert [h.label for h in first[:3]] == ["一、", "二、", "（一）"]


def test_attachment_name_wrapped_under_its_first_character(imported):
    """The 附件说明 wraps its long name onto a line set under the name's first character
    (GB/T 9704-2012 7.3.4): one name, not two items."""
    (doc,) = imported(HAINAN).issue.documents
    notes = [b for b in doc.enclosed[0].blocks if isinstance(b, AttachmentNote)]
    assert [[a.title for a in n.items] for n in notes] == [
        ["2024—2026年海南省农机购置与应用补贴机具种类范围"]]


def test_short_lines_of_a_list_page_are_not_joined(imported):
    """The last page lists machines in short lines: its longest line is no right edge
    (the document's type area is), so the lines stay apart."""
    (doc,) = imported(HAINAN).issue.documents
    texts = [t for b in doc.enclosed[1].blocks for t in block_texts(b)]
    assert "7.1.1辅助驾驶（系统）设备（含渔船用）" in texts
    assert "15.2.1油料果（籽）脱（剥）壳机" in texts


def test_annual_report_tables_with_merged_cells(imported):
    """洪泽区人民政府's 2024 政府信息公开工作年度报告 (WPS 文字, 5 pages, page numbers -1-):
    title on two centred lines, no 文号, 落款 or date, four ruled tables. The 办理结果
    table runs from p. 3 onto p. 4: its 三、本年度办理结果 and （四）无法提供 cells are
    cut by the page break and made whole again."""
    result = imported(REPORT_2024)
    (doc,) = result.issue.documents
    assert doc.title == "淮安市洪泽区人民政府2024年政府信息公开工作年度报告"
    assert (doc.doc_number, doc.organs, doc.date) == ("", (), None)
    assert blocks(doc, Signature) == [] and blocks(doc, DateLine) == []
    assert reasons(result).count("page furniture: page number") == 5
    found = tables(doc)
    assert len(found) == 4
    results = found[2]
    assert results.n_cols == 10
    spans = {c.text: c.rowspan for row in results.rows for c in row if c.rowspan > 1}
    assert spans["三、本年度办理结果"] == 20
    assert spans["（四）无法提供"] == 3
    assert spans["（五）不予处理"] == 5
    assert [c.text for c in results.rows[-1]][:2] == ["四、结转下年度继续办理", "0"]


def test_part_of_other_width_is_a_table_of_its_own(imported):
    """第二十条's table is four columns on p. 2 and two on p. 3 (Word lets rows differ):
    the p. 3 part is a table of its own, each with a grid its rows fill."""
    (doc,) = imported(REPORT_2024).issue.documents
    first, second = tables(doc)[:2]
    assert (first.n_cols, second.n_cols) == (4, 2)
    assert [c.text for c in second.header_rows[0]] == ["第二十条第（六）项"]
    assert [c.text for c in second.rows[-1]] == ["行政事业性收费", "7545"]


def test_cells_a_page_break_left_open_are_read(imported):
    """The 2023 report: 三、本年度办理结果 set vertically in a cell that runs on past the
    bottom of p. 3 (no rule closes it) and a header row with no top rule at the top of
    p. 3: each cell is read. Its last row on p. 3 has no bottom rule either: it is read
    as text (the start of a split row is drawn so too), its words all kept."""
    result = imported(REPORT_2023)
    (doc,) = result.issue.documents
    assert doc.title == "洪泽区人民政府2023年政府信息公开工作年度报告"
    assert (doc.doc_number, doc.organs, doc.date) == ("", (), None)
    found = tables(doc)
    assert [c.text for c in found[1].header_rows[0]] == ["信息内容", "本年处理决定数量"]
    results = found[2]
    spans = {c.text: c.rowspan for row in results.rows for c in row if c.rowspan > 1}
    assert spans["三、本年度办理结果"] == 11  # its rows on p. 3 (the text row ends the table)
    assert [c.text for c in results.rows[-1]][:2] == ["（四）无法提供", "1.本机关不掌握相关政府信息"]
    texts = [t for b in doc.all_blocks() for t in block_texts(b)]
    assert any(t.startswith("2.没有现成信息需要另行制作") for t in texts)


def test_wps_template_head_page_numbers_and_colophon(imported):
    """A GB/T 9704 template exported by WPS Office: the 发文机关标志 discarded, 文号 and
    title kept, page numbers ``–– 1 ––`` (en dashes) set 7 mm under the type area —
    above the usual margin band — discarded, and the 版记 from its 抄送 row on (抄送,
    分送, 印发, 共印) discarded. Its 落款 is a placeholder (Xxxx), no organ."""
    result = imported(TEMPLATE)
    (doc,) = result.issue.documents
    assert (doc.title, doc.doc_number, doc.organs) == (
        "国防部关于放假的通知", "国防部发〔2012〕21号", ("国防部",))
    assert str(doc.date) == "2012-12-12"
    assert blocks(doc, Signature) == []
    assert reasons(result).count("page furniture: page number") == 2
    colophon = next(d for d in result.report.discarded if d.reason.startswith("版记"))
    assert colophon.text.startswith("抄送：教育局，教育局。")
    assert "共印2份" in colophon.text.replace(" ", "")
    assert all("抄送" not in getattr(b, "text", "") for b in doc.all_blocks())


@pytest.mark.parametrize("path", [HAINAN, REPORT_2024, REPORT_2023, TEMPLATE],
                         ids=lambda p: p.stem)
def test_real_pdf_audits_clean(path, imported, tmp_path):
    result = imported(path)
    audit = audit_of_import(result, path, tmp_path / "issues" / "real" / "2024-01")
    assert audit.source_chars > 100
    assert audit.missing == 0, audit.unexplained


def test_what_a_page_does_not_show_is_no_rule():
    """A box filled white without a stroke (LibreOffice's paragraph background) or a
    stroke in white draws nothing: no ruling line. A stroke in black, a grey fill do."""
    from gazette_pub.sources.pdf_tables import draws
    box = {"object_type": "rect", "stroke": False, "fill": True}
    assert not draws({**box, "non_stroking_color": (1.0, 1.0, 1.0)})
    assert not draws({**box, "non_stroking_color": (0, 0, 0, 0)})  # CMYK white
    assert draws({**box, "non_stroking_color": (0.85,)})
    line = {"object_type": "line", "stroke": True, "fill": False}
    assert not draws({**line, "stroking_color": 1})
    assert draws({**line, "stroking_color": (0, 0, 0)})
    assert draws({"object_type": "char", "text": "一"})


def test_merged_cell_cut_by_the_page_break_is_made_whole():
    """The next part's first row begins with empty cells spanning rows under a cell that
    reaches the last row before the break: they are that cell's rest."""
    from gazette_pub.model import Cell
    from gazette_pub.sources.pdf_tables import carry_merged_cells
    before = ((Cell("甲类", rowspan=2), Cell("1"), Cell("a")), (Cell("2"), Cell("b")))
    after = ((Cell("", rowspan=2), Cell("3"), Cell("c")), (Cell("4"), Cell("d")),
             (Cell("乙类"), Cell("5"), Cell("e")))
    rows, rest, carried = carry_merged_cells(before, after)
    assert carried == 1 and rows[0][0] == Cell("甲类", rowspan=4)
    assert [c.text for c in rest[0]] == ["3", "c"] and rest[1:] == after[1:]
    # an empty cell of one row under a cell of one row: a new row's empty cell, kept
    plain = ((Cell("1"), Cell("a")),)
    assert carry_merged_cells(plain, ((Cell(""), Cell("b")),)) == (
        plain, ((Cell(""), Cell("b")),), 0)
