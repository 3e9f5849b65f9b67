"""Importers: raw gazette material → :class:`model.Issue` plus an :class:`ImportReport`.

``READERS`` maps each input kind to its reader; :func:`detect_kind` guesses the
kind from the text; :func:`import_source` decodes a file, runs a reader and
returns the issue with the report of everything discarded, joined, normalized,
fixed or uncertain. A single-document source gives a one-document draft issue
whose unknown metadata is empty (year/number 0).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..errors import SourceError
from ..model import Issue
from .decode import decode_source
from .report import ImportReport, ReportBuilder
from .ocr_markdown import read_ocr_markdown
from .standalone import read_standalone
from .text_issue import read_text_issue
from .web_page import META_RE, read_web_page

logger = logging.getLogger(__name__)

__all__ = ["READERS", "ImportResult", "ImportReport", "detect_kind", "import_source"]

#: A reader: (text, source file name, gazette id, report) → Issue.
Reader = Callable[..., Issue]

READERS: dict[str, Reader] = {
    "text-issue": read_text_issue,
    "web-page": read_web_page,
    "standalone": read_standalone,
    "ocr-markdown": read_ocr_markdown,
}


@dataclass(frozen=True)
class ImportResult:
    """An imported issue (or one-document draft issue) and its import report."""

    issue: Issue
    report: ImportReport


#: Signs of a whole issue extracted from PDF: a TOC header and a masthead line.
ISSUE_SIGNS_RE = re.compile(r"^\s*目\s*录\s*$|^\s*\d{4}\s*年\s*第\s*\d{1,3}\s*期\s*$", re.M)


#: Lines at the top of a scraped page where its metadata line (发表时间/来源) sits.
WEB_META_WINDOW = 8


#: Signs of Markdown: ATX headings, HTML or pipe tables, bold marks.
MARKDOWN_SIGNS_RE = re.compile(r"^\s{0,3}#{1,6}\s|<table\b|^\s*\|.*\|\s*$|\*\*\S", re.M | re.I)


def detect_kind(text: str) -> str:
    """The reader kind for ``text`` (see :data:`READERS`)."""
    if len(MARKDOWN_SIGNS_RE.findall(text)) >= 2:
        return "ocr-markdown"
    if len(ISSUE_SIGNS_RE.findall(text[:20000])) >= 2:
        return "text-issue"
    top = [ln.strip() for ln in text.split("\n") if ln.strip()][:WEB_META_WINDOW]
    if any(META_RE.match(ln) for ln in top):
        return "web-page"
    return "standalone"


#: A file stem's trailing date/issue part: ningxia-2021-10 → ningxia.
STEM_TAIL_RE = re.compile(r"(?:[-_]\d+)+$")


def gazette_id_of(path: Path) -> str:
    """A gazette id derived from the file name (``ningxia-2021-10.txt`` → ``ningxia``)."""
    stem = STEM_TAIL_RE.sub("", path.stem.lower())
    slug = re.sub(r"[^a-z0-9]+", "-", stem).strip("-")
    return slug or "gazette"


def import_source(path: Path, *, kind: str | None = None,
                  gazette_id: str | None = None) -> ImportResult:
    """Import the file at ``path`` with the reader ``kind`` (detected when None)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror}", path=path) from exc
    report = ReportBuilder(path.name, kind or "?")
    text = decode_source(data, str(path), report)
    kind = kind or detect_kind(text)
    if kind not in READERS:
        raise SourceError(f"unknown input kind {kind!r} (known: {', '.join(READERS)})", path=path)
    report.kind = kind
    logger.info("importing %s as %s", path, kind)
    issue = READERS[kind](text, source_file=path.name, gazette_id=gazette_id or gazette_id_of(path),
                          report=report)
    return ImportResult(issue, report.build())
