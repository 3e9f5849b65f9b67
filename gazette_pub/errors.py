"""The project's error types.

Every error carries the file (``path``), and where known the ``line`` and the
``field``, so that the CLI can print ``file:line: field: problem`` for each one.
Validation collects many :class:`Problem` objects and raises them together in
one :class:`ManifestError` (MkDocs style: report everything at once).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located as precisely as we can."""

    path: str
    message: str
    line: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        field = f" [{self.field}]" if self.field else ""
        return f"{where}:{field} {self.message}"


class GazetteError(Exception):
    """Base of every error the project raises on purpose (the CLI exits 1)."""

    def __init__(self, message: str, *, path: str | Path | None = None,
                 line: int | None = None, field: str | None = None) -> None:
        self.path = str(path) if path is not None else None
        self.line = line
        self.field = field
        self.message = message
        super().__init__(message)

    @property
    def problems(self) -> list[Problem]:
        return [Problem(self.path or "-", self.message, self.line, self.field)]

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class ConfigError(GazetteError):
    """A gazette or issue TOML file is invalid."""


class _ManyProblems:
    """Mixin for an error that carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self._problems = list(problems)
        first = self._problems[0] if self._problems else Problem("-", "invalid input")
        super().__init__(first.message, path=first.path, line=first.line, field=first.field)

    @property
    def problems(self) -> list[Problem]:
        return self._problems


class ManifestError(_ManyProblems, GazetteError):
    """An issue folder is invalid; carries every problem found."""


class SourceError(GazetteError):
    """An input file for the importer cannot be read (encoding, format)."""


class RenderError(GazetteError):
    """Rendering failed: a missing glyph, a refused resource, a template error."""


class OutputError(_ManyProblems, RenderError):
    """The rendered output lost text of the manifest or holds live markup (every case)."""


class UsageError(GazetteError):
    """Options that contradict each other or would be ignored (the CLI exits 2)."""


class WriteError(GazetteError):
    """An output cannot be written (read-only or full disk, a file where a folder must be);
    raised before anything of the output was changed, or after it was restored."""
