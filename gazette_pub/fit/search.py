"""The rendering half of ``gazette theme fit``: a few real layouts settle the estimate.

1. :func:`.estimate.estimate` picks the best layout of its grid from the 目录 pages;
2. that layout is laid out by WeasyPrint (:func:`measure_layout`, no PDF written) and
   where each document starts and ends is read from the layout's anchors, as a page
   number with its fraction (column and height on the page);
3. the ratio of each document's rendered extent to the model's corrects the model
   document by document; with it a coordinate search over characters per line, line
   pitch and table density (cheap: the corrected model only) proposes the next layout;
4. repeat 2–3 from the best layout rendered so far (never rendering a layout twice)
   until every document is exact or the render budget is spent. The best rendered
   layout wins (fewest documents off by more than one page, then fewest inexact, then
   starts furthest inside their pages).

The number of renders is reported; nothing here names a page or a document.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, replace
from itertools import product

from ..errors import GazetteError, RenderError
from ..model import Issue
from ..render.measure import FidelityReport, StartPage
from ..themes import STYLES_DIR, TEMPLATES_DIR, Theme
from .estimate import (BODY_SIZES, PITCH_RANGE, TABLE_DENSITIES, DocumentShape, Estimate,
                       Layout, Score, after_break, cpl_range, density_of, document_extents,
                       estimate, evidence, forced_break, gap_columns, issue_shapes,
                       predict_starts, score, tables_height, text_lines, with_density)

logger = logging.getLogger(__name__)

#: Most real layouts one fit may render (each is a full WeasyPrint layout of the issue).
MAX_RENDERS = 4

#: Fewest characters per page (text and table cells) between the first and last 目录 pages
#: for the text to be taken as the whole printed text: a loose 16K page of 小四 on a wide
#: pitch holds about 600, a page of tables less.
MIN_DENSITY = 300

#: Step of the line pitch in the refinement, in points.
PITCH_FINE = 0.05
#: A proposal's starts should fall this far inside their pages (the model is approximate).
REFINE_MARGIN = 0.2


@dataclass(frozen=True)
class Rendered:
    """One real layout: each document's start and end as page numbers with fractions."""

    layout: Layout
    starts: tuple[float, ...]
    ends: tuple[float, ...]
    score: Score

    @property
    def pages(self) -> tuple[int, ...]:
        return tuple(math.floor(s + 1e-9) for s in self.starts)


def describe(layout: Layout) -> str:
    """A layout in one line, as the fit reports it."""
    return (f"{layout.page_size}, {layout.columns} column(s) of {layout.chars_per_line} × "
            f"{layout.font_size:g}pt, pitch {layout.pitch:g}pt, table line height "
            f"{layout.table_line_height:g} at {layout.table_scale:g}" +
            (", documents on new pages" if layout.document_new_page else
             ", sections on new pages" if layout.section_new_page else ""))


def fit_theme(layout: Layout, first_body_page: int, name: str = "fit") -> Theme:
    """A theme object for ``layout`` with the bundled templates and print CSS (no files)."""
    return Theme(name, layout.theme(first_body_page), (TEMPLATES_DIR,),
                 (STYLES_DIR / "print.css",), ())


def measure_layout(issue: Issue, layout: Layout, first_body_page: int,
                   shapes: tuple[DocumentShape, ...]) -> Rendered:
    """Lay the issue out with ``layout`` and read where each document starts and ends."""
    from ..render.pdf import lay_out_issue
    theme = fit_theme(layout, first_body_page)
    document, _fetcher = lay_out_issue(issue, theme)
    px = 0.75  # points per CSS px
    top = layout.theme().margin_top
    top_px = float(top[:-2]) * 72 / 25.4 / px
    height_px = layout.text_height / px
    found: dict[str, float] = {}
    body = None
    for index, page in enumerate(document.pages):
        if body is None and "body-start" in page.anchors:
            body = index
        if body is None:
            continue
        for name, position in page.anchors.items():
            if name in found:
                continue
            x, y = position[0], position[1]
            column = 1 if layout.columns == 2 and x > page.width / 2 else 0
            within = min(max((y - top_px) / height_px, 0.0), 0.999)
            found[name] = first_body_page + index - body + (column + within) / layout.columns
    missing = [doc.id for doc in issue.documents if doc.id not in found
               or doc.id + "-end" not in found]
    if missing:
        raise RenderError(f"documents {missing} were not laid out", path=issue.folder or None)
    starts = tuple(found[doc.id] for doc in issue.documents)
    ends = tuple(found[doc.id + "-end"] for doc in issue.documents)
    return Rendered(layout, starts, ends, score(scored_starts(layout, shapes, starts, ends),
                                                shapes))


def scored_starts(layout: Layout, shapes, starts, ends) -> list[float]:
    """Rendered starts as :func:`.estimate.predict_starts` scores them: a document on the
    page right after the previous one's end by a forced break is placed by that end."""
    scored = list(starts)
    for i in range(1, len(shapes)):
        if forced_break(layout, shapes[i - 1], shapes[i]):
            virtual = after_break(ends[i - 1])
            if math.floor(virtual + 1e-9) == math.floor(starts[i] + 1e-9):
                scored[i] = virtual
    return scored


