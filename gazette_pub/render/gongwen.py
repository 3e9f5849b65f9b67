"""One document in the GB/T 9704-2012 公文 layout (``gazette build --format gongwen DOC``).

Steps of :func:`build_gongwen`, per document file:

1. load the issue folder the file belongs to (validation as for a whole issue) and
   pick the document by its file name;
2. check glyphs against the Song, Hei and Kai stacks of ``styles/gongwen.css``;
3. render ``gongwen/document.html`` with the print-only typography and lay it out on
   the standard's grid (22 lines × 28 characters of 16 pt in the 156 × 225 mm 版心);
4. write ``<out>/<gazette>/<year>-<NN>/gongwen/<NN>-<slug>.pdf``.
"""

from __future__ import annotations

import io
import logging
from dataclasses import replace
from pathlib import Path

import weasyprint

from .. import urls
from ..errors import RenderError
from ..manifest import load_issue
from ..model import Document, Issue
from ..themes import STYLES_DIR, PrintTheme, issue_theme
from . import fonts, typography
from .pdf import SafeFetcher
from .templating import make_environment

logger = logging.getLogger(__name__)

GONGWEN_CSS = STYLES_DIR / "gongwen.css"
#: The faces of styles/gongwen.css, for the glyph check.
#: Each ends with its generic family, as in the sheet: a mark the CJK faces lack (‟)
#: is drawn from the face fontconfig matches for it (render/fonts.coverage).
GONGWEN_FONTS = PrintTheme(font_song='"Noto Serif CJK SC", serif',
                           font_hei='"Noto Sans CJK SC", sans-serif',
                           font_kai='"AR PL UKai CN", "Noto Serif CJK SC", serif')
#: The measure and title size of styles/gongwen.css, for the title's line turns
#: (§7.3.1: 2号 title in the 156 mm 版心; typography.typeset_html).
GONGWEN_GRID = PrintTheme(page_size="A4", margin_inner="28mm", margin_outer="26mm",
                          font_size="16pt", title_scale=22 / 16)


def find_document(path: Path) -> tuple[Issue, Document]:
    """The issue that holds the document file ``path``, and that document."""
    path = Path(path)
    if path.is_dir():  # an issue folder given as for an ordinary build
        raise RenderError(f"a folder: --format gongwen renders document files, one PDF each; "
                          f"name them ({path / 'NN-slug.md'}, or {path / '*.md'} for all)",
                          path=path)
    issue = load_issue(path.parent)
    for doc in issue.documents:
        if doc.path == path.name:
            return issue, doc
    raise RenderError("not a document listed in its folder's issue.toml", path=path)


def gongwen_html(issue: Issue, doc: Document) -> str:
    env = make_environment(issue_theme(issue))
    return typography.typeset_html(
        env.get_template("gongwen/document.html").render(issue=issue, doc=doc), GONGWEN_GRID)


def render_gongwen(issue: Issue, doc: Document) -> bytes:
    """The PDF of ``doc`` alone in the 公文 layout."""
    fonts.check_glyphs(_with_only(issue, doc), GONGWEN_FONTS)
    folder = Path(issue.folder or ".").resolve()
    fetcher = SafeFetcher([folder, STYLES_DIR])
    logger.info("Step 3 - Laying out %s in the 公文 layout", doc.id)
    # Every refused fetch fails the build (SafeFetcher); Chinese lines are justified.
    with fetcher.guard(issue.folder), typography.inter_character_justification():
        css = weasyprint.CSS(filename=str(GONGWEN_CSS), url_fetcher=fetcher)
        document = weasyprint.HTML(string=gongwen_html(issue, doc), base_url=str(folder) + "/",
                                   url_fetcher=fetcher).render(stylesheets=[css])
        out = io.BytesIO()
        document.write_pdf(out, pdf_identifier=doc.id.encode())
    return out.getvalue()


def _with_only(issue: Issue, doc: Document) -> Issue:
    """``issue`` reduced to ``doc`` in its section, for the glyph check."""
    section = next(s for s in issue.sections if doc in s.documents)
    return replace(issue, sections=(replace(section, documents=(doc,)),))


def build_gongwen(paths: list[Path], out: Path) -> list[Path]:
    """Render each document file of ``paths`` into ``out``; the written paths."""
    if not paths:
        raise RenderError("--format gongwen needs document files (NN-slug.md)",
                          field="--format")
    written = []
    for path in paths:
        issue, doc = find_document(path)
        pdf = render_gongwen(issue, doc)
        target = Path(out) / urls.gongwen_pdf(issue, doc)
        from ..pipeline import _write_if_changed  # one rename, world-readable
        _write_if_changed(target, pdf)
        written.append(target)
    return written
