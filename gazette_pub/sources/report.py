"""The import report: everything an importer did to the source besides copying it.

An importer never drops text silently. Every span it leaves out of the manifest
(page furniture, repeated table headers, site chrome, the TOC, the cover) is a
:class:`Discarded` entry with its reason and source lines, and every repair
(page-break joins, normalizations, OCR fixes) is an :class:`Event`. The audit
(:mod:`gazette_pub.audit`) accepts a source character only if it is in the
manifest or in a discarded span.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

#: Event kinds, in the order the text report lists them.
EVENT_KINDS = ("join", "normalization", "fix", "uncertainty")


@dataclass(frozen=True)
class Discarded:
    """A source span left out of the manifest on purpose."""

    first_line: int
    last_line: int
    reason: str
    text: str


@dataclass(frozen=True)
class Event:
    """One repair or doubt: ``kind`` is one of :data:`EVENT_KINDS`."""

    kind: str
    line: int | None
    message: str


@dataclass(frozen=True)
class ImportReport:
    """What an import did, for the editor (``to_text``) and for tools (``to_json``)."""

    source: str
    kind: str
    discarded: tuple[Discarded, ...] = ()
    events: tuple[Event, ...] = ()
    #: Where a line of a .docx or .pdf source is: (line, "p. 3") or (line, "¶ 12"); the
    #: line numbers count the lines of the text the reader extracted (see ``extract``).
    locations: tuple[tuple[int, str], ...] = ()

    def where(self, line: int | None) -> str:
        """``line`` with its page or paragraph where the source has them."""
        if line is None:
            return "-"
        found = dict(self.locations).get(line)
        return f"{line} ({found})" if found else str(line)

    def of_kind(self, kind: str) -> tuple[Event, ...]:
        return tuple(e for e in self.events if e.kind == kind)

    @property
    def joins(self) -> tuple[Event, ...]:
        return self.of_kind("join")

    @property
    def fixes(self) -> tuple[Event, ...]:
        return self.of_kind("fix")

    @property
    def uncertainties(self) -> tuple[Event, ...]:
        return self.of_kind("uncertainty")

    def to_dict(self) -> dict:
        return {
            "source": self.source,
            "kind": self.kind,
            "discarded": [asdict(d) for d in self.discarded],
            "events": {k: [{"line": e.line, "message": e.message} for e in self.of_kind(k)]
                       for k in EVENT_KINDS},
        } | ({"locations": {str(no): where for no, where in self.locations}}
             if self.locations else {})

    @classmethod
    def from_dict(cls, data: dict) -> ImportReport:
        """The inverse of :meth:`to_dict` (for ``gazette check --audit``)."""
        discarded = tuple(Discarded(**d) for d in data.get("discarded", ()))
        events = tuple(Event(kind, e.get("line"), e["message"])
                       for kind in EVENT_KINDS for e in data.get("events", {}).get(kind, ()))
        locations = tuple((int(no), where) for no, where in data.get("locations", {}).items())
        return cls(data.get("source", ""), data.get("kind", ""), discarded, events, locations)

    def to_json(self) -> str:
        """Stable JSON (same input, same bytes)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=1) + "\n"

    def to_text(self) -> str:
        """A plain-text report, one line per entry, grouped by kind."""
        out = [f"import report for {self.source} (reader: {self.kind})", ""]
        out.append(f"discarded ({len(self.discarded)}):")
        for d in self.discarded:
            span = (self.where(d.first_line) if d.first_line == d.last_line
                    else f"{self.where(d.first_line)}-{self.where(d.last_line)}")
            preview = d.text.replace("\n", " | ")
            preview = preview if len(preview) <= 60 else preview[:57] + "..."
            out.append(f"  lines {span}: {d.reason}: {preview}")
        for kind in EVENT_KINDS:
            events = self.of_kind(kind)
            out += ["", f"{kind} ({len(events)}):"]
            out += [f"  line {self.where(e.line)}: {e.message}" for e in events]
        return "\n".join(out) + "\n"


@dataclass
class ReportBuilder:
    """Collects report entries while a reader works; :meth:`build` freezes them."""

    source: str
    kind: str
    discarded: list[Discarded] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    #: Page or paragraph of each extracted line (see :attr:`ImportReport.locations`).
    locations: dict[int, str] = field(default_factory=dict)

    def discard(self, lines, reason: str) -> None:
        """Record source lines (``SourceLine`` objects) left out of the manifest
        (a parsed table with all its cells)."""
        lines = list(lines)
        if lines:
            self.discarded.append(Discarded(lines[0].no, lines[-1].no, reason,
                                            "\n".join(ln.full_text for ln in lines)))

    def event(self, kind: str, line: int | None, message: str) -> None:
        assert kind in EVENT_KINDS, kind
        self.events.append(Event(kind, line, message))

    def join(self, line: int, message: str) -> None:
        self.event("join", line, message)

    def normalize(self, line: int | None, message: str) -> None:
        self.event("normalization", line, message)

    def fix(self, line: int | None, message: str) -> None:
        self.event("fix", line, message)

    def uncertain(self, line: int | None, message: str) -> None:
        self.event("uncertainty", line, message)

    def build(self) -> ImportReport:
        discarded = sorted(self.discarded, key=lambda d: (d.first_line, d.last_line))
        return ImportReport(self.source, self.kind, tuple(discarded), tuple(self.events),
                            tuple(sorted(self.locations.items())))
