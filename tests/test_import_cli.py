"""``gazette import`` and ``gazette check --audit`` end to end."""

from __future__ import annotations

from pathlib import Path

from gazette_pub.cli import main
from gazette_pub.manifest import load_issue

FIXTURES = Path(__file__).parent / "fixtures" / "import"


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def test_import_writes_a_loadable_issue_and_report(tmp_path):
    out = tmp_path / "qingchuan" / "2024-05"
    assert main(["import", str(FIXTURES / "ocr-issue.md"), "--out", str(out)]) == 0
    issue = load_issue(out)
    assert (issue.year, issue.number) == (2024, 5)
    assert len(issue.documents) == 3
    assert (out / "import-report.json").exists() and (out / "import-report.txt").exists()
    # a new gazette: its gazette.toml goes into the issue folder; nothing outside --out
    assert (out / "gazette.toml").exists()
    assert [p for p in tmp_path.rglob("*") if p != out and out not in p.parents] == [out.parent]
    assert main(["check", str(out), "--audit", str(FIXTURES / "ocr-issue.md")]) == 0


def test_reimport_is_byte_identical_and_needs_force(tmp_path):
    out = tmp_path / "doc" / "2024-01"
    args = ["import", str(FIXTURES / "breaks.txt"), "--out", str(out), "--gazette-id", "doc"]
    assert main(args) == 0
    first = _files(tmp_path)
    assert main(args) == 1  # the folder exists
    assert main(args + ["--force"]) == 0
    assert _files(tmp_path) == first


def test_import_into_appends_a_document(tmp_path):
    out = tmp_path / "qingchuan" / "2024-05"
    assert main(["import", str(FIXTURES / "ocr-issue.md"), "--out", str(out)]) == 0
    assert main(["import", str(FIXTURES / "standalone.txt"), "--into", str(out),
                 "--section", "其他"]) == 0
    issue = load_issue(out)
    assert [s.title for s in issue.sections][-1] == "其他"
    assert issue.documents[-1].seq == 4
    assert issue.documents[-1].title == "青川市民文明公约实施细则"


def test_audit_reports_a_dropped_paragraph(tmp_path, capsys):
    out = tmp_path / "doc" / "2024-01"
    assert main(["import", str(FIXTURES / "breaks.txt"), "--out", str(out)]) == 0
    (doc,) = out.glob("*.md")
    text = doc.read_text(encoding="utf-8")
    doc.write_text(text.replace("应急管理部门要提前储备抢险物资。\n", ""), encoding="utf-8")
    assert main(["check", str(out), "--audit", str(FIXTURES / "breaks.txt")]) == 1
    assert "unexplained" in capsys.readouterr().err


def test_undated_draft_keeps_unknown_metadata_empty(tmp_path, capsys):
    """A single document without issue metadata: no year from the clock, no 期 1; check
    lists each missing field as an error, export works, a build refuses the draft."""
    out = tmp_path / "drafts" / "notice"
    assert main(["import", str(FIXTURES / "breaks.txt"), "--out", str(out)]) == 0
    toml = (out / "issue.toml").read_text(encoding="utf-8")
    assert "year" not in toml and "number" not in toml and "date" not in toml
    issue = load_issue(out)
    assert (issue.year, issue.number, issue.date, issue.gazette.name) == (0, 0, None, "")
    capsys.readouterr()
    assert main(["check", str(out)]) == 1
    err = capsys.readouterr().err
    fields = sorted(ln.split("[")[1].split("]")[0] for ln in err.splitlines() if "missing:" in ln)
    assert fields == ["gazette.name", "issue.date", "issue.number", "issue.year"]
    assert main(["export", str(out)]) == 0
    assert '"year": 0' in capsys.readouterr().out
    assert main(["build", str(out), "--out", str(tmp_path / "dist"), "--no-pdf"]) == 1
    assert "missing: the issue's year" in capsys.readouterr().err
    assert not (tmp_path / "dist").exists() or not any((tmp_path / "dist").rglob("*.html"))


def test_year_and_number_given_on_the_command_line(tmp_path):
    out = tmp_path / "drafts" / "notice"
    assert main(["import", str(FIXTURES / "breaks.txt"), "--out", str(out),
                 "--year", "2024", "--number", "3"]) == 0
    issue = load_issue(out)
    assert (issue.year, issue.number, issue.date) == (2024, 3, None)


def test_import_out_writes_nothing_outside_the_folder(tmp_path):
    out = tmp_path / "new-gazette" / "2024-01"
    assert main(["import", str(FIXTURES / "standalone.txt"), "--out", str(out)]) == 0
    outside = [p for p in tmp_path.rglob("*") if p != out and out not in p.parents]
    assert outside == [out.parent]  # only the folder --out needed created
    assert (out / "gazette.toml").is_file() and load_issue(out).documents


