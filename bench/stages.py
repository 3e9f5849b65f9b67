"""Time each stage of a cold issue build, one after another in one process (no profiler).

    .venv/bin/python bench/stages.py issues/ningxia/2021-10

The table of bench/PROFILE.md comes from this script. Lines starting with "old:" time what
a stage did before it was changed (bench/PROFILE.md), on the same data, for comparison.
"""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    folder = Path((argv or sys.argv[1:])[0])
    timings: list[tuple[str, float]] = []
    start = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal start
        timings.append((name, time.perf_counter() - start))
        start = time.perf_counter()

    import weasyprint
    lap("import weasyprint")
    from pypdf import PdfReader, PdfWriter

    from gazette_pub.manifest import load_issue
    from gazette_pub.render import fonts, html, pdf
    from gazette_pub.themes import load_theme
    lap("import gazette_pub, pypdf")
    issue = load_issue(folder)
    theme = load_theme(issue.gazette.theme)
    lap("load and validate the manifest")
    fonts.check_glyphs(issue, theme.print)
    lap("glyph check (font coverage from the machine cache)")
    face = fonts._font_files(fonts.families(theme.print.font_song)[0])[0]
    fonts._read_cmap(*face)
    lap("old: decode one face's cmap")
    text = pdf.print_html(issue, theme)
    lap("print HTML")
    values = pdf.theme_values(theme, issue)
    sheets = [weasyprint.CSS(string=pdf.resolve_css(p.read_text(encoding="utf-8"), values, p),
                             base_url=str(p)) for p in theme.print_css]
    document = weasyprint.HTML(string=text, base_url=str(folder.resolve()) + "/").render(
        stylesheets=sheets)
    lap(f"WeasyPrint layout ({len(document.pages)} pages)")
    labels = pdf._page_labels(document, theme)
    data = document.write_pdf(finisher=pdf.page_labels(labels, theme.print))
    lap("WeasyPrint PDF writing (page labels by finisher)")
    PdfWriter(clone_from=PdfReader(io.BytesIO(data))).write(io.BytesIO())
    lap("old: page labels by parsing, cloning and writing the PDF again")
    pages = pdf._document_pages(document, issue, labels)
    printed = pdf.PrintedIssue(data, pages, len(document.pages), labels,
                               pdf.anchor_pages(document, labels))
    pdf.cut_documents(issue, printed)
    lap(f"cut {len(issue.documents)} per-document PDFs (one parse)")
    index_of = {label: i for i, label in enumerate(labels) if label is not None}
    for doc in issue.documents:
        reader, writer = PdfReader(io.BytesIO(data)), PdfWriter()
        first, last = pages[doc.id]
        for index in range(index_of[first], index_of[last] + 1):
            writer.add_page(reader.pages[index])
        writer.write(io.BytesIO())
    lap("old: one parse per document")
    html.issue_pages(issue, theme, pages=pages, anchors=printed.anchors)
    lap("HTML edition")
    print("| stage | seconds |\n| --- | ---: |")
    for name, seconds in timings:
        print(f"| {name} | {seconds:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
