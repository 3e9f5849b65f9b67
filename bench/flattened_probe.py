"""Probe: every real page (tests/fixtures/real/web*) flattened the way scrapers flatten
text, imported, and scored on title, 文号, organs, 落款 and date against the page's
expectation in the real-page tests (tests/test_import_real.py, tests/test_import_heldout.py).

Flattenings (:data:`MODES`):

- ``joined``: every line break removed (the lines stripped and run together);
- ``spaced``: every line break replaced by one space (blank lines dropped);
- ``paragraphs``: the paragraphs (blocks between blank lines) kept one a line, each
  paragraph's inner wraps removed (a page with no blank line keeps its lines).

Usage: ``./run.sh python -m bench.flattened_probe [-v]`` (``-v`` lists each miss).
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from gazette_pub.sources import SourceError, import_source
from tests import test_import_heldout as heldout
from tests import test_import_real as real

FIELDS = ("title", "文号", "organs", "落款", "date")

#: A blank line (the break between two paragraphs).
BLANK_RE = re.compile(
    r"""
    \n [ \t\u3000]* \n \s*
    """,
    re.X,
)


def joined(text: str) -> str:
    """Every line break removed."""
    return "".join(line.strip() for line in text.splitlines())


def spaced(text: str) -> str:
    """Every line break replaced by one space."""
    return " ".join(line.strip() for line in text.splitlines() if line.strip())


def paragraphs(text: str) -> str:
    """Paragraphs kept, each paragraph's inner wraps removed."""
    if not BLANK_RE.search(text.strip()):
        return text
    return "\n".join(joined(block) for block in BLANK_RE.split(text.strip()) if block.strip())


MODES: dict[str, Callable[[str], str]] = {
    "joined": joined, "spaced": spaced, "paragraphs": paragraphs}


def expectations() -> dict[Path, tuple]:
    """page → (title, 文号, organs, 落款, date), from the real-page tests' tables."""
    out: dict[Path, tuple] = {}
    for name, row in real.EXPECTED.items():
        title, number, organs, signers, _addressee, date, *_ = row
        out[real.REAL / name] = (title, number, organs, signers, date)
    for folder, table in ((heldout.HELD_OUT, heldout.EXPECTED), (heldout.HELD_OUT_3,
                          heldout.EXPECTED3), (heldout.HELD_OUT_4, heldout.EXPECTED4)):
        for name, row in table.items():
            out[folder / name] = tuple(row)
    return out


def read_fields(path: Path) -> tuple | None:
    """The first document's (title, 文号, organs, 落款, date) of ``path``, or None."""
    try:
        documents = import_source(path).issue.documents
    except SourceError:
        return None
    if not documents:
        return None
    doc = documents[0]
    return (doc.title, doc.doc_number, doc.organs, doc.signatories,
            doc.date.isoformat() if doc.date else None)


def probe(verbose: bool = False) -> dict[str, dict[str, int]]:
    """mode → field → pages right (and ``pages``: how many pages)."""
    expected = expectations()
    scores: dict[str, dict[str, int]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for mode, flatten in MODES.items():
            counts = dict.fromkeys(FIELDS, 0)
            for page, want in sorted(expected.items()):
                path = Path(tmp) / f"{page.parent.name}-{page.name}"
                path.write_text(flatten(page.read_text(encoding="utf-8")) + "\n",
                                encoding="utf-8")
                got = read_fields(path)
                for k, field in enumerate(FIELDS):
                    if got is not None and got[k] == want[k]:
                        counts[field] += 1
                    elif verbose:
                        print(f"{mode:10} {page.parent.name}/{page.name:16} {field}: "
                              f"{got[k] if got else None!r} ≠ {want[k]!r}")
            counts["pages"] = len(expected)
            scores[mode] = counts
    return scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list each miss")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)
    scores = probe(args.verbose)
    for mode, counts in scores.items():
        print(f"{mode:10} " + "  ".join(f"{f} {counts[f]}/{counts['pages']}" for f in FIELDS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
