"""``gazette theme fit`` on held-out issues: layouts the two samples do not have.

No third real issue with its print is available (searches of public pages and code for
gazette text with a paged 目录 found none), so each held-out issue is
a seed's text printed with a hand theme unlike both samples' — a 公文-style A4 page of
三号 on a 28 × 22 grid with GB/T 9704 margins, documents each on a new page, two columns
with tables at the body size in loose cells, B5 in two columns with sections on new
pages. Its 目录 pages are the start pages of that print; the fitter sees only them (never
the hand theme, nor its margins), and its fitted theme must put the documents back on
those pages. Each case is imported afresh, printed once by hand and fitted once per
session (slow).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from gazette_pub.themes import STYLES_DIR, TEMPLATES_DIR, PrintTheme, Theme

from .conftest import SEEDS


@dataclass(frozen=True)
class HeldOut:
    seed: str
    theme: PrintTheme
    #: Fewest documents the fit must put exactly on their pages (all within ±1).
    exact: float = 0.8
    #: What the fit reaches instead, when it does not reach that yet: the case is then
    #: listed and not run (each is a whole issue of 90–205 pages laid out 5 times;
    #: README "Fitting a theme" reports it).
    known_miss: str = ""


CASES = {
    # GB/T 9704: A4, 37/35 mm top/bottom, 28/26 mm sides, 三号 on 28 characters × 22 lines
    "gongwen": HeldOut("zhongwei-2023-03.txt", PrintTheme(
        margin_top="37mm", margin_bottom="35mm", margin_inner="28mm", margin_outer="26mm",
        font_size="16pt", line_height="28.95pt", chars_per_line=28, title_scale=1.375,
        title_lines=1.5),
        known_miss="6/13 exact, 9/13 within ±1: the first layout is 8 % long over 200 "
                   "pages and 4 renders do not settle it"),
    # each document on a new page, 小四 on 16K
    "newpage": HeldOut("ningxia-2021-10.txt", PrintTheme(
        page_size="16K", font_size="12pt", line_height="20pt", chars_per_line=31,
        document_new_page=True)),
    "newpage-a4": HeldOut("zhongwei-2023-03.txt", PrintTheme(
        font_size="12pt", line_height="22pt", chars_per_line=36, document_new_page=True,
        table_line_height=1.2, title_scale=1.6),
        known_miss="7/13 exact, 13/13 within ±1 in 4 renders"),
    # two columns of 小五 with tables at the body size in loose cells
    "tables": HeldOut("ningxia-2021-10.txt", PrintTheme(
        columns=2, font_size="9pt", line_height="14pt", chars_per_line=25, table_scale=1.0,
        table_line_height=1.8, table_cell_padding=0.4)),
    # B5, two columns, narrow margins, sections on new pages
    "b5-sections": HeldOut("zhongwei-2023-03.txt", PrintTheme(
        page_size="B5", columns=2, font_size="10.5pt", line_height="16pt", chars_per_line=16,
        section_new_page=True, margin_top="20mm", margin_bottom="20mm"),
        known_miss="fitted with one column of 32: 7/13 exact, 12/13 within ±1"),
}


def hand_start_pages(issue, print_theme: PrintTheme) -> dict[int, int]:
    """Printed start page of each document (by seq) under a hand theme."""
    from gazette_pub.render.pdf import lay_out_issue
    theme = Theme("hand", print_theme, (TEMPLATES_DIR,), (STYLES_DIR / "print.css",), ())
    document, _ = lay_out_issue(issue, theme)
    body = next(i for i, p in enumerate(document.pages) if "body-start" in p.anchors)
    found: dict[str, int] = {}
    for index, page in enumerate(document.pages):
        for anchor in page.anchors:
            found.setdefault(anchor, print_theme.first_body_page + index - body)
    return {doc.seq: found[doc.id] for doc in issue.documents}


@pytest.fixture(scope="session")
def held_out(tmp_path_factory):
    """``get(name) -> (issue, hand pages, FitResult, saved theme)``, once per session."""
    from gazette_pub.cli import main
    from gazette_pub.fit import fit_and_save
    from gazette_pub.manifest import load_issue
    from gazette_pub.themes import issue_theme
    done = {}
    base = tmp_path_factory.mktemp("held-out")

    def get(name):
        if name not in done:
            case = CASES[name]
            source = SEEDS / case.seed
            if not source.is_file():
                pytest.skip(f"seed not available: {source}")
            issue_dir = base / name / "issue"
            assert main(["import", str(source), "--out", str(issue_dir), "--gazette-id",
                         f"held-{name}", "--no-fit-theme"]) == 0
            issue = load_issue(issue_dir)
            hand = hand_start_pages(issue, case.theme)
            result, _path = fit_and_save(issue_dir, toc_pages=hand, fitted_on=name)
            done[name] = (issue, hand, result, issue_theme(load_issue(issue_dir)))
        return done[name]
    return get


@pytest.mark.slow
@pytest.mark.parametrize("name", [
    pytest.param(name, marks=pytest.mark.xfail(reason=case.known_miss, run=False))
    if case.known_miss else name for name, case in sorted(CASES.items())])
def test_fit_puts_held_out_documents_back_on_their_pages(held_out, name):
    issue, hand, result, theme = held_out(name)
    # the saved theme is the layout whose render is reported
    assert theme.print == result.layout.theme(result.first_body_page)
    fitted = dict(zip((d.seq for d in issue.documents), result.best.pages))
    rows = [(seq, page, fitted[seq]) for seq, page in hand.items()]
    table = "\n".join(f"{seq:3} {page:4} {got:4}" for seq, page, got in rows)
    exact = sum(page == got for _s, page, got in rows)
    assert all(abs(page - got) <= 1 for _s, page, got in rows), "\n" + table
    assert exact >= CASES[name].exact * len(rows), "\n" + table
    assert len(result.renders) <= 4
    text = (theme.folder / "theme.toml").read_text(encoding="utf-8")
    assert f"Start-page fit reached: {exact}/{len(rows)} exact" in text
