"""The glyph check: every printed character against every font stack that sets it,
including CJK Ext-B (outside the BMP), failing with the character and where it is."""

from __future__ import annotations

import pytest

from gazette_pub.errors import RenderError
from gazette_pub.manifest import load_issue
from gazette_pub.render.fonts import check_glyphs
from gazette_pub.themes import PrintTheme

#: 𠮷 U+20BB7 (Ext-B) is in Noto Serif CJK SC, not in AR PL UKai; 𪛖 U+2A6D6 is in neither.
IN_NOTO, IN_NONE = "\U00020BB7", "\U0002A6D6"


def _with_text(folder, paragraph: str, heading: str = ""):
    doc = folder / "02-plan.md"
    text = doc.read_text(encoding="utf-8")
    extra = (f"### {heading}\n\n" if heading else "") + paragraph  # ### = level 2
    doc.write_text(text.replace("各地各部门要落实安全生产责任制。", extra), encoding="utf-8")
    return load_issue(folder)


def test_an_ext_b_character_the_body_font_has_passes(demo_issue):
    check_glyphs(_with_text(demo_issue, f"{IN_NOTO}姓同志任职。"), PrintTheme())


def test_a_missing_ext_b_character_fails_naming_it_and_where(demo_issue):
    issue = _with_text(demo_issue, f"王{IN_NONE}同志任职。")
    with pytest.raises(RenderError) as caught:
        check_glyphs(issue, PrintTheme())
    message = str(caught.value)
    assert "U+2A6D6" in message and "02-plan.md: block" in message and "song fonts" in message
    # What the editor can do (the text stays as written): install a font, name it.
    assert "(no installed font has it: install one that does and add it to the theme's " \
           "font_song (theme.toml))" in message


def test_a_missing_glyph_names_the_installed_fonts_that_have_it(demo_issue):
    from gazette_pub.render.fonts import fonts_with
    assert "Noto Serif CJK SC" in fonts_with(IN_NOTO)
    issue = _with_text(demo_issue, "", heading=f"（一）{IN_NOTO}姓同志")
    with pytest.raises(RenderError) as caught:
        check_glyphs(issue, PrintTheme(font_kai='"AR PL UKai CN"'))
    assert "installed fonts that have it: " in str(caught.value)
    assert "add one to the theme's font_kai (theme.toml)" in str(caught.value)


def test_each_stack_is_checked_for_the_text_it_sets(demo_issue):
    kai_only = PrintTheme(font_kai='"AR PL UKai CN"')
    check_glyphs(load_issue(demo_issue), kai_only)  # no Ext-B anywhere: every stack passes
    heading = _with_text(demo_issue, f"{IN_NOTO}姓同志任职。", heading=f"（一）{IN_NOTO}姓同志")
    with pytest.raises(RenderError) as caught:
        check_glyphs(heading, kai_only)  # a level-2 heading lead is set in Kai
    problems = str(caught.value).split("; ")
    assert len(problems) == 1 and "U+20BB7" in problems[0] and "in kai fonts" in problems[0]


#: ‟ U+201F, seen in a real page as a mis-encoded 〔〕 (国办发„2009‟3号): no CJK face has it.
HIGH_REVERSED_QUOTE = "\u201f"


def test_a_character_the_generic_family_of_the_stack_has_passes(demo_issue):
    """Pango draws a character the named faces lack from the face fontconfig matches for
    the stack's generic family (serif → DejaVu Serif here): that is no box, so it is no
    reason to refuse the build; a stack without a generic family is still refused."""
    from gazette_pub.render.fonts import _cmap, _matched_face, coverage
    (face,) = _matched_face("serif")
    if ord(HIGH_REVERSED_QUOTE) not in _cmap(*face):
        pytest.skip(f"fontconfig's serif face {face[0]} lacks U+201F")
    assert ord(HIGH_REVERSED_QUOTE) not in coverage('"Noto Serif CJK SC"')
    issue = _with_text(demo_issue, f"根据（国办发„2009{HIGH_REVERSED_QUOTE}3号）精神。")
    check_glyphs(issue, PrintTheme())  # the default song stack ends with serif
    with pytest.raises(RenderError, match="U\\+201F"):
        check_glyphs(issue, PrintTheme(font_song='"Noto Serif CJK SC"'))


def test_check_reports_a_missing_glyph_before_a_build_would(demo_issue, capsys):
    """``gazette check`` passing and ``gazette build`` then refusing the issue for a glyph
    would send the editor back twice: check says it."""
    from gazette_pub.cli import main
    _with_text(demo_issue, f"王{IN_NONE}同志任职。")
    assert main(["check", str(demo_issue)]) == 1
    err = capsys.readouterr().err
    assert "missing glyphs (would print as boxes)" in err and "U+2A6D6" in err
