"""Property-based tests (Hypothesis) on random documents with Chinese text (issue 7).

Properties:
1. ``parse_body(write_body(blocks))`` gives back exactly ``blocks`` (no text changed),
   for any text, Markdown, HTML and TOML characters and full-width forms included;
2. a random issue saved as a folder builds, every text of its document is in the
   document's HTML page as text (read with XPath, not with the build's own check), and
   the page holds only the elements and attributes the templates write (an allow-list,
   independent of ``sanitize.live_markup``); on fewer examples, the PDF holds the text;
3. loading any gazette.toml, issue.toml or document text, however broken, raises
   nothing but GazetteError;
4. HTML cleaned by ``sanitize.clean_html`` holds no live markup, whatever went in.

Each test counts its examples into the session total printed at the end of the run
(tests/conftest.py ``pytest_terminal_summary``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from lxml import html as lxml_html
from hypothesis import strategies as st

from gazette_pub import checks, pipeline
from gazette_pub.body import INVISIBLE_RE, parse_body, split_heading_label, write_body
from gazette_pub.errors import GazetteError
from gazette_pub.manifest import load_issue
from gazette_pub.save import save_issue
from gazette_pub.model import (Addressee, Cell, Document, Enclosed, Gazette, Heading, Issue, ListBlock,
                               Note, Paragraph, Section, Signature, Table, TableBlock)
from gazette_pub.sanitize import clean_html, live_markup

#: Common characters of gazette text, full-width forms, an Ext-B name character, and the
#: ASCII that Markdown, HTML and TOML treat specially.
ALPHABET = ("关于印发通知的各区县人民政府部门工作方案实施意见加强管理办法规定年月日第条章节"
            "一二三四五六七八九十百（）《》〔〕【】：；，。、“”‘’—…·％ＡＢＣ１２３𠮷"
            "abcXYZ0123456789 #*_`[]\\<>{}&;:\"'/=!-+.|~^$@()"
            "＊＿｀＃＜＞［］｜～＾＄＆＋＼｛｝！－．")
#: Fragments an attacker would type.
HOSTILE = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)",
           "</p><iframe src=//evil.example>", "{: onclick=\"x\" }", "```gazette-table",
           "&lt;b&gt;", "&#60;", "]]>", "-->", "${x}", "{{ x }}", "{% x %}", "\\", "1. ", "# ",
           # Markdown an editor may type as text: emphasis, code, links, escapes, line starts.
           "3*4米", "7*191", "**粗体**", "_斜体_", "`代码`", "[链接](x)", "<http://a.b>", "\\*",
           "\\#", "~~删除~~", "$x^2$", "|甲|乙|", "- ", "+ ", "* ", "> ", "```", "```gazette_table",
           "{: .date }", "{.note}", "## ", "###### ", "\\-", "a  ", "&", "<!-- x -->"]


def _clean(text: str) -> str:
    return " ".join(text.split())


#: One line of text: no leading/trailing or repeated spaces (the body grammar joins lines).
line = st.lists(st.one_of(st.text(ALPHABET, min_size=1, max_size=12), st.sampled_from(HOSTILE)),
                min_size=1, max_size=5).map(lambda parts: _clean("".join(parts))).filter(bool)
cjk_line = st.text(ALPHABET[:90], min_size=1, max_size=30)


@st.composite
def headings(draw):
    level = draw(st.integers(1, 4))
    label = draw(st.sampled_from(["", "一、", "（二）", "3.", "（4）", "第五条"]))
    return Heading(level, *split_heading_label(label + draw(line)))


@st.composite
def tables(draw):
    width = draw(st.integers(1, 4))
    cell = line.map(Cell)
    row = st.lists(cell, min_size=width, max_size=width).map(tuple)
    rows = draw(st.lists(row, min_size=1, max_size=4))
    if width > 1 and draw(st.booleans()):  # a group row labelling the rows below
        rows.insert(0, (Cell(draw(line), colspan=width),))
    return TableBlock(Table(draw(st.one_of(st.just(""), line)),
                            tuple(draw(st.lists(row, max_size=2))), tuple(rows),
                            tuple(draw(st.lists(line, max_size=2)))))


blocks = st.lists(st.one_of(
    line.map(Paragraph), headings(), st.lists(line, min_size=1, max_size=3).map(
        lambda items: ListBlock(tuple(items))),
    tables(), line.map(Addressee),
    st.lists(line, min_size=1, max_size=3).map(lambda lines: Signature(tuple(lines))),
    st.tuples(line, st.sampled_from(["public", "remark"])).map(lambda a: Note(*a)),
), min_size=1, max_size=8).map(tuple)


def without_lines(body: tuple) -> tuple:
    """``body`` with the source lines of tables cleared (the loader records them)."""
    return tuple(TableBlock(dataclasses.replace(b.table, line=None))
                 if isinstance(b, TableBlock) else b for b in body)


@settings(max_examples=150, deadline=None)
@given(blocks)
def test_body_round_trip_keeps_every_character(examples, body):
    examples("round trip")
    text = write_body(body)
    parsed, enclosed, problems = parse_body(text, path="random.md")
    assert (without_lines(parsed), enclosed, problems) == (body, (), [])


#: Any printable text: every character but whitespace, controls, format characters,
#: surrogates and unassigned or private code points (INVISIBLE_RE refuses the rest).
any_text = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Co", "Cn", "Zs",
                                                       "Zl", "Zp")), min_size=1, max_size=40)


@settings(max_examples=300, deadline=None)
@given(st.lists(any_text, min_size=1, max_size=4))
def test_any_text_round_trips_in_every_kind_of_block(examples, texts):
    examples("round trip (any text)")
    text = texts[0]
    body = (Paragraph(text), Heading(2, *split_heading_label(text)), ListBlock(tuple(texts)),
            Signature(tuple(texts)), Note(text, "remark"), Addressee(text))
    parsed, enclosed, problems = parse_body(write_body(body, (Enclosed(text, body),)))
    assert (parsed, enclosed, problems) == (body, (Enclosed(text, body),), [])


def _issue(title: str, body: tuple) -> Issue:
    doc = Document(id="prop-2024-01-01", seq=1, slug="doc", title=title, toc_title=title,
                   doc_number="", doc_number_raw="", organs=(), blocks=body)
    return Issue(gazette=Gazette("prop", "性质测试公报"), year=2024, number=1, cumulative=None,
                 date=dt.date(2024, 1, 15), sections=(Section("文件", (doc,)),))


def _build(title: str, body: tuple, *, pdf: bool) -> pipeline.IssueBuild:
    """Save a one-document issue, then load and build it (checks included)."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "prop" / "2024-01"
        save_issue(_issue(title, body), folder)
        return pipeline.assemble_issue(folder, pdf=pdf, html=True)


