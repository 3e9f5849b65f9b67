"""Imported chunks of a .docx (``w:altChunk``): the HTML a web system put in the file.

Office systems that build Word files from web forms (OA 正文 exports, HTML→docx
converters) often do not write WordprocessingML at all: the body holds a
``w:altChunk`` pointing at an HTML, MHT or plain-text part, which Word converts when it
opens the file. python-docx does not read those parts, so their text would be lost.

Contract: :func:`chunk_lines` returns the lines of the chunk part a relationship id
names: for HTML and MHT, each innermost block (``p``, ``div``, ``h1``–``h6``, ``li`` …)
one line and each table row one line, its cells parted by tabs (read as a table row
later); for plain text its lines. A chunk in another format (RTF, another .docx) is
reported as not read and gives no lines.
"""

from __future__ import annotations

import email
import re

from .report import ReportBuilder

#: Elements that make a line of their own in a chunk's HTML.
BLOCKS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd",
                    "blockquote", "pre", "caption", "center", "address", "section",
                    "article", "header", "footer", "td", "th", "tr", "table", "body"})
#: Runs of whitespace inside a block (HTML collapses them; full-width spaces stay).
SPACES_RE = re.compile(
    r"""
    [\x20\t\r\n\xa0]+    # ASCII whitespace and no-break spaces
    """,
    re.X,
)
#: The charset an HTML chunk declares in its meta tag.
META_CHARSET_RE = re.compile(
    rb"""
    charset \s* = \s* ["']? (?P<name> [A-Za-z0-9_-]+ )
    """,
    re.X | re.I,
)


def _text(element) -> str:
    return SPACES_RE.sub(" ", element.text_content()).strip()


def html_lines(html: str) -> list[str]:
    """The lines of an HTML chunk (module doc)."""
    import lxml.html
    root = lxml.html.fromstring(html or "<p></p>")
    for junk in root.xpath("//script|//style|//head|//title"):
        junk.drop_tree()
    out: list[str] = []

    def visit(element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "tr":
            cells = [_text(c) for c in element if isinstance(c.tag, str) and c.tag in ("td", "th")]
            if any(cells):
                out.append("\t".join(cells))
            return
        blocks = [c for c in element if isinstance(c.tag, str) and c.tag in BLOCKS]
        if tag in BLOCKS and not blocks:
            text = _text(element)
            if text:
                out.append(text)
            return
        if element.text and element.text.strip() and tag in BLOCKS:
            out.append(SPACES_RE.sub(" ", element.text).strip())
        for child in element:
            visit(child)
            if child.tail and child.tail.strip() and tag in BLOCKS:
                out.append(SPACES_RE.sub(" ", child.tail).strip())

    visit(root)
    return out


def _decode(blob: bytes, charset: str | None) -> str:
    names = [charset] if charset else []
    found = META_CHARSET_RE.search(blob[:2048])
    if found:
        names.append(found["name"].decode("ascii"))
    for name in names + ["utf-8", "gb18030"]:
        try:
            return blob.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    return blob.decode("utf-8", errors="replace")


def chunk_lines(document, rel_id: str, report: ReportBuilder, where: str) -> list[str]:
    """The lines of the chunk part ``rel_id`` of the python-docx ``document``."""
    rel = document.part.rels.get(rel_id)
    if rel is None or rel.is_external:
        report.uncertain(None, f"{where}: an imported chunk ({rel_id}) whose part is missing")
        return []
    part = rel.target_part
    kind, blob = (part.content_type or "").lower(), part.blob
    if "html" in kind or blob.lstrip()[:1] == b"<":
        lines = html_lines(_decode(blob, None))
    elif "rfc822" in kind or "mhtml" in kind or b"MIME-Version" in blob[:1024]:
        message = email.message_from_bytes(blob)
        html = next((m for m in message.walk() if m.get_content_type() == "text/html"), None)
        lines = html_lines(_decode(html.get_payload(decode=True) or b"",
                                   html.get_content_charset())) if html is not None else []
    elif kind.startswith("text/plain"):
        lines = [ln.strip() for ln in _decode(blob, None).splitlines() if ln.strip()]
    else:
        report.uncertain(None, f"{where}: an imported chunk of type {kind or 'unknown'} "
                               f"({part.partname}) is not read: open the file in Word and "
                               "save it again to make it ordinary text")
        return []
    report.normalize(None, f"{where}: an imported chunk ({part.partname}, {kind or 'html'}) "
                           f"read as {len(lines)} line(s)")
    return lines
