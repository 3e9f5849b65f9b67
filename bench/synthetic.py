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
