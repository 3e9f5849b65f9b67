"""The GB/T 9704-2012 公文 layout of one document (``gazette build --format gongwen``).

The standard's grid (§5.2.3): a full page holds 22 lines, a full line 28 characters of
16 pt, in the 156 × 225 mm 版心 — read back from the PDF with poppler.
"""

from __future__ import annotations

from collections import Counter

import pytest

from gazette_pub.cli import main
from gazette_pub.render.measure import read_lines

#: A paragraph of plain Han text: no marks that could move a line break.
HAN = "本实施方案所称医疗保障制度改革包括待遇保障筹资运行医保支付基金监管等机制建设" * 3


@pytest.fixture(scope="module")
def gongwen_pdf(tmp_path_factory):
    """The demo issue's second document, lengthened to several full pages, as 公文."""
    import shutil

    from .conftest import FIXTURES
    root = tmp_path_factory.mktemp("gongwen")
    shutil.copytree(FIXTURES / "issues" / "demo", root / "issues" / "demo")
    doc = root / "issues" / "demo" / "2024-01" / "02-plan.md"
    text = doc.read_text(encoding="utf-8")
    doc.write_text(text.replace("各地各部门要落实安全生产责任制。",
                                "\n\n".join([HAN] * 14)), encoding="utf-8")
    out = root / "out"
    assert main(["-q", "build", "--format", "gongwen", str(doc), "--out", str(out)]) == 0
    (pdf,) = out.glob("demo/gongwen/2024-01/*.pdf")
    return pdf


def test_a_full_page_holds_22_lines_of_28_characters(gongwen_pdf):
    lines = read_lines(gongwen_pdf)
    pages = Counter(line.page for line in lines)
    assert max(pages) >= 3, "the document runs over several pages"
    # Page 2 is all body text: 22 text lines plus the page number "— 2 —".
    body = [line for line in lines if line.page == 2 and "—" not in line.text]
    assert len(body) == 22
    tops = [line.top for line in body]
    assert max(tops) - min(tops) == pytest.approx(21 * 28.95, abs=1.0), "22 lines on the grid"
    left, right = 28 * 72 / 25.4, (28 + 156) * 72 / 25.4   # the 版心: 28 mm in, 156 mm wide
    # A full line starts at the 版心's left edge and ends within half a character of its right.
    full = [line for line in body if abs(line.x0 - left) < 0.5 and right - line.x1 < 8]
    assert len(full) >= 10
    assert {len(line.text) for line in full} == {28}


def test_page_numbers_sit_on_the_outer_side(gongwen_pdf):
    numbers = {line.page: line for line in read_lines(gongwen_pdf) if line.text.startswith("—")}
    assert numbers[1].text == "— 1 —" and numbers[2].text == "— 2 —"
    assert numbers[1].x0 > 400, "odd pages: right"
    assert numbers[2].x1 < 200, "even pages: left"


def test_a_document_file_outside_an_issue_is_a_clear_error(tmp_path, capsys):
    doc = tmp_path / "01-x.md"
    doc.write_text("+++\nseq = 1\ntitle = \"x\"\n+++\n", encoding="utf-8")
    assert main(["-q", "build", "--format", "gongwen", str(doc), "--out", str(tmp_path)]) == 1
    assert "issue.toml" in capsys.readouterr().err


