"""The JSON export of an issue (``gazette export``; ``manifest.json`` of a build).

The object follows the versioned schema ``schema/manifest-<SCHEMA_VERSION>.schema.json``;
tests validate every export against it.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from .model import Block, Cell, Document, Issue, Table

#: Version of the export's schema (``schema/manifest-1.0.schema.json``).
SCHEMA_VERSION = "1.0"


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
