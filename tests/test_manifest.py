"""Issue folders: loading, every error at once with file:line, saving, JSON export + schema."""

import json
import re
from pathlib import Path

import jsonschema
import pytest

from gazette_pub.errors import ManifestError
from gazette_pub.export import SCHEMA_VERSION, export_issue
from gazette_pub.manifest import load_issue
from gazette_pub.save import new_issue, save_issue

from .conftest import FIXTURES, ROOT

SCHEMA = json.loads((ROOT / "schema" / f"manifest-{SCHEMA_VERSION}.schema.json").read_text())


def problems_of(folder) -> list[str]:
    with pytest.raises(ManifestError) as info:
        load_issue(folder)
    return [str(p) for p in info.value.problems]


def test_demo_issue_loads_in_order():
    issue = load_issue(FIXTURES / "issues" / "demo" / "2024-01")
    assert [s.title for s in issue.sections] == ["市政府文件", "经济数据"]
    assert [d.seq for d in issue.documents] == [1, 2, 3]
    notice = issue.documents[0]
    assert notice.id == "demo-2024-01-01"
    assert notice.doc_number == "示政发〔2024〕1号" and notice.doc_number_raw == "示政发[2024]1号"
    assert notice.addressee == "各区县人民政府，市政府各部门："
    assert notice.signatories == ("示例市人民政府",)
    assert notice.date.isoformat() == "2024-01-05"
    assert notice.public_note == "此件公开发布"
    assert [e.title for e in notice.enclosed] == ["示例市城市更新行动方案"]
    assert [(a.label, a.title) for a in notice.attachments] == [("附件1", "重点项目清单"), ("2", "任务分工表")]


def test_export_is_valid_against_the_published_schema():
    data = export_issue(load_issue(FIXTURES / "issues" / "demo" / "2024-01"))
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    assert data["schema_version"] == SCHEMA_VERSION
    table = data["sections"][1]["documents"][0]["tables"][0]
    assert table["header_rows"][0][0] == {"text": "指标", "rowspan": 2, "colspan": 1}
    assert table["rows"][0] == [{"text": "一、生产", "rowspan": 1, "colspan": 4}]


def test_save_then_load_gives_the_same_issue_and_identical_files(tmp_path):
    issue = load_issue(FIXTURES / "issues" / "demo" / "2024-01")
    folder = tmp_path / "demo" / "2024-01"
    save_issue(issue, folder)
    again = load_issue(folder)
    assert export_issue(again) == export_issue(issue)
    first = {p.name: p.read_bytes() for p in folder.iterdir()}
    save_issue(again, folder)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == first


def test_every_problem_is_reported_at_once_with_file_and_line(demo_issue: Path):
    notice = demo_issue / "01-notice.md"
    notice.write_text(notice.read_text().replace("seq = 1\n", "").replace(
        "2024年1月5日", "2024年2月30日"))
    plan = demo_issue / "02-plan.md"
    plan.write_text(plan.read_text().replace("toc_page = 5", 'toc_page = "five"'))
    stats = demo_issue / "03-stats.md"
    stats.write_text(stats.read_text().replace('["地区生产总值", "亿元", "1234.5", "5.2"]',
                                               '["地区生产总值", "亿元", "1234.5"]'))
    problems = problems_of(demo_issue)
    text = "\n".join(problems)
    assert re.search(r"01-notice\.md:\d+: \[seq\] missing required field 'seq'", text)
    assert re.search(r"01-notice\.md:\d+: \[body\] date line '2024年2月30日' holds no valid date", text)
    assert re.search(r"02-plan\.md:5: \[toc_page\] 'toc_page' must be int", text)
    assert re.search(r"03-stats\.md:15: \[body\] table spans do not fit: rows row 2 covers 3 columns", text)


def test_sequence_must_follow_the_issue_order(demo_issue: Path):
    plan = demo_issue / "02-plan.md"
    plan.write_text(plan.read_text().replace("seq = 2", "seq = 3"))
    assert any(re.search(r"02-plan\.md:2: \[seq\] seq is 3 but the document is number 2", p)
               for p in problems_of(demo_issue))


