"""Bytes → text for every reader: encoding detection and character hygiene.

Contract: :func:`decode_source` returns text with ``\\n`` line endings, no BOM,
no zero-width characters and no control characters other than ``\\t`` and
``\\n``. A UTF-16 byte order mark selects UTF-16; otherwise encodings are tried
strictly (UTF-8, then GB18030, which covers GBK and GB2312); bytes that fit
neither raise :class:`SourceError` with the file and the line of the first bad
byte, and text that fits GB18030 but is detected (charset-normalizer) as Big5,
Shift_JIS or EUC-KR is refused rather than garbled. Everything removed or changed
is reported.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from ..errors import SourceError
from ..files import read_regular
from ..manifest import MAX_ISSUE_BYTES
from .report import ReportBuilder

logger = logging.getLogger(__name__)

UTF8_BOM = b"\xef\xbb\xbf"
#: Byte order marks of UTF-16 (little- and big-endian).
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")

#: Encodings tried in order, each strictly. GB18030 decodes any GBK/GB2312 text.
ENCODINGS = ("utf-8", "gb18030")

#: Zero-width characters: invisible, never meaningful in gazette text.
ZERO_WIDTH_RE = re.compile(
    r"""
    [\u200b-\u200d]     # zero-width space, non-joiner, joiner
  | \u2060              # word joiner
  | \ufeff              # a BOM inside the text (zero-width no-break space)
    """,
    re.X,
)

#: Control characters that are not layout (tab and newline are kept).
CONTROL_RE = re.compile(
    r"""
    [\x00-\x08]         # NUL .. BS
  | [\x0b\x0c]          # VT, FF (form feed = page break in extracted text)
  | [\x0e-\x1f]         # SO .. US
  | \x7f                # DEL
    """,
    re.X,
)


def read_source(path: Path) -> bytes:
    """The bytes of an import or audit source; SourceError naming the path when it is not
    a regular file (a FIFO, a device such as ``/dev/zero``: refused before reading), is
    larger than an issue may be (``manifest.MAX_ISSUE_BYTES``, judged before reading and
    held while reading) or cannot be read (:func:`gazette_pub.files.read_regular`)."""
    return read_regular(path, limit=MAX_ISSUE_BYTES,
                        limit_message="file is {size} bytes, more than an issue may hold "
                                      "({limit}); split it")


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


#: Legacy CJK encodings whose bytes often decode as GB18030 without an error, giving
#: mojibake: a file detected as one of them is refused, never read as GB18030.
OTHER_CJK_ENCODINGS = ("big5", "cp950", "shift_jis", "cp932", "euc_jp", "euc_kr", "cp949",
                       "johab", "iso2022")


def _decode_bytes(data: bytes, path: str) -> tuple[str, str]:
    """(text, encoding name) of ``data``; SourceError at the first bad byte, or when
    text that is not UTF-8 looks like another CJK encoding than GB18030."""
    first_error: UnicodeDecodeError | None = None
    for encoding in ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            first_error = first_error or exc
            continue
        if encoding != "utf-8" and (other := _other_cjk_encoding(data)):
            raise SourceError(f"the text looks {other}-encoded, not GB18030/GBK (read as "
                              "GB18030 it would be garbled); convert it to UTF-8", path=path)
        return text, encoding
    assert first_error is not None
    raise SourceError(
        f"not UTF-8 or GB18030 text: invalid byte {data[first_error.start]:#04x} "
        f"at offset {first_error.start}", path=path, line=_line_of(data, first_error.start))


def _other_cjk_encoding(data: bytes) -> str | None:
    """The legacy CJK encoding charset-normalizer finds for ``data`` when it is not a GB
    one (Big5, Shift_JIS, EUC-KR …), else None. Only asked for text that is not UTF-8."""
    from charset_normalizer import from_bytes
    best = from_bytes(data).best()
    if best is None or not best.encoding.startswith(OTHER_CJK_ENCODINGS):
        return None
    return best.encoding


def _strip_pattern(text: str, pattern: re.Pattern, what: str, report: ReportBuilder) -> str:
    """Remove ``pattern`` matches, reporting each affected line once."""
    if not pattern.search(text):
        return text  # the common case: nothing to remove, no line to look at
    out = []
    for no, line in enumerate(text.split("\n"), start=1):
        cleaned = pattern.sub("", line)
        if cleaned != line:
            report.normalize(no, f"removed {len(line) - len(cleaned)} {what} character(s)")
        out.append(cleaned)
    return "\n".join(out)


def decode_source(data: bytes, path: str, report: ReportBuilder) -> str:
    """Decode ``data`` (the bytes of file ``path``) into clean text; see the module doc."""
    if data.startswith(UTF8_BOM):
        data = data[len(UTF8_BOM):]
        report.normalize(1, "removed a UTF-8 byte order mark")
    if data.startswith(UTF16_BOMS):  # saved as "Unicode" by Windows tools
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError as exc:
            raise SourceError(f"UTF-16 text with an invalid byte pair at offset {exc.start}",
                              path=path) from exc
        report.normalize(1, "decoded as UTF-16 (byte order mark)")
    text, encoding = _decode_bytes(data, path)
    if encoding != "utf-8":
        report.normalize(None, f"decoded as {encoding}")
        logger.info("%s: decoded as %s", path, encoding)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        report.normalize(None, "normalized line endings to LF")
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise SourceError("NUL character in text input (binary file?)", path=path, line=line)
    text = _strip_pattern(text, ZERO_WIDTH_RE, "zero-width", report)
    return _strip_pattern(text, CONTROL_RE, "control", report)
