"""``gazette theme fit``: the line-count estimate on synthetic issues, the theme file, and
(slow) fitting the seed issues afresh through ``gazette import`` as a new gazette would."""

from __future__ import annotations

import math
import shutil
import tomllib

import pytest

from gazette_pub.fit.estimate import (DocumentShape, Layout, TableShape, break_rules,
                                      document_extents, estimate, evidence, predict_starts,
                                      score, table_height, text_width)

from .conftest import FIXTURES, SEEDS


def _shapes(paragraphs_per_doc, sections=None, table_rows=0):
    """Synthetic documents: n paragraphs of 120 characters each (one table if asked)."""
    shapes = []
    for i, n in enumerate(paragraphs_per_doc):
        table = (TableShape(6.0, tuple(((4.0, 1), (12.0, 1), (3.0, 1))
                                       for _ in range(table_rows))),) if table_rows else ()
        shapes.append(DocumentShape(i + 1, f"文件{i + 1}", None,
                                    sections[i] if sections else 0, 24.0,
                                    tuple(("para", 120.0) for _ in range(n)), table))
    return shapes


def _with_official(shapes, layout, first=3):
    starts = predict_starts(shapes, document_extents(shapes, layout), layout, first)
    return [DocumentShape(s.seq, s.title, math.floor(start), s.section, s.title_width, s.runs,
                          s.tables) for s, start in zip(shapes, starts)]


def test_text_width_counts_ascii_as_half():
    assert text_width("通知") == 2
    assert text_width("2023年") == 3
    assert text_width("") == 0


def test_estimate_recovers_start_pages_generated_by_a_layout():
    """Start pages made by a known layout are matched exactly by the estimate's best."""
    truth = Layout(page_size="A4", columns=1, font_size=10.5, chars_per_line=44, pitch=16.0)
    shapes = _with_official(_shapes([40, 12, 75, 3, 28, 60, 9, 33]), truth)
    best = estimate(shapes, paper_sizes=("A4",), columns=(1,))[0]
    assert best.score.off == 0 and best.score.inexact == 0, best
    # the issue's length in pages is the true one within a few per cent
    found = sum(document_extents(shapes, best.layout))
    assert abs(found / sum(document_extents(shapes, truth)) - 1) < 0.05


def test_estimate_prefers_a4_on_a_tie_and_reports_a_score():
    truth = Layout(page_size="A4", columns=2, font_size=10.5, chars_per_line=21, pitch=17.0)
    shapes = _with_official(_shapes([30, 30, 30, 30, 30]), truth)
    results = estimate(shapes, columns=(2,))
    assert results[0].layout.page_size == "A4"
    assert results[0].score.key <= results[-1].score.key


def test_evidence_rules_out_new_page_rules_the_toc_contradicts():
    shared = [DocumentShape(1, "甲", 3, 0, 2.0, (), ()),
              DocumentShape(2, "乙", 3, 0, 2.0, (), ()),
              DocumentShape(3, "丙", 5, 1, 2.0, (), ())]
    ev = evidence(shared)
    assert ev.shared_page and not ev.shared_across_sections and ev.first_body_page == 3
    assert (True, True) not in break_rules(ev) and (False, True) in break_rules(ev)
    across = shared[:1] + [DocumentShape(2, "乙", 3, 1, 2.0, (), ())]
    assert break_rules(evidence(across)) == [(False, False)]


def test_section_breaks_are_found_from_start_pages():
    """Sections that start on a new page in the 目录 are fitted with section_new_page."""
    truth = Layout(page_size="A4", columns=1, font_size=10.5, chars_per_line=44, pitch=16.0,
                   section_new_page=True)
    shapes = _with_official(_shapes([3, 2, 3, 2, 3, 2], sections=[0, 0, 1, 1, 2, 2]), truth)
    assert [s.official for s in shapes] == [3, 3, 4, 4, 5, 5]  # half a page per section
    best = estimate(shapes, paper_sizes=("A4",), columns=(1,))[0]
    assert best.score.inexact == 0
    assert best.layout.section_new_page


def test_table_rows_get_taller_with_table_line_height():
    shape = TableShape(0.0, tuple(((4.0, 1), (40.0, 1)) for _ in range(10)))
    loose = table_height(shape, Layout(table_line_height=1.6))
    tight = table_height(shape, Layout(table_line_height=1.0, table_cell_padding=0.05))
    assert loose > tight > 0


def test_score_counts_exact_and_off_documents():
    shapes = [DocumentShape(i, "x", page, 0, 1.0, (), ()) for i, page in enumerate((3, 5, 9), 1)]
    s = score([3.5, 6.2, 12.0], shapes)
    assert (s.off, s.inexact) == (1, 2)


