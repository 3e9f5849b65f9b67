"""The print PDF as a printer and an archive receive it: bookmarks, page labels,
PDF/UA-1 and PDF/A-3b structure (checked with pikepdf; no veraPDF here), crop marks."""

from __future__ import annotations

import io

import pikepdf
import pytest
from pypdf import PdfReader

from gazette_pub.manifest import load_issue
from gazette_pub.render.pdf import PrintOptions, render_issue_pdf
from gazette_pub.themes import load_theme

from .conftest import FIXTURES

DEMO = FIXTURES / "issues" / "demo" / "2024-01"


@pytest.fixture(scope="module")
def demo():
    issue = load_issue(DEMO)
    return issue, load_theme(issue.gazette.theme)


@pytest.fixture(scope="module")
def variants(demo):
    issue, theme = demo
    return {v: render_issue_pdf(issue, theme, options=PrintOptions(v))
            for v in (None, "pdf/ua-1", "pdf/a-3b")}


def test_bookmarks_are_section_document_enclosed(variants, demo):
    issue, _ = demo
    reader = PdfReader(io.BytesIO(variants[None].pdf))
    outline = reader.outline
    titles = [item.title for item in outline if not isinstance(item, list)]
    assert [s.title for s in issue.sections] == [t for t in titles if t != "目\u3000录"]
    first_section_children = outline[outline.index(next(
        o for o in outline if not isinstance(o, list) and o.title == issue.sections[0].title)) + 1]
    assert [c.title for c in first_section_children if not isinstance(c, list)] == [
        d.title for d in issue.sections[0].documents]
    enclosed = first_section_children[1]
    assert [e.title for e in enclosed] == [e.title for e in issue.sections[0].documents[0].enclosed]


def test_page_labels_are_the_printed_numbers(variants):
    printed = variants[None]
    labels = PdfReader(io.BytesIO(printed.pdf)).page_labels
    assert labels[0] == "封面"
    expected = [str(n) if n is not None else None for n in printed.page_labels]
    assert [l for l, e in zip(labels, expected) if e is not None] == [e for e in expected if e]
    assert all(label in ("封面", "目录") for label, e in zip(labels, expected) if e is None)


def test_metadata(variants):
    meta = PdfReader(io.BytesIO(variants[None].pdf)).metadata
    assert meta.title == "示例市人民政府公报 2024年第1期"
    assert meta.author == "示例市人民政府公报"
    assert meta["/CreationDate"].startswith("D:20240115")


def _fonts_embedded(pdf: pikepdf.Pdf) -> bool:
    for page in pdf.pages:
        for font in page.Resources.get("/Font", {}).values():
            descendants = font.get("/DescendantFonts", [font])
            for f in descendants:
                descriptor = f.get("/FontDescriptor")
                if descriptor is None or not any(k in descriptor for k in
                                                  ("/FontFile", "/FontFile2", "/FontFile3")):
                    return False
    return True


def test_pdf_ua_1_structure(variants):
    with pikepdf.open(io.BytesIO(variants["pdf/ua-1"].pdf)) as pdf:
        root = pdf.Root
        assert "/StructTreeRoot" in root
        assert str(root.Lang) == "zh-CN"
        assert bool(root.MarkInfo.Marked) is True
        assert bool(root.ViewerPreferences.DisplayDocTitle) is True
        tags = {str(k.get("/S")) for k in _struct_elements(root.StructTreeRoot)}
        assert {"/P", "/Table", "/TH", "/TD"} <= tags and any(t.startswith("/H") for t in tags)
        with pdf.open_metadata() as xmp:
            assert xmp.get("pdfuaid:part") == "1"
        assert _fonts_embedded(pdf)


def test_pdf_a_3b_structure(variants):
    with pikepdf.open(io.BytesIO(variants["pdf/a-3b"].pdf)) as pdf:
        intents = pdf.Root.OutputIntents
        assert str(intents[0].S) == "/GTS_PDFA1" and "/DestOutputProfile" in intents[0]
        with pdf.open_metadata() as xmp:
            assert xmp.get("pdfaid:part") == "3" and xmp.get("pdfaid:conformance") == "B"
            assert xmp.get("dc:title")
        assert _fonts_embedded(pdf)


def _struct_elements(node, depth=0):
    kids = node.get("/K")
    if kids is None or depth > 60:
        return
    for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid
            yield from _struct_elements(kid, depth + 1)


