"""The bound volume (合订本): continuous page numbers, recto starts, 总目录 and indexes whose
numbers are the printed ones, the outline, links, and the same bytes on every executor.

The year is three synthetic issues made from the demo fixture (bench/synthetic.py).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from bench.synthetic import make_issues
from gazette_pub.cli import main
from tests.conftest import FIXTURES

YEAR = 2024


@pytest.fixture(scope="module")
def year_dir(tmp_path_factory) -> Path:
    folders = make_issues(FIXTURES / "issues" / "demo" / "2024-01",
                          tmp_path_factory.mktemp("volume-issues"), 3, first_year=YEAR)
    return folders[0].parent


def bind(year_dir: Path, out: Path, *options: str) -> bytes:
    assert main(["-q", "volume", str(year_dir), str(YEAR), "--out", str(out), *options]) == 0
    return next(out.glob(f"*/{YEAR}-volume/*.pdf")).read_bytes()


@pytest.fixture(scope="module")
def volume(year_dir, tmp_path_factory) -> tuple[bytes, Path]:
    out = tmp_path_factory.mktemp("volume-out")
    return bind(year_dir, out, "--no-cache"), out


@pytest.fixture(scope="module")
def reader(volume) -> PdfReader:
    return PdfReader(io.BytesIO(volume[0]))


def labels(reader: PdfReader) -> list[str]:
    return [reader.page_labels[i] for i in range(len(reader.pages))]


def outline_tree(reader: PdfReader, items=None) -> list:
    """(title, page index, children) of every outline entry."""
    items = reader.outline if items is None else items
    tree = []
    for item in items:
        if isinstance(item, list):
            tree[-1][2].extend(outline_tree(reader, item))
        else:
            tree.append((item.title, reader.get_destination_page_number(item), []))
    return tree


def test_body_pages_are_numbered_continuously_through_the_year(volume, reader):
    numbers = [int(label) for label in labels(reader) if label.isdigit()]
    assert numbers == list(range(1, len(numbers) + 1)), "one run 1, 2, 3 … over every issue"
    printed = 0
    with pdfplumber.open(io.BytesIO(volume[0])) as pdf:
        for page, label in zip(pdf.pages, labels(reader)):
            foot = [w["text"] for w in page.extract_words() if w["top"] > page.height * 0.9]
            if label.isdigit() and foot:  # the number printed in the foot is the label
                assert foot == [label], f"page labelled {label} prints {foot}"
                printed += 1
    assert printed >= len(numbers) - 3, "every body page prints its number (back pages none)"


def test_every_issue_starts_on_a_right_hand_page(reader):
    tree = outline_tree(reader)
    (_year, _page, children), = tree
    issue_starts = [page for title, page, _ in children if re.fullmatch(r"\d{4}年第\d+期", title)]
    assert len(issue_starts) == 3
    assert all(page % 2 == 0 for page in issue_starts), "physical page 1, 3, 5 … (index even)"
    for start in issue_starts[1:]:  # a page left blank before an issue carries no number
        if labels(reader)[start - 1] == "空白页":
            assert not reader.pages[start - 1].extract_text().strip()


def test_outline_runs_year_issue_section_document(reader):
    (year, page, children), = outline_tree(reader)
    assert year.endswith(f"{YEAR}年合订本") and page == 0
    assert [c[0] for c in children[:3]] == ["年度总目录", "发文机关索引", "文种索引"]
    issues = children[3:]
    assert [c[0] for c in issues] == [f"{YEAR}年第{n}期" for n in (1, 2, 3)]
    for _title, _page, sections in issues:
        assert [s[0] for s in sections] == ["市政府文件", "经济数据"]
        documents = [d for s in sections for d in s[2]]
        assert len(documents) == 3


def toc_numbers(reader: PdfReader, part_page: int) -> list[int]:
    """The page numbers printed at the ends of the entries of a front-matter page."""
    text = reader.pages[part_page].extract_text()
    return [int(n) for n in re.findall(r"[.…]{3,}\s*(?:第\d+期\s*)?(\d+)\s*$", text, re.M)]


def test_the_year_toc_prints_each_documents_volume_page(reader):
    (_year, _page, children), = outline_tree(reader)
    toc_page = children[0][1]
    documents = [d for c in children[3:] for s in c[2] for d in s[2]]
    printed = [int(labels(reader)[page]) for _title, page, _ in documents]
    assert toc_numbers(reader, toc_page) == printed


def test_front_matter_entries_link_to_the_documents_pages(reader):
    (_year, _page, children), = outline_tree(reader)
    documents = {page for c in children[3:] for s in c[2] for _t, page, _ in s[2]}
    page_of_ref = {p.indirect_reference.idnum: i for i, p in enumerate(reader.pages)}
    targets = set()
    for page in reader.pages[:children[3][1]]:
        for annot in page.get("/Annots", []):
            annot = annot.get_object()
            assert "/A" not in annot or "/URI" not in annot["/A"], "no link leaves the volume"
            if "/Dest" in annot:
                targets.add(page_of_ref[annot["/Dest"][0].idnum])
    assert targets == documents


def test_indexes_group_by_organ_and_by_kind(reader):
    (_year, _page, children), = outline_tree(reader)
    organ_lines = reader.pages[children[1][1]].extract_text().splitlines()
    kind_lines = reader.pages[children[2][1]].extract_text().splitlines()
    assert "示例市人民政府" in organ_lines, "each organ heads its group"
    assert "通知" in kind_lines and "其他" in kind_lines, "a title naming no kind is under 其他"
    # each entry names its issue: three issues × the documents of the group
    assert sum("第1期" in line for line in kind_lines) == 3


def test_volume_html_index_links_every_document(volume):
    from lxml import html as lxml_html
    _pdf, out = volume
    page = next(out.glob(f"*/{YEAR}-volume/index.html"))
    tree = lxml_html.fromstring(page.read_bytes())
    assert tree.get("lang") == "zh-CN"
    links = tree.xpath("//nav[@aria-label='年度总目录']//li/a/@href")
    assert len(links) == 9
    for href in links + tree.xpath("//p[@class='downloads']/a/@href"):
        assert (page.parent / href).resolve().is_relative_to(out.resolve())
    assert page.parent.stat().st_mode & 0o755 == 0o755


def test_same_bytes_again_and_on_every_executor(year_dir, volume, tmp_path):
    pdf, _out = volume
    assert bind(year_dir, tmp_path / "again", "--no-cache") == pdf, "deterministic"
    assert bind(year_dir, tmp_path / "pool", "--no-cache", "--executor", "process",
                "--jobs", "2") == pdf
    assert bind(year_dir, tmp_path / "dask", "--no-cache", "--executor", "dask",
                "--jobs", "2") == pdf


def test_a_year_without_issues_is_an_error(year_dir, tmp_path, capsys):
    assert main(["volume", str(year_dir), "1999", "--out", str(tmp_path)]) == 1
    assert "no issue of 1999" in capsys.readouterr().err
