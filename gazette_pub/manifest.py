"""Issue folders → the model: load, validating everything (:mod:`gazette_pub.save` writes
folders, :mod:`gazette_pub.export` the JSON export).

Loading follows MkDocs: every problem of every file is collected as a
:class:`~gazette_pub.errors.Problem` with file, line and field, and raised once
in a :class:`~gazette_pub.errors.ManifestError`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import logging
import re
import tomllib
from pathlib import Path
from typing import Any

from . import ids, themes
from .ids import gazette_file
from .body import INVISIBLE_RE, invisible_values, parse_body
from .errors import ManifestError, Problem, SourceError
from .files import read_regular, regular_size
from .model import Document, Gazette, Issue, Section, SourceRef

logger = logging.getLogger(__name__)

ISSUE_FILE = "issue.toml"
#: Largest file we read (≈ 700,000 CJK characters, 10× the largest seed issue), and
#: most bytes one issue may hold (≈ 1,000 printed pages): bounds on memory and time
#: for hostile input, checked from the file size before anything is read.
MAX_DOCUMENT_BYTES = 2 * 1024 * 1024
MAX_ISSUE_BYTES = 4 * 1024 * 1024

#: A document file: TOML header between +++ lines, then the Markdown body.
FRONT_MATTER_RE = re.compile(
    r"""
    \A\+\+\+[ \t]*\n        # opening fence on the first line
    (?P<header>.*?)         # TOML header
    ^\+\+\+[ \t]*(?:\n|\Z)  # closing fence on a line of its own
    (?P<body>.*)            # Markdown body
    """,
    re.X | re.S | re.M,
)

#: tomllib's error position: "... (at line 3, column 5)".
TOML_POSITION_RE = re.compile(r"\(at line (?P<line>\d+), column \d+\)")

#: A year in brackets inside a 文号: 〔2024〕 is the normalized form; [2024], ［2024］,
#: (2024), （2024）, 【2024】 or a mixed pair are not (docs/manifest-format.md).
DOC_NUMBER_YEAR_RE = re.compile(
    r"""
    (?P<open>[〔\[［(（【〖{｛<＜〈《])   # any opening bracket a 文号 year is printed in
    \s* (?P<year>\d{4}) \s*
    (?P<close>[〕\]］)）】〗}｝>＞〉》])   # any closing bracket
    """,
    re.X,
)


class _Collector:
    """Collects problems for one load; knows how to locate a key in a file."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        #: Bytes of every file read so far, against :data:`MAX_ISSUE_BYTES`.
        self.bytes_read = 0
        #: (file name, key) → line, for cross-file problems reported after loading.
        self.key_lines: dict[tuple[str, str], int] = {}

    def add(self, path: Path | str, message: str, *, line: int | None = None,
            field: str | None = None) -> None:
        self.problems.append(Problem(str(path), message, line, field))


def _key_line(text: str, key: str, offset: int = 0) -> int | None:
    """1-based line of ``key =`` (or ``[key]``) in TOML ``text``, for error messages."""
    match = re.search(rf'^\s*(?:"?{re.escape(key)}"?\s*=|\[+{re.escape(key)}\]+)', text, re.M)
    return offset + text.count("\n", 0, match.start()) + 1 if match else None


