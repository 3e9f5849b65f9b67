"""Inputs that took quadratic time (issue #14 §3) complete and keep every character.

No time is asserted here (bench/import_scaling.py shows the import time against input
size, up to the size limit); each case is one a quadratic regex or loop made hang:
one very long line, whitespace and blank lines without end, a whole file as one title.
"""

from __future__ import annotations

import random

import pytest

from gazette_pub.sources import import_source
from gazette_pub.sources.titles import clean_title

SENTENCE = "为进一步做好某某工作，根据《某某条例》第十二条规定，现将有关事项通知如下。"


def solid(text: str) -> str:
    return "".join(text.split())


def imported_text(issue) -> str:
    parts = []
    for doc in issue.documents:
        parts.append(doc.title)
        for block in doc.all_blocks():
            for name in ("text", "label", "lines"):
                value = getattr(block, name, None)
                parts += list(value) if isinstance(value, tuple) else [value or ""]
            table = getattr(block, "table", None)
            if table is not None:
                parts += [c.text for r in table.header_rows + table.rows for c in r]
    return "".join(parts)


@pytest.mark.parametrize("name, text", [
    ("one line of 256,000 characters", (SENTENCE * 7000)[:256_000]),
    ("one line of random gazette characters",
     "".join(random.Random(1).choices("关于印发通知某某〔〕（）《》，。、；：0123456789 ", k=200_000))),
    ("the title line of a file without line breaks", "关于某事项的通知 " * 20_000),
])
def test_a_very_long_line_is_imported_whole(tmp_path, name, text):
    source = tmp_path / "long.txt"
    source.write_text(text + "\n", encoding="utf-8")
    issue = import_source(source).issue
    assert solid(imported_text(issue)) == solid(text)


@pytest.mark.parametrize("text", [
    "".join(random.Random(2).choices(" \t\n\r\n\u3000", k=224_000)),
    "\n" * 200_000,
    " \n" * 100_000,
])
def test_whitespace_without_end_is_read_in_one_pass(tmp_path, text):
    source = tmp_path / "blank.txt"
    source.write_text("关于某事项的通知\n" + text + "正文。\n", encoding="utf-8")
    issue = import_source(source).issue
    assert solid(imported_text(issue)) == "关于某事项的通知正文。"


def test_markdown_signs_in_a_long_file_are_found_in_one_pass(tmp_path):
    source = tmp_path / "ocr.md"
    source.write_text("# 关于某事项的通知\n\n" + "\n" * 100_000 + "| 序号 | 名称 |\n| --- | --- |\n"
                      "| 1 | 某某 |\n", encoding="utf-8")
    result = import_source(source)
    assert result.report.kind == "ocr-markdown"
    assert [c.text for r in result.issue.documents[0].tables[0].rows for c in r] == ["1", "某某"]


def test_clean_title_is_the_same_with_many_spaces():
    """The linear clean_title keeps a space between organs and drops wrap spaces."""
    assert clean_title("某某局 某某厅关于某事项的 通知") == "某某局 某某厅关于某事项的通知"
    long = "某某局 某某厅关于某事项的 通知" * 20_000
    assert clean_title(long).count(" ") == 1
