"""The characters of a PDF's pages with their boxes, sizes and fonts (pypdfium2).

Contract: :func:`page_chars` returns the characters PDFium reads from a page's text
layer as dicts shaped like pdfplumber's (``text``, ``x0``, ``x1``, ``top``,
``bottom`` from the page's top-left, ``size`` in points, ``fontname``, and ``angle``,
the direction it is drawn in, radians), leaving out
what PDFium generates itself (spaces and line ends it infers) and characters without
a Unicode value. The size is the font size times the character's vertical scale (a
renderer that draws in CSS pixels scales by 0.75); ``top`` is ``bottom - size``, as
pdfplumber measures it. PDFium reads a page some ten times faster than pdfminer, so
pdfplumber (pdfminer) is left for the pages that draw ruling lines (tables).
:func:`split_rotated` sets apart the characters drawn turned from the page's text
direction (a seal's ring of characters).
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
                        "fontname": name.value.decode("latin-1"),
                        "angle": pdfium_c.FPDFText_GetCharAngle(handle, k)})
    finally:
        textpage.close()
    return out


def count_objects(page, kind: int) -> int:
    """How many page objects of ``kind`` (PATH_OBJECT, IMAGE_OBJECT) the page holds."""
    return sum(1 for _ in page.get_objects(filter=[kind], max_depth=2))


#: Radians a character may turn from the page's text direction and still be its text.
ANGLE_TOLERANCE = 0.08


def _turn(a: float, b: float) -> float:
    """The smaller angle between two directions (radians)."""
    d = abs(a - b) % (2 * math.pi)
    return min(d, 2 * math.pi - d)


def split_rotated(chars: list[dict]) -> tuple[list[dict], list[dict]]:
    """(the characters set in the page's text direction, those turned away from it):
    a seal's ring of characters is drawn each at its own angle around the seal's
    centre, over the 落款 and the date; the page's direction is that of most of its
    characters (a page set sideways keeps all of its text)."""
    if not chars:
        return chars, []
    votes: dict[float, int] = {}
    for c in chars:
        key = round(c.get("angle", 0.0) / ANGLE_TOLERANCE)
        votes[key] = votes.get(key, 0) + 1
    main = max(votes, key=votes.get) * ANGLE_TOLERANCE
    keep = [c for c in chars if _turn(c.get("angle", 0.0), main) <= ANGLE_TOLERANCE]
    return keep, [c for c in chars if _turn(c.get("angle", 0.0), main) > ANGLE_TOLERANCE]
