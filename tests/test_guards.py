"""Tests that kill the mutants of the guards (issue 14 §5; tools/mutation.sh runs them).

Each test names the weakening it catches: a guard that still passes its other tests
after the change would let the build publish live markup, lose text, or mix outputs.
"""

from __future__ import annotations

import dataclasses
import errno
import os
import shutil
from pathlib import Path

import pytest

from tests.test_hostile import CONSERVATION_CHANGES

from gazette_pub import pipeline
from gazette_pub.checks import PDF_MARKS_FOLD, comparable, lost_text
from gazette_pub.model import Document, Paragraph
from gazette_pub.sanitize import ACTIVE_URL_RE, clean_html, live_markup
from gazette_pub.sources.doc_number import normalize_doc_number

from .conftest import FIXTURES

DEMO = FIXTURES / "issues" / "demo" / "2024-01"


# --------------------------------------------------------------------------- live markup

@pytest.mark.parametrize("page, kind", [
    ('<p style="background:url(//evil.example/x)">文</p>', "inline style"),
    ("<p STYLE=color:red>文</p>", "inline style"),
    ('<a href="data:text/html,<script>alert(1)</script>">文</a>', "active URL"),
    ('<img src="DATA:image/svg+xml,x">', "active URL"),
    ('<script src="//evil.example/x.js"></script>', "<script>"),
    ('<script src="https://evil.example/x.js"></script>', "<script>"),
    ('<script>alert(1)</script>', "<script>"),
    ('<a href="  javascript:alert(1)">文</a>', "active URL"),
    ('<a href="\tjavascript :alert(1)">文</a>', "active URL"),
    ('<a href="\x01vbscript:x">文</a>', "active URL"),
    ('<iframe src="/x.html"></iframe>', "<iframe> element"),
    ('<object data="/x"></object>', "<object> element"),
    ('<base href="/">', "<base> element"),
    ('<meta http-equiv="Refresh" content="0;url=/x">', "refresh"),
    ("<style>p{}</style>", "<style> element"),
    ('<p onclick="x()">文</p>', "event handler"),
])
def test_live_markup_names_each_way_to_run_code(page, kind):
    found = live_markup(f"<html><body>{page}</body></html>")
    assert any(kind in item for item in found), found


@pytest.mark.parametrize("page", [
    '<script src="/static/search.js"></script>', '<script src="../static/x.js"></script>',
    '<script type="application/ld+json">{"a": 1}</script>', '<a href="/2024-01/">文</a>',
    '<a href="x.html#javascript:">文</a>', "<p>javascript:alert(1) 是文字</p>",
])
def test_live_markup_allows_the_sites_own_scripts_links_and_text(page):
    assert live_markup(f"<html><body>{page}</body></html>") == []


def test_active_url_pattern_ignores_leading_blanks_and_case():
    assert ACTIVE_URL_RE.match("   JavaScript:alert(1)")
    assert ACTIVE_URL_RE.match("\x00data:x")
    assert not ACTIVE_URL_RE.match("/javascript:x")


def test_cleaned_html_keeps_text_and_spans_only():
    cleaned = clean_html('<table><tr><td rowspan="2" colspan="99999" style="x" onclick="y">文'
                         "<script>z</script></td></tr></table>")
    assert "rowspan=\"2\"" in cleaned and "colspan" not in cleaned
    assert "style" not in cleaned and "onclick" not in cleaned and "z" not in cleaned
    assert "文" in cleaned


# --------------------------------------------------------------------------- text check

def _doc(*texts: str) -> Document:
    return Document(id="t-2024-01-01", seq=1, slug="t", title="标题", toc_title="标题",
                    doc_number="", doc_number_raw="", organs=(),
                    blocks=tuple(Paragraph(t) for t in texts))


@pytest.mark.parametrize("lost", ["1", "A", "％", "〔", "𠮷", "㐀", "丽", "*", "_"])
def test_text_check_finds_any_lost_character(lost):
    doc = _doc(f"第{lost}项", "下一段")
    assert lost_text(doc, "标题 第项 下一段") is not None
    assert lost_text(doc, f"标题 第{lost}项 下一段") is None


def test_text_check_ignores_only_whitespace_and_invisible_format_characters():
    assert comparable("a b\u3000c\u2060d\u200be\n") == "abcde"
    assert "(".translate(PDF_MARKS_FOLD) == "(" and "（".translate(PDF_MARKS_FOLD) == "("
    assert "１".translate(PDF_MARKS_FOLD) == "１"  # digits and letters are not folded