#: The elements and attributes the HTML templates write (templates/web/, partials/): a
#: page holding anything else made markup out of gazette text.
PAGE_TAGS = frozenset({
    "html", "head", "meta", "title", "link", "script", "body", "header", "nav", "main",
    "footer", "article", "section", "div", "span", "a", "p", "h1", "h2", "h3", "h4", "h5",
    "ul", "ol", "li", "dl", "dt", "dd", "time", "table", "caption", "thead", "tbody",
    "tr", "th", "td", "colgroup", "col", "br", "small", "strong", "b", "em", "figure",
    "figcaption", "form", "input", "label", "button", "template", "noscript"})
PAGE_ATTRIBUTES = frozenset({
    "class", "id", "href", "rel", "lang", "charset", "content", "name", "property",
    "http-equiv", "type", "role", "aria-label", "aria-labelledby", "aria-level",
    "aria-current", "aria-hidden", "datetime", "rowspan", "colspan", "scope", "data-date",
    "data-page", "data-pagefind-body", "data-pagefind-meta", "data-pagefind-ignore",
    "data-pagefind-filter", "data-pagefind-sort", "data-bookmark", "hreflang", "title",
    "action", "method", "for", "placeholder", "autocomplete", "value", "hidden", "span",
    "media", "sizes", "src", "defer", "integrity", "crossorigin", "start",
    "tabindex", "data-as-printed"})


def _page_oracle(page: str, texts: list[str]) -> None:
    """Independent of the build's checks: the page's elements and attributes are the
    templates' own, no script loads code, and ``texts`` are its article's text in order."""
    tree = lxml_html.document_fromstring(page)
    elements = [e for e in tree.iter() if isinstance(e.tag, str)]
    assert {e.tag for e in elements} <= PAGE_TAGS
    assert {a for e in elements for a in e.attrib} <= PAGE_ATTRIBUTES
    for script in tree.iter("script"):  # the site's own scripts are files of the site
        assert script.get("type") == "application/ld+json" or (
            script.get("src", "").startswith(("/", "../", "static/")) and not script.text)
    (article,) = tree.iter("article")
    flat = "".join(article.text_content().split())
    position = 0
    for text in texts:
        wanted = "".join(text.split())
        found = flat.find(wanted, position)
        assert found >= 0, (text, flat[position:position + 80])
        position = found + len(wanted)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(line, blocks)
