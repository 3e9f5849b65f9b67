"""Titles: wrap spaces removed (kept only between Latin words or two issuing
organs, or where a TOC title prints one), and a similarity measure to match a
title with its TOC entry.
"""

from __future__ import annotations

import difflib
import functools

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


def clean_title(raw: str, guide: str = "") -> str:
    """A title without its wrap spaces. A space between Latin words stays; otherwise,
    with a ``guide`` (the TOC title), a space is kept only where the guide has one
    between the same two characters; where the guide does not have them, or without
    a guide, only between two issuing organs (:func:`organ_space`). A kept space is
    one ASCII space."""
    guide = WHITESPACE_RE.sub(" ", guide)
    out = []
    for i, ch in enumerate(raw):
        if ch.isspace():
            before, after = raw[:i].rstrip()[-1:], raw[i + 1:].lstrip()[:1]
            guided = guided_space(guide, before, after) if guide else None
            keep = latin_word_space(before, after) or (
                organ_space(raw, i) if guided is None else guided)
            if not (before and after and keep) or (out and out[-1] == " "):
                continue
            ch = " "
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