def test_duplicate_document_numbers_and_unlisted_files(demo_issue: Path):
    plan = demo_issue / "02-plan.md"
    plan.write_text(plan.read_text().replace("示政办发〔2024〕3号", "示政发〔2024〕1号"))
    (demo_issue / "04-stray.md").write_text("+++\nseq = 4\ntitle = \"x\"\n+++\n")
    text = "\n".join(problems_of(demo_issue))
    assert "文号 示政发〔2024〕1号 is also used by 01-notice.md" in text
    assert "document file '04-stray.md' is not listed in any section" in text


@pytest.mark.parametrize("edit, message", [
    (lambda t: t.replace("number = 1\n", "number = 1\nnumber = 2\n"), r"issue\.toml:\d+: invalid TOML"),
    (lambda t: t.replace("date = 2024-01-15", "date = 2024-02-30"), r"issue\.toml:\d+: invalid TOML"),
    (lambda t: t.replace('"02-plan.md"', '"../02-plan.md"'), r"issue\.toml:10: \[sections\[0\]\.documents\] document file name"),
    (lambda t: t.replace("year = 2024", 'year = "2024"'), r"issue\.toml:2: \[issue\.year\] 'year' must be int"),
    (lambda t: t.replace("number = 1", "number = 2"), r"issue\.toml:3: \[issue\.number\] folder name '2024-01' disagrees"),
    (lambda t: t + '\n[[sections]]\ntitle = "市政府文件"\ndocuments = []\n', r"section '市政府文件' appears twice"),
])
def test_issue_toml_errors(demo_issue: Path, edit, message):
    path = demo_issue / "issue.toml"
    path.write_text(edit(path.read_text()))
    assert re.search(message, "\n".join(problems_of(demo_issue)))


def test_new_issue_continues_numbers(demo_issue: Path):
    import datetime as dt
    folder = new_issue(demo_issue.parent, dt.date(2024, 2, 1))
    issue = load_issue(folder)
    assert (folder.name, issue.number, issue.cumulative, issue.date.isoformat()) == (
        "2024-02", 2, 13, "2024-02-01")
    assert [s.title for s in issue.sections] == ["市政府文件", "经济数据"]
    next_year = load_issue(new_issue(demo_issue.parent, dt.date(2025, 1, 3)))
    assert (next_year.year, next_year.number, next_year.cumulative) == (2025, 1, 14)


def relative_problems(folder: Path) -> list[str]:
    """:func:`problems_of` with paths relative to the gazette folder."""
    return [p.replace(f"{folder.parent}/", "") for p in problems_of(folder)]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("written", ["示政发[2024]1号", "示政发（2024）1号", "示政发【2024】1号",
                                     "示政发〔2024]1号", "示政发［2024］1号"])
def test_doc_number_year_must_be_in_tortoise_shell_brackets(demo_issue: Path, written):
    _edit(demo_issue / "01-notice.md", 'doc_number = "示政发〔2024〕1号"', f'doc_number = "{written}"')
    assert relative_problems(demo_issue) == [
        f"2024-01/01-notice.md:4: [doc_number] 文号 '{written}' has the year in "
        f"{written[3]}{written[8]}: a 文号 is written with 〔〕 (write '示政发〔2024〕1号'; "
        "doc_number_raw keeps the printed form)"]


@pytest.mark.parametrize("old, new, expected", [
    ('doc_number = "示政发〔2024〕1号"', 'doc_numbr = "示政发〔2024〕1号"',
     "2024-01/01-notice.md:4: [doc_numbr] unknown field 'doc_numbr' (did you mean 'doc_number'?)"),
    ("toc_page = 3", "tco_page = 3",
     "2024-01/01-notice.md:7: [tco_page] unknown field 'tco_page' (did you mean 'toc_page'?)"),
])
def test_unknown_field_suggests_the_nearest_known_one(demo_issue: Path, old, new, expected):
    _edit(demo_issue / "01-notice.md", old, new)
    assert relative_problems(demo_issue) == [expected]


