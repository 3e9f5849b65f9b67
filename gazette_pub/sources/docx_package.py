"""Opening a .docx package with python-docx, repairing what can be repaired.

Contract: :func:`open_docx` returns the python-docx Document of a package; when
python-docx cannot open it, the package is rewritten — relationships to parts missing
from the zip are dropped, a missing ``[Content_Types].xml`` or ``_rels/.rels`` is
supplied, the main part of a macro-enabled document or a template (.docm/.dotx) is
typed as a document — each repair reported, and opened again; a package that still
cannot be read (no ``word/document.xml``, XML that is not well-formed) raises a
:class:`SourceError` saying so.
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from ..errors import SourceError
from .report import ReportBuilder

REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_DOC_REL = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                  "officeDocument")

def _repair(data: bytes, path: str, report: ReportBuilder) -> bytes:
    """The package with relationships to missing parts removed and the content types
    and main relationship supplied when missing (each repair reported)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    names = set(source.namelist())
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            blob = source.read(name)
            if name.endswith(".rels"):
                blob = _prune_rels(name, blob, names, report)
            elif name == "[Content_Types].xml":
                blob = _main_type(blob, report)
            target.writestr(name, blob)
        if "[Content_Types].xml" not in names:
            report.uncertain(None, "the package has no [Content_Types].xml: default types assumed")
            target.writestr("[Content_Types].xml", _content_types(names))
        if "_rels/.rels" not in names:
            report.uncertain(None, "the package has no _rels/.rels: word/document.xml taken as "
                                   "the main document")
            target.writestr("_rels/.rels", f'<Relationships xmlns="{REL_NS}"><Relationship '
                            f'Id="rId1" Type="{OFFICE_DOC_REL}" Target="word/document.xml"/>'
                            "</Relationships>")
    return out.getvalue()


#: Main-part content types of Word packages python-docx does not open as documents
#: (macro-enabled .docm, templates .dotx/.dotm): their body is read all the same.
OTHER_MAIN_TYPES = (b"application/vnd.ms-word.document.macroEnabled.main+xml",
                    b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
                    b"application/vnd.ms-word.template.macroEnabledTemplate.main+xml")
DOCUMENT_MAIN_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def _main_type(blob: bytes, report: ReportBuilder) -> bytes:
    for other in OTHER_MAIN_TYPES:
        if other in blob:
            report.normalize(None, f"main part of type {other.decode()} read as a document "
                                   "(macros and template parts are not read)")
            blob = blob.replace(other, DOCUMENT_MAIN_TYPE)
    return blob


def _prune_rels(name: str, blob: bytes, names: set[str], report: ReportBuilder) -> bytes:
    try:
        root = etree.fromstring(blob)
    except etree.XMLSyntaxError:
        report.uncertain(None, f"{name} is not well-formed XML: its relationships are dropped")
        return f'<Relationships xmlns="{REL_NS}"/>'.encode()
    base = name.replace("_rels/", "").removesuffix(".rels").rsplit("/", 1)[0] \
        if "/" in name.replace("_rels/", "") else ""
    for rel in list(root):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        resolved = target.lstrip("/") if target.startswith("/") else \
            _normalize(f"{base}/{target}" if base else target)
        if resolved not in names:
            report.uncertain(None, f"broken relationship in {name}: {rel.get('Type', '')} → "
                                   f"{target!r} is missing from the package; read without it")
            root.remove(rel)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _normalize(path: str) -> str:
    parts: list[str] = []
    for part in path.split("/"):
        if part == "..":
            parts = parts[:-1]
        elif part not in ("", "."):
            parts.append(part)
    return "/".join(parts)


def _content_types(names: set[str]) -> str:
    main = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    overrides = {"word/document.xml": f"{main}.document.main+xml",
                 "word/styles.xml": f"{main}.styles+xml",
                 "word/numbering.xml": f"{main}.numbering+xml",
                 "word/footnotes.xml": f"{main}.footnotes+xml",
                 "word/settings.xml": f"{main}.settings+xml"}
    ns = "http://schemas.openxmlformats.org/package/2006/content-types"
    return (f'<Types xmlns="{ns}"><Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            'ContentType="application/xml"/>'
            + "".join(f'<Override PartName="/{n}" ContentType="{t}"/>'
                      for n, t in overrides.items() if n in names) + "</Types>")


def open_docx(data: bytes, path: str, report: ReportBuilder):
    """The python-docx Document of ``data``, repaired if need be (module doc)."""
    import docx
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx/lxml raise KeyError, ValueError, XMLSyntaxError …
        first = exc
    try:
        repaired = _repair(data, path, report)
        return docx.Document(io.BytesIO(repaired))
    except Exception as exc:
        if isinstance(exc, etree.XMLSyntaxError) or isinstance(first, etree.XMLSyntaxError):
            raise SourceError(f"the .docx is damaged: its XML is not well-formed ({first})",
                              path=path) from exc
        raise SourceError(f"the .docx cannot be read ({type(first).__name__}: {first}); open "
                          "it in Word or WPS Office and save it again", path=path) from exc

