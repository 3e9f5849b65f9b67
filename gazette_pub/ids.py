"""The one owner of identifier rules: document ids, slugs and file names.

A document id is ``<gazette>-<year>-<NN>-<seq>`` (``ningxia-2021-10-03``): it is
derived from the issue and the document's sequence, so it never changes between
rebuilds and never depends on the title. Slugs are ASCII, lower-case, and safe
as a single path segment.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

#: A safe path segment: ASCII letters, digits and inner hyphens, at most 80 chars.
SLUG_RE = re.compile(
    r"""
    [a-z0-9]            # starts with a letter or digit (no dot files, no '..')
    [a-z0-9-]{0,79}     # then letters, digits, hyphens; bounded length
    """,
    re.X,
)

#: A document file name: ``NN-slug.md``.
DOC_FILE_RE = re.compile(
    r"""
    (?P<seq>\d{2,4})    # zero-padded sequence in the issue
    -
    (?P<slug>[a-z0-9][a-z0-9-]{0,79})
    \.md
    """,
    re.X,
)


def is_slug(value: str) -> bool:
    return SLUG_RE.fullmatch(value) is not None


def slugify(text: str, *, fallback: str = "doc") -> str:
    """An ASCII slug for ``text``: Latin letters and digits kept, the rest hyphens.

    Chinese text has no ASCII to keep, so a caller usually passes the 文号's
    Latin/digit part or falls back to ``fallback``.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80].strip("-")
    return slug or fallback


def document_id(gazette_id: str, year: int, number: int, seq: int) -> str:
    return f"{gazette_id}-{year}-{number:02d}-{seq:02d}"


def document_filename(seq: int, slug: str) -> str:
    return f"{seq:02d}-{slug}.md"


#: The gazette's fixed data, beside its issue folders (or in a draft's own folder).
GAZETTE_FILE = "gazette.toml"


def gazette_file(folder: str | Path) -> Path:
    """The ``gazette.toml`` of the issue in ``folder``: the issue folder's own (a draft
    imported with ``import --out`` where no gazette folder held one) or else its gazette
    folder's (``../gazette.toml``)."""
    folder = Path(folder)
    own = folder / GAZETTE_FILE
    return own if own.exists() or own.is_symlink() else folder.parent / GAZETTE_FILE