def _read_text(path: Path, errs: _Collector) -> str | None:
    """The text of ``path``, or None after adding the problem that stops reading it.

    Refused: symbolic links (they could pull in a file from outside the issue),
    files over :data:`MAX_DOCUMENT_BYTES` or past the issue's :data:`MAX_ISSUE_BYTES`
    (judged from the size, before reading), bytes that are not UTF-8, and lines
    with an :data:`~gazette_pub.body.INVISIBLE_RE` character (reported by line).
    """
    if path.is_symlink():
        errs.add(path, "is a symbolic link; the files of an issue must be regular files "
                 "inside its folder")
        return None
    try:  # regular files only (a FIFO or /dev/zero is refused before reading)
        size = regular_size(path)
        if size > MAX_DOCUMENT_BYTES:
            errs.add(path, f"file is {size} bytes, more than the limit of {MAX_DOCUMENT_BYTES}; "
                     "split the document")
            return None
        errs.bytes_read += size
        if errs.bytes_read > MAX_ISSUE_BYTES:
            errs.add(path, f"the issue's files reach {errs.bytes_read} bytes here, more than the "
                     f"limit of {MAX_ISSUE_BYTES} (about 1,000 pages); split the issue")
            return None
        data = read_regular(path, limit=MAX_DOCUMENT_BYTES)
    except SourceError as exc:
        errs.add(path, exc.message)
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        errs.add(path, "not UTF-8 (byte %#04x); convert it, or import it with "
                 "'gazette import', which detects GB18030" % data[exc.start], line=line)
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for number, line_text in enumerate(text.split("\n"), 1):
        bad = INVISIBLE_RE.search(line_text)
        if bad is not None:
            errs.add(path, f"invisible or control character U+{ord(bad[0]):04X} is not "
                     "allowed in the authoritative text; remove it", line=number)
    return text


def _load_toml(path: Path, errs: _Collector, text: str | None = None,
               line_offset: int = 0) -> dict | None:
    if text is None:
        text = _read_text(path, errs)
        if text is None:
            return None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = TOML_POSITION_RE.search(str(exc))
        line = int(match["line"]) + line_offset if match else None
        errs.add(path, f"invalid TOML: {TOML_POSITION_RE.sub('', str(exc)).strip()}", line=line)
        return None
    for keys, char in invisible_values(data):
        if char not in text:  # typed characters were reported with their line already
            key = next((k for k in reversed(keys) if isinstance(k, str)), "")
            errs.add(path, f"invisible or control character U+{ord(char):04X} written as a "
                     "TOML escape is not allowed in the authoritative text; remove it",
                     line=_key_line(text, key, line_offset), field=".".join(map(str, keys)))
    return data