def test_theme_toml_is_an_ordinary_theme(tmp_path):
    """The written theme loads with the theme loader, says what it was fitted on, and the
    gazette names it; the gazette's own theme folder wins over a bundled one."""
    from gazette_pub.fit.search import FitResult, Rendered
    from gazette_pub.fit.theme_file import save_theme, theme_toml
    from gazette_pub.themes import load_theme
    layout = Layout(page_size="A4", columns=2, font_size=10.5, chars_per_line=21, pitch=17.0,
                    section_new_page=True)
    shapes = tuple(_with_official(_shapes([20, 20, 20]), layout))
    starts = tuple(float(s.official) + 0.4 for s in shapes)
    rendered = Rendered(layout, starts, starts, score(starts, shapes))
    result = FitResult("示例公报 2024年第1期", layout, 3, (), (rendered,), rendered, shapes)
    text = theme_toml(result, "sample.txt")
    assert "Fitted by `gazette theme fit` on sample.txt" in text
    assert "Start-page fit reached: 3/3 exact, 3/3 within ±1 page." in text
    gazette = tmp_path / "gz"
    gazette.mkdir()
    (gazette / "gazette.toml").write_text('[gazette]\nid = "gz"\nname = "示例"\n'
                                          'theme = "default"\n', encoding="utf-8")
    path = save_theme(text, gazette, "ningxia")  # same name as a bundled theme
    assert path == gazette / "themes" / "ningxia" / "theme.toml"
    assert tomllib.loads((gazette / "gazette.toml").read_text())["gazette"]["theme"] == "ningxia"
    theme = load_theme("ningxia", gazette)
    assert theme.folder == path.parent
    assert (theme.print.columns, theme.print.chars_per_line, theme.print.line_height) == \
        (2, 21, "17pt")
    assert theme.print.section_new_page and theme.print.first_body_page == 3
    assert load_theme("ningxia").folder != path.parent  # without the gazette: the bundled one


def test_misfits_name_the_document_where_the_drift_grows():
    """A document more than a page off is reported with the document before it whose
    printed length differs, and what that document holds (here: tables)."""
    from gazette_pub.fit.search import Rendered, explain
    layout = Layout()
    table = TableShape(0.0, (((4.0, 1), (9.0, 1)),) * 30)
    shapes = [DocumentShape(1, "甲", 3, 0, 2.0, (("para", 300.0),), ()),
              DocumentShape(2, "乙", 4, 0, 2.0, (), (table,)),
              DocumentShape(3, "丙", 8, 0, 2.0, (("para", 300.0),), ())]
    starts = (3.1, 4.2, 6.3)  # the tables take 2 pages here, 4 in print
    rendered = Rendered(layout, starts, starts, score(starts, shapes))
    (line,) = explain(shapes, rendered)
    assert line.startswith("document 3 (丙) starts on 6, the 目录 says 8 (-2)")
    assert "document 2" in line and "table laid out very differently" in line


def test_fit_and_save_takes_toc_pages_from_a_source_and_never_shadows_a_bundled_theme(
        tmp_path, monkeypatch):
    """``--from``'s 目录 pages replace the manifest's; a gazette whose id is a bundled
    theme's name gets ``ID-fit``, so the bundled theme keeps building the project's issues."""
    from gazette_pub.fit import theme_file
    from gazette_pub.fit.search import FitResult, Rendered
    from gazette_pub.manifest import load_issue
    from gazette_pub.themes import issue_theme
    seen = {}

    def fake_fit(issue, **_options):  # the renders are tested on the seeds (slow)
        seen["pages"] = [d.toc_page for d in issue.documents]
        layout = Layout(columns=2, chars_per_line=21, pitch=17.0)
        shapes = tuple(DocumentShape(d.seq, d.title, d.toc_page, 0, 2.0, (), ())
                       for d in issue.documents)
        starts = tuple(float(p) + 0.5 for p in seen["pages"])
        rendered = Rendered(layout, starts, starts, score(starts, shapes))
        return FitResult("x", layout, 3, (), (rendered,), rendered, shapes)

    monkeypatch.setattr(theme_file, "fit_issue", fake_fit)
    target = tmp_path / "demo"
    shutil.copytree(FIXTURES / "issues" / "demo", target)
    toml = target / "gazette.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('id = "demo"', 'id = "zhongwei"'),
                    encoding="utf-8")
    issue_dir = target / "2024-01"
    count = len(load_issue(issue_dir).documents)
    _result, path = theme_file.fit_and_save(issue_dir, toc_pages={1: 5, 2: 9})
    assert seen["pages"][:2] == [5, 9]
    assert path == target / "themes" / "zhongwei-fit" / "theme.toml"
    theme = issue_theme(load_issue(issue_dir))
    assert theme.name == "zhongwei-fit" and theme.print.chars_per_line == 21
    assert len(seen["pages"]) == count


