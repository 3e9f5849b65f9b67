"""Inline markup of OCR Markdown removed from a line: ``**bold**``/``__bold__``/``*em*``
marks (an unpaired bold mark too), inline HTML tags, Markdown escapes; ``<br>`` breaks.

Contract: :func:`clean_inline` removes only markup, never a character of the text
(a lone ``_`` stays: e-mail addresses).
"""

from __future__ import annotations

import re


#: Emphasis marks around text: **bold**, __bold__, *em* (a lone _ stays: e-mail addresses).
EMPHASIS_RE = re.compile(
    r"""
    \*\*(?P<b1>.+?)\*\*         # **bold**
  | __(?P<b2>.+?)__             # __bold__
  | (?<![\w*])\*(?P<em>[^*\s][^*]*?)\*(?![\w*])   # *em*
    """,
    re.X,
)


#: A bold mark left unpaired on its line: a bold run over several lines (a wrapped
#: title) opens at the start of its first line and closes at the end of its last.
UNPAIRED_BOLD_RE = re.compile(
    r"""
    ^ \s* (?: \*\* | __ )      # a mark opening the line
  | (?: \*\* | __ ) \s* $      # a mark closing it
    """,
    re.X,
)


#: A backslash escape of a Markdown special character.
ESCAPE_RE = re.compile(
    r"""
    \\                                   # a backslash
    (?P<char>[\\`*_{}\[\]()#+\-.!|<>~])    # before a Markdown special character
    """,
    re.X,
)


#: Inline HTML tags (their text is kept) and line-break tags.
TAG_RE = re.compile(
    r"""
    </?                                              # opening or closing tag
    (?:span|sup|sub|b|i|strong|em|u|font|p|div) \b   # a formatting element
    [^>]* >                                          # its attributes
    """,
    re.X | re.I,
)


BR_RE = re.compile(
    r"""
    <br \s* /? >    # <br>, <br/>, <br />
    """,
    re.X | re.I,
)


def clean_inline(text: str) -> str:
    """Remove emphasis marks, inline tags and escapes from one line."""
    text = TAG_RE.sub("", text)
    text = EMPHASIS_RE.sub(lambda m: m["b1"] or m["b2"] or m["em"], text)
    text = UNPAIRED_BOLD_RE.sub("", text)
    return ESCAPE_RE.sub(lambda m: m["char"], text)
