"""What a source file is, judged from its bytes (magic numbers), never from its name.

Contract: :func:`sniff` returns ``"docx"`` (a zip holding ``word/document.xml``),
``"pdf"`` (``%PDF-``) or ``"text"`` (anything else that is not a known binary
format); a file in a format the importer cannot read — a Word 97–2003 ``.doc`` or a
WPS ``.wps`` (both OLE2 compound files), an ``.ofd`` (a zip with ``OFD.xml``), an
``.odt``, a spreadsheet, a presentation, RTF, an image, another archive — raises
:class:`SourceError` naming the format and what to convert it to. The file name's
extension is used only to word the message (``.wps`` vs ``.doc``). A zip that unpacks
to more than :data:`MAX_UNPACKED_BYTES` is refused before anything is decompressed.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from ..errors import SourceError

#: The signature of an OLE2 compound file (Word 97–2003 .doc, WPS .wps, .xls, .ppt, .et).
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
PDF_MAGIC = b"%PDF-"
#: Where a PDF's header may start (readers accept a little junk before it).
PDF_HEADER_WINDOW = 1024

#: The most a .docx may unpack to (its XML and media; the file itself is at most
#: ``manifest.MAX_ISSUE_BYTES``): a zip bomb is refused before anything is decompressed.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024

#: Save-as advice for the formats editors are sent most.
TO_DOCX = "open it in Word or WPS Office and save it as .docx (Word 2007+ document), or export a PDF"

#: Other binary formats by their leading bytes: (magic, what it is, what to do).
BINARY_MAGICS = (
    (b"{\\rtf", "an RTF document", TO_DOCX),
    (b"\x89PNG\r\n\x1a\n", "a PNG image", "OCR it and import the OCR Markdown"),
    (b"\xff\xd8\xff", "a JPEG image", "OCR it and import the OCR Markdown"),
    (b"GIF8", "a GIF image", "OCR it and import the OCR Markdown"),
    (b"II*\x00", "a TIFF image", "OCR it and import the OCR Markdown"),
    (b"MM\x00*", "a TIFF image", "OCR it and import the OCR Markdown"),
    (b"Rar!\x1a\x07", "a RAR archive", "unpack it and import each document"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive", "unpack it and import each document"),
    (b"\x1f\x8b", "a gzip archive", "unpack it and import each document"),
)

#: OLE2 stream names (UTF-16LE in the directory) that tell what a compound file holds.
OLE2_STREAMS = (
    ("WordDocument", "a Word 97–2003 document (.doc, OLE2 compound file)"),
    ("Workbook", "an Excel 97–2003 workbook (.xls, OLE2 compound file)"),
    ("Book", "an Excel 5 workbook (.xls, OLE2 compound file)"),
    ("PowerPoint Document", "a PowerPoint 97–2003 presentation (.ppt, OLE2 compound file)"),
)

#: Zip members that tell what an archive holds: (member, what it is, what to do).
ZIP_MEMBERS = (
    ("OFD.xml", "an OFD document (GB/T 33190 版式文件)",
     "export it as PDF from the OFD reader (数科/福昕/超越 OFD 阅读器: 另存为/导出 PDF)"),
    ("xl/workbook.xml", "an Excel workbook (.xlsx)", "copy the tables into a .docx or export a PDF"),
    ("ppt/presentation.xml", "a PowerPoint presentation (.pptx)", "export a PDF"),
    ("content.xml", "an OpenDocument file (.odt/.ods)", "save it as .docx, or export a PDF"),
)


def _ole2_kind(data: bytes, name: str) -> str:
    for stream, what in OLE2_STREAMS:
        if stream.encode("utf-16-le") in data:
            if stream == "WordDocument" and name.lower().endswith(".wps"):
                return "a WPS Office document (.wps, OLE2 compound file)"
            return what
    if name.lower().endswith((".wps", ".et", ".dps")):
        return "a WPS Office file (OLE2 compound file)"
    return "an OLE2 compound file (an old Office or WPS format)"


def _zip_format(data: bytes, path: str) -> str:
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise SourceError(f"a zip archive that cannot be opened ({exc}); if it is a .docx it is "
                          f"damaged: {TO_DOCX} again", path=path) from exc
    unpacked = sum(info.file_size for info in infos)
    if unpacked > MAX_UNPACKED_BYTES:
        raise SourceError(f"the package unpacks to {unpacked} bytes, more than "
                          f"{MAX_UNPACKED_BYTES} (a zip bomb, or a document with huge "
                          "embedded files): remove the embedded files and save it again",
                          path=path)
    names = {info.filename for info in infos}
    if "word/document.xml" in names:
        return "docx"
    if any(n.startswith("word/") for n in names):
        raise SourceError("a Word-like zip package without its main part word/document.xml "
                          f"(a damaged .docx?): {TO_DOCX} again", path=path)
    for member, what, advice in ZIP_MEMBERS:
        if any(n == member or n.endswith("/" + member) for n in names):
            raise SourceError(f"{what} cannot be imported: {advice}", path=path)
    raise SourceError("a zip archive, not a document: unpack it and import each document "
                      "(.docx, .pdf or text)", path=path)


def sniff(data: bytes, path: str | Path = "") -> str:
    """``"docx"``, ``"pdf"`` or ``"text"`` for the bytes ``data`` of file ``path``;
    SourceError for a format that cannot be imported (see the module doc)."""
    name = str(path)
    if data.startswith(OLE2_MAGIC):
        raise SourceError(f"{_ole2_kind(data, name)} cannot be imported: {TO_DOCX}", path=name)
    if data.startswith(ZIP_MAGIC):
        return _zip_format(data, name)
    if PDF_MAGIC in data[:PDF_HEADER_WINDOW]:
        return "pdf"
    for magic, what, advice in BINARY_MAGICS:
        if data.startswith(magic):
            raise SourceError(f"{what} cannot be imported: {advice}", path=name)
    return "text"
