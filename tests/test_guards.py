"""Tests that kill the mutants of the guards (issue 14 §5; tools/mutation.sh runs them).

Each test names the weakening it catches: a guard that still passes its other tests
after the change would let the build publish live markup, lose text, or mix outputs.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

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
