"""Character classes shared by the stages that compare or set Chinese text."""

from __future__ import annotations

import re

#: Han ideographs: Extension A, the Unified and Compatibility Ideographs of the BMP, and
#: the supplementary ideographic planes (Extensions B–H, where rare name characters are).
HAN_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN_RE = re.compile(f"[{HAN_CLASS}]")