@pytest.mark.parametrize("written", ['"2024-01-15"', "20240115", "2024-01-15T08:00:00"])
def test_a_date_of_the_wrong_type_shows_the_expected_form(demo_issue: Path, written):
    _edit(demo_issue / "issue.toml", "date = 2024-01-15", f"date = {written}")
    (problem,) = relative_problems(demo_issue)
    assert problem.startswith("2024-01/issue.toml:5: [issue.date] ")
    assert "YYYY-MM-DD" in problem


def test_a_missing_document_points_at_the_line_listing_it(demo_issue: Path):
    (demo_issue / "02-plan.md").unlink()
    assert relative_problems(demo_issue) == [
        "2024-01/issue.toml:10: [sections[0].documents] document file '02-plan.md' does not "
        "exist in 2024-01/"]


def test_duplicate_doc_number_and_unlisted_file_carry_lines(demo_issue: Path):
    _edit(demo_issue / "02-plan.md", "示政办发〔2024〕3号", "示政发〔2024〕1号")
    (demo_issue / "04-extra.md").write_text("+++\nseq = 4\ntitle = \"多余\"\n+++\n\n正文\n",
                                            encoding="utf-8")
    problems = relative_problems(demo_issue)
    assert "2024-01/02-plan.md:4: [doc_number] 文号 示政发〔2024〕1号 is also used by 01-notice.md" \
        in problems
    assert ("2024-01/issue.toml:15: [sections] document file '04-extra.md' is not listed in "
            "any section; add it to a section's documents") in problems


def test_check_warns_of_a_document_dated_after_its_issue_and_of_empty_sections(
        demo_issue: Path, capsys):
    from gazette_pub.checks import issue_warnings
    from gazette_pub.cli import main
    _edit(demo_issue / "01-notice.md", "2024年1月5日", "2024年3月5日")
    _edit(demo_issue / "issue.toml", "[[sections]]", '[[sections]]\ntitle = "人事任免"\n'
          'documents = []\n\n[[sections]]')
    warnings = [str(w) for w in issue_warnings(load_issue(demo_issue))]
    notice, issue_file = demo_issue / "01-notice.md", demo_issue / "issue.toml"
    assert warnings == [
        f"{notice}:18: [date] the document is dated 2024-03-05, after its issue (2024-01-15): "
        "check the date line or the issue date",
        f"{issue_file}:8: [sections] section '人事任免' has no documents: it is not printed "
        "(add documents or remove it)"]
    assert main(["check", str(demo_issue)]) == 0  # warnings do not fail the check
    from gazette_pub.checks import _line_of
    assert _line_of(issue_file, "没有的文字") is None and _line_of(demo_issue / "none", "x") is None
    assert capsys.readouterr().err.splitlines() == [f"warning: {w}" for w in warnings]


def test_a_document_dated_on_its_issue_day_is_no_warning(demo_issue: Path):
    from gazette_pub.checks import issue_warnings
    _edit(demo_issue / "01-notice.md", "2024年1月5日", "2024年1月15日")
    assert issue_warnings(load_issue(demo_issue)) == []


def test_a_new_issue_lists_the_sections_but_prints_no_empty_one(demo_issue: Path):
    from lxml import html as lxml_html

    from gazette_pub import pipeline
    from gazette_pub.checks import html_text
    folder = new_issue(demo_issue.parent, __import__("datetime").date(2024, 2, 15))
    issue = load_issue(folder)
    assert [s.title for s in issue.sections] == ["市政府文件", "经济数据"]
    # One document in the second section only: the first section prints nowhere.
    doc = (demo_issue / "03-stats.md").read_text(encoding="utf-8")
    (folder / "01-stats.md").write_text(doc.replace("seq = 3", "seq = 1"), encoding="utf-8")
    _edit(folder / "issue.toml", 'title = "经济数据"\nin_body = true\ndocuments = [\n]',
          'title = "经济数据"\nin_body = true\ndocuments = ["01-stats.md"]')
    built = pipeline.assemble_issue(folder, pdf=False, html=True)
    index = next(data for path, data in built.files.items() if path.name == "index.html")
    tree = lxml_html.document_fromstring(index.decode("utf-8"))
    sections = [p.text_content() for p in tree.xpath("//nav[@class='toc']//p[@class='toc-section']")]
    assert [title.strip("【】") for title in sections] == ["经济数据"]
    assert "市政府文件" not in html_text(index.decode("utf-8"))


