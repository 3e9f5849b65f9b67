"""Hostile and broken input (issue 7): one section per threat, fixtures in tests/hostile/.

Every test states the exact outcome: the problems reported (file:line, message),
the error raised, or the bytes and markup produced. README "Security model" lists
the guards these tests hold in place.
"""

from __future__ import annotations

import dataclasses
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path, PurePosixPath

import pytest
from lxml import html as lxml_html

from gazette_pub import checks, pipeline
from gazette_pub.body import MAX_LIST_DEPTH, MAX_TABLE_ROWS, parse_body
from gazette_pub.cli import main
from gazette_pub.errors import ManifestError, OutputError, RenderError, SourceError
from gazette_pub.manifest import load_issue
from gazette_pub.render import pdf as pdf_render
from gazette_pub.sanitize import ALLOWED_TAGS, clean_html, live_markup
from gazette_pub.themes import STYLES_DIR, load_theme

from .conftest import FIXTURES, HOSTILE

DEMO = FIXTURES / "issues" / "demo" / "2024-01"


def run_cli(args: list[str], capsys) -> tuple[int, list[str]]:
    """Exit code and stderr lines of ``gazette ARGS``, with the working folder's prefix cut."""
    code = main(args)
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, err.splitlines()


def problems_of(folder: Path) -> list[str]:
    """Every problem of loading ``folder`` as ``file:line: [field] message``, paths relative."""
    with pytest.raises(ManifestError) as caught:
        load_issue(folder)
    base = str(folder.parent) + os.sep
    return [str(p).replace(base, "") for p in caught.value.problems]


def copy_issue(source: Path, tmp_path: Path) -> Path:
    """A writable copy of the issue folder ``source`` with its gazette.toml."""
    target = tmp_path / "issues" / source.parent.name
    shutil.copytree(source.parent, target, symlinks=True)
    return target / source.name


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


# --------------------------------------------------------------------- 1. script injection

INJECTION = HOSTILE / "01-script-injection"

#: XPath expressions that must select nothing on any page of the HTML edition.
LIVE_MARKUP_XPATHS = [
    "//script[not(@src)][not(@type='application/ld+json')]",
    "//@*[starts-with(translate(name(), 'ON', 'on'), 'on')]",
    "//@href[contains(translate(., 'JAVSCRIPT', 'javscript'), 'javascript:')]",
    "//@src[contains(translate(., 'JAVSCRIPT', 'javscript'), 'javascript:')]",
    "//@href[starts-with(normalize-space(.), 'data:')] | //@src[starts-with(normalize-space(.), 'data:')]",
    "//iframe | //object | //embed | //svg | //base | //style | //@style",
    "//meta[@http-equiv='refresh']",
]


@pytest.fixture(scope="session")
def injection_build(tmp_path_factory):
    """The script-injection issue built once: (IssueBuild, out dir)."""
    out = tmp_path_factory.mktemp("injection")
    report = pipeline.build([INJECTION / "gazette" / "2024-01"], out)
    return report.built[0], out


