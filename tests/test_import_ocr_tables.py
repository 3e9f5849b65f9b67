"""OCR tables (issue 12 §1.7): a second header row is a header row, the line above a
table is its caption (never the document title), numbered notes under a table are
notes, not headings. Fixtures written from the patterns of real OCR output (pipe and
HTML tables, captions as headings, bold or plain lines), no name of a sample."""

from __future__ import annotations

import pytest

from gazette_pub.model import Heading, Note, TableBlock
from gazette_pub.sources import import_source

HEAD = """# 某某市财政局关于下达2024年某某补助资金的通知

各区县财政局：

现将2024年某某补助资金下达给你们，请按规定使用。

"""
TAIL = """
以上资金请于年内使用完毕。

某某市财政局

2024年4月8日
"""

PIPE_TWO_HEADERS = """| 序号 | 地区 | 补助资金（万元） |  | 备注 |
| --- | --- | --- | --- | --- |
|  |  | 中央资金 | 市级资金 |  |
| 1 | 甲区 | 1200 | 300 |  |
| 2 | 乙区 | 860 | 215 | 含结转 |
"""
PIPE_TWO_HEADERS_LAST = """| 序号 | 地区 | 补助资金（万元） |  |
| :-: | :-- | --: | --: |
|  |  | 中央资金 | 市级资金 |
| 1 | 甲区 | 1200 | 300 |
| 2 | 乙区 | 860 | 215 |
"""
HTML_TWO_HEADERS = """<table><tr><td rowspan="2">序号</td><td rowspan="2">地区</td><td colspan="2">补助资金（万元）</td></tr>
<tr><td>中央资金</td><td>市级资金</td></tr>
<tr><td>1</td><td>甲区</td><td>1200</td><td>300</td></tr>
<tr><td>2</td><td>乙区</td><td>860</td><td>215</td></tr></table>
"""
HTML_TWO_HEADERS_TD = """<table><tr><td>序号</td><td>地区</td><td colspan="2">补助资金（万元）</td></tr>
<tr><td></td><td></td><td>中央资金</td><td>市级资金</td></tr>
<tr><td>1</td><td>甲区</td><td>1200</td><td>300</td></tr>
<tr><td>2</td><td>乙区</td><td>860</td><td>215</td></tr></table>
"""
CAPTIONS = ["## 表1 2024年某某补助资金分配表", "**表1 2024年某某补助资金分配表**",
            "表1 2024年某某补助资金分配表"]


def document(tmp_path, body: str):
    source = tmp_path / "doc.md"
    source.write_text(HEAD + body + TAIL, encoding="utf-8")
    [doc] = import_source(source).issue.documents
    return doc


def tables(doc):
    return [b.table for b in doc.all_blocks() if isinstance(b, TableBlock)]


@pytest.mark.parametrize("table", [PIPE_TWO_HEADERS, PIPE_TWO_HEADERS_LAST, HTML_TWO_HEADERS,
                                   HTML_TWO_HEADERS_TD])
def test_a_second_header_row_is_a_header_row(tmp_path, table):
    [t] = tables(document(tmp_path, table))
    assert len(t.header_rows) == 2
    assert [c.text for c in t.header_rows[1]][:2] == ["中央资金", "市级资金"]
    assert [[c.text for c in r][:4] for r in t.data_rows] == [["1", "甲区", "1200", "300"],
                                                              ["2", "乙区", "860", "215"]]


@pytest.mark.parametrize("caption", CAPTIONS)
@pytest.mark.parametrize("table", [PIPE_TWO_HEADERS, HTML_TWO_HEADERS])
def test_the_line_above_a_table_is_its_caption_not_the_document_title(tmp_path, caption, table):
    doc = document(tmp_path, caption + "\n\n" + table)
    [t] = tables(doc)
    assert t.caption == "表1 2024年某某补助资金分配表"
    assert doc.title == "某某市财政局关于下达2024年某某补助资金的通知"
    texts = [getattr(b, "text", "") for b in doc.blocks]
    assert "表1 2024年某某补助资金分配表" not in texts  # printed once, as the caption


@pytest.mark.parametrize("first, mark", [("注：1. ", "{}. "), ("注：1．", "{}．"), ("注：（1）", "（{}）"),
                                         ("注：\n\n1. ", "{}. ")])
def test_numbered_notes_under_a_table_are_notes_not_headings(tmp_path, first, mark):
    notes = [f"第{n}项说明的内容。" for n in range(1, 13)]
    lines = [first + notes[0]] + [mark.format(n) + text for n, text in enumerate(notes[1:], 2)]
    doc = document(tmp_path, PIPE_TWO_HEADERS + "\n" + "\n\n".join(lines) + "\n")
    remarks = [b.text for b in doc.blocks if isinstance(b, Note) and b.kind == "remark"]
    assert not any(isinstance(b, Heading) for b in doc.blocks)
    assert "".join(remarks).replace("\n", "") == "".join(lines).replace("\n", "")
    assert remarks[-1] == mark.format(12) + "第12项说明的内容。"


def test_a_heading_after_the_notes_that_does_not_go_on_is_still_a_heading(tmp_path):
    doc = document(tmp_path, PIPE_TWO_HEADERS + "\n注：1. 资金按里程分配。\n\n2. 专款专用。\n\n"
                             "一、工作要求\n\n各区县要加强管理。\n")
    assert [b.text for b in doc.blocks if isinstance(b, Heading)] == ["工作要求"]
