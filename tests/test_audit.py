"""The loss audit: every CJK character of a source is in the manifest or reported discarded."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from gazette_pub.audit import audit
from gazette_pub.model import Paragraph
from gazette_pub.sources import import_source

from .conftest import SEEDS

FIXTURES = Path(__file__).parent / "fixtures" / "import"
SOURCES = ["ningxia-2021-10.txt", "zhongwei-2023-03.txt", "web-notice-2020-07-22.txt"]


def _seed(name: str) -> Path:
    path = SEEDS / name
    if not path.exists():
        pytest.skip(f"seed missing: {path}")
    return path


@pytest.mark.parametrize("name", SOURCES)
def test_seeds_have_no_unexplained_characters(name):
    path = _seed(name)
    result = import_source(path)
    outcome = audit(path, result.issue, result.report)
    print(outcome.to_text())
    assert outcome.ok, outcome.to_text()
    assert outcome.source_chars > 1000


@pytest.mark.parametrize("name", sorted(p.relative_to(FIXTURES).as_posix()
                                         for p in FIXTURES.rglob("*") if p.is_file()))
def test_fixtures_have_no_unexplained_characters(name):
    result = import_source(FIXTURES / name)
    assert audit(FIXTURES / name, result.issue, result.report).ok


def _drop_first_paragraph(issue):
    section = issue.sections[0]
    doc = section.documents[0]
    index = next(i for i, b in enumerate(doc.blocks) if isinstance(b, Paragraph))
    dropped = doc.blocks[index]
    doc = dataclasses.replace(doc, blocks=doc.blocks[:index] + doc.blocks[index + 1:])
    section = dataclasses.replace(section, documents=(doc,) + section.documents[1:])
    return dataclasses.replace(issue, sections=(section,) + issue.sections[1:]), dropped


def test_audit_fails_when_text_is_dropped():
    path = _seed("ningxia-2021-10.txt")
    result = import_source(path)
    issue, dropped = _drop_first_paragraph(result.issue)
    outcome = audit(path, issue, result.report)
    assert not outcome.ok
    assert outcome.missing > 0
    # the dropped paragraph (line 117) is among the lines listed for its characters
    assert any(117 in u.lines for u in outcome.unexplained)
    assert "unexplained" in outcome.to_text()


def test_audit_fails_when_a_discard_is_not_reported():
    """Counting is per character: a repeated table header left out of the report is missed."""
    path = _seed("ningxia-2021-10.txt")
    result = import_source(path)
    report = dataclasses.replace(result.report, discarded=tuple(
        d for d in result.report.discarded if d.reason != "repeated table header"))
    outcome = audit(path, result.issue, report)
    assert not outcome.ok
    assert {542, 579}.issubset({line for u in outcome.unexplained for line in u.lines})


def _replace_texts(issue, change):
    """``issue`` with ``change`` applied to every paragraph and table cell text."""
    from gazette_pub.model import Cell, Table, TableBlock

    def block(b):
        if isinstance(b, Paragraph):
            return Paragraph(change(b.text))
        if isinstance(b, TableBlock):
            t = b.table
            rows = tuple(tuple(Cell(change(c.text), c.rowspan, c.colspan) for c in r)
                         for r in t.rows)
            return TableBlock(Table(t.caption, t.header_rows, rows, t.footnotes, t.line))
        return b
    sections = tuple(dataclasses.replace(s, documents=tuple(
        dataclasses.replace(d, blocks=tuple(map(block, d.blocks))) for d in s.documents))
        for s in issue.sections)
    return dataclasses.replace(issue, sections=sections)


@pytest.mark.parametrize("erase, label", [
    ("0123456789", "digits"), ("%(", "ASCII marks"), ("，。", "CJK punctuation"),
    ("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", "Latin letters"),
])
def test_audit_counts_every_character_not_only_han(erase, label):
    """Erasing every digit of the tables (what tables are for) or any other kind of
    character is unexplained."""
    path = _seed("zhongwei-2023-03.txt")
    result = import_source(path)
    table = str.maketrans("", "", erase)
    issue = _replace_texts(result.issue, lambda text: text.translate(table))
    outcome = audit(path, issue, result.report)
    erased = {u.char for u in outcome.unexplained}
    assert erased and erased <= set(erase), label


def test_audit_counts_extension_and_compatibility_characters(tmp_path):
    """A CJK Ext-A/Ext-B character, a compatibility ideograph and a full-width form each
    count; a full-width form is explained by its NFKC form only when the manifest holds
    that form more often than the source (explicitly, in the result)."""
    source = tmp_path / "doc.txt"
    text = "关于㐀𠮷丽事项的通知\n\n各单位：\n\n现将有关事项通知如下，数量为１２３件，编号ＡＢ。\n\n示例市人民政府\n\n2024年1月5日\n"
    source.write_text(text, encoding="utf-8")
    result = import_source(source, kind="standalone")
    assert audit(source, result.issue, result.report).ok
    for char in "㐀𠮷丽":  # Ext-A, Ext-B, CJK Compatibility Ideograph U+F9E7
        issue = _replace_texts(result.issue, lambda t: t.replace(char, ""))
        issue = dataclasses.replace(issue, sections=tuple(dataclasses.replace(s, documents=tuple(
            dataclasses.replace(d, title=d.title.replace(char, ""),
                                toc_title=d.toc_title.replace(char, "")) for d in s.documents))
            for s in issue.sections))
        outcome = audit(source, issue, result.report)
        assert [u.char for u in outcome.unexplained] == [char]
    folded = _replace_texts(result.issue, lambda t: t.replace("１２３", "123"))
    outcome = audit(source, folded, result.report)
    assert outcome.ok and ("compatibility forms held in their NFKC form (e.g. １ as 1)", 3) \
        in outcome.accounted
    assert "3 compatibility forms" in outcome.to_text()
    lost = _replace_texts(result.issue, lambda t: t.replace("１２３", "12"))
    assert {u.char for u in audit(source, lost, result.report).unexplained} == {"３"}


def test_markdown_syntax_of_an_ocr_source_is_counted_as_syntax_only():
    from gazette_pub.audit import strip_markdown
    text, removed = strip_markdown("\u3000\u3000## 标题 ##\n&lt;p&gt; a &amp; b &#12290; &foo;x")
    # the heading's marks on both sides, even indented; each entity stands for one character
    # (``&lt;p&gt;`` is the text "<p>", not a tag); an unknown "entity" is text
    assert text == " 标题\n<p> a & b 。 &foo;x"
    assert removed == 2 + 2 + 3 + 3 + 4 + 7


# --------------------------------------------------------------------------- the audit's parts

from collections import Counter  # noqa: E402

from gazette_pub.audit import (AuditResult, Unexplained, account,  # noqa: E402
                               audit_issue_dir, char_counter, strip_markdown)
from gazette_pub.errors import SourceError  # noqa: E402
from gazette_pub.model import Document, Gazette, Issue, ListBlock, Section  # noqa: E402


def test_result_text_lists_each_character_and_each_account():
    failing = AuditResult("s.txt", 10, (Unexplained("1", 2, (3, 7)), Unexplained("甲", 1, (4,))),
                          (("list bullets (one per list item)", 2), ("other", 0)))
    assert failing.to_text() == (
        "s.txt: 3 of 10 characters unexplained\n"
        "  '1' (U+0031) missing 2x; source line(s) 3, 7\n"
        "  '甲' (U+7532) missing 1x; source line(s) 4\n"
        "  2 list bullets (one per list item)\n")
    ok = AuditResult("s.txt", 10, (), (("a", 1), ("b", 2)))
    assert ok.ok and ok.to_text() == "s.txt: all 10 characters accounted for\n  1 a\n  2 b\n"


def test_markdown_syntax_is_removed_and_counted():
    text = ("# 标题\n**粗体**与<b>标签</b>\n| 甲 | 乙 |\n|---|---|\n- 项\n转义\\*号\n![图](x.png)\n"
            "<!-- 第\n2页 -->X\n")
    stripped, removed = strip_markdown(text)
    assert stripped.split("\n") == [" 标题", "粗体与标签", " 甲  乙 ", "", " 项", "转义*号", "", "",
                                     "X", ""]
    assert removed == len("#****<b></b>||||---|---|-\\![图](x.png)<!--第2页-->")
    assert char_counter(["甲", "乙"]) == Counter("甲乙")


def _list_issue(items: int, sections: tuple[str, ...] = ("文件",)) -> Issue:
    doc = Document(id="g-2024-01-01", seq=1, slug="t", title="标题", toc_title="标题",
                   doc_number="", doc_number_raw="", organs=(),
                   blocks=(ListBlock(tuple("项" * items)),))
    return Issue(gazette=Gazette("g", "公报"), year=2024, number=1, cumulative=None, date=None,
                 sections=tuple(Section(t, (doc,) if n == 0 else ()) for n, t in enumerate(sections)))


def test_accounts_explain_no_more_than_they_stand_for():
    # Two list items explain two bullets, of whatever kind; the third stays missing.
    missing, accounted = account(Counter("--•"), Counter(), _list_issue(2))
    assert sum(missing.values()) == 1 and accounted[0] == ("list bullets (one per list item)", 2)
    # One section title explains one 【 and one 】.
    missing, accounted = account(Counter("【】【】"), Counter(), _list_issue(0))
    assert missing == Counter("【】") and accounted[1] == ("section-title brackets 【】", 2)
    # A full-width form is explained only by a surplus of its NFKC form.
    missing, accounted = account(Counter("１１２"), Counter("111"), _list_issue(0))
    assert missing == Counter("２") and dict(accounted)[
        "compatibility forms held in their NFKC form (e.g. １ as 1)"] == 2
    missing, _ = account(Counter("１１1"), Counter("11"), _list_issue(0))
    assert missing == Counter("１")
    # Two forms folding to one: the surplus is spent once.
    missing, _ = account(Counter("１¹"), Counter("1"), _list_issue(0))
    assert missing == Counter("１")
    missing, _ = account(Counter("X"), Counter(), _list_issue(3))  # no account for a letter
    assert missing == Counter("X")
    missing, accounted = account(Counter("甲乙"), Counter("甲乙丙"), _list_issue(0))
    assert missing == Counter() and {n for _, n in accounted} == {0}


def test_unexplained_characters_are_listed_in_source_order(tmp_path):
    source = tmp_path / "doc.txt"
    source.write_text("关于乙事项的通知\n\n各单位：\n\n甲项工作。\n\n示例市人民政府\n\n2024年1月5日\n",
                      encoding="utf-8")
    result = import_source(source, kind="standalone")
    issue = _replace_texts(result.issue, lambda t: t.replace("甲", "").replace("作", ""))
    issue = dataclasses.replace(issue, sections=tuple(dataclasses.replace(s, documents=tuple(
        dataclasses.replace(d, title=d.title.replace("通", ""), toc_title=d.toc_title.replace(
            "通", "")) for d in s.documents)) for s in issue.sections))
    outcome = audit(source, issue, result.report)
    assert outcome.source == "doc.txt"
    # By first line, then by character: 通 (U+901A) of line 1 comes before 甲 (U+7532).
    assert [(u.char, u.lines) for u in outcome.unexplained] == [("通", (1,)), ("作", (5,)),
                                                               ("甲", (5,))]


def test_audit_of_an_imported_folder_uses_its_report(tmp_path):
    from gazette_pub.sources import save_import
    source = FIXTURES / "text-issue-plain.txt"
    result = import_source(source)
    folder = tmp_path / result.issue.gazette.id / result.issue.slug
    save_import(result, folder)
    outcome = audit_issue_dir(folder, source)
    assert outcome.ok and outcome.source == "text-issue-plain.txt" and outcome.source_chars > 1000
    (folder / "import-report.json").unlink()
    with pytest.raises(SourceError, match="no import-report.json") as caught:
        audit_issue_dir(folder, source)
    assert caught.value.path == str(folder)


def test_markdown_syntax_is_accounted_for_by_name():
    source = FIXTURES / "ocr-issue.md"
    result = import_source(source)
    outcome = audit(source, result.issue, result.report)
    assert outcome.ok and outcome.accounted[0][0] == "Markdown syntax of the source"
    assert outcome.accounted[0][1] > 100


def test_closing_marks_of_every_heading_are_counted():
    """Each heading's closing hashes add to the count (not only the last heading's)."""
    text, removed = strip_markdown("# 甲 #\n## 乙 ###\n")
    assert text == " 甲\n 乙\n"
    assert removed == (1 + 1) + (2 + 3)


def _numbered_issue(documents: int) -> Issue:
    docs = tuple(Document(id=f"g-2024-01-{n:02d}", seq=n, slug=f"t{n}", title="标题",
                          toc_title="标题", doc_number=f"示发〔2024〕{n}号", doc_number_raw="",
                          organs=(), blocks=(Paragraph("正文"),)) for n in range(1, documents + 1))
    return Issue(gazette=Gazette("g", "公报"), year=2024, number=1, cumulative=None, date=None,
                 sections=(Section("", docs),))


def test_doc_number_brackets_explain_one_pair_per_numbered_document():
    # Two numbered documents: two opening brackets (of either form) and two closing ones;
    # the third opening bracket and the letter stay missing.
    missing, accounted = account(Counter("（（()）X"), Counter(), _numbered_issue(2))
    assert missing == Counter("(X")
    assert accounted[2] == ("brackets around a 文号 printed under its title （…）", 4)
    # Only brackets: a letter is never taken for one, whatever the budget.
    missing, accounted = account(Counter("XX（）"), Counter(), _numbered_issue(1))
    assert missing == Counter("XX") and accounted[2][1] == 2
    missing, accounted = account(Counter("（）"), Counter(), _numbered_issue(0))
    assert missing == Counter("（）") and accounted[2][1] == 0


def test_an_unreadable_import_report_is_named_with_the_reason(tmp_path):
    report = tmp_path / "import-report.json"
    report.write_text("[]", encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        audit_issue_dir(tmp_path, FIXTURES / "text-issue-plain.txt")
    assert (caught.value.message, caught.value.path) == (
        "not an import report gazette import wrote: 'list' object has no attribute 'get'",
        str(report))


def _issue_of_two_sources(tmp_path):
    """An issue made as the README says: one document with --out, one more with --into."""
    from gazette_pub.sources import add_to_issue, save_import
    first, second = FIXTURES / "standalone.txt", FIXTURES / "web-page.txt"
    folder = tmp_path / "g" / "draft"
    save_import(import_source(first, gazette_id="g"), folder)
    add_to_issue(import_source(second, gazette_id="g"), folder, section="部门文件")
    return folder, first, second


def test_audit_of_an_issue_of_several_sources_uses_each_sources_report(tmp_path):
    folder, first, second = _issue_of_two_sources(tmp_path)
    for source in (first, second):
        outcome = audit_issue_dir(folder, source)
        assert outcome.ok and outcome.source == source.name, outcome.to_text()


def test_audit_of_an_added_source_counts_only_its_own_documents(tmp_path):
    """A character the second source lost is not explained by the first source's text or
    the first import's report, even when they hold it."""
    folder, first, second = _issue_of_two_sources(tmp_path)
    added = sorted(folder.glob("02-*.md"))[0]
    text = added.read_text(encoding="utf-8")
    head, body = text.split("+++\n", 2)[1:]
    source = second.read_text(encoding="utf-8")
    # A Han character of the body that the first source holds too and the second holds
    # only where the body has it (not in its discarded chrome or its head).
    lost = next(c for c in body if "\u4e00" <= c <= "\u9fff"
                and c in first.read_text(encoding="utf-8") and source.count(c) == body.count(c))
    added.write_text(f"+++\n{head}+++\n{body.replace(lost, '', 1)}", encoding="utf-8")
    outcome = audit_issue_dir(folder, second)
    assert [(u.char, u.missing) for u in outcome.unexplained] == [(lost, 1)]
    assert audit_issue_dir(folder, first).ok


def test_audit_of_a_source_the_issue_was_not_imported_from_names_the_reports(tmp_path):
    folder, _, _ = _issue_of_two_sources(tmp_path)
    with pytest.raises(SourceError) as caught:
        audit_issue_dir(folder, FIXTURES / "text-issue-plain.txt")
    assert caught.value.message == (
        "none of the issue's 2 import reports is for text-issue-plain.txt (they are for: "
        "standalone.txt, web-page.txt); audit a file that was imported into it")
