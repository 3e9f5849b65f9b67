"""The characters of a PDF's pages with their boxes, sizes and fonts (pypdfium2).

Contract: :func:`page_chars` returns the characters PDFium reads from a page's text
layer as dicts shaped like pdfplumber's (``text``, ``x0``, ``x1``, ``top``,
``bottom`` from the page's top-left, ``size`` in points, ``fontname``), leaving out
what PDFium generates itself (spaces and line ends it infers) and characters without
a Unicode value. The size is the font size times the character's vertical scale (a
renderer that draws in CSS pixels scales by 0.75); ``top`` is ``bottom - size``, as
pdfplumber measures it. PDFium reads a page some ten times faster than pdfminer, so
pdfplumber (pdfminer) is left for the pages that draw ruling lines (tables).
"""

from __future__ import annotations

import ctypes
import math

import pypdfium2.raw as pdfium_c

#: Characters PDFium has no Unicode value for, and the line ends it reports.
NO_TEXT = frozenset({0, 0xFFFE, 0xFFFF, 0x0A, 0x0D})
#: Page objects that draw paths (ruling lines of a table) and images.
PATH_OBJECT = pdfium_c.FPDF_PAGEOBJ_PATH
IMAGE_OBJECT = pdfium_c.FPDF_PAGEOBJ_IMAGE


def page_chars(page) -> list[dict]:
    """The characters of the pypdfium2 ``page`` (see the module doc)."""
    textpage = page.get_textpage()
    handle = textpage.raw
    height = page.get_height()
    rect, matrix = pdfium_c.FS_RECTF(), pdfium_c.FS_MATRIX()
    name, flags = ctypes.create_string_buffer(256), ctypes.c_int()
    out = []
    try:
        for k in range(pdfium_c.FPDFText_CountChars(handle)):
            code = pdfium_c.FPDFText_GetUnicode(handle, k)
            if code in NO_TEXT or pdfium_c.FPDFText_IsGenerated(handle, k):
                continue
            pdfium_c.FPDFText_GetLooseCharBox(handle, k, ctypes.byref(rect))
            pdfium_c.FPDFText_GetMatrix(handle, k, ctypes.byref(matrix))
            size = pdfium_c.FPDFText_GetFontSize(handle, k) * math.hypot(matrix.c, matrix.d)
            pdfium_c.FPDFText_GetFontInfo(handle, k, name, len(name), ctypes.byref(flags))
            bottom = height - rect.bottom
            out.append({"text": chr(code), "x0": rect.left, "x1": rect.right,
                        "top": bottom - size, "bottom": bottom, "size": size,
                        "fontname": name.value.decode("latin-1")})
    finally:
        textpage.close()
    return out


def count_objects(page, kind: int) -> int:
    """How many page objects of ``kind`` (PATH_OBJECT, IMAGE_OBJECT) the page holds."""
    return sum(1 for _ in page.get_objects(filter=[kind], max_depth=2))