class _Fields:
    """Typed access to one TOML table, reporting bad or missing fields with lines."""

    def __init__(self, data: dict, path: Path, text: str, errs: _Collector,
                 table: str = "", line_offset: int = 0) -> None:
        self.data, self.path, self.text, self.errs = data, path, text, errs
        self.table, self.line_offset = table, line_offset
        self.used: set[str] = set()

    def _bad(self, key: str, message: str) -> None:
        line = (_key_line(self.text, key, self.line_offset)
                or (_key_line(self.text, self.table, self.line_offset) if self.table else None)
                or self.line_offset + 1)
        name = f"{self.table}.{key}" if self.table else key
        self.errs.add(self.path, message, line=line, field=name)

    def get(self, key: str, kind, default: Any = ..., *, check=None):
        self.used.add(key)
        if key not in self.data:
            if default is ...:
                self._bad(key, f"missing required field '{key}'")
                return None
            return default
        value = self.data[key]
        if kind is int and isinstance(value, bool) or not isinstance(value, kind):
            names = kind.__name__ if isinstance(kind, type) else "/".join(k.__name__ for k in kind)
            if kind is dt.date:
                names = (f"a TOML date, written YYYY-MM-DD without quotes "
                         f"(e.g. {key} = 2024-01-15)")
            self._bad(key, f"'{key}' must be {names}, not {type(value).__name__}")
            return None if default is ... else default
        if check is not None:
            message = check(value)
            if message:
                self._bad(key, message)
                return None if default is ... else default
        return value

    def str_list(self, key: str) -> tuple[str, ...]:
        value = self.get(key, list, [])
        if value and not all(isinstance(v, str) for v in value):
            self._bad(key, f"'{key}' must be a list of strings")
            return ()
        return tuple(value or ())

    def warn_unknown(self) -> None:
        """A problem for each key no :meth:`get` asked for, naming the nearest known key."""
        for key in sorted(set(self.data) - self.used):
            close = difflib.get_close_matches(str(key), sorted(self.used), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            self._bad(key, f"unknown field '{key}'{hint}")


def _positive(value: int) -> str | None:
    return None if value > 0 else "must be a positive whole number"


def _plain_date(value: dt.date) -> str | None:
    # A TOML date-time is a dt.date too; the export contract says YYYY-MM-DD.
    return "must be a date (YYYY-MM-DD), not a date-time" if isinstance(value, dt.datetime) else None


def _doc_number_check(value: str) -> str | None:
    """The 文号 year stands in 〔〕 (the normalized form the importer writes)."""
    for match in DOC_NUMBER_YEAR_RE.finditer(value):
        if (match["open"], match["close"]) != ("〔", "〕"):
            fixed = value[:match.start()] + f"〔{match['year']}〕" + value[match.end():]
            return (f"文号 {value!r} has the year in {match['open']}{match['close']}: a 文号 "
                    f"is written with 〔〕 (write {fixed!r}; doc_number_raw keeps the printed form)")
    return None


def _slug_check(value: str) -> str | None:
    return None if ids.is_slug(value) else "must be a slug: a-z, 0-9 and '-', at most 80 characters"


# --------------------------------------------------------------------------- gazette

def load_gazette(path: Path, errs: _Collector) -> Gazette | None:
    text = _read_text(path, errs)
    data = _load_toml(path, errs, text) if text is not None else None
    if data is None:
        return None
    top = _Fields(data, path, text, errs)
    section = top.get("gazette", dict, {})
    top.get("editorial_committee", dict, {})
    top.get("colophon", dict, {})
    top.warn_unknown()
    fields = _Fields(section, path, text, errs, "gazette")
    gazette_id = fields.get("id", str, check=_slug_check)
    name = fields.get("name", str)
    gazette = Gazette(
        id=gazette_id or "gazette", name=name or "",
        frequency=fields.get("frequency", str, ""),
        slogans=fields.str_list("slogans"),
        theme=fields.get("theme", str, "default",
                         check=lambda v: _slug_check(v) or themes.unknown_theme(v, path.parent)),
        short_name=fields.get("short_name", str, ""),
        editorial_committee=_named_lists(data.get("editorial_committee", {}), path, text, errs),
        colophon=_colophon(data.get("colophon", {}), path, text, errs),
    )
    fields.warn_unknown()
    return gazette


def _named_lists(table: dict, path, text, errs) -> tuple:
    out = []
    for role, names in table.items() if isinstance(table, dict) else ():
        if isinstance(names, str):
            names = [names]
        if not (isinstance(names, list) and all(isinstance(n, str) for n in names)):
            errs.add(path, f"'{role}' must be a name or a list of names",
                     line=_key_line(text, role), field=f"editorial_committee.{role}")
            continue
        out.append((role, tuple(names)))
    return tuple(out)


def _colophon(table: dict, path, text, errs) -> tuple:
    out = []
    for label, value in table.items() if isinstance(table, dict) else ():
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            value = tuple(value)
        elif not isinstance(value, str):
            errs.add(path, f"'{label}' must be a string or a list of strings",
                     line=_key_line(text, label), field=f"colophon.{label}")
            continue
        out.append((label, value))
    return tuple(out)


# --------------------------------------------------------------------------- issue

def issue_folder_parts(folder: Path) -> tuple[int, int] | None:
    match = re.fullmatch(r"(\d{4})-(\d{2,3})", folder.name)
    return (int(match[1]), int(match[2])) if match else None


def load_issue(folder: str | Path) -> Issue:
    """Load and validate an issue folder; raise :class:`ManifestError` listing every problem.

    1. read the gazette's fixed data (:func:`gazette_file`: ``../gazette.toml``, or the
       issue folder's own);
    2. read ``issue.toml`` (metadata, sections and their document files);
    3. read every listed document (TOML header + Markdown body);
    4. cross-check: sequences 1..N in order, unique 文号, no unlisted files.
    """
    folder = Path(folder)
    errs = _Collector()
    issue_path = folder / ISSUE_FILE
    if not (issue_path.exists() or issue_path.is_symlink()):  # a FIFO: _read_text says so
        raise ManifestError([Problem(str(folder), f"not an issue folder: no {ISSUE_FILE}")])
    gazette_path = gazette_file(folder)
    if gazette_path.exists() or gazette_path.is_symlink():
        gazette = load_gazette(gazette_path, errs)
    else:
        errs.add(gazette_path, "missing: every gazette folder needs a gazette.toml")
        gazette = None
    issue = _load_issue_file(folder, issue_path, gazette or Gazette("gazette", ""), errs)
    if errs.problems:
        raise ManifestError(errs.problems)
    assert issue is not None
    return issue


def _load_issue_file(folder: Path, path: Path, gazette: Gazette, errs: _Collector) -> Issue | None:
    text = _read_text(path, errs)
    data = _load_toml(path, errs, text) if text is not None else None
    if data is None:
        return None
    top = _Fields(data, path, text, errs)
    meta = _Fields(top.get("issue", dict, {}), path, text, errs, "issue")
    sections_data = top.get("sections", list, [])
    source = _source(top.get("source", dict, None), path, text, errs)
    top.warn_unknown()
    # a draft imported from a single document may not know them yet: `gazette check`
    # lists them as missing (checks.missing_metadata) and a build refuses the issue
    year = meta.get("year", int, 0, check=lambda y: None if 1900 <= y <= 2999 else "year out of range")
    number = meta.get("number", int, 0, check=_positive)
    cumulative = meta.get("cumulative", int, None, check=_positive)
    date = meta.get("date", dt.date, None, check=_plain_date)
    back_matter = meta.str_list("back_matter")
    meta.warn_unknown()
    expected = issue_folder_parts(folder)
    if expected and year and number and expected != (year, number):
        errs.add(path, f"folder name '{folder.name}' disagrees with year {year} and number "
                 f"{number} (expected '{year}-{number:02d}')", line=_key_line(text, "number"),
                 field="issue.number")
    sections = []
    listed: dict[str, int] = {}
    for index, entry in enumerate(sections_data):
        section = _load_section(folder, path, text, index, entry, gazette, year or 0,
                                number or 0, listed, errs)
        if section is not None:
            sections.append(section)
    issue = Issue(gazette=gazette, year=year or 0, number=number or 0, cumulative=cumulative,
                  date=date, sections=tuple(sections), back_matter=back_matter, source=source,
                  folder=str(folder))
    _cross_check(folder, path, text, issue, listed, errs)
    return issue


def _source(data, path, text, errs) -> SourceRef | None:
    if data is None:
        return None
    fields = _Fields(data, path, text, errs, "source")
    lines = fields.get("lines", list, None)
    file = fields.get("file", str, "")
    fields.warn_unknown()
    if lines is not None and not (len(lines) == 2 and all(isinstance(n, int) for n in lines)):
        errs.add(path, "'lines' must be [first, last]", line=_key_line(text, "lines"),
                 field="source.lines")
        lines = None
    return SourceRef(file, tuple(lines) if lines else None)


def _load_section(folder, path, text, index, entry, gazette, year, number, listed, errs):
    where = f"sections[{index}]"
    if not isinstance(entry, dict):
        errs.add(path, f"{where} must be a table with title and documents", field=where)
        return None
    fields = _Fields(entry, path, text, errs, "sections")
    title = fields.get("title", str)
    in_body = fields.get("in_body", bool, False)
    files = fields.str_list("documents")
    fields.warn_unknown()
    documents = []
    for name in files:
        line = _key_line(text, "documents") and _line_containing(text, f'"{name}"')
        if ids.DOC_FILE_RE.fullmatch(name) is None:
            errs.add(path, f"document file name {name!r} must look like 'NN-slug.md' "
                     "(no folders, no '..')", line=line, field=f"{where}.documents")
            continue
        if name in listed:
            errs.add(path, f"document {name!r} is listed twice", line=line, field=f"{where}.documents")
            continue
        listed[name] = line or 0
        if not (folder / name).exists() and not (folder / name).is_symlink():
            errs.add(path, f"document file {name!r} does not exist in {folder.name}/",
                     line=line, field=f"{where}.documents")
            continue
        doc = load_document(folder / name, gazette, year, number, errs)
        if doc is not None:
            documents.append(doc)
    return Section(title or "", tuple(documents), in_body)


def _line_containing(text: str, needle: str) -> int | None:
    index = text.find(needle)
    return text.count("\n", 0, index) + 1 if index >= 0 else None


def _cross_check(folder: Path, path: Path, text: str, issue: Issue, listed: dict, errs) -> None:
    # Positions are only meaningful when every listed document loaded.
    loaded_all = len(issue.documents) == len(listed)
    for position, doc in enumerate(issue.documents, 1):
        if loaded_all and doc.seq and doc.seq != position:
            errs.add(folder / doc.path, f"seq is {doc.seq} but the document is number "
                     f"{position} in the issue's order", line=2, field="seq")
    seqs: dict[int, str] = {}
    for doc in issue.documents:
        if doc.seq and doc.seq in seqs:  # reported even when another document failed to load
            errs.add(folder / doc.path, f"seq {doc.seq} is also used by {seqs[doc.seq]}",
                     line=2, field="seq")
        seqs.setdefault(doc.seq, doc.path)
    seen: dict[str, str] = {}
    for doc in issue.documents:
        if doc.doc_number and doc.doc_number in seen:
            errs.add(folder / doc.path, f"文号 {doc.doc_number} is also used by {seen[doc.doc_number]}",
                     line=errs.key_lines.get((doc.path, "doc_number")), field="doc_number")
        seen.setdefault(doc.doc_number, doc.path)
    # An unlisted file is reported where it would be added: the last 'documents' list.
    last_list = [m.start() for m in re.finditer(r"^\s*documents\s*=", text, re.M)]
    list_line = text.count("\n", 0, last_list[-1]) + 1 if last_list else 1
    for extra in sorted(p.name for p in folder.glob("*.md") if p.name not in listed):
        errs.add(path, f"document file {extra!r} is not listed in any section; add it to a "
                 "section's documents", line=list_line, field="sections")
    titles = [s.title for s in issue.sections]
    for title in {t for t in titles if titles.count(t) > 1}:
        errs.add(path, f"section {title!r} appears twice", line=_line_containing(text, title),
                 field="sections.title")


# --------------------------------------------------------------------------- documents

def load_document(path: Path, gazette: Gazette, year: int, number: int,
                  errs: _Collector) -> Document | None:
    text = _read_text(path, errs)
    if text is None:
        return None
    match = FRONT_MATTER_RE.match(text)
    if match is None:
        errs.add(path, "a document starts with a TOML header between '+++' lines", line=1)
        return None
    header_text = match["header"]
    data = _load_toml(path, errs, header_text, line_offset=1)
    if data is None:
        return None
    fields = _Fields(data, path, header_text, errs, line_offset=1)
    seq = fields.get("seq", int, check=_positive)
    title = fields.get("title", str, check=lambda t: None if t.strip() else "title is empty")
    doc_number = fields.get("doc_number", str, "", check=_doc_number_check)
    if doc_number:
        errs.key_lines[(path.name, "doc_number")] = _key_line(header_text, "doc_number", 1) or 2
    toc_page = fields.get("toc_page", int, None, check=_positive)
    source = _source(fields.get("source", dict, None), path, header_text, errs)
    toc_title = fields.get("toc_title", str, "") or title or ""
    doc = dict(doc_number_raw=fields.get("doc_number_raw", str, doc_number),
               organs=fields.str_list("organs"))
    fields.warn_unknown()
    body_line = header_text.count("\n") + 2
    blocks, enclosed, problems = parse_body(match["body"], path=str(path), line_offset=body_line)
    errs.problems.extend(problems)
    file_match = ids.DOC_FILE_RE.fullmatch(path.name)
    slug = file_match["slug"] if file_match else ids.slugify(path.stem)
    return Document(id=ids.document_id(gazette.id, year, number, seq or 0), seq=seq or 0,
                    slug=slug, title=title or "", toc_title=toc_title,
                    doc_number=doc_number or "", blocks=blocks, enclosed=enclosed,
                    toc_page=toc_page, source=source, path=path.name, **doc)
