"""Where a title turns its lines: whole words, sensible phrase ends, balanced lines.

GB/T 9704-2012 §7.3.1 (公文标题): a title of several lines keeps words whole at its
line turns ("回行时，要做到词意完整，排列对称，长短适宜，间距恰当") and takes the shape of a
trapezoid or a diamond; clreq (https://www.w3.org/TR/clreq/#headings) asks the same of
headings, and that no line of a heading is a lone character. WeasyPrint fills a
centred title greedily and breaks anywhere between two Han characters, so titles
print as ``…实施意`` / ``见》的通知``. :func:`title_lines` chooses the line turns itself:

1. the title is cut into atoms that never break: words of a Chinese dictionary
   (jieba, the most used Chinese word segmenter), runs of Latin letters and digits,
   and the prohibitions of line start and end (a closing mark stays with the text
   before it, an opening mark with the text after it);
2. each place between two atoms gets a cost: nothing at a phrase end of an official
   title (the space between joint organs, before 关于, before an opening 《 and after
   a closing 》), more between two words, most next to a one-character word (的, 级);
3. the fewest lines that fit the measure are taken, and among the ways to turn them,
   the one with the most even lines plus the least break cost (dynamic programming).

Widths are in ems of the title font, from the print typography (typography.py):
a Han character or full-width mark is one em, an ASCII letter or digit half an em
(``hwid``) with a quarter-em gap next to Han, an ASCII mark in Chinese text one em.
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from ..chars import HAN_RE

logger = logging.getLogger(__name__)

#: Marks that end a phrase and may not start a line (they join the atom before them).
CLOSING = frozenset("、，。；：！？）》」』】〕〉”’％‰·…—")
#: Marks that open a phrase and may not end a line (they join the atom after them).
OPENING = frozenset("（《「『【〔〈“‘")

#: Words after which an official title's subject matter starts (发文机关 + 关于 + 事由 +
#: 文种, GB/T 9704 §7.3.1): turning the line before them keeps the organ whole.
PHRASE_STARTS = frozenset({"关于"})

#: One-character words after which a line may turn (a particle or conjunction ends the
#: phrase before it); after any other one-character word (级, 非) the next word belongs
#: to it as much as to the word before.
LINE_END_PARTICLES = frozenset("的和与及同或等")

#: Cost of a line turn at each kind of place (squared ems of unevenness are added).
COST_PHRASE = 0.0
COST_WORDS = 1.5
COST_SHORT_WORD = 8.0
COST_INSIDE_ORGAN = 12.0
COST_AFTER_SHORT_WORD = 3.0
#: A turn inside a word: only when no line of whole words fits the measure.
COST_INSIDE_WORD = 40.0

#: Room kept free on each line, in ems: the widths here are estimates of what Pango
#: sets, and a line that overflows by a hair would wrap again (a lone character).
SAFETY_EM = 0.6

#: ASCII runs (letters, digits, marks) that are one atom of the title.
ASCII_RUN_RE = re.compile(
    r"""
    [!-~]+        # printable ASCII without the space: 2021, GB/T, 9704-2012
    """,
    re.X,
)


@dataclass(frozen=True)
class Atom:
    """A piece of a title that is never broken, and the cost of a turn after it."""

    text: str
    width: float
    #: Cost of turning the line after this atom (None: never, e.g. before a closing mark).
    cost_after: float | None


@functools.lru_cache(maxsize=1)
def _segmenter():
    """The jieba tokenizer, loaded once (its dictionary takes about a second)."""
    import jieba
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


def text_width(text: str) -> float:
    """Width of ``text`` in ems as the print edition sets it (module docstring)."""
    width = 0.0
    for match in re.finditer(r"[!-~]+|\x20+|.", text, re.S):
        piece = match.group()
        if piece.startswith(" "):
            width += 1.0  # the gap between joint organs (typography.py ``gap``)
        elif piece.isascii():
            if any(c.isalnum() for c in piece):
                width += 0.5 * len(piece)
                before = text[match.start() - 1: match.start()]
                after = text[match.end(): match.end() + 1]
                width += 0.25 * (bool(HAN_RE.match(before or "a")) + bool(HAN_RE.match(after or "a")))
            else:
                width += float(len(piece))
        else:
            width += 1.0
    return width


def _tokens(text: str) -> list[str]:
    """jieba's tokens of ``text``, kept in the machine cache per version of its
    dictionary: loading the dictionary costs about 0.75 s of CPU per process, as much
    as a tenth of a cold build of a 29-page issue (bench/PROFILE.md), for a few titles."""
    import jieba

    from ..cache import remember_for_file
    dictionary = Path(jieba.__file__).with_name("dict.txt")
    if not dictionary.is_file():
        return _segmenter().lcut(text, HMM=False)
    return remember_for_file("jieba-words", str(dictionary), f"{jieba.__version__}\n{text}",
                             lambda: _segmenter().lcut(text, HMM=False))


def _words(text: str) -> list[str]:
    """Dictionary words of ``text``; ASCII runs and spaces each one word."""
    words: list[str] = []
    for token in _tokens(text):
        if words and ASCII_RUN_RE.fullmatch(token) and ASCII_RUN_RE.fullmatch(words[-1]):
            words[-1] += token
        else:
            words.append(token)
    return words


def atoms(text: str) -> list[Atom]:
    """The unbreakable pieces of ``text`` with the cost of a turn after each (steps 1–2)."""
    words = _words(text)
    # Glue prohibited places: an opening mark to the next word, a closing mark to the
    # previous one (clreq line-start and line-end prohibitions).
    glued: list[str] = []
    pending = ""
    for word in words:
        if word.isspace() and glued and not pending:
            glued[-1] += word  # a turn may follow the space, never precede it
            continue
        if word in OPENING:
            pending += word
            continue
        word = pending + word
        pending = ""
        if glued and (word[0] in CLOSING) and not glued[-1].endswith(" "):
            glued[-1] += word
        else:
            glued.append(word)
    if pending:
        if glued:
            glued[-1] += pending
        else:
            glued.append(pending)
    result = []
    # The issuing organs come before 关于 (发文机关 + 关于 + 事由 + 文种): a turn inside
    # them, other than at the space between two organs, splits an organ's name.
    organs_end = next((i for i, w in enumerate(glued) if w.lstrip("".join(OPENING))
                       .startswith(tuple(PHRASE_STARTS))), 0)
    for index, word in enumerate(glued):
        after = glued[index + 1] if index + 1 < len(glued) else ""
        cost = _turn_cost(word, after)
        if cost is not None and cost > COST_PHRASE and index + 1 < organs_end:
            cost = max(cost, COST_INSIDE_ORGAN)
        result.append(Atom(word, text_width(word), cost))
    return result


def _turn_cost(word: str, after: str) -> float | None:
    if not after:
        return None
    if word.endswith(" ") or after.startswith(" "):
        return COST_PHRASE
    if any(after.startswith(p) for p in PHRASE_STARTS) or after[0] in "《〈":
        return COST_PHRASE
    if len(after.strip("".join(OPENING | CLOSING))) <= 1:
        return COST_SHORT_WORD  # a line that starts with 的 or 级
    if word.endswith(("》", "〉")):
        return COST_PHRASE + 0.5
    core = word.strip("".join(OPENING | CLOSING))
    if len(core) <= 1:
        return COST_AFTER_SHORT_WORD if core in LINE_END_PARTICLES else COST_SHORT_WORD
    return COST_WORDS


def _split_words(items: list[Atom], measure: float) -> list[Atom]:
    """Atoms wider than the measure cut into characters (turns inside at a high cost)."""
    out: list[Atom] = []
    for atom in items:
        if atom.width <= measure or len(atom.text) == 1:
            out.append(atom)
            continue
        chars = list(atom.text)
        for i, char in enumerate(chars):
            last = i == len(chars) - 1
            nxt = chars[i + 1] if not last else ""
            cost = atom.cost_after if last else (
                None if nxt in CLOSING or char in OPENING else COST_INSIDE_WORD)
            out.append(Atom(char, text_width(char), cost))
    return out


def title_lines(text: str, measure_em: float) -> list[str]:
    """``text`` cut into the lines it should print on, in a measure of ``measure_em`` ems.

    One line when it fits. The lines joined give back ``text`` exactly (a space at a
    turn stays at the end of the line before it).
    """
    measure = measure_em - SAFETY_EM
    if measure <= 2 or text_width(text) <= measure_em - SAFETY_EM / 2 or "\n" in text:
        return [text]
    items = _split_words(atoms(text), measure)
    n = len(items)
    widths = [0.0]
    for atom in items:
        widths.append(widths[-1] + atom.width)

    def span(i: int, j: int) -> float:  # width of atoms i..j-1, without a space at its end
        width = widths[j] - widths[i]
        return width - 1.0 if items[j - 1].text.endswith(" ") else width

    # best[k][j]: (cost, previous cut) for the first j atoms set in k lines.
    INF = float("inf")
    total = span(0, n)
    for lines in range(2, n + 1):
        target = total / lines
        best = [[(INF, -1)] * (n + 1) for _ in range(lines + 1)]
        best[0][0] = (0.0, -1)
        for k in range(1, lines + 1):
            for j in range(1, n + 1):
                if k == lines and j != n:
                    continue
                for i in range(j - 1, -1, -1):
                    if span(i, j) > measure:
                        break
                    previous = best[k - 1][i][0]
                    if previous == INF:
                        continue
                    turn = 0.0
                    if j < n:
                        turn = items[j - 1].cost_after
                        if turn is None:
                            continue
                    cost = previous + (span(i, j) - target) ** 2 + turn
                    if cost < best[k][j][0]:
                        best[k][j] = (cost, i)
        if best[lines][n][0] < INF:
            cuts, j = [], n
            for k in range(lines, 0, -1):
                i = best[k][j][1]
                cuts.append((i, j))
                j = i
            return ["".join(a.text for a in items[i:j]) for i, j in reversed(cuts)]
    logger.warning("title %r does not fit a measure of %.1f ems", text[:30], measure_em)
    return [text]