def html_pages(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


def test_injection_issue_builds_into_pages_inside_the_output(injection_build):
    built, out = injection_build
    assert sorted(p.relative_to(out).as_posix() for p in html_pages(out)) == [
        "hostile/2024-01/01-markdown.html", "hostile/2024-01/02-table.html",
        "hostile/2024-01/index.html"]
    assert all(".." not in path.parts and not path.is_absolute() for path in built.files)


@pytest.mark.parametrize("xpath", LIVE_MARKUP_XPATHS)
def test_no_page_holds_live_markup(injection_build, xpath):
    _, out = injection_build
    for page in html_pages(out):
        assert lxml_html.parse(str(page)).xpath(xpath) == [], f"{page.name}: {xpath}"


def test_live_markup_finds_nothing_in_the_injection_build(injection_build):
    _, out = injection_build
    assert {p.name: live_markup(p.read_text(encoding="utf-8")) for p in html_pages(out)} == {
        "01-markdown.html": [], "02-table.html": [], "index.html": []}


@pytest.mark.parametrize("page, text", [
    ("01-markdown.html", "正文<script>alert('body')</script>继续。"),
    ("01-markdown.html", "关于<script>alert('title')</script>的通知"),
    ("01-markdown.html", "链接[点击](javascript:alert(1))与<javascript:alert(1)>"),
    ("01-markdown.html", "&lt;script&gt;alert('entity')&lt;/script&gt; 与 &#60;b&#62;"),
    ("01-markdown.html", "一、<script>alert('heading')</script>标题"),
    ("02-table.html", "</td></tr></table><script>alert(1)</script>"),
    ("02-table.html", "<script>alert('caption')</script>"),
    ("index.html", "</title><script>alert('section')</script>"),
])
def test_injected_markup_is_shown_as_the_text_it_is(injection_build, page, text):
    _, out = injection_build
    tree = lxml_html.parse(str(out / "hostile" / "2024-01" / page))
    assert text in tree.getroot().text_content()


def test_injected_markup_is_in_the_pdf_as_text(injection_build):
    built, _ = injection_build
    text = checks.comparable(checks.pdf_text(built.files[PurePosixPath(
        "hostile/2024-01/hostile-2024-01.pdf")], content_order=True))
    for wanted in ["正文<script>alert('body')</script>继续。",
                   "图片<imgsrc=\"file:///etc/passwd\"onerror=\"alert(1)\">"]:
        assert wanted in text


def test_every_page_carries_a_content_security_policy(injection_build):
    _, out = injection_build
    for page in html_pages(out):
        policies = lxml_html.parse(str(page)).xpath(
            "//meta[@http-equiv='Content-Security-Policy']/@content")
        assert len(policies) == 1, page.name
        assert "script-src 'self'" in policies[0] and "unsafe-inline" not in policies[0]
        assert "default-src 'none'" in policies[0]


def test_json_ld_holds_hostile_titles_as_data(injection_build):
    _, out = injection_build
    tree = lxml_html.parse(str(out / "hostile" / "2024-01" / "01-markdown.html"))
    (script,) = tree.xpath("//script[@type='application/ld+json']")
    assert json.loads(script.text)["name"] == "关于<script>alert('title')</script>的通知"


def test_attribute_lists_beyond_classes_are_refused():
    blocks, _, problems = parse_body('正文\n{: onclick="alert(1)" style="color:red" }',
                                     path="a.md", line_offset=5)
    assert [str(p) for p in problems] == [
        "a.md:7: [body] unsupported attributes ['onclick', 'style']: only classes such as "
        "{: .date } may follow a block"]


def test_imported_web_page_is_cleaned_to_text_structure():
    cleaned = clean_html((INJECTION / "web-page.html").read_text(encoding="utf-8"))
    tree = lxml_html.fragment_fromstring(cleaned, create_parent="div")
    assert live_markup(cleaned) == []
    assert {e.tag for e in tree.iter()} - {"div"} <= ALLOWED_TAGS
    assert [(e.tag, dict(e.attrib)) for e in tree.iter() if e.attrib] == [
        ("th", {"rowspan": "2"})]
    text = tree.text_content()
    for kept in ["首页", "关于做好工作的通知", "各单位：", "正文第一段。", "项目", "数量", "一", "二",
                 "<script>这是正文中的文字</script>"]:
        assert kept in text
    for dropped in ["window.location", "alert", "evil.example", "comment", "提交", "@import"]:
        assert dropped not in text


def test_ocr_html_table_with_hostile_spans_and_scripts_is_data():
    from gazette_pub.sources.ocr_tables import html_table
    from gazette_pub.sources.report import ReportBuilder
    table = html_table('<table><tr><th>项目<script>alert(1)</script></th>'
                       '<th colspan="9999999">数量</th></tr>'
                       '<tr><td rowspan="abc" onclick="x">一</td><td>二</td></tr></table>',
                       1, ReportBuilder("page.md", "ocr-markdown"))
    assert [[(c.text, c.rowspan, c.colspan) for c in row]
            for row in table.header_rows + table.rows] == [
        [("项目", 1, 1), ("数量", 1, 1)], [("一", 1, 1), ("二", 1, 1)]]


@pytest.mark.parametrize("markup", [
    "able>\n注：<table><tr><td>一</td></tr></table>",
    "<table><tr><td>一</td></tr></table>说明文字",
    "<table><tr><td>一</td></tr></table><table><tr><td>二</td></tr></table>",
    "<script>alert(1)</script>",
])
def test_ocr_html_table_with_text_beside_it_is_refused(markup):
    from gazette_pub.sources.ocr_tables import html_table
    from gazette_pub.sources.report import ReportBuilder
    with pytest.raises(SourceError) as caught:
        html_table(markup, 7, ReportBuilder("page.md", "ocr-markdown"))
    assert str(caught.value) == ("page.md:7: an HTML table must stand on lines of its own "
                                 "(text or markup beside it would be lost)")


# --------------------------------------------------------------------- 2. fetches at render time

FETCH = HOSTILE / "02-render-fetch"


def expected_url(fixture: Path) -> str:
    """The URL a fetch fixture must be refused for, from its first-line comment."""
    first = fixture.read_text(encoding="utf-8").splitlines()[0]
    return first.split("expect:", 1)[1].strip(" */->")


@pytest.fixture(scope="module")
def demo_loaded():
    return load_issue(DEMO), load_theme("default")


@pytest.mark.parametrize("fixture", sorted(FETCH.glob("*.css")), ids=lambda p: p.stem)
def test_theme_css_fetch_is_a_build_error(fixture, demo_loaded):
    issue, theme = demo_loaded
    hostile = dataclasses.replace(theme, print_css=theme.print_css + (fixture,))
    with pytest.raises(RenderError) as caught:
        pdf_render.render_issue_pdf(issue, hostile)
    assert caught.value.path == str(DEMO)
    assert f"refused to fetch '{expected_url(fixture)}'" in caught.value.message


@pytest.mark.parametrize("fixture", sorted(FETCH.glob("*.html")), ids=lambda p: p.stem)
def test_print_html_fetch_is_a_build_error(fixture, demo_loaded):
    """Even fetches WeasyPrint swallows (an image inside SVG) fail the build."""
    issue, theme = demo_loaded
    snippet = fixture.read_text(encoding="utf-8")
    html = pdf_render.print_html(issue, theme).replace("<body", snippet + "<body", 1)
    html = html.replace("</article>", snippet + "</article>", 1)
    with pytest.raises(RenderError) as caught:
        pdf_render.render_issue_pdf(issue, theme, html=html)
    assert f"refused to fetch '{expected_url(fixture)}'" in caught.value.message


@pytest.mark.parametrize("url, reason", [
    ("file:///etc/passwd", "outside the issue folder and the bundled styles"),
    ("file:///root/.ssh/id_rsa", "outside the issue folder and the bundled styles"),
    ("http://127.0.0.1:8000/admin", "no network"),
    ("https://example.com/x.css", "no network"),
    ("ftp://example.com/x", "no network"),
    ("data:text/css,body{}", "no data: URLs"),
    ("file://evil.example/share/x.css", "no network"),
    ("file:///ISSUE/../outside.txt", "outside the issue folder"),
    ("file:///ISSUE/link-out.txt", "outside the issue folder"),
])
def test_fetcher_refuses(tmp_path, url, reason):
    issue = tmp_path / "issue"
    issue.mkdir()
    (tmp_path / "outside.txt").write_text("secret")
    (issue / "link-out.txt").symlink_to(tmp_path / "outside.txt")
    fetcher = pdf_render.SafeFetcher([issue, STYLES_DIR])
    url = url.replace("/ISSUE", str(issue))
    with pytest.raises(pdf_render.RefusedFetch) as caught:
        fetcher.fetch(url)
    assert reason in str(caught.value)
    assert fetcher.refused == [str(caught.value)]


def test_fetcher_reads_issue_files_and_bundled_styles(tmp_path):
    (tmp_path / "seal.svg").write_text("<svg/>")
    fetcher = pdf_render.SafeFetcher([tmp_path, STYLES_DIR])
    assert fetcher.refusal(f"file://{tmp_path}/seal.svg") is None
    assert fetcher.refusal(f"file://{STYLES_DIR}/print.css") is None
    assert fetcher.refused == []


def test_cli_build_with_a_fetching_theme_exits_1_and_writes_nothing(tmp_path, capsys,
                                                                    monkeypatch):
    theme = load_theme("default")
    hostile = dataclasses.replace(theme, print_css=theme.print_css + (
        FETCH / "import-local-file.css",))
    monkeypatch.setattr(pipeline, "issue_theme", lambda issue: hostile)
    out = tmp_path / "dist"
    code, err = run_cli(["build", str(DEMO), "--out", str(out), "--no-cache"], capsys)
    assert code == 1
    assert err == [f"error: {DEMO}: refused to fetch 'file:///etc/passwd': outside the issue "
                   "folder and the bundled styles"]
    assert not (out / "demo").exists()


@pytest.mark.parametrize("name, css", [
    ('宁夏"政报', '"宁夏\\22 政报"'),
    ("a\\b", '"a\\5c b"'),
    ('名";}@import url(file:///etc/passwd);x{content:"', '"名\\22 ;}@import url(file:///etc/passwd);x{content:\\22 "'),
    ("两行\n名称", '"两行\\a 名称"'),
])
def test_running_head_name_cannot_leave_its_css_string(name, css):
    assert pdf_render.css_string(name) == css


def test_hostile_running_head_name_renders_as_text(demo_issue, demo_loaded):
    _, theme = demo_loaded
    gazette = demo_issue.parent / "gazette.toml"
    gazette.write_text(gazette.read_text(encoding="utf-8").replace(
        'short_name = "示例市政府公报"',
        'short_name = "示例\\"; } @page { @top-center { content: url(file:///etc/passwd) } }'
        ' x { content: \\"公报"'), encoding="utf-8")
    issue = load_issue(demo_issue)
    printed = pdf_render.render_issue_pdf(issue, theme)
    assert "@top-center{content:url(file:///etc/passwd)}" in checks.comparable(
        checks.pdf_text(printed.pdf, content_order=True))


# --------------------------------------------------------------------- 3. paths and names

TRAVERSAL = HOSTILE / "03-path-traversal"


def test_odd_document_names_and_links_are_refused_together(tmp_path):
    folder = copy_issue(TRAVERSAL / "gazette" / "2024-01", tmp_path)
    (folder / "02-link.md").symlink_to(folder.parent / "outside.md")
    bad_name = "must look like 'NN-slug.md' (no folders, no '..')"
    assert problems_of(folder) == [
        "gazette.toml:2: [gazette.id] must be a slug: a-z, 0-9 and '-', at most 80 characters",
        "gazette.toml:4: [gazette.theme] must be a slug: a-z, 0-9 and '-', at most 80 "
        "characters",
        "2024-01/issue.toml:8: [sections.0.documents.4] invisible or control character U+0007 "
        "written as a TOML escape is not allowed in the authoritative text; remove it",
        f"2024-01/issue.toml:9: [sections[0].documents] document file name '../outside.md' "
        f"{bad_name}",
        f"2024-01/issue.toml:10: [sections[0].documents] document file name '/etc/passwd' "
        f"{bad_name}",
        f"2024-01/issue.toml:11: [sections[0].documents] document file name '01-a b.md' "
        f"{bad_name}",
        f"2024-01/issue.toml:12: [sections[0].documents] document file name 'sub/01-x.md' "
        f"{bad_name}",
        f"2024-01/issue.toml: [sections[0].documents] document file name '01-bell\\x07.md' "
        f"{bad_name}",
        f"2024-01/issue.toml:14: [sections[0].documents] document file name '01-{'a' * 82}.md' "
        f"{bad_name}",
        f"2024-01/issue.toml:15: [sections[0].documents] document file name '01-UPPER.md' "
        f"{bad_name}",
        f"2024-01/issue.toml:16: [sections[0].documents] document file name '..' {bad_name}",
        "2024-01/issue.toml:17: [sections[0].documents] document '01-ok.md' is listed twice",
        "2024-01/02-link.md: is a symbolic link; the files of an issue must be regular files "
        "inside its folder",
    ]


def test_symlinked_gazette_file_is_refused(demo_issue, tmp_path):
    elsewhere = tmp_path / "elsewhere.toml"
    shutil.move(demo_issue.parent / "gazette.toml", elsewhere)
    (demo_issue.parent / "gazette.toml").symlink_to(elsewhere)
    assert problems_of(demo_issue)[0] == (
        "gazette.toml: is a symbolic link; the files of an issue must be regular files inside "
        "its folder")


# --------------------------------------------------------------------- 4. encodings and characters

ENCODINGS = HOSTILE / "04-encodings"


def load_with(fixture: str, tmp_path: Path):
    """Load a copy of the demo issue whose first document is the fixture ``fixture``."""
    folder = copy_issue(DEMO, tmp_path)
    shutil.copyfile(ENCODINGS / fixture, folder / "01-notice.md")
    return folder


@pytest.mark.parametrize("fixture, problems", [
    ("gbk.md", ["01-notice.md:3: not UTF-8 (byte 0xb9); convert it, or import it with "
                "'gazette import', which detects GB18030"]),
    ("invalid-bytes.md", ["01-notice.md:9: not UTF-8 (byte 0xff); convert it, or import it "
                          "with 'gazette import', which detects GB18030"]),
    ("nul.md", ["01-notice.md:6: invisible or control character U+0000 is not allowed in the "
                "authoritative text; remove it"]),
    ("control-c1.md", [f"01-notice.md:{line}: invisible or control character U+{code} is not "
                       "allowed in the authoritative text; remove it"
                       for line, code in ((6, "0085"), (8, "0007"))]),
    ("zero-width.md", [f"01-notice.md:{line}: invisible or control character U+{code} is not "
                       "allowed in the authoritative text; remove it"
                       for line, code in ((6, "200B"), (8, "200D"))]),
    ("bidi-marks.md", [f"01-notice.md:{line}: invisible or control character U+{code} is not "
                       "allowed in the authoritative text; remove it"
                       for line, code in ((6, "202E"), (8, "200F"))]),
    ("escaped-invisible.md", [
        "01-notice.md:3: [title] invisible or control character U+200B written as a TOML "
        "escape is not allowed in the authoritative text; remove it",
        "01-notice.md:4: [organs.0] invisible or control character U+202E written as a TOML "
        "escape is not allowed in the authoritative text; remove it"]),
])
def test_bad_characters_are_refused_with_file_and_line(fixture, problems, tmp_path):
    folder = load_with(fixture, tmp_path)
    assert [p.replace("2024-01/", "") for p in problems_of(folder)] == problems


@pytest.mark.parametrize("fixture, title, paragraphs", [
    ("utf8-bom.md", "带字节顺序标记的通知", ["正文第一段。"]),
    ("mixed-line-endings.md", "混合换行的通知", ["第一段。", "第二段。", "第三段。", "第四段。"]),
    ("widths.md", "全角ＡＢＣ与半角ABC的通知",
     ["全角：ＡＢＣ１２３（括号）！", "半角：ABC123(括号)!", "混排：第１条与第1条，〔2024〕与[2024]。"]),
    ("ext-b.md", "关于𠮷野家与𡈼姓人员的通知", ["𠮷（U+20BB7）和𡈼（U+2123C）须原样保留。"]),
])
def test_acceptable_encodings_load_exactly(fixture, title, paragraphs, tmp_path):
    doc = load_issue(load_with(fixture, tmp_path)).documents[0]
    assert doc.title == title
    assert [b.text for b in doc.blocks] == paragraphs


@pytest.fixture(scope="module")
def characters_build(tmp_path_factory):
    """The demo issue with the full/half-width and CJK Ext-B documents, built once."""
    tmp = tmp_path_factory.mktemp("characters")
    folder = copy_issue(DEMO, tmp)
    text = (ENCODINGS / "ext-b.md").read_text(encoding="utf-8")
    (folder / "01-notice.md").write_text(text, encoding="utf-8")
    widths = (ENCODINGS / "widths.md").read_text(encoding="utf-8")
    (folder / "02-plan.md").write_text(widths.replace("seq = 1", "seq = 2"), encoding="utf-8")
    return pipeline.assemble_issue(folder, html=True, pdf=True)


@pytest.mark.parametrize("path, edition", [
    ("demo/2024-01/pdf/01-notice.pdf", "pdf"), ("demo/2024-01/01-notice.html", "html"),
    ("demo/2024-01/pdf/02-plan.pdf", "pdf"), ("demo/2024-01/02-plan.html", "html"),
])
def test_wide_and_supplementary_characters_survive_both_editions(characters_build, path,
                                                                 edition):
    """Exact in HTML; in the PDF too, except that an ASCII mark set with its full-width
    glyph reads back as the full-width mark (checks.PDF_MARKS_FOLD)."""
    data = characters_build.files[PurePosixPath(path)]
    fold = checks.PDF_MARKS_FOLD if edition == "pdf" else {}
    text = checks.comparable(checks.pdf_text(data, content_order=True) if edition == "pdf"
                             else checks.html_text(data.decode("utf-8"))).translate(fold)
    doc = characters_build.issue.documents[0 if "01-" in path else 1]
    for wanted in [doc.title] + [b.text for b in doc.blocks]:
        assert checks.comparable(wanted).translate(fold) in text


def test_pdf_fold_joins_only_marks_with_their_full_width_forms():
    assert "（括号）！，：ＡＢＣ１２３".translate(checks.PDF_MARKS_FOLD) == "(括号)!,:ＡＢＣ１２３"


def test_character_without_glyph_is_a_clear_render_error(tmp_path):
    issue = load_issue(load_with("missing-glyph.md", tmp_path))
    with pytest.raises(RenderError) as caught:
        pdf_render.render_issue_pdf(issue, load_theme("default"))
    assert ("01-notice.md: block 1 (paragraph): no glyph for '𠀀' U+20000 "
            "(CJK UNIFIED IDEOGRAPH-20000)") in caught.value.message


@pytest.mark.parametrize("data, text", [
    ("正文。\r\n第二行".encode("gb18030"), "正文。\n第二行"),
    ("国标扩展𠮷".encode("gb18030"), "国标扩展𠮷"),
    (b"\xef\xbb\xbf" + "带标记".encode(), "带标记"),
])
def test_importer_decodes_chinese_encodings_without_mojibake(data, text):
    from gazette_pub.sources.decode import decode_source
    from gazette_pub.sources.report import ReportBuilder
    assert decode_source(data, "in.txt", ReportBuilder("in.txt", "text-issue")) == text


@pytest.mark.parametrize("encoding", ["big5", "shift_jis"])
def test_importer_refuses_other_cjk_encodings_instead_of_garbling_them(encoding):
    """Big5 or Shift_JIS bytes often decode as GB18030 without an error: detected, refused."""
    from gazette_pub.sources.decode import decode_source
    from gazette_pub.sources.report import ReportBuilder
    text = {"big5": "臺灣省政府公報：本府為推動資訊公開，特訂定本辦法，請各機關配合辦理。",
            "shift_jis": "官報：本日、政府は情報公開に関する規則を定め、各機関に通知した。"}[encoding]
    data = (text * 3).encode(encoding)
    data.decode("gb18030")  # the danger: no error, only mojibake
    with pytest.raises(SourceError) as caught:
        decode_source(data, "in.txt", ReportBuilder("in.txt", "text-issue"))
    assert "not GB18030/GBK" in caught.value.message and caught.value.path == "in.txt"


def test_importer_refuses_undecodable_bytes_with_the_line():
    from gazette_pub.sources.decode import decode_source
    from gazette_pub.sources.report import ReportBuilder
    with pytest.raises(SourceError) as caught:
        decode_source("第一行\n第二行".encode() + b"\xff\xff\xff\n",
                      "in.txt", ReportBuilder("in.txt", "text-issue"))
    assert caught.value.path == "in.txt" and caught.value.line == 2


# --------------------------------------------------------------------- 5. malformed manifests

MALFORMED = HOSTILE / "05-malformed"

MANY_FAULTS = [
    "gazette.toml:1: [gazette.name] missing required field 'name'",
    "gazette.toml:4: [gazette.slogans] 'slogans' must be list, not str",
    "2024-01/issue.toml:5: [issue.colour] unknown field 'colour'",
    "2024-01/01-a.md:9: [body] date line '2021年2月30日' holds no valid date",
    "2024-01/02-b.md:2: [title] missing required field 'title'",
    "2024-01/02-c.md:4: [toc_page] 'toc_page' must be int, not str",
    "2024-01/issue.toml:9: [sections[0].documents] document file '04-missing.md' does not "
    "exist in 2024-01/",
    # Each bad row once, at its own line, numbered within its list.
    "2024-01/05-table.md:12: [body] table spans do not fit: rows row 1 covers 4 columns, "
    "expected 3",
    "2024-01/05-table.md:13: [body] table spans do not fit: rows row 2: a rowspan reaches past "
    "the last row",
    "2024-01/05-table.md:13: [body] table spans do not fit: rows row 2 covers 2 columns, "
    "expected 3",
    "2024-01/06-bad-toml.md:4: invalid TOML: Cannot overwrite a value",
    "2024-01/02-c.md:2: [seq] seq 2 is also used by 02-b.md",
    "2024-01/02-b.md:3: [doc_number] 文号 示发〔2024〕1号 is also used by 01-a.md",
    "2024-01/issue.toml:13: [sections] document file '07-unlisted.md' is not listed in any "
    "section; add it to a section's documents",
    "2024-01/issue.toml:8: [sections.title] section '文件' appears twice",
]


def test_every_fault_is_reported_at_once_with_file_and_line(tmp_path):
    assert problems_of(copy_issue(MALFORMED / "many-faults" / "2024-01", tmp_path)) == MANY_FAULTS


@pytest.mark.parametrize("command", ["check", "build"])
def test_cli_reports_every_fault_and_exits_1(command, tmp_path, capsys, monkeypatch):
    folder = copy_issue(MALFORMED / "many-faults" / "2024-01", tmp_path)
    monkeypatch.chdir(folder.parent.parent)
    args = [command, f"{folder.parent.name}/2024-01"]
    code, err = run_cli(args + (["--out", "dist"] if command == "build" else []), capsys)
    assert code == 1
    prefix = "error: " if command == "build" else ""
    assert err == [f"{prefix}many-faults/{line}" for line in MANY_FAULTS]
    assert not (folder.parent.parent / "dist" / "faults").exists()


def test_date_time_is_not_a_publication_date(demo_issue):
    toml = demo_issue / "issue.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace(
        "date = 2024-01-15", "date = 2024-01-15T10:00:00"), encoding="utf-8")
    assert problems_of(demo_issue) == [
        "2024-01/issue.toml:5: [issue.date] must be a date (YYYY-MM-DD), not a date-time"]