def test_print_marks_add_bleed_around_the_trim_box(demo):
    issue, theme = demo
    marked = render_issue_pdf(issue, theme, options=PrintOptions(marks=True))
    page = PdfReader(io.BytesIO(marked.pdf)).pages[3]
    trim, media = page.trimbox, page.mediabox
    bleed_pt = 3 * 72 / 25.4
    assert float(media.width) > float(trim.width) + 2 * bleed_pt - 0.5
    assert PrintOptions("pdf/a-3b", True).suffix == ".pdf-a-3b.print"


def test_cli_writes_the_variant_and_reports_pages(tmp_path, capsys):
    from gazette_pub.cli import main
    out = tmp_path / "out"
    assert main(["-q", "build", "--no-html", "--no-cache", "--report-pages", "--pdf-variant",
                 "pdf/ua-1", str(DEMO), "--out", str(out)]) == 0
    report = capsys.readouterr().out.splitlines()
    assert report[0] == "示例市人民政府公报 2024年第1期: official vs rendered start page"
    assert report[-1].startswith("fidelity: ")
    variant = out / "demo" / "2024-01" / "demo-2024-01.pdf-ua-1.pdf"
    with pikepdf.open(variant) as pdf:
        assert "/StructTreeRoot" in pdf.Root


def test_cli_refuses_an_unknown_variant_before_building(tmp_path, capsys):
    from gazette_pub.cli import main
    assert main(["-q", "build", "--pdf-variant", "pdf/x", str(DEMO), "--out", str(tmp_path)]) == 1
    assert "unknown PDF variant 'pdf/x'" in capsys.readouterr().err
    assert not any(tmp_path.iterdir())


def test_front_pages_can_be_labelled_in_roman(demo):
    import dataclasses
    issue, theme = demo
    roman = dataclasses.replace(theme, print=dataclasses.replace(theme.print,
                                                                 front_page_labels="roman"))
    printed = render_issue_pdf(issue, roman)
    labels = PdfReader(io.BytesIO(printed.pdf)).page_labels
    front = printed.page_labels.index(3)
    assert labels[:front] == ["i", "ii", "iii"][:front]
    assert labels[front] == "3"


def test_laid_out_text_is_the_pdf_text(variants, demo):
    """The build checks the laid-out text (PrintedIssue.texts) instead of reading the
    per-document PDFs back: it must hold what reading them gives, mark for mark
    (the PDF only confuses an ASCII mark with its full-width glyph)."""
    from gazette_pub.checks import PDF_MARKS_FOLD, comparable, lost_text, pdf_text
    from gazette_pub.render.pdf import cut_documents
    issue, _ = demo
    printed = variants[None]
    cuts = cut_documents(issue, printed)
    assert set(printed.texts) == {doc.id for doc in issue.documents}
    for doc in issue.documents:
        laid_out = comparable(printed.texts[doc.id]).translate(PDF_MARKS_FOLD)
        read_back = comparable(pdf_text(cuts[doc.id], content_order=True)).translate(
            PDF_MARKS_FOLD)
        assert laid_out == read_back, doc.id
        assert lost_text(doc, printed.texts[doc.id]) is None


def test_text_layer_check_reads_the_fonts_tounicode(variants):
    from gazette_pub.checks import text_layer_problems
    printed = variants[None]
    path = "issue.pdf"
    assert text_layer_problems(printed.pdf, path, printed.texts.values()) == []
    # A character the fonts cannot give back (none of them drew it) is reported.
    problems = text_layer_problems(printed.pdf, path, ["\u4e28"])  # 丨, not in the demo
    assert [p.message for p in problems] == [
        "the PDF's text layer cannot give back 1 character(s) of the laid-out text: '丨'"]
    # A PDF whose font lost its ToUnicode map is reported by font.
    pdf = pikepdf.open(io.BytesIO(printed.pdf))
    for page in pdf.pages:
        for font in page.Resources.Font.values():
            if "/ToUnicode" in font:
                del font["/ToUnicode"]
    out = io.BytesIO()
    pdf.save(out)
    problems = text_layer_problems(out.getvalue(), path, printed.texts.values())
    assert any("has no ToUnicode map" in p.message for p in problems)


def test_laid_out_text_leaves_out_what_is_not_drawn():
    """The text check reads the layout: text WeasyPrint lays out but does not draw
    (visibility: hidden, a flattening transform) is not in the PDF, so not in it."""
    from weasyprint import HTML

    from gazette_pub.render.layout_text import page_texts
    document = HTML(string="<p>甲乙</p><p style='visibility: hidden'>丙丁</p>"
                           "<p style='transform: scale(0)'>戊己</p><p>庚辛</p>").render()
    assert "".join(page_texts(document)) == "甲乙庚辛"