def test_fit_refuses_an_issue_without_enough_toc_pages(tmp_path):
    from gazette_pub.fit import NotEnoughEvidence, fit_issue
    from gazette_pub.manifest import load_issue
    issue = load_issue(FIXTURES / "issues" / "demo" / "2024-01")
    with pytest.raises(NotEnoughEvidence):
        fit_issue(issue, max_renders=1)


def test_import_keeps_the_default_theme_when_the_toc_is_no_evidence(tmp_path):
    """A small fixture issue has a paged 目录 but far too little text for its pages: the
    import says so and keeps the default theme, without rendering anything."""
    from gazette_pub.cli import main
    out = tmp_path / "plain" / "2024-01"
    assert main(["import", str(FIXTURES / "import" / "text-issue-plain.txt"), "--out",
                 str(out), "--gazette-id", "plain"]) == 0
    from gazette_pub.manifest import gazette_file
    data = tomllib.loads(gazette_file(out).read_text(encoding="utf-8"))
    assert data["gazette"]["theme"] == "default"
    assert not (gazette_file(out).parent / "themes").exists()


def test_theme_fit_cli_reports_missing_evidence(tmp_path, capsys):
    from gazette_pub.cli import main
    target = tmp_path / "demo"
    shutil.copytree(FIXTURES / "issues" / "demo", target)
    assert main(["theme", "fit", str(target / "2024-01")]) == 1
    err = capsys.readouterr().err
    assert "characters per page" in err and "not the whole printed text" in err
    assert not (target / "themes").exists()


# --------------------------------------------------------------------------- seeds (slow)

SEED_SOURCES = {"ningxia": SEEDS / "ningxia-2021-10.txt",
                "zhongwei": SEEDS / "zhongwei-2023-03.txt"}


@pytest.fixture(scope="session")
def fresh_imports(tmp_path_factory):
    """Each seed imported afresh as a new gazette, once per session.

    ningxia goes through ``gazette import`` (which fits the theme) and is then laid out
    with the theme as the build loads it from disk; zhongwei (three times longer to lay
    out) is imported with ``--no-fit-theme`` and fitted with ``fit_and_save``, the
    function the import calls, and its fit's own last layout is used, after checking
    that the saved theme holds exactly the fitted values. ``get(name) -> (issue_dir,
    issue, theme, {doc id: printed start page})``.
    """
    from gazette_pub.cli import main
    from gazette_pub.fit import fit_and_save
    from gazette_pub.manifest import load_issue
    from gazette_pub.render.pdf import lay_out_issue
    from gazette_pub.themes import issue_theme
    done = {}
    base = tmp_path_factory.mktemp("fresh-imports")

    def get(name):
        if name not in done:
            source = SEED_SOURCES[name]
            if not source.is_file():
                pytest.skip(f"seed not available: {source}")
            issue_dir = base / f"new{name}" / "issue"
            args = ["import", str(source), "--out", str(issue_dir), "--gazette-id", f"new{name}"]
            if name == "ningxia":
                assert main(args) == 0
                issue = load_issue(issue_dir)
                theme = issue_theme(issue)
                document, _ = lay_out_issue(issue, theme)
                starts = _start_pages(document, issue, theme)
            else:
                assert main(args + ["--no-fit-theme"]) == 0
                assert not (issue_dir / "themes").exists()
                result, _path = fit_and_save(issue_dir, fitted_on=source.name, max_renders=3)
                issue = load_issue(issue_dir)
                theme = issue_theme(issue)
                assert theme.print == result.layout.theme(result.first_body_page)
                assert len(result.renders) <= 3
                starts = {d.id: page for d, page in zip(issue.documents, result.best.pages)}
            done[name] = (issue_dir, issue, theme, starts)
        return done[name]
    return get


def _start_pages(document, issue, theme):
    """Printed start page of each document of a layout (body pages from first_body_page)."""
    body = next(i for i, p in enumerate(document.pages) if "body-start" in p.anchors)
    found = {}
    for index, page in enumerate(document.pages):
        for anchor in page.anchors:
            found.setdefault(anchor, theme.print.first_body_page + index - body)
    return {doc.id: found[doc.id] for doc in issue.documents}