# --------------------------------------------------------------------------- 文号

@pytest.mark.parametrize("raw, normalized", [
    ("示政发[2024]012号", "示政发〔2024〕012号"), ("示政发〔2024〕0号", "示政发〔2024〕0号"),
    ("示政发（２０２４）００７号", "示政发〔2024〕007号"), ("省政府令第012号", "省政府令第012号"),
    ("2023年第01号", "2023年第01号"),
])
def test_doc_number_normalization_keeps_every_digit(raw, normalized):
    assert normalize_doc_number(raw) == normalized


# --------------------------------------------------------------------------- atomic output

OLD = 1_000_000_000  # 2001-09-09: an mtime no build writes


def _built_once(tmp_path: Path) -> tuple[pipeline.IssueBuild, Path, Path]:
    built = pipeline.assemble_issue(DEMO, pdf=False, html=True)
    out = tmp_path / "dist"
    pipeline.write_issue(built, out)
    target = out / "demo" / "2024-01"
    for path in target.rglob("*"):
        os.utime(path, ns=(OLD * 10**9, OLD * 10**9))
    return built, out, target


def _mtimes(target: Path) -> dict[str, int]:
    return {str(p.relative_to(target)): p.stat().st_mtime_ns for p in target.rglob("*")
            if p.is_file()}


def test_unchanged_files_keep_their_mtime(tmp_path):
    built, out, target = _built_once(tmp_path)
    pipeline.write_issue(built, out)
    mtimes = _mtimes(target)
    assert mtimes and set(mtimes.values()) == {OLD * 10**9}


def test_a_kill_between_the_two_renames_is_restored(tmp_path):
    """Killed after ``target → .retired-*`` and before ``staging → target``: the next
    build puts the previous output back first (its unchanged files keep their mtime)."""
    built, out, target = _built_once(tmp_path)
    retired = target.with_name(f".retired-{target.name}-99999")
    os.replace(target, retired)
    stale = target.with_name(f".staging-{target.name}-killed")
    shutil.copytree(retired, stale)
    pipeline.write_issue(built, out)
    assert set(_mtimes(target).values()) == {OLD * 10**9}
    assert sorted(p.name for p in target.parent.iterdir()) == ["2024-01"]


def test_live_markup_messages_name_the_markup_exactly():
    script = "x" * 70
    page = (f"<html><head><script type='application/ld+json'>{{}}</script><script>  {script}  "
            "</script><script src='javascript:alert(1)'></script>"
            "<script src='data:text/javascript,1'></script>"
            "<meta http-equiv=refresh content=0><style>p{}</style></head>"
            f"<body><a href='javascript:{'y' * 50}'>文</a></body></html>")
    assert live_markup(page) == [
        f"<script> {'x' * 60!r}", "<script> 'javascript:alert(1)'",
        "<script> 'data:text/javascript,1'",
        "<script src='javascript:alert(1)'> active URL",
        "<script src='data:text/javascript,1'> active URL",
        f"<a href={('javascript:' + 'y' * 50)[:40]!r}> active URL",
        "<meta http-equiv=refresh>", "<style> element"]


@pytest.mark.parametrize("page", ["", "   \n"])
def test_live_markup_of_an_empty_page_is_empty(page):
    assert live_markup(page) == []


def test_cleaned_html_drops_every_tag_attribute_and_hidden_text_not_allowed():
    cleaned = clean_html('<p title="t" lang="en" class="c">甲<a href="http://e/">乙</a>'
                         '<img src="http://e/x.png" alt="图"><!-- 注释 --><textarea>丙</textarea>'
                         "<noscript>丁</noscript><iframe>戊</iframe><u>己</u></p>")
    assert cleaned == "<p>甲乙<u>己</u></p>"


@pytest.mark.parametrize("attribute, value, kept", [
    ("rowspan", "1", True), ("colspan", "1", True), ("colspan", "64", True),
    ("colspan", "65", False), ("rowspan", "2000", True), ("rowspan", "2001", False),
    ("rowspan", "0", False), ("rowspan", "２", False), ("rowspan", " 3 ", True),
])
def test_spans_are_kept_only_as_numbers_within_the_limits(attribute, value, kept):
    cleaned = clean_html(f'<table><tr><td {attribute}="{value}">文</td></tr></table>')
    assert (f'{attribute}="{value.strip()}"' in cleaned) is kept


def test_a_same_site_script_may_have_a_colon_after_its_first_segment():
    assert live_markup('<html><body><script src="static/app:v2.js"></script></body></html>') == []
    assert live_markup("<html><body><script></script></body></html>") == ["<script> ''"]


