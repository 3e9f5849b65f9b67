"""Character classes shared by the stages that compare or set Chinese text."""

from __future__ import annotations

import re
from typing import Iterator

#: Han ideographs: Extension A, the Unified and Compatibility Ideographs of the BMP, and
#: the supplementary ideographic planes (Extensions B–H, where rare name characters are).
HAN_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN_RE = re.compile(f"[{HAN_CLASS}]")

#: Characters refused anywhere in the authoritative text, typed or written as a TOML
#: escape: they are invisible, reorder what is shown, or break the file formats.
INVISIBLE_RE = re.compile(
    r"""
    [\x00-\x08\x0b-\x1f]      # C0 controls; tab and newline are whitespace and allowed
  | [\x7f-\x9f]              # DEL and the C1 controls
  | [\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e]  # format chars (Cf)
  | [\u200b-\u200f]          # zero-width space, non-joiner, joiner; LRM, RLM
  | [\u202a-\u202e]          # bidi embeddings and overrides (RLO …)
  | [\u2060-\u2064\u2066-\u206f]  # word joiner, invisible operators, bidi isolates
  | [\ufeff\ufff9-\ufffb]    # BOM inside the text, interlinear annotation
  | [\ufdd0-\ufdef\ufffe\uffff]  # noncharacters (the table placeholder uses them)
  | [\U000110bd\U000110cd\U00013430-\U00013438\U0001bca0-\U0001bca3]  # more Cf
  | [\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]  # musical format, tags
    """,
    re.X,
)

def invisible_values(data, keys: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """(key path, character) for each string in parsed TOML ``data`` holding an
    :data:`INVISIBLE_RE` character (TOML escapes such as ``\\u200b`` can write them)."""
    if isinstance(data, str):
        match = INVISIBLE_RE.search(data)
        if match:
            yield keys, match[0]
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from invisible_values(value, keys + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from invisible_values(value, keys + (index,))