@pytest.mark.slow
@pytest.mark.parametrize("name", ["ningxia", "zhongwei"])
def test_fresh_import_fits_a_theme_that_prints_on_the_official_pages(fresh_imports, name):
    from gazette_pub.render.measure import page_fidelity
    issue_dir, issue, theme, starts = fresh_imports(name)
    assert theme.name == f"new{name}"
    from gazette_pub.manifest import gazette_file
    # beside the new gazette's gazette.toml (written into the issue folder by the import)
    assert theme.folder == gazette_file(issue_dir).parent / "themes" / f"new{name}"
    text = (theme.folder / "theme.toml").read_text(encoding="utf-8")
    assert text.startswith("# Fitted by `gazette theme fit` on " + SEED_SOURCES[name].name)
    report = page_fidelity(issue, {k: (v, v) for k, v in starts.items()})
    assert len(report.compared) == len(issue.documents)
    assert report.within_one == len(report.compared), "\n" + report.format()
    assert report.exact >= 0.8 * len(report.compared), "\n" + report.format()
    n = len(report.compared)
    assert f"Start-page fit reached: {report.exact}/{n} exact" in text  # the comment is true


@pytest.mark.slow
@pytest.mark.parametrize("name", ["ningxia", "zhongwei"])
def test_fitted_theme_is_within_a_page_of_the_hand_calibrated_one(fresh_imports, seed_prints,
                                                                  name):
    _issue_dir, issue, _theme, starts = fresh_imports(name)
    hand_issue, _hand_theme, printed, _path = seed_prints(name)
    hand = [printed.pages[d.id][0] for d in hand_issue.documents]
    fitted = [starts[d.id] for d in issue.documents]
    assert len(hand) == len(fitted)
    assert all(abs(a - b) <= 1 for a, b in zip(hand, fitted)), (hand, fitted)


@pytest.mark.parametrize("size", ["16K", "B5", "BIG-16K"])
def test_a_named_page_size_prints_at_its_size(size):
    """Every page size a theme (or the fit) may name reaches the PDF at its size: CSS
    knows B5 but not 16K, which WeasyPrint would ignore and print on A4."""
    from gazette_pub.manifest import load_issue
    from gazette_pub.render.pdf import render_issue_pdf
    from gazette_pub.themes import PAGE_SIZES_MM, POINTS_PER_UNIT, load_theme
    import dataclasses
    import io
    import pdfplumber
    issue = load_issue(FIXTURES / "issues" / "demo" / "2024-01")
    theme = load_theme("default")
    theme = dataclasses.replace(theme, print=dataclasses.replace(theme.print, page_size=size))
    pdf = render_issue_pdf(issue, theme).pdf
    width, height = (v * POINTS_PER_UNIT["mm"] for v in PAGE_SIZES_MM[size])
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[-1]
        assert abs(page.width - width) < 1 and abs(page.height - height) < 1


def test_a_start_after_a_page_break_is_scored_by_the_previous_end():
    """With documents on new pages every start is at a page top; its score says how
    near the previous document's end is to a page boundary, where a small change of
    layout moves the start by a page."""
    from gazette_pub.fit.estimate import after_break
    assert after_break(12.0) == 12.0          # fills page 11 exactly: starts on 12, fragile
    assert after_break(12.05) == pytest.approx(13.05)   # barely spills: 13, fragile
    assert after_break(12.5) == pytest.approx(13.5)     # halfway: 13, robust
    layout = Layout(document_new_page=True, pitch=16.0)
    shapes = _with_official(_shapes([30, 30, 30]), layout)
    starts = predict_starts(shapes, document_extents(shapes, layout), layout, 3)
    assert [math.floor(s) for s in starts] == [s.official for s in shapes]
    assert starts[1] != math.floor(starts[1])  # a fraction, not the page top


@pytest.mark.parametrize("sections", [True, False])
def test_documents_on_new_pages_leave_no_blank_page_at_a_section(sections):
    """Documents and sections on new pages (as a fitted theme may ask): the page break
    of a section and of its first document are one break, not a page holding only the
    section's (empty) mark."""
    from gazette_pub.manifest import load_issue
    from gazette_pub.render.pdf import render_issue_pdf
    from gazette_pub.themes import load_theme
    import dataclasses
    issue = load_issue(FIXTURES / "issues" / "demo" / "2024-01")
    theme = load_theme("default")
    theme = dataclasses.replace(theme, print=dataclasses.replace(
        theme.print, document_new_page=True, section_new_page=sections))
    printed = render_issue_pdf(issue, theme)
    spans = sorted(printed.pages[d.id] for d in issue.documents)
    # each document on pages of its own, the next one on the page after its last
    assert all(b[0] == a[1] + 1 for a, b in zip(spans, spans[1:])), spans