def test_random_issue_builds_inert_html_with_all_text(examples, title, body):
    examples("HTML build")
    built = _build(title, body, pdf=False)
    doc = built.issue.documents[0]
    assert without_lines(doc.blocks) == body
    page = next(data.decode("utf-8") for path, data in built.files.items()
                if path.suffix == ".html" and path.name.startswith("01-"))
    _page_oracle(page, [text for _, text in checks.document_texts(doc)])


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cjk_line, st.lists(cjk_line.map(Paragraph), min_size=1, max_size=6).map(tuple))
def test_random_issue_prints_all_text(examples, title, body):
    examples("PDF build")
    built = _build(title, body, pdf=True)  # the PDF conservation check ran inside
    assert without_lines(built.issue.documents[0].blocks) == body


#: Random file contents: any text, undecodable bytes, TOML-looking headers and tables.
file_texts = st.one_of(
    st.text(max_size=300),
    st.binary(max_size=300).map(lambda b: b.decode("utf-8", "surrogateescape")),
    st.builds(lambda head, body: f"+++\n{head}\n+++\n\n{body}\n", st.text(max_size=80),
              st.text(max_size=200)),
    st.builds(lambda key, value: f"[issue]\n{key} = {value}\n", st.text(max_size=12),
              st.text(max_size=40)))


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["2024-01/01-doc.md", "2024-01/issue.toml", "gazette.toml"]), file_texts)
def test_loading_any_file_raises_only_gazette_errors(examples, name, text):
    examples("loader")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "prop" / "2024-01"
        save_issue(_issue("标题", (Paragraph("正文"),)), folder)
        (folder.parent / name).write_bytes(text.encode("utf-8", "surrogateescape"))
        try:
            issue = load_issue(folder)
        except GazetteError:
            return
    texts = [text for doc in issue.documents for _, text in checks.document_texts(doc)]
    assert not any(INVISIBLE_RE.search(text) for text in texts)


#: Pieces of HTML: tags, attributes and URLs that run code or load something.
html_pieces = st.sampled_from([
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<a href='javascript:x'>",
    "<svg onload=x><script>y</script></svg>", "<iframe src=//e>", "<style>p{}</style>",
    "<p style='x'>", "<td rowspan=3 colspan=2 onclick=x>", "<table><tr><th>", "</td>",
    "<meta http-equiv=refresh content=0>", "<base href=//e>", "<!--", "-->", "<object data=x>",
    "<form action=javascript:x>", "<math><mi xlink:href=javascript:x>", "<noscript><p>",
    "<a href=' data:text/html,x'>", "&lt;", "<", ">", "'", '"', "=", " "])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(html_pieces, st.text(ALPHABET, max_size=8)), max_size=25).map("".join))
def test_cleaned_html_is_inert(examples, html):
    examples("sanitizer")
    assert live_markup(clean_html(html)) == []


#: Lines an editor may type that Markdown would have changed, printed in one PDF.
MARKUP_LINES = [
    "房屋面积按3*4米计算，系数取7*191", "**加粗**与__下划线__与`反引号`", "[链接](http://a.b)与<b>标签</b>",
    "反斜杠\\*与\\\\与~~删除~~与$x^2$与|甲|乙|", "全角＊＿｀＃＜＞［］｜～＾＄＆＋与&amp;",
    "# 井号开头", "- 减号开头", "{: .date }", "```gazette_table", "1. 以数字开头",
]


@pytest.fixture(scope="session")
def markup_pdf():
    """One issue whose paragraphs are :data:`MARKUP_LINES`, built once with its PDF."""
    body = tuple(Paragraph(text) for text in MARKUP_LINES)
    built = _build("标记字符的通知", body, pdf=True)
    pdf = next(data for path, data in built.files.items()
               if path.suffix == ".pdf" and path.parent.name == "pdf")
    return built, pdf


def test_markup_characters_print_in_the_pdf(markup_pdf):
    """Read back with pdfplumber (not the build's check): every line is in the PDF text,
    in order. A PDF maps a glyph to one character, so an ASCII mark the print edition sets
    full-width reads back as its full-width form: both sides are folded to ASCII."""
    import io

    import pdfplumber
    built, pdf = markup_pdf
    assert without_lines(built.issue.documents[0].blocks) == tuple(map(Paragraph, MARKUP_LINES))
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        text = "".join(page.extract_text() or "" for page in document.pages)
    fold = {chr(c + 0xFEE0): chr(c) for c in range(0x21, 0x7F) if not chr(c).isalnum()}
    flat = "".join(text.split()).translate(str.maketrans(fold)).replace("\u2060", "")
    position = 0
    for line in MARKUP_LINES:
        wanted = "".join(line.split()).translate(str.maketrans(fold))
        found = flat.find(wanted, position)
        assert found >= 0, (line, flat[position:position + 60])
        position = found + len(wanted)