def test_import_into_an_existing_gazette_uses_its_gazette_toml(tmp_path):
    first = tmp_path / "qingchuan" / "2024-05"
    assert main(["import", str(FIXTURES / "ocr-issue.md"), "--out", str(first)]) == 0
    (first / "gazette.toml").rename(tmp_path / "qingchuan" / "gazette.toml")
    second = tmp_path / "qingchuan" / "2024-06"
    assert main(["import", str(FIXTURES / "standalone.txt"), "--out", str(second)]) == 0
    assert not (second / "gazette.toml").exists()
    assert load_issue(second).gazette == load_issue(first).gazette


def test_gazette_id_with_a_path_separator_is_refused(tmp_path, capsys):
    for bad in ("../evil", "a/b", "UPPER", ""):
        assert main(["import", str(FIXTURES / "standalone.txt"), "--out", str(tmp_path / "x"),
                     "--gazette-id", bad]) == 1
        assert "gazette id" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_empty_or_documentless_source_is_refused(tmp_path, capsys):
    for name, text in (("empty.txt", ""), ("blank.txt", " \n\u3000\n\t\n"),
                       ("masthead.txt", "某某省人民政府文件\n")):
        source = tmp_path / name
        source.write_text(text, encoding="utf-8")
        assert main(["import", str(source), "--out", str(tmp_path / "out")]) == 1
        assert capsys.readouterr().err.strip()
    assert not (tmp_path / "out").exists()


def _three_sections(tmp_path):
    """A draft made as an office does: one document with --out, then two sections."""
    out = tmp_path / "g" / "draft"
    assert main(["import", str(FIXTURES / "standalone.txt"), "--out", str(out),
                 "--gazette-id", "g"]) == 0
    assert main(["import", str(FIXTURES / "breaks.txt"), "--into", str(out),
                 "--section", "市政府文件"]) == 0
    assert main(["import", str(FIXTURES / "web-page.txt"), "--into", str(out),
                 "--section", "部门文件"]) == 0
    return out


def test_the_same_document_imported_twice_is_refused(tmp_path, capsys):
    out = _three_sections(tmp_path)
    before = _files(out)
    capsys.readouterr()
    assert main(["import", str(FIXTURES / "breaks.txt"), "--into", str(out),
                 "--section", "部门文件"]) == 1
    err = capsys.readouterr().err
    assert "the issue already holds this document: 02-" in err and "breaks.txt" in err
    assert _files(out) == before


def test_import_into_an_earlier_section_renumbers_the_documents_after_it(tmp_path, capsys):
    """Documents arrive in any order: one added to an earlier section goes at its end and
    the later documents move down, their seq line and file number changed and nothing
    else of their files (an editor's change stays as written)."""
    out = _three_sections(tmp_path)
    (third,) = out.glob("03-*.md")
    edited = third.read_text(encoding="utf-8") + "\n编辑加的一段。\n"
    third.write_text(edited, encoding="utf-8")
    assert main(["import", str(FIXTURES / "web-govcn.txt"), "--into", str(out),
                 "--section", "市政府文件"]) == 0
    assert "renumbered 03-" in capsys.readouterr().err
    issue = load_issue(out)
    assert [(s.title, [d.seq for d in s.documents]) for s in issue.sections] == [
        ("", [1]), ("市政府文件", [2, 3]), ("部门文件", [4])]
    assert [d.source.file for d in issue.documents] == [
        "standalone.txt", "breaks.txt", "web-govcn.txt", "web-page.txt"]
    moved = out / ("04-" + third.name[3:])
    assert not third.exists() or third.read_text(encoding="utf-8") != edited
    assert moved.read_text(encoding="utf-8") == edited.replace("seq = 3", "seq = 4", 1)
    assert main(["check", str(out)]) == 1  # only the draft's missing metadata
    err = capsys.readouterr().err
    assert all("missing:" in line for line in err.splitlines()), err
    # Each source still audits clean against its own report; no report was overwritten.
    from gazette_pub.audit import audit_issue_dir
    for name in ("standalone.txt", "breaks.txt", "web-govcn.txt", "web-page.txt"):
        assert audit_issue_dir(out, FIXTURES / name).ok, name
    assert len(list(out.glob("import-report*.json"))) == 4


def test_a_file_an_editor_renamed_keeps_its_name_and_moves_down_with_it(tmp_path):
    out = _three_sections(tmp_path)
    (third,) = out.glob("03-*.md")
    third.rename(out / "03-tongzhi.md")
    toml = out / "issue.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace(third.name, "03-tongzhi.md"),
                    encoding="utf-8")
    assert main(["import", str(FIXTURES / "web-govcn.txt"), "--into", str(out),
                 "--section", "市政府文件"]) == 0
    issue = load_issue(out)
    assert [d.path for d in issue.documents][3] == "04-tongzhi.md"
    assert not (out / "03-tongzhi.md").exists()