@pytest.mark.parametrize("raw, normalized", [
    ("省政府令〔2023〕第1号", "省政府令〔2023〕第1号"), ("省政府令[2023]第01号", "省政府令〔2023〕第01号"),
    ("第5号", ""), ("没有文号", ""),
])
def test_order_numbers_keep_their_organ_and_year(raw, normalized):
    assert normalize_doc_number(raw) == normalized


# --------------------------------------------------------------------------- build checks

from pathlib import PurePosixPath  # noqa: E402

from gazette_pub import checks, urls  # noqa: E402
from gazette_pub.errors import OutputError  # noqa: E402
from gazette_pub.model import Enclosed, Gazette, Heading, Issue, Section, Signature  # noqa: E402


@pytest.fixture(scope="module")
def html_build():
    """The demo issue built without its PDF (fast enough for every mutant)."""
    return pipeline.assemble_issue(DEMO, pdf=False, html=True)


@pytest.mark.parametrize("change, problem", CONSERVATION_CHANGES + [
    (("安全生产", "安\u2060全 生\u00ad产"), None),
])
def test_conservation_names_the_lost_text(html_build, change, problem):
    """Each change made everywhere on the page (the page may show a text twice, e.g. the
    文号 under the title and in the document's facts)."""
    doc = html_build.issue.documents[1]
    page = html_build.files[PurePosixPath("demo/2024-01/02-plan.html")].decode("utf-8")
    assert change[0] in page
    found = checks.lost_text(doc, checks.html_text(page.replace(*change)))
    assert (None if found is None else str(found)) == (
        None if problem is None else f"02-plan.md: {problem}")


def _issue_of(doc: Document) -> Issue:
    return Issue(gazette=Gazette("g", "公报"), year=2024, number=1, cumulative=None,
                 date=None, sections=(Section("文件", (doc,)),))


def test_document_texts_name_each_block_and_enclosed_document():
    doc = Document(id="g-2024-01-01", seq=1, slug="t", title="标题", toc_title="标题",
                   doc_number="示发〔2024〕1号", doc_number_raw="", organs=(),
                   blocks=(Paragraph("正文"), Signature(("甲", "乙"))),
                   enclosed=(Enclosed("附件", (Heading(1, "一、", "要求"),)),))
    assert list(checks.document_texts(doc)) == [
        ("title", "标题"), ("doc_number", "示发〔2024〕1号"), ("block 1 (paragraph)", "正文"),
        ("block 2 (signature)", "甲"), ("block 2 (signature)", "乙"),
        ("enclosed 1 title", "附件"), ("enclosed 1 block 1 (heading)", "一、要求")]


def test_lost_text_finds_the_document_after_its_title_elsewhere_and_names_at_most_five():
    doc = _doc("第一段文字", "第二段文字")
    # The title first appears in a 目录 line followed by other text, then the document.
    assert lost_text(doc, "目录 标题 第九段 其他 标题 第一段文字 第二段文字") is None
    assert lost_text(doc, "第一段文字 第二段文字") is not None  # no title: lost
    many = _doc(*(f"第{n}段独有文字{n}" for n in "一二三四五六七八"))
    problem = lost_text(many, "标题")
    assert problem.message == ("missing " + "; ".join(
        f"block {n} (paragraph) '第{c}段独有文字{c}'" for n, c in enumerate("一二三四五", 1))
        + " and 1 more")
    assert (problem.path, problem.field) == ("t-2024-01-01", "block 1 (paragraph)")


def test_lost_text_allows_a_bounded_gap_between_characters():
    doc = _doc("甲乙")
    assert lost_text(doc, "标题 甲" + "页" * (checks.MAX_GAP - 1) + "乙") is None
    assert lost_text(doc, "标题 甲" + "页" * (checks.MAX_GAP + 1) + "乙") is not None
    # Between two texts too: the next text must start within the gap.
    doc = _doc("甲", "乙")
    assert lost_text(doc, "标题 甲" + "页" * (checks.MAX_GAP - 1) + "乙") is None
    assert lost_text(doc, "标题 甲" + "页" * (checks.MAX_GAP + 1) + "乙") is not None


