"""Issue folders <-> the model: load (validating everything), save, export JSON.

Loading follows MkDocs: every problem of every file is collected as a
:class:`~gazette_pub.errors.Problem` with file, line and field, and raised once
in a :class:`~gazette_pub.errors.ManifestError`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import logging
import re
import tomllib
from pathlib import Path
from typing import Any

from . import ids, themes
from .ids import GAZETTE_FILE, gazette_file
from .body import INVISIBLE_RE, invisible_values, parse_body, write_body
from .errors import ManifestError, Problem, SourceError
from .files import read_regular, regular_size
from .model import (Block, Cell, Document, Enclosed, Gazette, Issue, Section,
                    SourceRef, Table)

logger = logging.getLogger(__name__)

SCHEMA_VERSION = "1.0"
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

def _issue_slug_parts(folder: Path) -> tuple[int, int] | None:
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
    expected = _issue_slug_parts(folder)
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


# --------------------------------------------------------------------------- saving

def _toml_value(value) -> str:
    from .body_table import toml_string as _toml_string
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, dt.date)):
        return str(value) if not isinstance(value, dt.date) else value.isoformat()
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {value!r} as TOML")


def _toml_table(name: str | None, pairs) -> str:
    lines = [f"[{name}]"] if name else []
    lines += [f"{_toml_key(k)} = {_toml_value(v)}" for k, v in pairs if v is not None]
    return "\n".join(lines) + "\n"


def _toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else _toml_value(key)


def gazette_toml(gazette: Gazette) -> str:
    parts = [_toml_table("gazette", [
        ("id", gazette.id), ("name", gazette.name),
        ("short_name", gazette.short_name or None), ("frequency", gazette.frequency or None),
        ("slogans", list(gazette.slogans)), ("theme", gazette.theme)])]
    parts.append(_toml_table("editorial_committee", gazette.editorial_committee))
    parts.append(_toml_table("colophon", gazette.colophon))
    return "\n".join(parts)


def _source_pairs(source: SourceRef | None):
    if source is None:
        return None
    return [("file", source.file), ("lines", list(source.lines) if source.lines else None)]


def issue_toml(issue: Issue) -> str:
    parts = [_toml_table("issue", [
        ("year", issue.year or None), ("number", issue.number or None),
        ("cumulative", issue.cumulative),
        ("date", issue.date), ("back_matter", list(issue.back_matter))])]
    if issue.source:
        parts.append(_toml_table("source", _source_pairs(issue.source)))
    for section in issue.sections:
        files = "".join(f"  {_toml_value(document_file(d))},\n" for d in section.documents)
        parts.append(f"[[sections]]\ntitle = {_toml_value(section.title)}\n"
                     f"in_body = {_toml_value(section.in_body)}\ndocuments = [\n{files}]\n")
    return "\n".join(parts)


def document_file(doc: Document) -> str:
    return ids.document_filename(doc.seq, doc.slug)


def document_text(doc: Document) -> str:
    header = _toml_table(None, [
        ("seq", doc.seq), ("title", doc.title),
        ("toc_title", doc.toc_title if doc.toc_title != doc.title else None),
        ("doc_number", doc.doc_number or None),
        ("doc_number_raw", doc.doc_number_raw if doc.doc_number_raw != doc.doc_number else None),
        ("organs", list(doc.organs) or None), ("toc_page", doc.toc_page)])
    if doc.source:
        header += _toml_table("source", _source_pairs(doc.source))
    return f"+++\n{header}+++\n\n{write_body(doc.blocks, doc.enclosed)}"


def save_issue(issue: Issue, folder: str | Path, *, write_gazette: bool = True) -> list[Path]:
    """Write ``issue`` as an issue folder; return the files. Nothing is written outside
    ``folder``: when no gazette.toml is there for it (:func:`gazette_file`), the
    gazette's is written into the issue folder itself.

    Output is stable: the same issue always gives byte-identical files.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    gazette_path = folder / GAZETTE_FILE
    if write_gazette and not gazette_file(folder).exists():
        gazette_path.write_text(gazette_toml(issue.gazette), encoding="utf-8")
        written.append(gazette_path)
    for doc in issue.documents:
        target = folder / document_file(doc)
        target.write_text(document_text(doc), encoding="utf-8")
        written.append(target)
    (folder / ISSUE_FILE).write_text(issue_toml(issue), encoding="utf-8")
    written.append(folder / ISSUE_FILE)
    return written


# --------------------------------------------------------------------------- export

def _cell_json(cell: Cell):
    if cell.rowspan == 1 and cell.colspan == 1:
        return cell.text
    return {"text": cell.text, "rowspan": cell.rowspan, "colspan": cell.colspan}


