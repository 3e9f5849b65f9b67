"""Real public .docx, .doc and .pdf files (tests/fixtures/real/docx, pdf; sources in
tests/fixtures/real/SOURCES.md): what each says, read by hand, is what the import
gives — title, 文号 (none), organs, headings, tables with their spans — every
character accounted for; formats that cannot be read are refused with a message."""

from __future__ import annotations

from pathlib import Path

import pytest

from gazette_pub.errors import SourceError
from gazette_pub.model import Heading, TableBlock
from gazette_pub.sources import import_source

from .conftest import audit_of_import

REAL = Path(__file__).parent / "fixtures" / "real"
RULES = REAL / "docx" / "university-rules-attachment4.docx"
SCHEDULE = REAL / "docx" / "university-schedule-attachment2.docx"
REFERENCES = REAL / "docx" / "university-references-wps.docx"


@pytest.fixture(scope="module")
def rules():
    return import_source(RULES)


@pytest.fixture(scope="module")
def schedule():
    return import_source(SCHEDULE)


def test_rules_sent_as_an_attachment(rules):
    """附件4 of a university notice (Word 2013): its label over a title in two centred
    paragraphs, articles 第一条 … 第七条 with （一） items, no 文号, 落款 or date."""
    (doc,) = rules.issue.documents
    assert doc.title == "西安电子科技大学优才海外访学项目实施细则"
    assert (doc.doc_number, doc.organs, doc.date) == ("", (), None)
    label = next(d for d in rules.report.discarded if d.reason.startswith("附件 label"))
    assert label.text.strip() == "附件4"
    articles = [b.label for b in doc.all_blocks() if isinstance(b, Heading) and b.level == 1]
    assert articles == [f"第{n}条" for n in "一二三四五六七"]
    last = [b for b in doc.all_blocks()][-1]
    # the date is a tracked insertion: Word shows it, so it is text
    assert "本办法自2018年4月9日起实施" in last.text


def test_schedule_table_without_header_row(schedule):
    """附件2: a table of 14 days, no header row (the first row is 第1天, shaped as the
    rows under it), two rows with a cell across two columns."""
    (doc,) = schedule.issue.documents
    assert doc.title == "项目日程"
    (table,) = [b.table for b in doc.all_blocks() if isinstance(b, TableBlock)]
    assert table.caption == ""  # no caption line of its own: the title is not repeated
    assert table.header_rows == ()
    assert [row[0].text for row in table.rows] == [f"第{n}天" for n in range(1, 15)]
    assert table.rows[1][1].text == "哈佛欢迎仪式\n哈佛教授致欢迎词致辞\n项目导航、哈佛大学介绍"
    spans = [(row[0].text, row[1].text, row[1].colspan) for row in table.rows
             if row[1].colspan > 1]
    assert spans == [("第6天", "人文体验：查尔斯河、波士顿海湾等", 2), ("第7天", "自由活动", 2)]


@pytest.mark.parametrize("path", [RULES, SCHEDULE, REFERENCES], ids=lambda p: p.stem)
def test_real_docx_audits_clean(path, tmp_path):
    result = import_source(path)
    audit = audit_of_import(result, path, tmp_path / "issues" / "real" / "2018-01")
    assert audit.source_chars > 700
    assert audit.missing == 0, audit.unexplained


def test_wps_written_rules_with_merged_cells():
    """附件5 of a university's 教务处, written by WPS Office: label, title over two
    paragraphs, numbered items, four tables; in the fourth 序号 and 文献类型 span the
    two rows of each entry (format, example)."""
    result = import_source(REFERENCES)
    (doc,) = result.issue.documents
    assert doc.title == "山东财经大学本科毕业论文（设计）参考文献规范格式"
    assert (doc.doc_number, doc.organs, doc.date) == ("", (), None)
    assert next(d.text for d in result.report.discarded
                if d.reason.startswith("附件 label")).strip() == "附件5"
    tables = [b.table for b in doc.all_blocks() if isinstance(b, TableBlock)]
    assert [len(t.header_rows) + len(t.rows) for t in tables] == [4, 2, 2, 19]
    assert [c.text for c in tables[3].header_rows[0]] == ["序号", "文献类型", "格式及示例"]
    starts = [row for row in tables[3].rows if len(row) == 3]
    assert [(r[0].text, r[0].rowspan, r[1].text, r[1].rowspan) for r in starts][:2] == [
        ("1", 2, "学术期刊", 2), ("2", 2, "学术著作", 2)]
    assert len(starts) == 9
    labels = [b.label for b in doc.all_blocks() if isinstance(b, Heading)]
    assert labels[:4] == ["1．", "2.", "（1）", "（2）"]


def test_real_wps_doc_is_refused_by_name():
    """A form saved by WPS Office as Word 97–2003 .doc: named, with what to do."""
    with pytest.raises(SourceError, match=r"Word 97–2003 document \(\.doc.*save it as \.docx"):
        import_source(REAL / "docx" / "health-form-wps.doc")


def test_real_pdf_without_text_layer_is_refused():
    """A real public PDF printed with Microsoft Print to PDF: its text is drawn as images
    and paths, no characters."""
    with pytest.raises(SourceError, match="no text layer"):
        import_source(REAL / "pdf" / "print-to-pdf-no-text-layer.pdf")