def test_date_that_does_not_exist_in_issue_toml(tmp_path):
    assert problems_of(copy_issue(MALFORMED / "bad-toml" / "2024-01", tmp_path)) == [
        "2024-01/issue.toml:4: invalid TOML: Invalid date or datetime"]


# --------------------------------------------------------------------- 6. resource limits

def test_ten_megabyte_document_is_refused_before_reading(demo_issue):
    with open(demo_issue / "02-plan.md", "wb") as handle:
        handle.truncate(10 * 1024 * 1024)  # sparse: costs no disk, would cost 10 MB to read
    assert problems_of(demo_issue) == [
        "2024-01/02-plan.md: file is 10485760 bytes, more than the limit of 2097152; "
        "split the document"]


def test_issue_over_the_size_limit_is_refused(demo_issue):
    body = "这是一段用来凑足篇幅的正文。" * 40 + "\n\n"
    for name in ("01-notice.md", "02-plan.md", "03-stats.md"):
        path = demo_issue / name
        text = path.read_text(encoding="utf-8")
        path.write_text(text + body * (1_900_000 // len(body.encode())), encoding="utf-8")
    problems = problems_of(demo_issue)
    assert len(problems) == 1
    assert problems[0].startswith("2024-01/03-stats.md: the issue's files reach ")
    assert problems[0].endswith("bytes here, more than the limit of 4194304 (about 1,000 "
                                "pages); split the issue")


def test_five_thousand_row_table_is_refused():
    rows = "".join(f'  ["{n}", "项目{n}"],\n' for n in range(5000))
    text = f'```gazette-table\ncaption = "大表"\nrows = [\n{rows}]\n```\n'
    _, _, problems = parse_body(text, path="t.md", line_offset=4)
    assert [str(p) for p in problems] == [
        f"t.md:5: [body] table has 5000 rows, more than the limit of {MAX_TABLE_ROWS}; "
        "split it into several tables"]


def test_huge_spans_are_refused_without_building_the_grid():
    text = ('```gazette-table\nrows = [\n' + '  [{text = "大", rowspan = 100000, colspan = 100000}],\n'
            * 3 + ']\n```\n')
    _, _, problems = parse_body(text, path="t.md")
    assert [str(p) for p in problems] == [
        f"t.md:{2 + row}: [body] rows row {row}: rowspan must be a whole number from 1 to 2000 "
        "and colspan from 1 to 64" for row in (1, 2, 3)]


def test_deeply_nested_list_fixture_is_refused_by_line(tmp_path):
    folder = copy_issue(DEMO, tmp_path)
    shutil.copyfile(HOSTILE / "06-resource-limits" / "deep-list.md", folder / "01-notice.md")
    problems = problems_of(folder)
    depth = MAX_LIST_DEPTH
    assert problems == [f"2024-01/01-notice.md:{6 + level}: [body] indented {4 * level} spaces: "
                        f"lists nest at most {depth} levels (four spaces each)"
                        for level in range(depth, 30)]


def test_thousand_level_list_is_refused_not_a_recursion_error():
    text = "\n".join("    " * level + "- 项" for level in range(1000))
    blocks, enclosed, problems = parse_body(text, path="deep.md")
    assert (blocks, enclosed, len(problems)) == ((), (), 1000 - MAX_LIST_DEPTH)


def test_import_larger_than_an_issue_is_refused_before_reading(tmp_path):
    from gazette_pub.sources import import_source
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.truncate(10 * 1024 * 1024)
    with pytest.raises(SourceError) as caught:
        import_source(path)
    assert str(caught.value) == (f"{path}: file is 10485760 bytes, more than an issue may hold "
                                 "(4194304); split it")


def test_issue_laying_out_to_too_many_pages_is_refused(demo_loaded, monkeypatch):
    issue, theme = demo_loaded
    monkeypatch.setattr(pdf_render, "MAX_PAGES", 2)
    with pytest.raises(RenderError) as caught:
        pdf_render.render_issue_pdf(issue, theme)
    assert caught.value.message.endswith("pages, more than the limit of 2; split the issue")


# --------------------------------------------------------------------- 7. atomic, reproducible

KILLED_BUILD = HOSTILE / "07-atomic-output" / "killed_build.py"


def gazette_build(folder: Path, out: Path, **env) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gazette_pub.cli", "build", str(folder),
                           "--out", str(out), "--no-cache"], capture_output=True, text=True,
                          env={**os.environ, **env}, timeout=300)


