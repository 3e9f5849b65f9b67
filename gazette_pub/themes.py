"""Themes: a gazette's print parameters (TOML) and its template/style overrides.

A theme lives in ``styles/themes/<name>/theme.toml`` (+ optional ``print.css``,
``screen.css``) and ``templates/themes/<name>/`` (template overrides). Lookups go
theme first, then the defaults, like MkDocs' ``custom_dir`` → theme chain.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields
from pathlib import Path

from .errors import ConfigError

#: The project's bundled assets: the only folders besides an issue that a render may read.
PROJECT_ROOT = Path(__file__).resolve().parent.parent
TEMPLATES_DIR = PROJECT_ROOT / "templates"
STYLES_DIR = PROJECT_ROOT / "styles"


@dataclass(frozen=True)
class PrintTheme:
    """Layout parameters of a gazette's print edition (CSS custom properties in print)."""

    #: CSS page size, e.g. "A4" or "185mm 260mm".
    page_size: str = "A4"
    #: Page margins top right bottom left (CSS lengths).
    margin_top: str = "25mm"
    margin_outer: str = "20mm"
    margin_bottom: str = "22mm"
    margin_inner: str = "22mm"
    #: Body font size and line height.
    font_size: str = "10.5pt"
    line_height: str = "1.6"
    #: Number of text columns on body pages (1 or 2).
    columns: int = 1
    column_gap: str = "8mm"
    #: Whether each document starts on a new page.
    document_new_page: bool = False
    #: Whether TOC section headings are printed in 【】.
    toc_section_brackets: bool = True
    #: Whether TOC page numbers are printed in parentheses.
    toc_page_parens: bool = True
    #: Font families (CSS lists) for body (Song), headings (Hei), level-2 headings (Kai), FangSong.
    font_song: str = '"Noto Serif CJK SC", "Noto Serif CJK", serif'
    font_hei: str = '"Noto Sans CJK SC", "Noto Sans CJK", sans-serif'
    font_kai: str = '"AR PL UKai CN", "AR PL UKai", "Noto Serif CJK SC", serif'
    font_fangsong: str = '"Noto Serif CJK SC", serif'
    #: The first printed page number of the first body page (cover and TOC come before).
    first_body_page: int = 3


@dataclass(frozen=True)
class Theme:
    name: str
    print: PrintTheme
    #: Template folders in lookup order (theme overrides first).
    template_dirs: tuple[Path, ...]
    #: Style sheets for print, defaults first, theme last (later wins in the cascade).
    print_css: tuple[Path, ...]
    screen_css: tuple[Path, ...]


def load_theme(name: str) -> Theme:
    """The theme ``name`` (``default`` when no such folder); raises ConfigError on a bad TOML."""
    folder = STYLES_DIR / "themes" / name
    toml_path = folder / "theme.toml"
    values = {}
    if toml_path.is_file():
        try:
            data = tomllib.loads(toml_path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"invalid TOML: {exc}", path=toml_path) from None
        values = data.get("print", {})
        known = {f.name: f.type for f in fields(PrintTheme)}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise ConfigError(f"unknown print settings {unknown}; known: {sorted(known)}",
                              path=toml_path, field="print")
    template_dirs = tuple(p for p in (TEMPLATES_DIR / "themes" / name,) if p.is_dir()) + (TEMPLATES_DIR,)
    def sheets(kind):
        return tuple(p for p in (STYLES_DIR / f"{kind}.css", folder / f"{kind}.css") if p.is_file())
    return Theme(name, PrintTheme(**values), template_dirs, sheets("print"), sheets("screen"))