def corrections(rendered: Rendered, shapes) -> list[float]:
    """Rendered extent / modelled extent of each document (columns over columns).

    A document's rendered extent runs from its start to the next document's start less
    the gap between them (so what the model misses between documents is corrected too);
    before a new page, and for the last document, to its own end.
    """
    layout = rendered.layout
    cols = layout.columns
    model = document_extents(shapes, layout)
    gap = gap_columns(layout)
    factors = []
    for i, m in enumerate(model):
        if i + 1 < len(shapes) and not forced_break(layout, shapes[i], shapes[i + 1]):
            actual = (rendered.starts[i + 1] - rendered.starts[i]) * cols - gap
        else:
            actual = (rendered.ends[i] - rendered.starts[i]) * cols
        factors.append(max(actual, 0.0) / m if m > 0 else 1.0)
    return factors


def origin(rendered: Rendered, first_body_page: int) -> float:
    """Where the first document starts, in columns from the top of the first body page."""
    return max(rendered.starts[0] - first_body_page, 0.0) * rendered.layout.columns


def layout_distance(a: Layout, b: Layout) -> float:
    """How far apart two layouts of one paper, column count and break rules are, as
    relative changes of body size, characters per line and pitch (table density: 0.05)."""
    return (abs(a.font_size - b.font_size) / b.font_size +
            abs(a.chars_per_line - b.chars_per_line) / b.chars_per_line +
            abs(a.pitch - b.pitch) / b.pitch + 0.05 * (density_of(a) != density_of(b)))


def refine(rendered: Rendered, shapes, first_body_page: int, exclude=frozenset(),
           others=()) -> tuple[Layout, Score] | None:
    """The best layout by the model corrected with ``rendered``, other than those in
    ``exclude`` (already rendered); None when there is none.

    Paper, columns and new-page rules stay those of the rendered layout; body size,
    characters per line, line pitch (in steps of :data:`PITCH_FINE`) and table density
    are searched over the estimate's ranges. Text lines and table heights are computed
    once per value that changes them, as in :func:`.estimate.estimate`.

    Each candidate is corrected by the render nearest to it (``rendered`` or one of
    ``others`` with the same paper, columns and rules, by :func:`layout_distance`): the
    correction is local, and a proposal that was laid out and missed then predicts its
    own miss, so the next proposal moves elsewhere instead of next to it.
    """
    base = rendered.layout
    near = [rendered] + [r for r in others if r is not rendered and
                         (r.layout.page_size, r.layout.columns, r.layout.document_new_page,
                          r.layout.section_new_page) ==
                         (base.page_size, base.columns, base.document_new_page,
                          base.section_new_page)]
    corrected = [(r.layout, corrections(r, shapes), origin(r, first_body_page)) for r in near]
    best = None
    order = 0
    for size in BODY_SIZES[base.columns]:
        sized = replace(base, font_size=size)
        tables = {d: [tables_height(s, with_density(sized, d)) for s in shapes]
                  for d in TABLE_DENSITIES}
        low, high = (f * size for f in PITCH_RANGE)
        pitches = [round(low + k * PITCH_FINE, 2)
                   for k in range(int((high - low) / PITCH_FINE + 1e-9) + 1)]
        for cpl in cpl_range(sized):
            text = [text_lines(s, replace(sized, chars_per_line=cpl)) for s in shapes]
            for pitch, density in product(pitches, TABLE_DENSITIES):
                layout = with_density(replace(sized, chars_per_line=cpl, pitch=pitch), density)
                lines = layout.lines_per_column
                if layout in exclude or lines != replace(
                        layout, pitch=pitch - PITCH_FINE / 2).lines_per_column:
                    continue  # rendered already, or a pitch at the edge of a line count
                extents = [(t * pitch + h) / layout.column_height
                           for t, h in zip(text, tables[density])]
                _l, factors, start = min(corrected,
                                         key=lambda c: layout_distance(layout, c[0]))
                starts = predict_starts(shapes, extents, layout, first_body_page, factors, start)
                s = score(starts, shapes, margin=REFINE_MARGIN)
                # on a tie, the smallest change from what was rendered (the correction
                # is local): size, then characters per line, then pitch
                move = (size != base.font_size, abs(cpl - base.chars_per_line),
                        abs(pitch - base.pitch),
                        density != density_of(base))
                key = s.key + move + (order,)
                order += 1
                if best is None or key < best[0]:
                    best = (key, layout, s)
    return None if best is None else (best[1], best[2])


@dataclass(frozen=True)
class FitResult:
    """What ``gazette theme fit`` found: the layout, its rendered fit and how it got there."""

    label: str
    layout: Layout
    first_body_page: int
    estimates: tuple[Estimate, ...]
    renders: tuple[Rendered, ...]
    best: Rendered
    shapes: tuple[DocumentShape, ...]

    @property
    def report(self) -> FidelityReport:
        rows = tuple(StartPage(s.seq, s.title, s.official, page)
                     for s, page in zip(self.shapes, self.best.pages))
        return FidelityReport(self.label, rows)

    def misfits(self) -> list[str]:
        """Why each document more than one page off is off (the evidence the fit saw)."""
        return explain(self.shapes, self.best)


