"""Numbered notes under a table (``注：1. …`` over the lines ``2. …`` … ``12. …``).

A note block under a table numbers its notes 1., 2., … like the body's level-3
headings; read line by line, every note after the first would become a heading.

Contract: :func:`mark_numbered_notes` turns the items that go on a ``注：`` remark's
numbering (``注：1.`` then ``2.``, ``3.`` …, or ``注：`` alone then ``1.``, ``2.`` …,
each number the next one, the same mark after it) into remark items of their own;
the numbering ends at the first item that does not go on. No text is changed.
"""

from __future__ import annotations

import re

from .lines import Item

#: A remark opening a numbered list of notes: 注：1. … / 注: (the notes under it).
NOTE_START_RE = re.compile(
    r"""
    注 \s* [：:] \s*
    (?: (?P<open> [(（] )? \s* 1 \s* (?P<mark> (?(open) [)）] | [.．、]) ) )?   # 1. / （1）
    """,
    re.X,
)
#: A note's number at the start of an item: 2. / 2． / 2、 / （2）.
NOTE_NUMBER_RE = re.compile(
    r"""
    (?P<open> [(（] )? \s* (?P<number> \d{1,2}) \s* (?P<mark> (?(open) [)）] | [.．、]) )
    """,
    re.X,
)
#: Item kinds a note line may have been read as.
NOTE_LIKE_KINDS = frozenset({"heading", "para", "list", "remark"})


def mark_numbered_notes(items: list[Item]) -> list[Item]:
    """``items`` with the numbered notes under a ``注：`` remark marked as remarks."""
    expected, mark = 0, ""
    for item in items:
        if item.kind == "remark" and (start := NOTE_START_RE.match(item.text)):
            expected = 2 if start["mark"] else 1
            mark = (start["open"] or "") + (start["mark"] or "")
            continue
        number = NOTE_NUMBER_RE.match(item.text) if expected else None
        if (number and item.kind in NOTE_LIKE_KINDS and int(number["number"]) == expected
                and (not mark or (number["open"] or "") + number["mark"] == mark)):
            item.kind = "remark"
            mark = (number["open"] or "") + number["mark"]
            expected += 1
        else:
            expected = 0
    return items
