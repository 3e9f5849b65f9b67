"""Titles: wrap spaces removed (kept only between Latin words or two issuing
organs, or where a TOC title prints one), and a similarity measure to match a
title with its TOC entry.
"""

from __future__ import annotations

import difflib
import functools
import re

from .lines import WHITESPACE_RE, squash
from .organs import ORGAN_ENDINGS, TITLE_VERB_RE


def organ_space(raw: str, i: int) -> bool:
    """Without a guide: is the space at ``raw[i]`` one between two issuing organs
    (``自治区党委 人民政府关于…``)? It must sit before 关于/印发 and follow an organ."""
    head, tail = raw[:i].rstrip(), raw[i + 1:].lstrip()
    return (bool(head) and head[-1] in ORGAN_ENDINGS and not TITLE_VERB_RE.match(tail)
            and TITLE_VERB_RE.search(tail) is not None and TITLE_VERB_RE.search(head) is None)


def latin_word_space(before: str, after: str) -> bool:
    """A space between two Latin letters or digits separates words (ISO 9001)."""
    return all(c.isascii() and c.isalnum() for c in before + after) and bool(before and after)


def guided_space(guide: str, before: str, after: str) -> bool | None:
    """Does the ``guide`` (the TOC title) print a space between ``before`` and
    ``after``? None when it holds neither form (a TOC leaving the organs out)."""
    if f"{before} {after}" in guide:
        return True
    return False if before + after in guide else None


#: Where a title verb (:data:`organs.TITLE_VERB_RE`) starts, overlapping ones too.
VERB_AT_RE = re.compile(
    r"""
    (?= (?: """ + TITLE_VERB_RE.pattern + r""" ) )    # a verb starts here
    """,
    re.X,
)


def clean_title(raw: str, guide: str = "") -> str:
    """A title without its wrap spaces. A space between Latin words stays; otherwise,
    with a ``guide`` (the TOC title), a space is kept only where the guide has one
    between the same two characters; where the guide does not have them, or without
    a guide, only between two issuing organs (:func:`organ_space`). A kept space is
    one ASCII space.

    Linear in the length of ``raw`` (a whole file may come as one line): the
    characters around each space and the verbs before and after it are found in
    one pass each, not by slicing ``raw`` at every space."""
    guide = WHITESPACE_RE.sub(" ", guide)
    verbs = [m.start() for m in VERB_AT_RE.finditer(raw)]
    first_verb_end = min((TITLE_VERB_RE.match(raw, k).end() for k in verbs), default=None)
    last_verb_start = verbs[-1] if verbs else -1
    next_solid = [len(raw)] * (len(raw) + 1)  # index of the first non-space at or after i
    for i in range(len(raw) - 1, -1, -1):
        next_solid[i] = next_solid[i + 1] if raw[i].isspace() else i
    out = []
    last_solid = -1  # index of the last non-space before i
    for i, ch in enumerate(raw):
        if ch.isspace():
            after_at = next_solid[i + 1]
            before = raw[last_solid] if last_solid >= 0 else ""
            after = raw[after_at] if after_at < len(raw) else ""
            guided = guided_space(guide, before, after) if guide else None
            organs = (bool(before) and before in ORGAN_ENDINGS
                      and not TITLE_VERB_RE.match(raw, after_at) and last_verb_start >= after_at
                      and not (first_verb_end is not None and first_verb_end <= last_solid + 1))
            keep = latin_word_space(before, after) or (organs if guided is None else guided)
            if not (before and after and keep) or (out and out[-1] == " "):
                continue
            ch = " "
        else:
            last_solid = i
        out.append(ch)
    return "".join(out).strip()


@functools.lru_cache(maxsize=64)
def matcher_against(b: str) -> difflib.SequenceMatcher:
    """A matcher with ``b`` as its second sequence, indexed once: many candidate lines
    are compared with the same TOC title."""
    return difflib.SequenceMatcher(None, "", b, autojunk=False)


def similarity(a: str, b: str, floor: float = 0.0) -> float:
    """The similarity ratio of ``a`` and ``b`` (whitespace ignored); 0.0 when it is
    certainly below ``floor`` (cheap upper bounds checked first)."""
    matcher = matcher_against(squash(b))
    matcher.set_seq1(squash(a))
    if floor and (matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor):
        return 0.0
    return matcher.ratio()


#: A title a site quotes whole in book-title brackets: 《某某关于…的通知》.
QUOTED_TITLE_RE = re.compile(
    r"""
    《 (?P<inner> [^《》]+ ) 》    # the whole title inside one pair (〈〉 may nest inside)
    """,
    re.X,
)


def unquoted(title: str) -> str:
    """``title`` without the 《》 a site put around the whole of it; as it is otherwise."""
    match = QUOTED_TITLE_RE.fullmatch(title)
    return match["inner"] if match else title


#: A book title cited inside a title: 《…》.
CITED_RE = re.compile(
    r"""
    《 (?P<inner> [^《》]* \s [^《》]* ) 》    # one holding a space
    """,
    re.X,
)


def cited_spaces_closed(title: str, body: str) -> str:
    """``title`` with the spaces inside a 《…》 it cites removed where ``body`` cites the
    same book title without them (a wrap space the site kept); as it is otherwise."""
    def close(match: re.Match) -> str:
        inner = WHITESPACE_RE.sub("", match["inner"])
        return f"《{inner}》" if f"《{inner}》" in body else match.group()
    return CITED_RE.sub(close, title)