@pytest.fixture
def previous_output(demo_issue, tmp_path):
    """(issue folder, out dir, snapshot): a first build, then an edited document."""
    out = tmp_path / "dist"
    pipeline.build([demo_issue], out)
    before = snapshot(out)
    notice = demo_issue / "01-notice.md"
    notice.write_text(notice.read_text(encoding="utf-8").replace("为推进城市更新", "为加快城市更新"),
                      encoding="utf-8")
    return demo_issue, out, before


def test_failed_build_leaves_the_previous_output_intact(previous_output, capsys):
    folder, out, before = previous_output
    (folder / "02-plan.md").write_text("no header", encoding="utf-8")
    code, err = run_cli(["build", str(folder), "--out", str(out), "--no-cache"], capsys)
    assert code == 1
    assert snapshot(out) == before


@pytest.mark.parametrize("moment", ["staging", "swap"])
def test_killed_build_leaves_the_previous_output_intact(previous_output, moment):
    folder, out, before = previous_output
    killed = subprocess.run([sys.executable, str(KILLED_BUILD), str(folder), str(out), moment],
                            capture_output=True, text=True, timeout=300)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert {k: v for k, v in snapshot(out).items() if not k.startswith("demo/.")} == before
    pipeline.build([folder], out)  # the next build clears what the killed one left
    assert sorted(p.name for p in (out / "demo").iterdir()) == ["2024-01"]
    assert "为加快城市更新" in (out / "demo" / "2024-01" / "01-notice.html").read_text("utf-8")