def test_lost_text_blames_the_loosely_matched_earlier_text():
    """Texts lost early can match later wording loosely; the alignment backs up."""
    doc = _doc("甲乙", "丙丁", "甲乙戊")
    # "甲乙" is lost, but matches loosely across "丙丁" into "甲乙戊": then "丙丁" cannot
    # follow. Blaming the loose match lets the rest align, so "甲乙" is named.
    problem = lost_text(doc, "标题 丙丁 甲乙戊")
    assert problem.message == "missing block 1 (paragraph) '甲乙'"
    doc = _doc("一二", "三四", "五六", "七八", "九十")
    problem = lost_text(doc, "标题 一二 五六 七八 九十")
    assert problem.message == "missing block 2 (paragraph) '三四'"


@pytest.fixture(scope="module")
def tiny_pdf():
    """A one-page PDF of '标题 (一)第1项' set by WeasyPrint (ASCII brackets)."""
    from weasyprint import HTML
    return HTML(string="<html><body><p>标题</p><p>(一)第1项</p></body></html>").write_pdf()


def test_text_conservation_reads_both_editions(tiny_pdf):
    doc = dataclasses.replace(_doc("（一）第1项"), path="01-t.md")
    issue = _issue_of(doc)
    page = "<html><body><p>标题</p><p>（一）第1项</p></body></html>"
    files = {urls.document_pdf(issue, doc): tiny_pdf,
             urls.document_page(issue, doc): page.encode("utf-8")}
    # The PDF's ASCII brackets stand for the full-width ones (PDF_MARKS_FOLD).
    assert checks.text_conservation(issue, files) == []
    assert "（一）第1项" in checks.pdf_text(tiny_pdf).translate(str.maketrans("()", "（）"))
    assert "第1项" in checks.pdf_text(tiny_pdf, content_order=True)
    lost = dataclasses.replace(doc, blocks=(Paragraph("（一）第12项"),))
    problems = checks.text_conservation(_issue_of(lost), files)
    assert [str(p) for p in problems] == [
        f"01-t.md: [block 1 (paragraph)] the {edition} edition ({path}) lost text: missing "
        "block 1 (paragraph) '（一）第12项'"
        for edition, path in (("PDF", urls.document_pdf(issue, doc)),
                              ("HTML", urls.document_page(issue, doc)))]
    with pytest.raises(OutputError) as caught:
        checks.check_output(_issue_of(lost), files)
    assert caught.value.problems == problems
    assert checks.text_conservation(issue, {}) == []  # an edition not built is not checked
    html_only = {urls.document_page(issue, doc): files[urls.document_page(issue, doc)]}
    assert checks.text_conservation(_issue_of(lost), html_only) == problems[1:]


def test_check_output_reads_the_laid_out_text_and_the_issue_pdfs_text_layer(tiny_pdf):
    """With the print edition's laid-out text, the PDF edition is checked on it (no
    per-document PDF is built) and the issue PDF's fonts must map every laid-out
    character back to text; every problem is kept, each naming its file."""
    doc = dataclasses.replace(_doc("（一）第1项"), path="01-t.md")
    issue = _issue_of(doc)
    page = urls.document_page(issue, doc)
    files = {urls.issue_pdf(issue): tiny_pdf,
             page: "<html><body><p>标题</p><p>（一）第1项</p></body></html>".encode("utf-8")}
    checks.check_output(issue, files)  # no laid-out text: no text-layer check
    checks.check_output(issue, files, {doc.id: "标题 （一）第1项"})
    with pytest.raises(OutputError) as caught:  # 乙 was laid out, the fonts cannot give it
        checks.check_output(issue, files, {doc.id: "标题 （一）第1项 乙"})
    assert [str(p) for p in caught.value.problems] == [
        f"{urls.issue_pdf(issue)}: the PDF's text layer cannot give back 1 character(s) of "
        "the laid-out text: '乙'"]
    live = {**files, page: "<html><body><p onclick='x'>标题</p></body></html>".encode("utf-8")}
    with pytest.raises(OutputError) as caught:  # the paragraph was never laid out
        checks.check_output(issue, live, {doc.id: "标题"})
    assert [str(p) for p in caught.value.problems] == [
        f"01-t.md: [block 1 (paragraph)] the PDF edition ({urls.document_pdf(issue, doc)}) "
        "lost text: missing block 1 (paragraph) '（一）第1项'",
        f"01-t.md: [block 1 (paragraph)] the HTML edition ({page}) lost text: missing "
        "block 1 (paragraph) '（一）第1项'",
        f"{page}: live markup in the HTML edition: <p onclick=…> event handler"]


def test_html_text_leaves_out_scripts_styles_and_templates():
    page = ("<html><head><title>头</title></head><body>甲<script>乙</script><style>丙</style>"
            "<template>丁</template>戊</body></html>")
    assert checks.html_text(page) == "甲戊"
    assert checks.html_text("<html></html>") == ""


