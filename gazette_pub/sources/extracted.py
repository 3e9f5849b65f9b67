"""The text a file reader (.docx, .pdf) extracted, as the other readers see it.

A file reader turns its file into :class:`Extracted`: the lines in reading order
(``SourceLine`` objects with the layout evidence the file holds) and ``text``, every
line the reader read — page furniture and 版头 included — one per line, so that a
``SourceLine.no`` is a line of ``text``. ``text`` is what the import report's line
numbers and ``gazette check --audit`` count against: the audit re-extracts it from the
file and checks every character of it is in the manifest or in a discarded span.
``locations`` gives each line's page (PDF, docx page breaks) or paragraph (docx).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .lines import SourceLine


@dataclass(frozen=True)
class Extracted:
    """Lines (with evidence) and the full extracted text of a .docx or .pdf source."""

    lines: tuple[SourceLine, ...]
    text: str
    locations: dict[int, str] = field(default_factory=dict)
