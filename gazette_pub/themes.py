"""Themes: a gazette's print parameters (TOML) and its template/style overrides.

A theme lives in ``styles/themes/<name>/theme.toml`` (+ optional ``print.css``,
``screen.css``) and ``templates/themes/<name>/`` (template overrides). Lookups go
theme first, then the defaults, like MkDocs' ``custom_dir`` → theme chain. A gazette may
keep its own theme beside its ``gazette.toml``, in ``<gazette>/themes/<name>/`` (where
``gazette theme fit`` writes one): that folder wins over the bundled one of that name.

The ``[print]`` table of ``theme.toml`` sets the fields of :class:`PrintTheme`; they
reach ``styles/print.css`` as ``var(--field-name)`` (resolved by
:func:`gazette_pub.render.pdf.theme_values`). Page fidelity to an official gazette is
calibrated with these layout parameters only (README "Page fidelity").
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path

from .errors import ConfigError
from .ids import gazette_file

#: The project's bundled assets: the only folders besides an issue that a render may read.
PROJECT_ROOT = Path(__file__).resolve().parent.parent
TEMPLATES_DIR = PROJECT_ROOT / "templates"
STYLES_DIR = PROJECT_ROOT / "styles"

#: Points per unit of the CSS absolute lengths a theme may use.
POINTS_PER_UNIT = {"pt": 1.0, "mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72.0, "px": 0.75}
#: ISO and Chinese book sizes (width, height in mm) a theme may name as ``page_size``.
PAGE_SIZES_MM = {"A3": (297, 420), "A4": (210, 297), "A5": (148, 210), "B5": (176, 250),
                 "JIS-B5": (182, 257), "16K": (185, 260), "BIG-16K": (210, 285)}

#: A CSS absolute length: ``12pt``, ``37mm``, ``-0.2pt``.
LENGTH_RE = re.compile(
    r"""
    (?P<number>-?\d+(?:\.\d+)?)   # the number
    (?P<unit>pt|mm|cm|in|px)      # an absolute unit (no em: themes fix sizes)
    """,
    re.X,
)


def length_pt(value: str, *, path: Path | None = None, field: str | None = None) -> float:
    """A CSS absolute length in points; ConfigError naming the field otherwise."""
    match = LENGTH_RE.fullmatch(value.strip())
    if match is None:
        raise ConfigError(f"{value!r} is not an absolute length (e.g. 10.5pt, 20mm)",
                          path=path, field=field)
    return float(match["number"]) * POINTS_PER_UNIT[match["unit"]]


def page_size_pt(value: str, *, path: Path | None = None) -> tuple[float, float]:
    """(width, height) in points of a ``page_size`` (a name above or two lengths)."""
    if value.upper() in PAGE_SIZES_MM:
        width, height = PAGE_SIZES_MM[value.upper()]
        return width * POINTS_PER_UNIT["mm"], height * POINTS_PER_UNIT["mm"]
    parts = value.split()
    if len(parts) != 2:
        raise ConfigError(f"page_size {value!r}: use one of {sorted(PAGE_SIZES_MM)} or "
                          "'WIDTH HEIGHT' (e.g. '185mm 260mm')", path=path, field="page_size")
    width, height = (length_pt(p, path=path, field="page_size") for p in parts)
    return width, height


@dataclass(frozen=True)
class PrintTheme:
    """Layout parameters of a gazette's print edition (CSS custom properties in print).

    Every field is a layout parameter: none of them names a page or a document.
    """

    #: CSS page size: a name of :data:`PAGE_SIZES_MM` (A4, 16K …) or "185mm 260mm".
    page_size: str = "A4"
    #: Page margins: top, outer (fore-edge), bottom, inner (binding side); mirrored on
    #: left-hand pages. Absolute lengths.
    margin_top: str = "25mm"
    margin_outer: str = "20mm"
    margin_bottom: str = "22mm"
    margin_inner: str = "22mm"
    #: Body font size (an absolute length: 五号 10.5pt, 小四 12pt, 三号 16pt).
    font_size: str = "10.5pt"
    #: Body line pitch: an absolute length (on a line grid) or a factor such as "1.6".
    line_height: str = "1.6"
    #: Number of text columns on body pages (1 or 2) and the gap between them.
    columns: int = 1
    column_gap: str = "8mm"
    #: Characters per full line of a column: the letter-spacing is chosen so that
    #: exactly this many body characters fill the measure (a character grid; 0 = no
    #: grid, the font's natural advance). See README "Chinese typography".
    chars_per_line: int = 0
    #: Whether each document starts on a new page (else documents flow, as in ningxia).
    document_new_page: bool = False
    #: Whether each section (栏目) starts on a new page.
    section_new_page: bool = False
    #: Whether the body starts on a right-hand page (recto): then a blank page follows a
    #: 目录 of an even number of pages. Else the body starts on the page after the 目录.
    body_starts_recto: bool = False
    #: Blank body lines between two documents that share a page.
    document_gap_lines: float = 2.0
    #: Justify Chinese lines between characters (WeasyPrint stretches only spaces; see
    #: :func:`gazette_pub.render.typography.inter_character_justification`).
    justify_cjk: bool = True
    #: Document title size, as a multiple of the body size, and its line pitch in body lines.
    title_scale: float = 1.45
    title_lines: float = 1.5
    #: Whether an attachment (附件 body, enclosed document) starts on a new page (另面).
    attachment_new_page: bool = False
    #: Table text size as a multiple of the body size, and its line height (a factor).
    table_scale: float = 0.9
    table_line_height: float = 1.35
    #: Whether table columns are fitted to their cells: two-character cells (序号) stay on
    #: one line and a wrapped cell never ends with a lone character (``…有限公`` / ``司``).
    #: This changes column widths, so table heights: themes calibrated without it keep
    #: it off to keep their documents on the official pages.
    table_cells_fit: bool = True
    #: Space above and below the text of a table cell, as a multiple of the table text size.
    table_cell_padding: float = 0.15
    #: Whether TOC section headings are printed in 【】.
    toc_section_brackets: bool = True
    #: Whether TOC page numbers are printed in parentheses.
    toc_page_parens: bool = True
    #: Whether TOC entries end with dot leaders before the page number.
    toc_leaders: bool = True
    #: Font families (CSS lists) for body (Song), headings (Hei), level-2 headings (Kai),
    #: FangSong. A gazette with licensed fonts names them here (installed system-wide).
    font_song: str = '"Noto Serif CJK SC", "Noto Serif CJK", serif'
    font_hei: str = '"Noto Sans CJK SC", "Noto Sans CJK", sans-serif'
    font_kai: str = '"AR PL UKai CN", "AR PL UKai", "Noto Serif CJK SC", serif'
    font_fangsong: str = '"Noto Serif CJK SC", serif'
    #: The first printed page number of the first body page (cover and TOC come before).
    first_body_page: int = 3
    #: How the front pages (cover, TOC) are labelled in the PDF page labels: "roman"
    #: (i, ii …) or "none" (no number, the printed issue shows none).
    front_page_labels: str = "none"
    #: Bleed around the trim box when ``--print-marks`` is asked (printer's default 3 mm).
    bleed: str = "3mm"

    @property
    def font_size_pt(self) -> float:
        return length_pt(self.font_size, field="font_size")

    @property
    def measure_pt(self) -> float:
        """Width of one text column of a body page, in points."""
        width, _ = page_size_pt(self.page_size)
        inner = length_pt(self.margin_inner, field="margin_inner")
        outer = length_pt(self.margin_outer, field="margin_outer")
        gap = length_pt(self.column_gap, field="column_gap") if self.columns > 1 else 0.0
        return (width - inner - outer - gap * (self.columns - 1)) / self.columns

    @property
    def letter_spacing_pt(self) -> float:
        """Letter-spacing that makes ``chars_per_line`` characters fill the measure.

        WeasyPrint adds the letter-spacing after every character, so N characters
        take N × (size + spacing). The exact value can lose the Nth character to
        rounding (typesetting-notes P4), hence the 0.005 pt of slack per character.
        """
        if not self.chars_per_line:
            return 0.0
        return self.measure_pt / self.chars_per_line - self.font_size_pt - 0.005

    @property
    def pitch_pt(self) -> float:
        """Advance of one body character (size + letter-spacing), in points."""
        return self.font_size_pt + self.letter_spacing_pt


#: Values a field of the given type accepts from TOML (bool is not an int here).
FIELD_TYPES = {"str": (str,), "int": (int,), "bool": (bool,), "float": (int, float)}


@dataclass(frozen=True)
class Theme:
    name: str
    print: PrintTheme
    #: Template folders in lookup order (theme overrides first).
    template_dirs: tuple[Path, ...]
    #: Style sheets for print, defaults first, theme last (later wins in the cascade).
    print_css: tuple[Path, ...]
    screen_css: tuple[Path, ...]
    #: The folder holding the theme's TOML and own style sheets (:func:`theme_folder`).
    folder: Path | None = None


def _print_theme(values: dict, toml_path: Path) -> PrintTheme:
    """A PrintTheme from the ``[print]`` table; every problem reported at once."""
    known = {f.name: f.type for f in fields(PrintTheme)}
    problems = []
    unknown = sorted(set(values) - set(known))
    if unknown:
        problems.append(f"unknown print settings {unknown}; known: {sorted(known)}")
    for name, value in values.items():
        accepted = FIELD_TYPES.get(str(known.get(name)), ())
        if name in known and type(value) not in accepted:  # type(True) is bool, not int
            problems.append(f"{name} = {value!r}: expected {known[name]}")
    if problems:
        raise ConfigError("; ".join(problems), path=toml_path, field="print")
    theme = PrintTheme(**values)
    page_size_pt(theme.page_size, path=toml_path)
    for name in ("margin_top", "margin_outer", "margin_bottom", "margin_inner", "font_size",
                 "column_gap", "bleed"):
        length_pt(getattr(theme, name), path=toml_path, field=name)
    if theme.columns not in (1, 2):
        raise ConfigError("columns must be 1 or 2", path=toml_path, field="columns")
    if theme.front_page_labels not in ("roman", "none"):
        raise ConfigError("front_page_labels must be 'roman' or 'none'", path=toml_path,
                          field="front_page_labels")
    return theme


def theme_folder(name: str, gazette_dir: Path | None = None) -> Path:
    """Where theme ``name`` keeps its TOML and its own style sheets: the gazette's own
    ``<gazette_dir>/themes/<name>/`` when it has a theme.toml, else the bundled folder."""
    if gazette_dir is not None:
        own = Path(gazette_dir) / "themes" / name
        if (own / "theme.toml").is_file():
            return own
    return STYLES_DIR / "themes" / name


def known_themes(gazette_dir: Path | None = None) -> tuple[str, ...]:
    """The names of the installed themes: folders under ``styles/themes/`` or
    ``templates/themes/`` (a theme may only override templates), and the gazette's own
    ``<gazette_dir>/themes/<name>/`` holding a theme.toml."""
    names = {p.name for root in (STYLES_DIR / "themes", TEMPLATES_DIR / "themes")
             if root.is_dir() for p in root.iterdir() if p.is_dir()}
    own = Path(gazette_dir) / "themes" if gazette_dir is not None else None
    if own is not None and own.is_dir():
        names |= {p.name for p in own.iterdir() if (p / "theme.toml").is_file()}
    return tuple(sorted(names | {"default"}))


def unknown_theme(name: str, gazette_dir: Path | None = None) -> str | None:
    """The problem with the theme name ``name``, or None when it is installed (or the
    gazette in ``gazette_dir`` has it)."""
    if name in known_themes(gazette_dir):
        return None
    return f"unknown theme {name!r}; known: {', '.join(known_themes(gazette_dir))}"


def issue_theme(issue) -> Theme:
    """The theme an issue's gazette names, looked up beside its gazette.toml first."""
    return load_theme(issue.gazette.theme,
                      gazette_file(issue.folder).parent if getattr(issue, "folder", "") else None)


def load_theme(name: str, gazette_dir: Path | None = None) -> Theme:
    """The theme ``name`` (the gazette's own in ``gazette_dir`` first); ConfigError for a
    theme that is not installed (never a silent fallback to the default layout) and for
    a bad TOML."""
    problem = unknown_theme(name, gazette_dir)
    if problem is not None:
        raise ConfigError(problem, path=theme_folder(name, gazette_dir), field="theme")
    folder = theme_folder(name, gazette_dir)
    toml_path = folder / "theme.toml"
    values = {}
    if toml_path.is_file():
        try:
            data = tomllib.loads(toml_path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"invalid TOML: {exc}", path=toml_path) from None
        values = data.get("print", {})
    template_dirs = tuple(p for p in (TEMPLATES_DIR / "themes" / name,) if p.is_dir()) + (TEMPLATES_DIR,)
    def sheets(kind):
        return tuple(p for p in (STYLES_DIR / f"{kind}.css", folder / f"{kind}.css") if p.is_file())
    return Theme(name, _print_theme(values, toml_path), template_dirs, sheets("print"),
                 sheets("screen"), folder)