def test_a_flagged_table_is_a_warning_at_its_line(demo_issue: Path):
    from gazette_pub.checks import issue_warnings
    _edit(demo_issue / "03-stats.md", 'caption = "2023年示例市主要经济指标"',
          'caption = "2023年示例市主要经济指标"\ncheck = "列数不齐"')
    stats = demo_issue / "03-stats.md"
    assert [str(w) for w in issue_warnings(load_issue(demo_issue))] == [
        f"{stats}:7: [table] table '2023年示例市主要经济指标' is flagged: 列数不齐 (compare it with "
        "the printed gazette, then remove its 'check' line)"]


def test_new_issue_dated_before_the_last_one_is_refused(demo_issue: Path):
    """An older date (a slip in the year) would make a 期 1 of that year, out of order."""
    import datetime as dt
    from gazette_pub.errors import ManifestError
    with pytest.raises(ManifestError, match="is before the last issue, 2024-01 of 2024-01-"):
        new_issue(demo_issue.parent, dt.date(2023, 12, 1))
    assert sorted(p.name for p in demo_issue.parent.iterdir() if p.is_dir()) == ["2024-01"]


def test_new_without_a_gazette_toml_points_at_the_drafts_own(tmp_path):
    """A gazette begun with ``import --out``: its gazette.toml is in the issue folder."""
    import datetime as dt
    from gazette_pub.errors import ManifestError
    draft = tmp_path / "g" / "2024-01"
    draft.mkdir(parents=True)
    (draft / "gazette.toml").write_text('[gazette]\nid = "g"\nname = "公报"\n', encoding="utf-8")
    with pytest.raises(ManifestError) as caught:
        new_issue(tmp_path / "g", dt.date(2024, 2, 1))
    assert f"{draft / 'gazette.toml'} is the imported issue's own: move it to " \
           f"{tmp_path / 'g' / 'gazette.toml'}" in str(caught.value.problems[0])


def test_an_issue_without_documents_is_a_draft_the_site_leaves_out(demo_issue: Path, caplog):
    """``gazette new`` starts the next issue empty: check lists it as missing documents,
    a build refuses it, and the website goes on publishing the finished issues."""
    import datetime as dt
    import logging
    from gazette_pub.checks import missing_metadata
    from gazette_pub.site import load_issues
    folder = new_issue(demo_issue.parent, dt.date(2024, 2, 1))
    (problem,) = missing_metadata(load_issue(folder))
    assert (problem.path, problem.field) == (str(folder / "issue.toml"), "sections")
    assert problem.message.startswith("missing: documents: the issue has none yet (gazette "
                                      f"import SOURCE --into {folder})")
    with caplog.at_level(logging.WARNING, logger="gazette_pub"):
        loaded = load_issues(demo_issue.parent)
    assert [f for f, _ in loaded] == [demo_issue]
    assert f"{folder}: not published, a draft: missing: documents" in caplog.text


def test_new_after_a_draft_folder_not_named_by_its_issue_says_to_rename_it(demo_issue: Path):
    import datetime as dt
    from gazette_pub.errors import ManifestError
    demo_issue.rename(demo_issue.parent / "draft")
    with pytest.raises(ManifestError, match=r"draft holds an issue.toml but is not named "
                                            r"YYYY-NN: rename it"):
        new_issue(demo_issue.parent, dt.date(2024, 2, 1))