def test_inert_pages_names_every_live_page_and_skips_other_files():
    files = {PurePosixPath("a/1.html"): b"<html><body><p onclick='x'>1</p></body></html>",
             PurePosixPath("a/2.html"): b"<html><body><p>2</p></body></html>",
             PurePosixPath("a/x.json"): b"<script>alert(1)</script>"}
    assert [str(p) for p in checks.inert_pages(files)] == [
        "a/1.html: live markup in the HTML edition: <p onclick=…> event handler"]
    with pytest.raises(OutputError):
        checks.check_output(_issue_of(_doc("正文")), files)
    checks.check_output(_issue_of(_doc("正文")), {PurePosixPath("a/2.html"): files[
        PurePosixPath("a/2.html")]})


def test_exchange_swaps_two_folders_in_one_step(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "x").write_text("甲")
    (b / "x").write_text("乙")
    # Linux ≥ 3.15 on ext4, xfs, btrfs, tmpfs or overlayfs: the machines this project runs on.
    assert pipeline._exchange(a, b) is True
    assert ((a / "x").read_text(), (b / "x").read_text()) == ("乙", "甲")
    assert pipeline._exchange(a, tmp_path / "missing") is False


def test_a_changed_file_is_replaced_and_the_others_keep_their_mtime(tmp_path):
    built, out, target = _built_once(tmp_path)
    page, shared = PurePosixPath("demo/2024-01/01-notice.html"), PurePosixPath("static/screen.css")
    files = dict(built.files)
    files[page] = files[page].replace(b"</body>", b"<!-- changed --></body>")
    files[shared] = files[shared] + b"\n/* changed */\n"
    pipeline.write_issue(dataclasses.replace(built, files=files), out)
    assert (target / "01-notice.html").read_bytes() == files[page]
    assert (out / "static" / "screen.css").read_bytes() == files[shared]
    mtimes = _mtimes(target)
    assert mtimes.pop("01-notice.html") != OLD * 10**9
    assert set(mtimes.values()) == {OLD * 10**9}


def test_the_two_rename_fallback_leaves_the_new_folder_and_nothing_else(tmp_path, monkeypatch):
    built, out, target = _built_once(tmp_path)
    monkeypatch.setattr(pipeline, "_exchange", lambda a, b: False)
    files = dict(built.files)
    page = PurePosixPath("demo/2024-01/index.html")
    files[page] = files[page] + b"\n"
    pipeline.write_issue(dataclasses.replace(built, files=files), out)
    assert (target / "index.html").read_bytes() == files[page]
    assert sorted(p.name for p in target.parent.iterdir()) == ["2024-01"]
    assert set(_mtimes(target).values()) - {OLD * 10**9} == {(target / "index.html").stat().st_mtime_ns}


def test_a_first_build_creates_nested_output_folders(tmp_path, html_build):
    out = tmp_path / "a" / "b" / "dist"
    pipeline.write_issue(html_build, out)
    assert (out / "demo" / "2024-01" / "index.html").is_file()
    assert sorted(p.name for p in (out / "demo").iterdir()) == ["2024-01"]


def test_lost_text_names_forty_characters_and_counts_only_beyond_five():
    long = "这是一段很长的正文" * 5  # 45 characters
    problem = lost_text(_doc(long), "标题")
    assert problem.message == f"missing block 1 (paragraph) {long[:40]!r}"
    five = _doc(*(f"第{c}段独有文字" for c in "一二三四五"))
    problem = lost_text(five, "标题")
    assert problem.message.count("block") == 5 and " more" not in problem.message


# ------------------------------------------------------------ which path an OS error names
# The guard names ``shown`` (a staged file's final name) first, then the error's own file
# name, then its own path: a full disk's ENOSPC, raised by ``write()``, names no file.

from gazette_pub.errors import WriteError  # noqa: E402


def _fail_on(monkeypatch, name: str, when, code: int, *, filename: bool) -> None:
    """Make ``os.<name>`` raise OSError(``code``) when ``when(first argument)``, with the
    argument as the error's file name (as the system call would) or with none."""
    real = getattr(os, name)

    def fake(first, *args, **kwargs):
        if when(Path(os.fsdecode(first))):
            raise OSError(code, os.strerror(code), *([os.fsdecode(first)] if filename else []))
        return real(first, *args, **kwargs)
    monkeypatch.setattr(os, name, fake)


