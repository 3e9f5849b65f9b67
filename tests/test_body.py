"""Document bodies: Markdown grammar → blocks, and the writer's exact round trip."""

import textwrap

import pytest

from gazette_pub.body import parse_body, parse_date, split_heading_label, write_body
from gazette_pub.model import (Addressee, Attachment, AttachmentNote, Cell, DateLine, Enclosed, Heading,
                               ListBlock, Note, Paragraph, Signature, Table, TableBlock)


def assert_parses(source: str, *expected):
    blocks, _enclosed, problems = parse_body(textwrap.dedent(source))
    assert problems == []
    assert blocks == expected


def test_heading_levels_and_labels():
    assert_parses("""
        ## 一、总体要求

        ### （一）基本原则。坚持规划引领。

        #### 1.完善配套设施。

        ##### （1）加快改造。

        ## 第一章 总则
        """,
        Heading(1, "一、", "总体要求"), Heading(2, "（一）", "基本原则。坚持规划引领。"),
        Heading(3, "1.", "完善配套设施。"), Heading(4, "（1）", "加快改造。"),
        Heading(1, "第一章", " 总则"))


def test_classed_paragraphs_become_document_parts():
    assert_parses("""
        各区县人民政府：
        {: .addressee }

        示例市人民政府
        示例市财政局
        {: .signature }

        2024年1月5日
        {: .date }

        （此件公开发布）
        {: .note .public }

        附件：1.清单
        2.分工表
        {: .attachment }
        """,
        Addressee("各区县人民政府："), Signature(("示例市人民政府", "示例市财政局")),
        DateLine("2024年1月5日", parse_date("2024年1月5日")), Note("（此件公开发布）", "public"),
        AttachmentNote("附件：1.清单\n2.分工表", (
            Attachment("附件1", "清单"), Attachment("2", "分工表"))))


def test_wrapped_lines_of_a_paragraph_join_without_space_between_cjk():
    assert_parses("第一行文字\n第二行 text\nmore text\n", Paragraph("第一行文字第二行 text more text"))


def test_raw_html_and_links_stay_text():
    assert_parses('<script>alert(1)</script> [x](javascript:alert(1)) &amp;\n',
                  Paragraph('<script>alert(1)</script> [x](javascript:alert(1)) &amp;'))


@pytest.mark.parametrize("text", [
    "1. 以数字和点开头", "- 以减号开头", "# 以井号开头", "> 引用", "* 星号", "+ 加号",
    "含有*星号*和_下划线_和`反引号`", "反斜杠\\和{花括号}和[方括号](链接)", "<b>标签</b>", "100.5亿元",
    "2021.", "全角＃号", "{: .signature }",
])
def test_writer_round_trips_text_that_looks_like_markdown(text):
    blocks = (Paragraph(text), Heading(1, "一、", text), Signature((text, text)),
              ListBlock((text,)), Note(text, "remark"))
    written = write_body(blocks)
    parsed, enclosed, problems = parse_body(written)
    assert problems == [] and enclosed == ()
    assert parsed == blocks


def test_tables_keep_spans_and_group_rows():
    table = Table("表", ((Cell("指标", rowspan=2), Cell("全年", colspan=2)), (Cell("值"), Cell("增长"))),
                  ((Cell("一、生产", colspan=3),), (Cell("GDP"), Cell("1"), Cell("2"))), ("注：初步数",))
    blocks, enclosed, problems = parse_body(write_body((TableBlock(table),), (Enclosed("附件", ()),)))
    assert problems == []
    parsed = blocks[0].table
    assert parsed.header_rows == table.header_rows and parsed.rows == table.rows
    assert parsed.n_cols == 3 and len(parsed.data_rows) == 1 and parsed.is_group_row(parsed.rows[0])
    assert enclosed == (Enclosed("附件", ()),)


def test_table_whose_spans_do_not_fit_is_reported_with_its_line():
    body = 'text\n\n```gazette-table\nheader_rows = [["a", "b"]]\nrows = [["1", "2", "3"]]\n```\n'
    _blocks, _enclosed, problems = parse_body(body, path="doc.md", line_offset=10)
    assert [(p.line, "spans do not fit" in p.message) for p in problems] == [(13, True)]


@pytest.mark.parametrize("text, expected", [
    ("2021年2月28日", "2021-02-28"), ("(2021 年 5 月 14 日)", "2021-05-14"),
    ("二〇二一年二月二十八日", "2021-02-28"), ("2021年2月30日", None), ("无日期", None),
])
def test_dates(text, expected):
    value = parse_date(text)
    assert (value.isoformat() if value else None) == expected


def test_heading_label_needs_a_real_label():
    assert split_heading_label("1.5亿元资金") == ("", "1.5亿元资金")
    assert split_heading_label("（十二）加强监管") == ("（十二）", "加强监管")
