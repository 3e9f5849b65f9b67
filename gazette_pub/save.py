"""The model → issue folders: the TOML files and document files an editor reviews, and
the next issue folder of a gazette (``gazette new``).

Output is stable: the same issue always gives byte-identical files, and loading them
(:func:`manifest.load_issue`) gives the same issue back.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from . import ids
from .body import write_body
from .errors import ManifestError, Problem
from .ids import GAZETTE_FILE, gazette_file
from .manifest import ISSUE_FILE, _Collector, issue_folder_parts, load_gazette, load_issue
from .model import Document, Gazette, Issue, Section, SourceRef


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
    """The document's file name: the one it was loaded from, or ``NN-slug.md`` for a new
    document (an editor may have named a file otherwise; issue.toml must keep listing it)."""
    return doc.path or ids.document_filename(doc.seq, doc.slug)


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


def _no_gazette_file(gazette_dir: Path) -> str:
    """Why ``gazette new`` cannot start: no gazette.toml, and where one is if a draft
    imported with ``import --out`` holds its own (the usual first step of a new gazette)."""
    own = sorted(p / GAZETTE_FILE for p in gazette_dir.iterdir()
                 if p.is_dir() and (p / GAZETTE_FILE).is_file()) if gazette_dir.is_dir() else []
    if not own:
        return "no gazette.toml here (the gazette's name, committee and theme)"
    return (f"no gazette.toml here; {own[0]} is the imported issue's own: move it to "
            f"{gazette_dir / GAZETTE_FILE} so that the gazette's next issues share it")


def new_issue(gazette_dir: str | Path, date: dt.date) -> Path:
    """Create the next issue folder after the last one present: next 期 and 总期, ``date``.

    The 期 restarts at 1 in a new year; 总期 always continues. Raises ManifestError
    when the gazette folder has no gazette.toml or no issue to continue from.
    """
    gazette_dir = Path(gazette_dir)
    errs = _Collector()
    gazette = load_gazette(gazette_dir / GAZETTE_FILE, errs) if (gazette_dir / GAZETTE_FILE).is_file() else None
    if gazette is None:
        raise ManifestError(errs.problems or [Problem(str(gazette_dir), _no_gazette_file(gazette_dir))])
    folders = sorted((p for p in gazette_dir.iterdir() if issue_folder_parts(p)
                      and (p / ISSUE_FILE).is_file()), key=issue_folder_parts)
    if not folders:
        unnamed = sorted(p.name for p in gazette_dir.iterdir() if (p / ISSUE_FILE).is_file())
        hint = (f" ({', '.join(unnamed)} holds an issue.toml but is not named YYYY-NN: rename "
                "it after its year and 期, e.g. 2024-01)") if unnamed else ""
        raise ManifestError([Problem(str(gazette_dir), "no issue to continue from; "
                                     f"import or write the first issue{hint}")])
    last = load_issue(folders[-1])
    if last.date is not None and date < last.date:
        raise ManifestError([Problem(str(gazette_dir), f"--date {date.isoformat()} is before the "
                                     f"last issue, {folders[-1].name} of "
                                     f"{last.date.isoformat()}: the next issue cannot be older "
                                     "(a typing slip in the year?)")])
    number = last.number + 1 if date.year == last.year else 1
    cumulative = last.cumulative + 1 if last.cumulative else None
    issue = Issue(gazette=gazette, year=date.year, number=number, cumulative=cumulative,
                  date=date, sections=tuple(Section(s.title, (), s.in_body) for s in last.sections))
    folder = gazette_dir / issue.slug
    if folder.exists():
        raise ManifestError([Problem(str(folder), "that issue folder exists already")])
    save_issue(issue, folder, write_gazette=False)
    return folder