def test_two_builds_are_byte_identical(tmp_path):
    first = gazette_build(DEMO, tmp_path / "a", PYTHONHASHSEED="1", SOURCE_DATE_EPOCH="0")
    second = gazette_build(DEMO, tmp_path / "b", PYTHONHASHSEED="2",
                           SOURCE_DATE_EPOCH="2000000000")
    assert (first.returncode, second.returncode) == (0, 0), first.stderr + second.stderr
    a, b = snapshot(tmp_path / "a" / "demo"), snapshot(tmp_path / "b" / "demo")
    assert sorted(a) == sorted(b)
    assert [name for name in a if a[name] != b[name]] == []
    from pypdf import PdfReader
    metadata = PdfReader(io.BytesIO(a["2024-01/demo-2024-01.pdf"])).metadata
    assert metadata.creation_date.date().isoformat() == "2024-01-15"  # the issue date


def test_concurrent_builds_of_one_issue_do_not_corrupt_each_other(tmp_path):
    reference = gazette_build(DEMO, tmp_path / "reference")
    assert reference.returncode == 0, reference.stderr
    out = tmp_path / "shared"
    command = [sys.executable, "-m", "gazette_pub.cli", "build", str(DEMO), "--out", str(out),
               "--no-cache"]
    runs = [subprocess.Popen(command, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    assert [run.wait(timeout=300) for run in runs] == [0, 0], [r.stderr.read() for r in runs]
    assert snapshot(out / "demo") == snapshot(tmp_path / "reference" / "demo")


def test_threads_writing_one_issue_leave_one_complete_copy(demo_build, tmp_path):
    report, _ = demo_build
    built = report.built[0]
    out = tmp_path / "dist"
    errors = []

    def write_repeatedly():
        try:
            for _ in range(5):
                pipeline.write_issue(built, out)
        except Exception as exc:  # an unlocked swap (a folder vanished under it), a racy
            errors.append(exc)    # folder check: any thread's failure fails the test
    threads = [threading.Thread(target=write_repeatedly) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(p.name for p in (out / "demo").iterdir()) == ["2024-01"]
    issue_files = {PurePosixPath(*p.parts[2:]).as_posix(): d for p, d in built.files.items()
                   if p.parts[:2] == ("demo", "2024-01")}
    assert snapshot(out / "demo" / "2024-01") == issue_files


# --------------------------------------------------------------------- 8. nothing lost

def test_build_fails_when_the_print_style_hides_text(tmp_path, capsys, monkeypatch):
    theme = load_theme("default")
    hiding = dataclasses.replace(theme, print_css=theme.print_css + (
        HOSTILE / "08-text-loss" / "hide-notes.css",))
    monkeypatch.setattr(pipeline, "issue_theme", lambda issue: hiding)
    code, err = run_cli(["build", str(DEMO), "--out", str(tmp_path / "dist"), "--no-cache"],
                        capsys)
    assert code == 1
    assert err == [
        "error: 01-notice.md: [block 3 (signature)] the PDF edition (demo/2024-01/pdf/"
        "01-notice.pdf) lost text: missing block 3 (signature) '示例市人民政府'; block 5 (note) "
        "'（此件公开发布）'",
        "error: 02-plan.md: [block 7 (signature)] the PDF edition (demo/2024-01/pdf/"
        "02-plan.pdf) lost text: missing block 7 (signature) '示例市人民政府办公室'",
    ]
    assert not (tmp_path / "dist" / "demo").exists()


def test_conservation_ignores_word_joiners_and_spaces(demo_build):
    report, _ = demo_build
    built = report.built[0]
    doc = built.issue.documents[1]
    page = built.files[PurePosixPath("demo/2024-01/02-plan.html")].decode("utf-8")
    joined = page.replace("安全生产", "安\u2060全 生\u00ad产")
    assert checks.lost_text(doc, checks.html_text(joined)) is None


#: Edits of the demo page and the problem the text check names (None: nothing is lost).
CONSERVATION_CHANGES = [
    (("隐患排查整治", "隐患排查"), "[block 6 (paragraph)] missing block 6 (paragraph) "
     "'开展隐患排查整治，确保群众过一个欢乐祥和的春节。'"),
    (("确保群众", "确保羣众"), "[block 6 (paragraph)] missing block 6 (paragraph) "
     "'开展隐患排查整治，确保群众过一个欢乐祥和的春节。'"),
    (("各地各部门要落实安全生产责任制。", ""),
     "[block 4 (paragraph)] missing block 4 (paragraph) '各地各部门要落实安全生产责任制。'"),
    (("示例市人民政府办公室</p>", "</p>"),
     "[block 7 (signature)] missing block 7 (signature) '示例市人民政府办公室'"),
    (("示政办发〔2024〕3号", ""), "[doc_number] missing doc_number '示政办发〔2024〕3号'"),
    (("一、压实责任", "一、压实"), "[block 3 (heading)] missing block 3 (heading) '一、压实责任'"),
    (("春节期间", "春节 期间"), None),
]


@pytest.mark.parametrize("change, problem", CONSERVATION_CHANGES)
def test_conservation_names_the_lost_text(demo_build, change, problem):
    report, _ = demo_build
    built = report.built[0]
    doc = built.issue.documents[1]
    page = built.files[PurePosixPath("demo/2024-01/02-plan.html")].decode("utf-8")
    assert change[0] in page
    # Made everywhere: the page may show a text twice (the 文号 also in the document's facts).
    found = checks.lost_text(doc, checks.html_text(page.replace(*change)))
    assert (None if found is None else str(found)) == (
        None if problem is None else f"02-plan.md: {problem}")


def test_live_markup_in_a_page_fails_the_check(demo_build):
    report, _ = demo_build
    built = report.built[0]
    files = dict(built.files)
    page = PurePosixPath("demo/2024-01/index.html")
    files[page] = files[page].replace(b"</body>", b"<img src=x onerror=alert(1)></body>")
    with pytest.raises(OutputError) as caught:
        checks.check_output(built.issue, files)
    assert [str(p) for p in caught.value.problems] == [
        "demo/2024-01/index.html: live markup in the HTML edition: <img onerror=…> event handler"]
