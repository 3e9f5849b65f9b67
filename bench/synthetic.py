"""Synthetic issues for benchmarks and executor tests, made from a sample issue folder.

Issue ``i`` of the synthetic gazette is a copy of the sample with its own number, year,
cumulative number and date, so every copy is a valid, distinct issue of one gazette.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

#: The gazette id line of ``gazette.toml``.
GAZETTE_ID_RE = re.compile(
    r"""
    ^id \s* = \s* "[^"]*"      # id = "ningxia"
    """,
    re.X | re.M,
)

#: One of the numbered fields of the ``[issue]`` table: year, number, cumulative, date.
ISSUE_FIELD_RE = re.compile(
    r"""
    ^(?P<key>year|number|cumulative|date)   # the field
    \s* = \s* (?P<value>\S+) \s*$           # its TOML value (integer or bare date)
    """,
    re.X | re.M,
)

ISSUES_PER_YEAR = 24


def make_issues(sample: Path, dest: Path, count: int, *, gazette_id: str = "synth",
                first_year: int = 2001) -> list[Path]:
    """Write ``count`` copies of the issue folder ``sample`` as issues of ``dest/gazette_id``.

    Returns the issue folders in order (``<year>-<NN>``, 24 issues a year).
    """
    gazette_dir = Path(dest) / gazette_id
    gazette_dir.mkdir(parents=True, exist_ok=True)
    toml = (sample.parent / "gazette.toml").read_text(encoding="utf-8")
    (gazette_dir / "gazette.toml").write_text(
        GAZETTE_ID_RE.sub(f'id = "{gazette_id}"', toml, count=1), encoding="utf-8")
    issue_toml = (sample / "issue.toml").read_text(encoding="utf-8")
    folders = []
    for index in range(count):
        year, number = first_year + index // ISSUES_PER_YEAR, index % ISSUES_PER_YEAR + 1
        values = {"year": str(year), "number": str(number), "cumulative": str(index + 1),
                  "date": dt.date(year, 1 + (number - 1) // 2, 1 + 14 * ((number - 1) % 2))
                  .isoformat()}
        folder = gazette_dir / f"{year}-{number:02d}"
        shutil.copytree(sample, folder, dirs_exist_ok=True)
        seen: set[str] = set()

        def renumber(match: re.Match) -> str:
            key = match["key"]
            if key in seen:  # only the [issue] table's own fields, which come first
                return match[0]
            seen.add(key)
            return f"{key} = {values[key]}"

        (folder / "issue.toml").write_text(ISSUE_FIELD_RE.sub(renumber, issue_toml),
                                           encoding="utf-8")
        folders.append(folder)
    return folders


#: The ``documents = [...]`` array of a ``[[sections]]`` table (one or many lines).
DOCUMENTS_RE = re.compile(
    r"""
    ^documents \s* = \s* \[      # documents = [
    (?P<files>[^\]]*)            # "01-a.md", "02-b.md", … (file names hold no ']')
    \]
    """,
    re.X | re.M,
)

#: The ``seq`` line of a document's TOML header.
SEQ_RE = re.compile(r"^seq \s* = \s* \d+ \s*$", re.X | re.M)

#: The serial number of a 文号 in a document header: 宁政发〔2021〕(13)号.
DOC_SERIAL_RE = re.compile(
    r"""
    ^(?P<key>doc_number(?:_raw)?) \s* = \s* "   # doc_number = " or doc_number_raw = "
    (?P<head>[^"]*?)                            # 宁政发〔2021〕
    (?P<serial>\d+)                             # 13
    (?P<tail>号[^"]*)"                          # 号"
    """,
    re.X | re.M,
)

#: A document file name: sequence and slug.
DOC_FILE_RE = re.compile(r"(?P<seq>\d{2,4})-(?P<slug>[a-z0-9][a-z0-9-]*)\.md")


def scale_issue(sample: Path, dest: Path, times: int) -> Path:
    """A copy of ``sample`` under ``dest`` with every section's documents repeated ``times``
    times (renumbered, each copy with its own 文号 serial), for long-issue measurements."""
    gazette_dir = Path(dest) / sample.parent.name
    folder = gazette_dir / sample.name
    folder.mkdir(parents=True)
    shutil.copy2(sample.parent / "gazette.toml", gazette_dir / "gazette.toml")
    issue_toml = (sample / "issue.toml").read_text(encoding="utf-8")
    seq = 0

    def repeat(match: re.Match) -> str:
        nonlocal seq
        names = re.findall(r'"([^"]+)"', match["files"])
        listed = []
        for copy in range(times):
            for name in names:
                seq += 1
                slug = DOC_FILE_RE.fullmatch(name)["slug"]
                new_name = f"{seq:02d}-{slug}-{copy}.md" if copy else f"{seq:02d}-{slug}.md"
                text = (sample / name).read_text(encoding="utf-8")
                text = SEQ_RE.sub(f"seq = {seq}", text, count=1)
                text = DOC_SERIAL_RE.sub(
                    lambda m: f'{m["key"]} = "{m["head"]}{int(m["serial"]) + 1000 * copy}'
                              f'{m["tail"]}"', text)
                (folder / new_name).write_text(text, encoding="utf-8")
                listed.append(new_name)
        return "documents = [" + ", ".join(f'"{n}"' for n in listed) + "]"

    (folder / "issue.toml").write_text(DOCUMENTS_RE.sub(repeat, issue_toml), encoding="utf-8")
    return folder