def explain(shapes, rendered: Rendered) -> list[str]:
    """One line per document more than one page from its 目录 page, naming where the
    drift grew and what that document holds that the model cannot fit."""
    lines = []
    pages = rendered.pages
    drifts = [None if s.official is None else p - s.official for s, p in zip(shapes, pages)]
    for i, (shape, drift) in enumerate(zip(shapes, drifts)):
        if drift is None or abs(drift) <= 1:
            continue
        # the document before which the drift jumped most
        j, jump = i, 0
        for k in range(1, i + 1):
            if drifts[k] is not None and drifts[k - 1] is not None:
                step = drifts[k] - drifts[k - 1]
                if abs(step) > abs(jump) and k <= i:
                    j, jump = k, step
        culprit = shapes[j - 1] if j > 0 else shapes[i]
        printed = (shapes[j].official - culprit.official
                   if j > 0 and culprit.official is not None else None)
        ours = pages[j] - pages[j - 1] if j > 0 else None
        if culprit.images:
            why = f"it holds {culprit.images} image(s) whose printed height is unknown"
        elif culprit.tables and printed is not None and ours is not None:
            why = (f"its tables take {printed} page(s) in print and {ours} here: a table "
                   "laid out very differently")
        elif printed is not None and ours is not None and ours < printed:
            why = (f"it takes {printed} page(s) in print but {ours} here: the next document "
                   "probably starts on a new page in print, or the print has pages the "
                   "text does not show (images, blank pages)")
        else:
            why = f"it takes {printed} page(s) in print and {ours} here"
        lines.append(f"document {shape.seq} ({shape.title[:24]}) starts on {pages[i]}, the "
                     f"目录 says {shape.official} ({drift:+d}); the drift grows at document "
                     f"{culprit.seq}: {why}")
    return lines


class NotEnoughEvidence(GazetteError):
    """The issue's 目录 does not give enough start pages to fit a layout on."""


def fit_issue(issue: Issue, *, max_renders: int = MAX_RENDERS,
              paper_sizes=None, columns=(1, 2)) -> FitResult:
    """Fit a layout to the start pages of ``issue``'s 目录 (``toc_page``)."""
    shapes = issue_shapes(issue)
    ev = evidence(shapes)
    if ev.compared < 3:
        raise NotEnoughEvidence(f"only {ev.compared} document(s) have a 目录 page; at least "
                                "3 are needed to fit a layout", path=issue.folder or None)
    if ev.density < MIN_DENSITY:
        raise NotEnoughEvidence(
            f"the documents hold {ev.density:.0f} characters per page of the 目录's page "
            f"range, fewer than any text page prints ({MIN_DENSITY}): the text is probably "
            "not the whole printed text (images, abridged documents)", path=issue.folder or None)
    kwargs = {"paper_sizes": paper_sizes} if paper_sizes else {}
    estimates = estimate(shapes, columns=columns, **kwargs)
    best_estimate = estimates[0]
    if best_estimate.score.off > len(shapes) // 2:
        raise NotEnoughEvidence(
            "no layout of the searched range puts most documents within one page of the "
            f"目录 ({best_estimate.score.off} of {ev.compared} off even at best): the "
            "documents' text is probably not the whole printed text", path=issue.folder or None)
    logger.info("estimate: %s (%d inexact, %d off by more than 1)", best_estimate.layout,
                best_estimate.score.inexact, best_estimate.score.off)
    renders: list[Rendered] = []
    # start pages rarely tell one column from two: when the other column count's best
    # estimate is as good, both are rendered and the better one is refined
    queue = [best_estimate.layout] + [
        e.layout for e in estimate(shapes, columns=tuple(c for c in columns
                                                         if c != best_estimate.layout.columns),
                                   keep=1, **kwargs)
        if (e.score.off, e.score.inexact) == (best_estimate.score.off,
                                              best_estimate.score.inexact)][:1]
    layout = queue.pop(0)
    tried = set()
    while len(renders) < max_renders:
        tried.add(layout)
        logger.info("render %d: %s", len(renders) + 1, describe(layout))
        rendered = measure_layout(issue, layout, ev.first_body_page, shapes)
        renders.append(rendered)
        best = min(renders, key=lambda r: r.score.key)
        if best.score.inexact == 0:
            break
        if queue:
            layout = queue.pop(0)
            continue
        proposal = refine(best, shapes, ev.first_body_page, exclude=frozenset(tried),
                          others=renders)
        if proposal is None:
            break
        layout = proposal[0]
    label = f"{issue.gazette.name} {issue.label}"
    return FitResult(label, best.layout, ev.first_body_page, tuple(estimates), tuple(renders),
                     best, shapes)
