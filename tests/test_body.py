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
    assert [(p.line, "spans do not fit" in p.message) for p in problems] == [(15, True)]


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


@pytest.mark.parametrize("text", [
    "房屋面积按3*4米计算，系数取7*191", "**加粗**与__下划线__", "`反引号`和``双反引号``",
    "[链接](http://a.b)与![图](x.png)", "<http://a.b>与<b>标签</b>", "&amp;与&#60;",
    "反斜杠\\*星号\\_下划线\\\\", "~~删除线~~与$公式$与^上标^", "|甲|乙|", "行末两个空格",
    "＊全角＊与＿全角＿与｀全角｀", "a_b_c与x*y*z", "{: .date }在中间", "C:\\temp\\new",
])
def test_every_character_inside_a_line_is_text(text):
    """There is no inline markup: what an editor types is what is printed."""
    assert_parses(text + "\n", Paragraph(text))
    assert_parses(f"## {text}\n", Heading(1, "", text))
    assert_parses(f"- {text}\n", ListBlock((text,)))


@pytest.mark.parametrize("source, text", [
    ("\\# 号", "# 号"), ("\\- 项", "- 项"), ("\\{: .date }", "{: .date }"),
    ("\\```", "```"), ("\\\\#", "\\#"), ("\\a", "\\a"), ("1. 总则", "1. 总则"),
    ("* 星号开头", "* 星号开头"), ("+ 加号开头", "+ 加号开头"), ("> 引用", "> 引用"),
    ("-5℃", "-5℃"), ("\\#######", "#######"),
])
def test_a_line_start_escape_is_the_only_escape(source, text):
    assert_parses(source + "\n", Paragraph(text))


@pytest.mark.parametrize("source, line, message", [
    ("正文\n\n```gazette_table\ncaption = \"表\"\n```\n", 13, "unknown fenced block '```gazette_table'"),
    ("```\n代码\n```\n", 11, "unknown fenced block '```'"),
    ("```gazette-table\nrows = []\n", 11, "fence is never closed"),
    ("#标题\n", 11, "a '#' starts a heading only with a blank after it"),
    ("###### 六级\n", 11, "heading level 6 is not supported"),
    ("正文\n\n-\n", 13, "empty list item"),
    ("## 标题\n{: .date }\n", 12, "follows no paragraph"),
    ("正文\n{: .dat }\n", 12, "unknown block class ['dat']"),
    ("正文\n{: }\n", 12, "empty class line"),
])
def test_what_the_grammar_does_not_know_is_an_error_at_its_line(source, line, message):
    blocks, _enclosed, problems = parse_body(source, path="doc.md", line_offset=10)
    assert [(p.path, p.line) for p in problems] == [("doc.md", line)]
    assert message in problems[0].message
    # The raw TOML of an unknown fence is never printed as a paragraph.
    assert not any("caption" in getattr(b, "text", "") for b in blocks)


def test_table_errors_name_each_row_once_at_its_own_line():
    body = ('```gazette-table\nheader_rows = [\n  ["甲", "乙", "丙"],\n]\nrows = [\n'
            '  ["1", "2", "3"],\n  ["4", "5"],\n  ["6", {text = "7", colspen = 2}],\n]\n```\n')
    _blocks, _enclosed, problems = parse_body(body, path="doc.md", line_offset=4)
    assert [(p.line, p.message) for p in problems] == [
        (12, "rows row 3: unknown cell keys ['colspen'] (did you mean 'colspan'?)")]
    body = body.replace("colspen", "colspan").replace('{text = "7", colspan = 2}', '"7", "8"')
    _blocks, _enclosed, problems = parse_body(body, path="doc.md", line_offset=4)
    assert [(p.line, p.message) for p in problems] == [
        (11, "table spans do not fit: rows row 2 covers 2 columns, expected 3")]


def test_toml_errors_inside_a_fence_count_lines_from_the_file_start():
    body = '正文\n\n```gazette-table\ncaption = "表"\nrows = [\n  ["1" "2"],\n]\n```\n'
    _blocks, _enclosed, problems = parse_body(body, path="doc.md", line_offset=6)
    assert [p.line for p in problems] == [12]  # the body's line 6, the row with the error
    assert problems[0].message.startswith("table is not valid TOML: ")
    assert "(at line" not in problems[0].message


def test_unknown_table_key_suggests_the_nearest():
    body = '```gazette-table\ncaptoin = "表"\nrows = [["1"]]\n```\n'
    _blocks, _enclosed, problems = parse_body(body, path="doc.md")
    assert [(p.line, p.message) for p in problems] == [
        (2, "unknown table key 'captoin' (did you mean 'caption'?)")]


def test_two_lists_apart_stay_two_lists():
    assert_parses("- 甲\n- 乙\n\n- 丙\n", ListBlock(("甲", "乙")), ListBlock(("丙",)))


MARKUP_TEXT = [
    "房屋面积按3*4米计算，系数取7*191。", "**不是加粗**与`不是代码`与[不是链接](x)。",
    "# 井号开头的正文。", "- 减号开头的正文。", "{: .date }", "\\反斜杠开头与<b>标签</b>&amp;。",
    "全角＊＿｀＃＜＞［］｜～＾＄＆＋。",
]


def test_imported_text_with_markup_characters_loads_back_exactly(tmp_path):
    """The importer writes bodies through write_body, which escapes what needs it."""
    from gazette_pub.manifest import load_issue
    from gazette_pub.sources import ImportResult, complete_draft, import_source, save_import
    source = tmp_path / "notice.txt"
    source.write_text("关于房屋面积计算的通知\n\n各单位：\n\n" + "\n\n".join(MARKUP_TEXT)
                      + "\n\n示例市人民政府\n\n2024年1月5日\n", encoding="utf-8")
    result = import_source(source, kind="standalone")
    issue = complete_draft(result.issue, year=2024, number=1)
    folder = tmp_path / issue.gazette.id / issue.slug
    save_import(ImportResult(issue, result.report), folder)
    loaded = load_issue(folder).documents
    assert [d.blocks for d in loaded] == [d.blocks for d in issue.documents]
    texts = "".join(b.text for d in loaded for b in d.blocks if isinstance(b, Paragraph))
    assert all(t in texts for t in MARKUP_TEXT[:3])  # (the reader made a list of '- …')
    assert "\\反斜杠开头与<b>标签</b>&amp;。" in texts and MARKUP_TEXT[-1] in texts
