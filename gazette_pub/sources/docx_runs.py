"""The runs of a Word paragraph: their text, evidence and what they hold.

Contract: :func:`paragraph_runs` yields the ``w:r`` of a paragraph in order, through
hyperlinks, fields, content controls and tracked insertions (deletions left out);
:func:`run_parts` appends one run's text to the paragraph's :class:`Segment` s (a
``w:br`` starts the next, a page break the next page, a tab is a space — a tab
kept in an entry of a table of contents, before its page number —; footnote
references become ``[n]`` and their notes, text boxes their paragraphs, read after the
paragraph; images are reported by name); :func:`run_evidence` resolves a run's bold
and size through the styles; :func:`is_hidden` says whether it is hidden text
(``w:vanish``). :class:`Walk` is the state of reading a body in order
(:mod:`.docx_reader`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from .docx_numbering import Numbering
from .docx_styles import Styles
from .docx_xml import OFF_VALUES, w
from .report import ReportBuilder

WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
#: Where Word puts the glyphs of symbol fonts (w:sym w:char="F0B2"): no Unicode text.
SYMBOL_FONT_AREA = (0xF000, 0xF0FF)


@dataclass
class Segment:
    """One line of a paragraph (a w:br starts the next)."""

    text: str = ""
    bold: list[bool] = field(default_factory=list)
    sizes: list[float] = field(default_factory=list)
    page: int = 1


@dataclass
class Walk:
    """The state of reading the body in order."""

    styles: Styles
    numbering: Numbering
    footnotes: dict[str, str]
    report: ReportBuilder
    path: str
    page: int = 1
    text_since_break: bool = False
    paragraph: int = 0
    tables: int = 0
    footnote_no: int = 0
    #: The paragraph read is an entry of a table of contents (a TOC style, or a tab
    #: stop with leader dots): its tab before the page number is kept as a tab.
    leader_tabs: bool = False
    #: Endnote id → its text (numbered with the footnotes, read after their paragraph).
    endnotes: dict[str, str] = field(default_factory=dict)
    labelled: set = field(default_factory=set)
    #: Lines of the extracted text: (text, SourceLine or None, location).
    lines: list = field(default_factory=list)

    def new_page(self) -> None:
        self.page += 1
        self.text_since_break = False


def _on(element) -> bool:
    return element is not None and element.get(w("val"), "1") not in OFF_VALUES


def run_chains(run, walk: Walk, pstyle: str | None) -> tuple:
    """(the run's ``w:rPr``, its style chains: character style, paragraph style)."""
    rpr = run.find(w("rPr"))
    rstyle = rpr.find(w("rStyle")).get(w("val")) if rpr is not None and \
        rpr.find(w("rStyle")) is not None else None
    return rpr, [walk.styles.chain(rstyle), walk.styles.chain(pstyle, paragraph=True)]


def is_hidden(run, walk: Walk, pstyle: str | None) -> bool:
    """Is the ``w:r`` hidden text (``w:vanish``, direct or from its styles): text Word
    neither shows nor prints, such as a template's instructions?"""
    rpr, chains = run_chains(run, walk, pstyle)
    vanish = rpr.find(w("vanish")) if rpr is not None else None
    vanish = vanish if vanish is not None else walk.styles.run_property(chains, w("vanish"))
    return _on(vanish)


def run_evidence(run, walk: Walk, pstyle: str | None) -> tuple[bool, float | None]:
    """(bold, size in points) of a ``w:r`` resolved through the styles."""
    rpr, chains = run_chains(run, walk, pstyle)
    bold_el = rpr.find(w("b")) if rpr is not None else None
    bold_el = bold_el if bold_el is not None else walk.styles.run_property(chains, w("b"))
    bold = _on(bold_el) if bold_el is not None else walk.styles.default_bold
    size_el = rpr.find(w("sz")) if rpr is not None else None
    size_el = size_el if size_el is not None else walk.styles.run_property(chains, w("sz"))
    size = int(size_el.get(w("val"))) / 2 if size_el is not None and \
        (size_el.get(w("val")) or "").isdigit() else walk.styles.default_size
    return bold, size


def image_name(element) -> str:
    """A drawing's or picture's name as Word shows it (docPr name/descr, or its shape id)."""
    doc_pr = element.find(f".//{{{WP}}}docPr")
    if doc_pr is not None:
        return doc_pr.get("descr") or doc_pr.get("name") or "image"
    shape = element.find(".//{urn:schemas-microsoft-com:vml}shape")
    return shape.get("id", "image") if shape is not None else "image"


def run_parts(run, walk: Walk, pstyle: str | None, segments: list[Segment],
              boxes: list) -> None:
    """Append the text of one ``w:r`` to ``segments`` (module doc)."""
    bold, size = run_evidence(run, walk, pstyle)

    def add(text: str) -> None:
        seg = segments[-1]
        seg.text += text
        seg.bold += [bold] * len(text)
        if size and text.strip():
            seg.sizes.append(size)
        if text.strip():
            walk.text_since_break = True

    for child in run:
        tag = etree.QName(child).localname if isinstance(child.tag, str) else ""
        if tag == "t":
            add(child.text or "")
        elif tag == "tab":
            add("\t" if walk.leader_tabs else " ")  # a TOC's tab before its page number
        elif tag in ("br", "cr"):
            if child.get(w("type")) == "page":
                walk.new_page()
            segments.append(Segment(page=walk.page))
        elif tag == "noBreakHyphen":
            add("-")
        elif tag == "sym":
            code = int(child.get(w("char"), "0"), 16) if \
                (child.get(w("char")) or "").isalnum() else 0
            if code and not SYMBOL_FONT_AREA[0] <= code <= SYMBOL_FONT_AREA[1]:
                add(chr(code))
            else:  # a glyph of a symbol font (Wingdings …): no Unicode character
                walk.report.uncertain(None, f"¶ {walk.paragraph}: symbol {child.get(w('char'))} "
                                            f"of font {child.get(w('font'))!r} skipped")
        elif tag == "lastRenderedPageBreak" and walk.text_since_break:
            walk.new_page()
            segments[-1].page = walk.page if not segments[-1].text.strip() else segments[-1].page
        elif tag in ("footnoteReference", "endnoteReference"):
            walk.footnote_no += 1
            mark = f"[{walk.footnote_no}]"
            add(mark)
            notes = walk.footnotes if tag == "footnoteReference" else walk.endnotes
            note = notes.get(child.get(w("id")), "")
            boxes.append(f"{mark} {note}".strip())
        elif tag in ("drawing", "pict", "object") or tag == "AlternateContent":
            texts = [tb for tb in child.iter(w("txbxContent"))
                     if not any(etree.QName(a).localname == "Fallback" for a in tb.iterancestors())]
            if texts:
                for box in texts:
                    boxes.extend(box)  # the text box's paragraphs, read after this one
            else:
                walk.report.uncertain(None, f"¶ {walk.paragraph}: image {image_name(child)!r} "
                                            "skipped (only text is imported)")


def paragraph_runs(element):
    """The ``w:r`` elements of a paragraph in order, through hyperlinks, fields, content
    controls and tracked insertions (deletions left out)."""
    for child in element:
        tag = etree.QName(child).localname if isinstance(child.tag, str) else ""
        if tag == "r":
            yield child
        elif tag in ("hyperlink", "ins", "smartTag", "fldSimple", "customXml", "moveTo"):
            yield from paragraph_runs(child)
        elif tag == "sdt":
            content = child.find(w("sdtContent"))
            if content is not None:
                yield from paragraph_runs(content)