def test_options_into_would_ignore_are_usage_errors(tmp_path, capsys):
    out = _three_sections(tmp_path)
    before = _files(out)
    for extra in (["--year", "2020"], ["--number", "7"], ["--force"], ["--no-fit-theme"]):
        capsys.readouterr()
        assert main(["import", str(FIXTURES / "web-govcn.txt"), "--into", str(out), *extra]) == 2
        assert extra[0] in capsys.readouterr().err
    assert _files(out) == before


def test_into_an_issue_of_another_gazette_is_refused(tmp_path, capsys):
    out = _three_sections(tmp_path)
    before = _files(out)
    assert main(["import", str(FIXTURES / "web-govcn.txt"), "--into", str(out),
                 "--gazette-id", "other"]) == 1
    assert "the issue belongs to gazette 'g', not 'other'" in capsys.readouterr().err
    assert _files(out) == before
    assert main(["import", str(FIXTURES / "web-govcn.txt"), "--into", str(out),
                 "--gazette-id", "g"]) == 0


def test_section_with_out_titles_a_single_documents_draft(tmp_path, capsys):
    out = tmp_path / "g" / "draft"
    assert main(["import", str(FIXTURES / "standalone.txt"), "--out", str(out),
                 "--gazette-id", "g", "--section", "市政府文件"]) == 0
    assert [s.title for s in load_issue(out).sections] == ["市政府文件"]
    # A whole issue has its own sections: --section is refused, not ignored.
    whole = tmp_path / "q" / "2024-05"
    assert main(["import", str(FIXTURES / "ocr-issue.md"), "--out", str(whole),
                 "--section", "其他"]) == 1
    assert "the source has its own" in capsys.readouterr().err
    assert not whole.exists()


def test_out_beside_another_gazettes_gazette_toml_refuses_a_different_id(tmp_path, capsys):
    first = tmp_path / "aaa" / "2024-01"
    assert main(["import", str(FIXTURES / "standalone.txt"), "--out", str(first),
                 "--gazette-id", "aaa"]) == 0
    (first / "gazette.toml").rename(tmp_path / "aaa" / "gazette.toml")
    second = tmp_path / "aaa" / "2024-02"
    assert main(["import", str(FIXTURES / "breaks.txt"), "--out", str(second),
                 "--gazette-id", "bbb"]) == 1
    assert "would be an issue of gazette 'aaa'" in capsys.readouterr().err
    assert not second.exists()
    assert main(["import", str(FIXTURES / "breaks.txt"), "--out", str(second),
                 "--gazette-id", "aaa"]) == 0


def test_a_document_whose_wenhao_the_issue_holds_is_refused(tmp_path, capsys):
    """The same document in another form (here: re-wrapped) is not word for word the
    same, but its 文号 is: written, it would make the issue fail to load."""
    out = _three_sections(tmp_path)
    before = _files(out)
    rewrapped = tmp_path / "breaks-again.txt"
    rewrapped.write_text((FIXTURES / "breaks.txt").read_text(encoding="utf-8")
                         .replace("。", "。\n\n"), encoding="utf-8")
    capsys.readouterr()
    assert main(["import", str(rewrapped), "--into", str(out)]) == 1
    err = capsys.readouterr().err
    assert "the issue already holds 文号 " in err and "(imported from breaks.txt)" in err, err
    assert _files(out) == before
    assert main(["check", str(out)]) == 1
    assert "also used by" not in capsys.readouterr().err


def test_the_gazette_id_comes_from_the_out_folders_layout_not_the_file_name(tmp_path):
    """issues/<gazette>/<year>-<NN>: the folder names the gazette; an office's file name
    (附件4 实施细则.txt) would have given the id '4'."""
    source = tmp_path / "附件4 实施细则.txt"
    source.write_bytes((FIXTURES / "standalone.txt").read_bytes())
    out = tmp_path / "xian" / "2024-01"
    assert main(["import", str(source), "--out", str(out)]) == 0
    assert load_issue(out).gazette.id == "xian"


def test_into_a_folder_without_an_issue_says_how_to_make_one(tmp_path, capsys):
    out = _three_sections(tmp_path)
    assert main(["import", str(FIXTURES / "web-govcn.txt"), "--into",
                 str(out.parent / "2024-02")]) == 1
    assert (f"no issue here to add to (no issue.toml): start the gazette's next issue with "
            f"`gazette new {out.parent} --date YYYY-MM-DD`") in capsys.readouterr().err
