"""Page fidelity and line quality of the seed issues' print editions.

Targets (issue 5): every document starts on the page its official 目录 gives
(``toc_page`` in the manifest) ±1, and at least 80 % exactly; no printed line starts
with a prohibited mark; every character has a glyph in the fonts that set it.
"""

from __future__ import annotations

import pytest

from gazette_pub.render import fonts
from gazette_pub.render.measure import page_fidelity, prohibited_line_starts, read_lines

from .conftest import SEED_ISSUES

SEEDS = ["ningxia", "zhongwei"]


@pytest.mark.slow
@pytest.mark.parametrize("name", SEEDS)
def test_documents_start_on_their_official_pages(seed_prints, name):
    issue, _theme, printed, _path = seed_prints(name)
    report = page_fidelity(issue, printed.pages)
    compared = report.compared
    assert len(compared) == len(issue.documents), "every seed document has a 目录 page"
    off = [r for r in compared if abs(r.drift) > 1]
    assert not off, "\n" + report.format()
    assert report.exact >= 0.8 * len(compared), "\n" + report.format()


@pytest.mark.slow
@pytest.mark.parametrize("name", SEEDS)
def test_no_line_starts_with_a_prohibited_mark(seed_prints, name):
    _issue, _theme, _printed, path = seed_prints(name)
    lines = read_lines(path)
    assert len(lines) > 500, "the PDF text was read back"
    bad = prohibited_line_starts(lines)
    assert bad == [], [(line.page, line.text[:20]) for line in bad]


@pytest.mark.parametrize("name", SEEDS)
def test_seed_issues_have_every_glyph(name):
    from gazette_pub.manifest import load_issue
    from gazette_pub.themes import load_theme
    if not (SEED_ISSUES[name] / "issue.toml").is_file():
        pytest.skip("seed issue not imported")
    issue = load_issue(SEED_ISSUES[name])
    texts = list(fonts.issue_texts(issue))
    assert sum(len(t) for _w, t, _f in texts) > 20000, "the whole issue is checked"
    fonts.check_glyphs(issue, load_theme(issue.gazette.theme).print)  # raises on a missing one


def test_fidelity_report_marks_drift():
    from gazette_pub.render.measure import FidelityReport, StartPage
    report = FidelityReport("示例 2024年第1期", (StartPage(1, "甲", 3, 3), StartPage(2, "乙", 5, 6),
                                             StartPage(3, "丙", 9, 12), StartPage(4, "丁", None, 14)))
    assert (report.exact, report.within_one, len(report.compared)) == (1, 2, 3)
    text = report.format()
    assert "off by more than 1" in text.splitlines()[4]
    assert text.splitlines()[-1] == "fidelity: 1/3 exact (33 %), 2/3 within ±1 page"


@pytest.mark.slow
@pytest.mark.parametrize("name", SEEDS)
def test_body_lines_end_flush_with_the_measure(seed_prints, name):
    """Ragged right (README "Chinese typography"): with the character grid, the print-only
    typography and inter-character justification, almost no non-final line ends short."""
    from gazette_pub.render.measure import ragged_right
    _issue, theme, printed, path = seed_prints(name)
    p = theme.print
    body = {i + 1 for i, label in enumerate(printed.page_labels) if label is not None}
    report = ragged_right(read_lines(path), measure=p.measure_pt, em=p.pitch_pt,
                          columns=p.columns, pages=body)
    assert report.lines > 500, report.format()
    assert report.share < 0.05, report.format()