def table_json(table: Table) -> dict:
    return {"caption": table.caption,
            "header_rows": [[_cell_json(c) for c in r] for r in table.header_rows],
            "rows": [[_cell_json(c) for c in r] for r in table.rows],
            "footnotes": list(table.footnotes), "check": table.check}


def block_json(block: Block) -> dict:
    out: dict[str, Any] = {"type": block.type}
    for name, value in vars(block).items():
        if name == "type":
            continue
        if isinstance(value, Table):
            out[name] = table_json(value)
        elif isinstance(value, dt.date):
            out[name] = value.isoformat()
        elif isinstance(value, tuple):
            out[name] = [vars(v) if hasattr(v, "__dataclass_fields__") else v for v in value]
        else:
            out[name] = value
    return out


def document_json(doc: Document, pages: tuple[int, int] | None = None) -> dict:
    out = {
        "id": doc.id, "seq": doc.seq, "slug": doc.slug, "title": doc.title,
        "toc_title": doc.toc_title, "doc_number": doc.doc_number,
        "doc_number_raw": doc.doc_number_raw, "organs": list(doc.organs),
        "addressee": doc.addressee, "signatories": list(doc.signatories),
        "date": doc.date.isoformat() if doc.date else None,
        "public_note": doc.public_note,
        "attachments": [{"label": a.label, "title": a.title} for a in doc.attachments],
        "enclosed": [{"title": e.title, "blocks": [block_json(b) for b in e.blocks]}
                     for e in doc.enclosed],
        "blocks": [block_json(b) for b in doc.blocks],
        "tables": [table_json(t) for t in doc.tables],
        "toc_page": doc.toc_page,
        "source": {"file": doc.source.file,
                   "lines": list(doc.source.lines) if doc.source.lines else None}
        if doc.source else None,
    }
    if pages is not None:
        out["pages"] = list(pages)
    return out


def export_issue(issue: Issue, pages: dict[str, tuple[int, int]] | None = None) -> dict:
    """The JSON export contract (spec §1); ``pages`` maps document id → printed pages."""
    gazette = issue.gazette
    pages = pages or {}
    return {
        "schema_version": SCHEMA_VERSION,
        "gazette": {"id": gazette.id, "name": gazette.name, "frequency": gazette.frequency,
                    "slogans": list(gazette.slogans),
                    "editorial_committee": {r: list(n) for r, n in gazette.editorial_committee},
                    "colophon": {k: list(v) if isinstance(v, tuple) else v
                                 for k, v in gazette.colophon}},
        "issue": {"year": issue.year, "number": issue.number, "cumulative": issue.cumulative,
                  "date": issue.date.isoformat() if issue.date else None,
                  "back_matter": list(issue.back_matter),
                  "source": {"file": issue.source.file} if issue.source else None},
        "sections": [{"title": s.title, "in_body": s.in_body,
                      "documents": [document_json(d, pages.get(d.id)) for d in s.documents]}
                     for s in issue.sections],
    }


def export_json(issue: Issue, pages=None) -> str:
    """Stable JSON text (sorted where order carries no meaning) for files and stdout."""
    return json.dumps(export_issue(issue, pages), ensure_ascii=False, indent=2) + "\n"


# --------------------------------------------------------------------------- new issue

def new_issue(gazette_dir: str | Path, date: dt.date) -> Path:
    """Create the next issue folder after the last one present: next 期 and 总期, ``date``.

    The 期 restarts at 1 in a new year; 总期 always continues. Raises ManifestError
    when the gazette folder has no gazette.toml or no issue to continue from.
    """
    gazette_dir = Path(gazette_dir)
    errs = _Collector()
    gazette = load_gazette(gazette_dir / GAZETTE_FILE, errs) if (gazette_dir / GAZETTE_FILE).is_file() else None
    if gazette is None:
        raise ManifestError(errs.problems or [Problem(str(gazette_dir), "no gazette.toml here")])
    folders = sorted((p for p in gazette_dir.iterdir() if _issue_slug_parts(p)
                      and (p / ISSUE_FILE).is_file()), key=_issue_slug_parts)
    if not folders:
        raise ManifestError([Problem(str(gazette_dir), "no issue to continue from; "
                                     "import or write the first issue")])
    last = load_issue(folders[-1])
    number = last.number + 1 if date.year == last.year else 1
    cumulative = last.cumulative + 1 if last.cumulative else None
    issue = Issue(gazette=gazette, year=date.year, number=number, cumulative=cumulative,
                  date=date, sections=tuple(Section(s.title, (), s.in_body) for s in last.sections))
    folder = gazette_dir / issue.slug
    if folder.exists():
        raise ManifestError([Problem(str(folder), "that issue folder exists already")])
    save_issue(issue, folder, write_gazette=False)
    return folder
