"""The static full-text search index: Pagefind fed with overlapping character bigrams.

Chinese has no spaces, and a word segmenter misses names and matches fragments. So the
index is not Pagefind's reading of the HTML but one custom record per document whose
words are made here (:func:`tokens`), and ``static/search-core.js`` turns a query into
the same words and confirms the exact phrase in the document's text before showing it:

1. the document's strings (title, 文号, each paragraph, heading, list item, table cell,
   enclosed document, :func:`gazette_pub.site.verify.document_parts`) are normalized
   character by character (:func:`normalize_char`: NFKC, every bracket 〔〕[]()【】 as 〔〕,
   spaces dropped, Latin letters lower-cased), one string per line;
2. its words: every overlapping pair of Han characters of a run (a lone Han character
   as itself), every run of digits, every run of Latin letters;
3. the record carries as meta the original text (for the phrase check and a snippet that
   starts at the hit), the title, 文号, issue and date, and the values search-core.js
   filters by: 公报, 年份, 期, 发文机关, 文种 and 栏目.

A document holding a phrase holds all of its words, so every document containing a query
is a candidate (recall); the phrase check leaves only those that contain it (precision).
Pagefind is told the records are English: it then only splits them at spaces (its
Chinese segmenter would cut the bigrams again). The index is built into a temporary
folder, and its files returned; the writer keeps unchanged files. https://pagefind.app/docs/
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import re
import tempfile
import unicodedata
from pathlib import Path, PurePosixPath

from .. import urls
from ..chars import HAN_CLASS
from ..errors import RenderError
from ..model import Document, Issue
from ..render.html import gazette_title
from ..kinds import document_kind
from .browse import OTHER_KIND
from .verify import document_parts

logger = logging.getLogger(__name__)

#: The language Pagefind is told: one that it splits at white space only.
RECORD_LANGUAGE = "en"

#: A word every record holds, so that a search by filters alone finds every document
#: (the phrase check drops it from a query's results unless the text holds it).
EVERY_RECORD = "gazettedocument"

#: Opening and closing brackets that a 文号 may be typed with, after NFKC (which already
#: maps the full-width （）［］｛｝ to ASCII); all are read as 〔〕.
OPENING = "([{【〔〖"
CLOSING = ")]}】〕〗"

#: The runs of a normalized text that give words: Han characters, digits, Latin letters.
WORD_RUN_RE = re.compile(
    rf"""
    (?P<han>[{HAN_CLASS}]+)    # a run of Han characters: its bigrams
    | (?P<digits>[0-9]+)       # a number: as a whole
    | (?P<latin>[a-z]+)        # a Latin word (lower-cased by normalize_char)
    """,
    re.X,
)


def normalize_char(char: str) -> str:
    """What one character of a text or a query is compared as (search-core.js does the same)."""
    if char == "\n":
        return char
    out = []
    for c in unicodedata.normalize("NFKC", char):
        if c in OPENING:
            out.append("〔")
        elif c in CLOSING:
            out.append("〕")
        elif not c.isspace():
            out.append(c.lower() if c.isascii() else c)
    return "".join(out)


def normalize(text: str) -> str:
    return "".join(normalize_char(c) for c in text)


def tokens(normalized: str) -> list[str]:
    """The index words of a normalized text: Han bigrams, numbers, Latin words."""
    words: list[str] = []
    for match in WORD_RUN_RE.finditer(normalized):
        run = match.group()
        if match["han"] and len(run) > 1:
            words += [run[i:i + 2] for i in range(len(run) - 1)]
        else:
            words.append(run)
    return words


def search_text(doc: Document) -> str:
    """The text a query is looked for in: the document's strings, one per line."""
    return "\n".join(part.replace("\n", " ") for part in document_parts(doc))


def _pages(built_pages: dict[str, tuple[int, int]], doc: Document) -> str:
    first, last = built_pages.get(doc.id, (None, None))
    if first is None:
        return ""
    return f"第{first}页" if first == last else f"第{first}–{last}页"


def document_record(issue: Issue, doc: Document, section: str,
                    pages: dict[str, tuple[int, int]]) -> dict:
    """The Pagefind record of one document (``add_custom_record``'s arguments)."""
    text = search_text(doc)
    gazette = gazette_title(issue.gazette)
    issue_name = f"{gazette} {issue.label}"
    date = issue.date.isoformat() if issue.date else f"{issue.year:04d}"
    # The filter values, as meta (Pagefind's own filters are written in a different order
    # on each run: the site would not be the same bytes for the same input).
    meta = {"title": doc.title, "issue": f"{issue_name} {_pages(pages, doc)}".strip(),
            "date": date, "order": f"{date}/{issue.gazette.id}/{issue.number:03d}/{doc.seq:03d}",
            "doc_number": doc.doc_number, "path": str(urls.document_page(issue, doc)),
            "text": text, "gazette": gazette, "year": str(issue.year), "issue_name": issue_name,
            "organ": "\n".join(doc.organs), "kind": document_kind(doc.title) or OTHER_KIND,
            "section": section}
    words = [*tokens(normalize(text)), EVERY_RECORD]
    return dict(url="/" + str(urls.document_page(issue, doc)), content=" ".join(words),
                language=RECORD_LANGUAGE, meta=meta)


def records(issues: list[tuple[Issue, dict[str, tuple[int, int]]]]) -> list[dict]:
    """The records of every document of ``issues`` (each with its printed pages)."""
    return [document_record(issue, doc, section.title, pages)
            for issue, pages in issues for section in issue.sections for doc in section.documents]


async def _write(records_: list[dict], folder: str) -> None:
    from pagefind.index import PagefindIndex
    async with PagefindIndex(config={"output_path": folder}) as index:
        for record in records_:
            await index.add_custom_record(**record)


def _run(coroutine) -> None:
    """Run ``coroutine`` to its end, also when the caller's thread already runs an event
    loop (a preview server, a test driving a browser): then in a thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        asyncio.run(coroutine)
        return
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, coroutine).result()


def build_index(issues: list[tuple[Issue, dict[str, tuple[int, int]]]]
                ) -> dict[PurePosixPath, bytes]:
    """The Pagefind bundle of every document of ``issues``, as site-relative path → bytes."""
    all_records = records(issues)
    with tempfile.TemporaryDirectory(prefix="gazette-pagefind-") as tmp:
        bundle = Path(tmp) / "pagefind"
        try:
            _run(_write(all_records, str(bundle)))
        except Exception as exc:  # the service reports its own errors as any exception
            raise RenderError(f"pagefind failed: {exc}", path=Path(tmp)) from exc
        if not (bundle / "pagefind.js").is_file():
            raise RenderError("pagefind wrote no index", path=bundle)
        logger.info("Search index: %d documents", len(all_records))
        return {urls.search_bundle() / p.relative_to(bundle).as_posix(): p.read_bytes()
                for p in sorted(bundle.rglob("*")) if p.is_file()}
