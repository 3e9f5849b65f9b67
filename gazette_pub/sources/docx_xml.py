"""WordprocessingML names shared by the .docx modules."""

from __future__ import annotations

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#: Values of an on/off property that mean off (``<w:b w:val="0"/>``).
OFF_VALUES = ("0", "false", "off")


def w(tag: str) -> str:
    """The Clark name of a ``w:`` tag."""
    return f"{{{W}}}{tag}"