def _write_error(built, out) -> tuple[str, str]:
    with pytest.raises(WriteError) as caught:
        pipeline.write_issue(built, out)
    return caught.value.message, caught.value.path


def test_a_staging_folder_that_cannot_be_made_names_the_issues_parent(tmp_path, html_build,
                                                                      monkeypatch):
    out = tmp_path / "dist"
    # mkdtemp's mkdir names the random staging name; the error names the folder it was for.
    _fail_on(monkeypatch, "mkdir", lambda p: p.name.startswith(".staging-"), errno.EROFS,
             filename=True)
    assert _write_error(html_build, out) == (
        "cannot create a staging folder: Read-only file system", str(out / "demo"))


def test_a_staging_folder_that_cannot_be_opened_names_the_issue_folder(tmp_path, html_build,
                                                                       monkeypatch):
    out = tmp_path / "dist"
    _fail_on(monkeypatch, "chmod", lambda p: p.name.startswith(".staging-"), errno.EPERM,
             filename=True)
    assert _write_error(html_build, out) == (
        "cannot write: Operation not permitted", str(out / "demo" / "2024-01"))


def test_a_staged_file_that_cannot_be_written_is_named_by_its_final_path(tmp_path, html_build,
                                                                         monkeypatch):
    out = tmp_path / "dist"
    _fail_on(monkeypatch, "chmod", lambda p: p.name.startswith(".index.html.tmp"), errno.EIO,
             filename=True)
    assert _write_error(html_build, out) == (
        "cannot write: Input/output error", str(out / "demo" / "2024-01" / "index.html"))


def test_a_site_file_on_a_full_disk_is_named_though_the_error_names_no_file(tmp_path,
                                                                            monkeypatch):
    _fail_on(monkeypatch, "chmod", lambda p: ".tmp" in p.name, errno.ENOSPC, filename=False)
    with pytest.raises(WriteError) as caught:
        pipeline.write_site_file(tmp_path, PurePosixPath("a/index.html"), b"<p>1</p>")
    assert (caught.value.message, caught.value.path) == (
        "cannot write: No space left on device", str(tmp_path / "a" / "index.html"))


def test_a_previous_output_that_cannot_be_restored_is_named(tmp_path, html_build, monkeypatch):
    out = tmp_path / "dist"
    pipeline.write_issue(html_build, out)
    target = out / "demo" / "2024-01"
    os.replace(target, target.with_name(f".retired-{target.name}-99999"))  # killed mid-swap
    _fail_on(monkeypatch, "replace", lambda p: p.name.startswith(".retired-"), errno.EIO,
             filename=False)
    assert _write_error(html_build, out) == (
        "cannot restore the previous output: Input/output error", str(target))


def test_a_first_swap_that_fails_names_the_issue_folder(tmp_path, html_build, monkeypatch):
    out = tmp_path / "dist"
    _fail_on(monkeypatch, "replace", lambda p: p.name.startswith(".staging-"), errno.EIO,
             filename=False)
    assert _write_error(html_build, out) == (
        "cannot write: Input/output error", str(out / "demo" / "2024-01"))


def test_a_second_swap_that_fails_names_the_issue_folder(tmp_path, html_build, monkeypatch):
    out = tmp_path / "dist"
    pipeline.write_issue(html_build, out)
    target = out / "demo" / "2024-01"
    # Keeping an unchanged file's inode: the hard link's error names that file.
    with monkeypatch.context() as patch:
        _fail_on(patch, "link", lambda p: p.parent == target, errno.EMLINK, filename=True)
        assert _write_error(html_build, out) == (
            "cannot write: Too many links", str(target))
    # Retiring the previous output after the exchange.
    _fail_on(monkeypatch, "replace", lambda p: p.name.startswith(".staging-"), errno.EIO,
             filename=False)
    assert _write_error(html_build, out) == ("cannot write: Input/output error", str(target))


def test_the_write_log_names_each_swapped_issue_folder(tmp_path, html_build, monkeypatch):
    log = pipeline.WriteLog()
    monkeypatch.setattr(pipeline, "WRITE_LOG", log)
    out = tmp_path / "dist"
    target = out / "demo" / "2024-01"
    pipeline.write_issue(html_build, out)  # a first build: one rename
    pipeline.write_issue(html_build, out)  # the atomic exchange
    monkeypatch.setattr(pipeline, "_exchange", lambda a, b: False)
    pipeline.write_issue(html_build, out)  # the two-rename fallback
    assert log.replaced == [target] * 3
