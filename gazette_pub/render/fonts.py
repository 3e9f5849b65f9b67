"""Glyph coverage: every character of the issue must have a glyph in the fonts used.

WeasyPrint draws a .notdef box (tofu) for a missing glyph and only logs it
(typesetting-notes §5.3 P5), so we check before rendering and fail naming the
character, its code point and where it is.
"""

from __future__ import annotations

import functools
import logging
import re
import subprocess
import unicodedata
from dataclasses import dataclass

from fontTools.ttLib import TTCollection, TTFont

from ..errors import RenderError
from ..model import Issue

logger = logging.getLogger(__name__)

#: A family name inside a CSS font-family list.
FAMILY_RE = re.compile(r"""\s*(?:"(?P<quoted>[^"]+)"|(?P<bare>[^,"]+))\s*(?:,|$)""")
GENERIC_FAMILIES = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui"}


def families(css_list: str) -> list[str]:
    return [(m["quoted"] or m["bare"]).strip() for m in FAMILY_RE.finditer(css_list)
            if (m["quoted"] or m["bare"] or "").strip() not in GENERIC_FAMILIES]


@functools.lru_cache(maxsize=None)
def _font_files(family: str) -> tuple[tuple[str, int], ...]:
    """(file, index) of the installed faces of ``family``, from fontconfig."""
    try:
        out = subprocess.run(["fc-list", f"{family}", "file", "index"], capture_output=True,
                             text=True, check=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        raise RenderError(f"cannot ask fontconfig for fonts: {exc}") from None
    faces = []
    for line in sorted(out.splitlines()):
        match = re.match(r"(?P<file>.+?): :index=(?P<index>\d+)", line.strip())
        if match:
            faces.append((match["file"], int(match["index"])))
    return tuple(faces)


@functools.lru_cache(maxsize=None)
def _cmap(file: str, index: int) -> frozenset[int]:
    """Code points of a face. Decoding a CJK cmap takes ~0.2 s per face, so the result is
    kept in the machine cache per version of the font file (bench/PROFILE.md)."""
    from ..cache import remember_for_file
    return remember_for_file("cmap", file, str(index), lambda: _read_cmap(file, index))


def _read_cmap(file: str, index: int) -> frozenset[int]:
    if file.lower().endswith((".ttc", ".otc")):
        font = TTCollection(file, lazy=True).fonts[index]
    else:
        font = TTFont(file, lazy=True, fontNumber=index)
    return frozenset(font.getBestCmap() or ())


def generic_families(css_list: str) -> list[str]:
    """The generic families (``serif``, ``sans-serif`` …) ending ``css_list``."""
    return [(m["quoted"] or m["bare"]).strip() for m in FAMILY_RE.finditer(css_list)
            if (m["quoted"] or m["bare"] or "").strip() in GENERIC_FAMILIES]


@functools.lru_cache(maxsize=None)
def _matched_face(generic: str) -> tuple[tuple[str, int], ...]:
    """(file, index) of the face fontconfig gives for a generic family (``fc-match
    serif``): the face Pango draws a character with when no named family has it."""
    try:
        out = subprocess.run(["fc-match", "-f", "%{file}: :index=%{index}\n", generic],
                             capture_output=True, text=True, check=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        raise RenderError(f"cannot ask fontconfig for fonts: {exc}") from None
    match = re.match(r"(?P<file>.+?): :index=(?P<index>\d+)", out.strip())
    return ((match["file"], int(match["index"])),) if match else ()


@functools.lru_cache(maxsize=None)
def coverage(css_list: str) -> frozenset[int]:
    """Code points covered by the first installed face of each family in ``css_list``,
    and by the face fontconfig matches for a generic family the list ends with (a
    quotation mark such as ‟ U+201F that the CJK faces lack is drawn from it, not as a
    box: WeasyPrint's Pango falls back along the list)."""
    covered: set[int] = set()
    faces = [f[0] for f in map(_font_files, families(css_list)) if f]
    faces += [f[0] for f in map(_matched_face, generic_families(css_list)) if f]
    for face in faces:
        covered |= _cmap(*face)
    return frozenset(covered)


@dataclass(frozen=True)
class MissingGlyph:
    char: str
    where: str

    def __str__(self) -> str:
        name = unicodedata.name(self.char, "unnamed")
        return f"{self.where}: no glyph for {self.char!r} U+{ord(self.char):04X} ({name})"


def _needs_glyph(char: str) -> bool:
    return not (char.isspace() or unicodedata.category(char) in ("Cc", "Cf"))


def missing_glyphs(texts, css_list: str) -> list[MissingGlyph]:
    """Characters of ``texts`` ((where, text) pairs) without a glyph in ``css_list``."""
    covered = coverage(css_list)
    if not covered:
        raise RenderError(f"none of the fonts {css_list} is installed (run ./run.sh to install)")
    found: dict[str, MissingGlyph] = {}
    for where, text in texts:
        for char in text:
            if char not in found and ord(char) not in covered and _needs_glyph(char):
                found[char] = MissingGlyph(char, where)
    return list(found.values())


#: The faces of styles/print.css, by the theme field that names their font stack.
SONG, HEI, KAI = "font_song", "font_hei", "font_kai"


def issue_texts(issue: Issue):
    """(where, text, faces) for every printed text; ``faces`` are the stacks that set it.

    Follows ``styles/print.css``: slogans, section heads, committee roles, colophon
    labels, table captions and header cells and level-1 heading leads are 黑体; level-2
    heading leads are 楷体; everything is also checked against the body Song stack
    (run-in headings continue in Song; the web edition uses the same characters).
    """
    from ..model import AttachmentNote, Heading, ListBlock, Signature, TableBlock
    gazette = issue.gazette
    yield "gazette.toml: name", gazette.name, (SONG,)
    for s in gazette.slogans:
        yield "gazette.toml: slogans", s, (SONG, HEI)
    for role, names in gazette.editorial_committee:
        yield "gazette.toml: editorial_committee", role, (SONG, HEI)
        yield "gazette.toml: editorial_committee", "".join(names), (SONG,)
    for label, value in gazette.colophon:
        yield "gazette.toml: colophon", label, (SONG, HEI)
        yield "gazette.toml: colophon", "".join(value) if isinstance(value, tuple) else value, (SONG,)
    for item in issue.back_matter:
        yield "issue.toml: back_matter", item, (SONG,)
    for section in issue.sections:
        yield "issue.toml: section title", section.title, (SONG, HEI)
        for doc in section.documents:
            where = f"{doc.path or doc.id}"
            yield f"{where}: title", doc.title + doc.toc_title + doc.doc_number, (SONG,)
            for enc in doc.enclosed:
                yield f"{where}: enclosed title", enc.title, (SONG,)
            for number, block in enumerate(doc.all_blocks(), 1):
                at = f"{where}: block {number} ({block.type})"
                if isinstance(block, TableBlock):
                    t = block.table
                    yield at, t.caption, (SONG, HEI)
                    yield at, "".join(t.footnotes) + t.check, (SONG,)
                    yield at, "".join(c.text for r in t.header_rows for c in r), (SONG, HEI)
                    group = "".join(r[0].text for r in t.rows if t.is_group_row(r))
                    yield at, group, (SONG, HEI)
                    yield at, "".join(c.text for r in t.rows for c in r), (SONG,)
                elif isinstance(block, Heading):
                    face = {1: (SONG, HEI), 2: (SONG, KAI)}.get(block.level, (SONG,))
                    yield at, block.full_text, face
                elif isinstance(block, Signature):
                    yield at, "".join(block.lines), (SONG,)
                elif isinstance(block, ListBlock):
                    yield at, "".join(block.items), (SONG,)
                elif isinstance(block, AttachmentNote):
                    yield at, block.text, (SONG,)
                else:
                    yield at, block.text, (SONG,)


@functools.lru_cache(maxsize=None)
def fonts_with(char: str) -> tuple[str, ...]:
    """Families of the installed fonts that have a glyph for ``char`` (fontconfig)."""
    try:
        out = subprocess.run(["fc-list", f":charset={ord(char):x}", "family"],
                             capture_output=True, text=True, check=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return ()
    return tuple(sorted({line.split(",")[0].strip() for line in out.splitlines() if line.strip()}))


def _remedy(char: str, face: str) -> str:
    """What an editor can do about a missing glyph: the text is authoritative, the fonts
    are not — name an installed font that has it, or say that none does."""
    found = fonts_with(char)
    if found:
        return (f"installed fonts that have it: {', '.join(found[:3])}: add one to the "
                f"theme's {face} (theme.toml)")
    return (f"no installed font has it: install one that does and add it to the theme's "
            f"{face} (theme.toml)")


def check_glyphs(issue: Issue, print_theme) -> None:
    """Raise :class:`RenderError` naming every character a font stack in use cannot draw.

    Each text is checked against every stack that sets it (:func:`issue_texts`); the
    message names the character, its code point and name, the file and block, and the
    stack (e.g. a rare name character of CJK Ext-B missing from the Kai face).
    """
    texts = list(issue_texts(issue))
    problems = []
    for face in (SONG, HEI, KAI):
        stack = getattr(print_theme, face)
        for missing in missing_glyphs(((w, t) for w, t, faces in texts if face in faces), stack):
            problems.append(f"{missing} in {face.removeprefix('font_')} fonts {stack} "
                            f"({_remedy(missing.char, face)})")
    if problems:
        raise RenderError("missing glyphs (would print as boxes): " + "; ".join(problems[:20]),
                          path=issue.folder)
