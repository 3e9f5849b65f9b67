"""The Jinja environment: ordered search path, autoescape, StrictUndefined, filters."""

from __future__ import annotations

import datetime as dt
import functools
import re

import jinja2

from ..themes import Theme

#: The lead of a run-in heading: its label and first sentence (（一）健全……。), set in the
#: heading face while the rest of the paragraph stays in the body face.
RUN_IN_LEAD_RE = re.compile(
    r"""
    (?P<lead>.+?[。：:])    # up to the first full stop or colon
    (?P<rest>.+)           # the paragraph that follows on the same line
    """,
    re.X | re.S,
)


def split_lead(text: str) -> tuple[str, str]:
    """(lead, rest) of a heading: short headings are all lead."""
    match = RUN_IN_LEAD_RE.fullmatch(text)
    return (match["lead"], match["rest"]) if match else (text, "")


def cn_date(value: dt.date | None) -> str:
    """``2021年7月15日`` (Arabic numerals, as the gazettes print dates)."""
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


@functools.lru_cache(maxsize=1)
def _bytecode_cache() -> jinja2.FileSystemBytecodeCache | None:
    """Compiled templates in the machine cache; None (compile every time) where the
    folder cannot be made, e.g. a read-only home."""
    from ..cache import machine_cache_dir
    folder = machine_cache_dir() / "jinja"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


def make_environment(theme: Theme) -> jinja2.Environment:
    """A Jinja environment for ``theme``: its template folder first, then the defaults."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(p) for p in theme.template_dirs]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
        # No auto_reload: a template edited in the middle of a build must not mix versions.
        auto_reload=False,
        # Compiled templates are kept per user, keyed by template name and source checksum,
        # so an edited template is compiled again and the others are not (bench/PROFILE.md).
        bytecode_cache=_bytecode_cache(),
    )
    env.filters["split_lead"] = split_lead
    env.filters["cn_date"] = cn_date
    return env