def test_an_attachment_starts_a_new_page_with_its_label(tmp_path):
    from .conftest import FIXTURES
    doc = FIXTURES / "issues" / "demo" / "2024-01" / "01-notice.md"
    assert main(["-q", "build", "--format", "gongwen", str(doc), "--out", str(tmp_path)]) == 0
    (pdf,) = tmp_path.glob("demo/gongwen/2024-01/*.pdf")
    page2 = [line for line in read_lines(pdf) if line.page == 2]
    assert page2[0].text == "附件"
    assert page2[1].text == "示例市城市更新行动方案"
    top = 37 * 72 / 25.4  # the 版心 starts 37 mm down

    def grid_line(line):  # 1-based line of the 22-line grid that holds the text's centre
        return int(((line.top + line.bottom) / 2 - top) // 28.95) + 1
    assert (grid_line(page2[0]), grid_line(page2[1])) == (1, 3)


@pytest.mark.parametrize("organ, date", [
    ("示例市人民政府办公室", "2024年1月10日"),        # the 署名 is the wider: 右空二字
    ("示例市", "2024年12月10日"),                     # the date is the wider: 右空二字
])
def test_the_date_starts_two_characters_right_of_the_signature(organ, date, tmp_path):
    """GB/T 9704 §7.3.5 without a seal: the date's first character stands two characters
    right of the 署名's first, and the wider of the two ends two characters from the right."""
    import shutil

    from .conftest import FIXTURES
    shutil.copytree(FIXTURES / "issues" / "demo", tmp_path / "issues" / "demo")
    doc = tmp_path / "issues" / "demo" / "2024-01" / "02-plan.md"
    text = doc.read_text(encoding="utf-8")
    doc.write_text(text.replace("示例市人民政府办公室\n{: .signature }", f"{organ}\n{{: .signature }}")
                   .replace("2024年1月10日\n{: .date }", f"{date}\n{{: .date }}"), encoding="utf-8")
    assert main(["-q", "build", "--format", "gongwen", str(doc), "--out", str(tmp_path / "out")]) == 0
    (pdf,) = (tmp_path / "out").glob("demo/gongwen/2024-01/*.pdf")
    lines = {line.text.replace(" ", ""): line for line in read_lines(pdf)}
    signature, dated = lines[organ], lines[date]
    character = 156 * 72 / 25.4 / 28                        # one character of the 28-character grid
    right = (28 + 156) * 72 / 25.4                          # the 版心's right edge
    assert dated.x0 - signature.x0 == pytest.approx(2 * character, abs=1.0)
    assert right - max(signature.x1, dated.x1) == pytest.approx(2 * character, abs=4.0)


TABLES = 22


def test_a_table_caption_stays_with_its_table(tmp_path):
    """Issue 15 §2: in 公文 mode a caption never ends a page apart from its table. Tables
    after different amounts of text put a caption at every line of a page."""
    import shutil

    from .conftest import FIXTURES
    shutil.copytree(FIXTURES / "issues" / "demo", tmp_path / "issues" / "demo")
    doc = tmp_path / "issues" / "demo" / "2024-01" / "02-plan.md"
    table = ('```gazette-table\ncaption = "表{n}统计表"\nheader_rows = [["项目", "数值"]]\n'
             'rows = [["甲", "1"], ["乙", "2"], ["丙", "3"]]\n```')
    parts = []
    for n in range(1, TABLES + 1):  # each table one line further down its page than the last
        parts += [(HAN * 2)[: 28 * (n % 11) + 5], table.replace("{n}", str(n))]
    text = doc.read_text(encoding="utf-8")
    doc.write_text(text.replace("各地各部门要落实安全生产责任制。", "\n\n".join(parts)),
                   encoding="utf-8")
    assert main(["-q", "build", "--format", "gongwen", str(doc), "--out", str(tmp_path / "out")]) == 0
    (pdf,) = (tmp_path / "out").glob("demo/gongwen/2024-01/*.pdf")
    lines = read_lines(pdf)
    for n in range(1, TABLES + 1):
        (caption,) = [i for i, line in enumerate(lines) if line.text.replace(" ", "") == f"表{n}统计表"]
        header = lines[caption + 1]
        assert header.text.replace(" ", "").startswith("项目"), lines[caption + 1].text
        assert header.page == lines[caption].page, f"caption of table {n} apart from its table"


def test_an_issue_folder_given_to_gongwen_says_to_name_its_documents(demo_issue, capsys):
    assert main(["-q", "build", "--format", "gongwen", str(demo_issue), "--out",
                 str(demo_issue.parent / "dist")]) == 1
    err = capsys.readouterr().err
    assert f"error: {demo_issue}: a folder: --format gongwen renders document files" in err
    assert not (demo_issue.parent / "dist").exists()


def test_an_issue_build_keeps_the_gongwen_pdfs(tmp_path):
    """The 公文 PDFs live beside the issue folders: building the issue again (which
    replaces its folder whole) does not delete them."""
    from .conftest import FIXTURES
    doc = FIXTURES / "issues" / "demo" / "2024-01" / "01-notice.md"
    out = tmp_path / "out"
    assert main(["-q", "build", "--format", "gongwen", str(doc), "--out", str(out)]) == 0
    (pdf,) = out.glob("demo/gongwen/2024-01/*.pdf")
    assert pdf.stat().st_mode & 0o777 == 0o644
    assert main(["-q", "build", str(doc.parent), "--out", str(out), "--no-pdf"]) == 0
    assert pdf.is_file() and (out / "demo" / "2024-01" / "index.html").is_file()


def test_a_mark_only_the_generic_family_has_prints_in_gongwen(demo_issue):
    """‟ U+201F (a real page's mis-encoded 〔〕) is in no CJK face: the 公文 sheet ends its
    stacks with a generic family, as the print edition does, and the glyph check counts it."""
    import subprocess
    doc = demo_issue / "01-notice.md"
    text = doc.read_text(encoding="utf-8")
    paragraph = next(line for line in text.split("\n\n")[1:] if line and line[0] not in "#{`-")
    doc.write_text(text.replace(paragraph, paragraph + "（国办发„2009\u201f3号）", 1),
                   encoding="utf-8")
    out = demo_issue.parent / "dist"
    assert main(["-q", "build", "--format", "gongwen", str(doc), "--out", str(out)]) == 0
    (pdf,) = out.glob("demo/gongwen/2024-01/*.pdf")
    assert "\u201f" in subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                      text=True, check=True).stdout
