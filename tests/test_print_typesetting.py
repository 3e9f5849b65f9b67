"""Typography a typesetter would sign (issue 15 §2), read back from the print PDF.

One generated issue exercises every rule at many positions at once: 24 documents with
titles of every length (joint organs among them), name lists, filler of varying
length before tables with captions, group rows, long unit names, figures and two-line
notes, in two columns, under a 目录 of two pages. Each test reads the PDF with
pdfplumber (characters, their sizes and positions), never the HTML.
"""

from __future__ import annotations

import dataclasses
import io
import re

import pdfplumber
import pytest

from gazette_pub.manifest import load_issue
from gazette_pub.render.pdf import render_issue_pdf, theme_values
from gazette_pub.themes import load_theme

pytestmark = pytest.mark.slow

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = ["建国", "卫东", "秀英", "志强", "丽华", "国辉", "海燕", "振家", "明", "刚", "春梅", "宏伟"]


def names(count: int, start: int = 0) -> list[str]:
    """Distinct synthetic names of two and three characters."""
    return [SURNAMES[(start + i) % len(SURNAMES)] + GIVEN[(start * 7 + i * 5) % len(GIVEN)]
            for i in range(count)]


SUBJECTS = ["加强", "城乡", "社区", "基层", "医疗", "保障", "制度", "改革", "公共", "服务",
            "体系", "建设", "生态", "环境", "保护", "数字", "经济", "发展", "营商", "优化",
            "乡村", "振兴", "有效", "衔接", "安全", "生产", "责任", "落实"]
FORMS = ["实施意见", "通知", "工作方案", "若干措施", "决定", "函"]
FILLER = ("为进一步做好相关工作，结合本地实际，经研究同意，现就有关事项通知如下，请认真贯彻"
          "执行，各单位要加强组织领导，明确责任分工，确保各项任务落到实处。")
UNITS = ["某某县文化馆", "某某市天净沙文化创意产业有限公司", "某某区文化旅游广电局",
         "某某传媒有限公司", "某某县非物质文化遗产保护中心"]
GROUPS = ["民间文学", "传统音乐", "传统美术", "传统技艺"]
NOTE = ("注：本表所列项目按申报地区排列，保护责任单位应当制定保护计划，"
        "履行保护职责，每年报告项目保护情况。")
N_DOCS = 24


def toc_chars_per_line() -> int:
    """Han characters on a full line of a 目录 entry (A4 less the margins, less the
    entry's two-character indent) in the default theme."""
    from gazette_pub.themes import length_pt, page_size_pt
    p = load_theme("default").print
    width = (page_size_pt(p.page_size)[0] - length_pt(p.margin_inner)
             - length_pt(p.margin_outer))
    return int(width / p.font_size_pt) - 2


def title_length(i: int) -> int:
    """A title without 文号 ends its 目录 entry 0–3 characters short of a full line (no
    room for the leader and page number after it); every even numbered one takes three
    lines or four, so that its entry, with the 文号 line, could split over two pages; the
    others take every length from 20 to about 80."""
    full = toc_chars_per_line()
    if not has_number(i):
        return full * (1 + i % 2) - (i // 3) % 4
    if i % 2 == 0:
        return 2 * full + 5 + (i * 5) % 30
    return 20 + (i * 13) % 60


def title_of(i: int) -> str:
    """A title of :func:`title_length` characters; every fourth of joint organs."""
    organ = "示例省党委 示例省人民政府" if i % 4 == 1 else "示例省人民政府办公厅"
    form = FORMS[i % len(FORMS)]
    wrap = ("印发《关于", f"的{form}》的通知") if i % 3 == 0 else ("关于", f"的{form}")
    length = title_length(i) - len(organ.replace(" ", "")) - len("".join(wrap))
    subject = "".join(SUBJECTS[(i * 3 + k) % len(SUBJECTS)] for k in range(60))[:length]
    return f"{organ}{wrap[0]}{subject}{wrap[1]}"


def has_number(i: int) -> bool:
    """Every third document has no 文号: its 目录 entry ends with its title."""
    return i % 3 != 2


def table_block(i: int) -> str:
    rows = []
    for g, group in enumerate(GROUPS[: 2 + i % 3]):
        rows.append(f'  [{{text = "{group}", colspan = 4}}],')
        for r in range(1 + (i + g) % 3):
            n = g * 3 + r + 1
            rows.append(f'  ["{n}", "项目{n}（2021-2035年）", "{1234567.89 + n:.2f}", '
                        f'"{UNITS[(i + n) % len(UNITS)]}"],')
    return "\n".join([
        "```gazette-table",
        f'caption = "第{i}批代表性项目名录"',
        'header_rows = [["序号", "项目名称", "金额（元）", "保护责任单位"]]',
        "rows = [", *rows, "]",
        f'footnotes = ["{NOTE}"]',
        "```",
    ])


def document(i: int) -> str:
    people = names(9, start=i)
    filler = (FILLER * 3)[: 30 + (i * 17) % 80]
    body = [f"参加人员：{'、'.join(people)}。", *([filler] * (i % 4)), table_block(i)]
    number = [f'doc_number = "示政发〔2024〕{i}号"'] if has_number(i) else []
    return "\n".join(["+++", f"seq = {i}", f'title = "{title_of(i)}"', *number,
                      "+++", "", "\n\n".join(body), ""])


@pytest.fixture(scope="module")
def typeset(tmp_path_factory):
    """The generated issue printed in two columns: (issue, theme, printed, pdfplumber PDF)."""
    root = tmp_path_factory.mktemp("typesetting") / "typo"
    folder = root / "2024-01"
    folder.mkdir(parents=True)
    committee = names(40, start=3)
    (root / "gazette.toml").write_text("\n".join([
        "[gazette]", 'id = "typo"', 'name = "示例省人民政府公报"', 'theme = "default"', "",
        "[editorial_committee]", '"主任" = ["房全忠"]',
        f'"委员" = [{", ".join(repr(n).replace(chr(39), chr(34)) for n in committee)}]', "",
        "[colophon]", f'"责任编辑" = [{", ".join(chr(34) + n + chr(34) for n in names(12))}]', ""]),
        encoding="utf-8")
    sections = []
    for s, (title, seqs) in enumerate([("省政府文件", range(1, 13)),
                                       ("省政府办公厅文件", range(13, N_DOCS + 1))]):
        files = ", ".join(f'"{i:02d}-doc.md"' for i in seqs)
        sections.append(f'[[sections]]\ntitle = "{title}"\ndocuments = [{files}]\n')
        for i in seqs:
            (folder / f"{i:02d}-doc.md").write_text(document(i), encoding="utf-8")
    (folder / "issue.toml").write_text(
        "[issue]\nyear = 2024\nnumber = 1\ncumulative = 1\ndate = 2024-01-15\n\n"
        + "\n".join(sections), encoding="utf-8")
    issue = load_issue(folder)
    default = load_theme("default")
    theme = dataclasses.replace(default, print=dataclasses.replace(default.print, columns=2))
    printed = render_issue_pdf(issue, theme)
    pdf = pdfplumber.open(io.BytesIO(printed.pdf))
    yield issue, theme, printed, pdf
    pdf.close()


# --------------------------------------------------------------------------- reading the PDF

def lines_of(chars, tolerance: float = 2.0) -> list[list[dict]]:
    """Characters grouped into printed lines (same baseline), top to bottom, left to right."""
    lines: list[list[dict]] = []
    for char in sorted(chars, key=lambda c: (round(c["bottom"]), c["x0"])):
        if not char["text"].strip():
            continue
        if lines and abs(lines[-1][0]["bottom"] - char["bottom"]) <= tolerance:
            lines[-1].append(char)
        else:
            lines.append([char])
    return [sorted(line, key=lambda c: c["x0"]) for line in lines]


def text(line) -> str:
    return "".join(c["text"] for c in line)


def columns(page, theme) -> list[list[list[dict]]]:
    """The text lines of each body column of ``page``, without running heads and folio."""
    p = theme.print
    top = _pt(p.margin_top) - 1
    bottom = float(page.height) - _pt(p.margin_bottom) + 1
    middle = float(page.width) / 2
    inside = [c for c in page.chars if top <= c["top"] and c["bottom"] <= bottom]
    if p.columns == 1:
        return [lines_of(inside)]
    return [lines_of([c for c in inside if c["x1"] <= middle]),
            lines_of([c for c in inside if c["x0"] >= middle])]


def _pt(length: str) -> float:
    from gazette_pub.themes import length_pt
    return length_pt(length)


def folio(page, theme) -> int | None:
    """The page number printed in the bottom margin of ``page``."""
    bottom = float(page.height) - _pt(theme.print.margin_bottom)
    digits = "".join(c["text"] for c in sorted(page.chars, key=lambda c: c["x0"])
                     if c["top"] > bottom and c["text"].isdigit())
    return int(digits) if digits else None


def body_pages(printed, pdf):
    return [(i, page) for i, page in enumerate(pdf.pages) if printed.page_labels[i] is not None]


def toc_pages(printed, pdf):
    first_body = next(i for i, label in enumerate(printed.page_labels) if label is not None)
    return pdf.pages[1:first_body]


# --------------------------------------------------------------------------- 目录

def test_toc_over_two_pages_prints_the_pages_where_documents_start(typeset):
    """Every 目录 number is the number printed on the page where the document starts
    (its 文号 under its title), and that number counts from the theme's first body page:
    with a 目录 of two pages, a missing body counter reset shows here (issue 14 §5)."""
    issue, theme, printed, pdf = typeset
    toc = toc_pages(printed, pdf)
    assert len(toc) >= 2, "the fixture's 目录 takes two pages or more"
    toc_lines = [text(line) for page in toc for line in lines_of(page.chars)]
    body = body_pages(printed, pdf)
    first_index = body[0][0]
    numbered = [doc for doc in issue.documents if doc.doc_number]
    assert len(numbered) >= 16
    for doc in numbered:
        number = f"（{doc.doc_number}）"
        entry = [line for line in toc_lines if line.startswith(number)]
        assert len(entry) == 1, f"{doc.doc_number} not once at a line start of the 目录"
        listed = re.fullmatch(re.escape(number) + r"[.·…\s]*\((\d+)\)", entry[0])
        assert listed, f"leader and page number not on the 文号's line: {entry[0]!r}"
        start = next(i for i, page in body if number in re.sub(r"\s", "", page.extract_text()))
        printed_number = folio(pdf.pages[start], theme)
        assert printed_number == theme.print.first_body_page + start - first_index
        assert int(listed[1]) == printed_number == printed.pages[doc.id][0], doc.doc_number


def test_no_blank_page_after_the_toc_and_no_entry_split(typeset):
    issue, _theme, printed, pdf = typeset
    toc = toc_pages(printed, pdf)
    after = pdf.pages[1 + len(toc)]
    assert issue.documents[0].doc_number in re.sub(r"\s", "", after.extract_text()), \
        "the body starts on the page right after the 目录"
    texts = [re.sub(r"\s", "", page.extract_text()) for page in toc]
    for doc in issue.documents:
        entry = re.sub(r"\s", "", doc.toc_title) + (f"（{doc.doc_number}）" if doc.doc_number else "")
        assert sum(entry in t for t in texts) == 1, f"目录 entry of {doc.id} split over two pages"


def test_no_leader_alone_on_a_line(typeset):
    _issue, _theme, printed, pdf = typeset
    for page in toc_pages(printed, pdf):
        for line in lines_of(page.chars):
            assert not re.fullmatch(r"[.·…]*\(?\d+\)?", text(line)), text(line)


def test_the_body_may_start_on_a_recto_when_the_theme_asks():
    from gazette_pub.manifest import load_issue as load
    from .conftest import FIXTURES
    issue = load(FIXTURES / "issues" / "demo" / "2024-01")
    theme = load_theme("default")
    assert theme_values(theme, issue)["body-break"] == "page"
    recto = dataclasses.replace(theme, print=dataclasses.replace(theme.print,
                                                                 body_starts_recto=True))
    assert theme_values(recto, issue)["body-break"] == "right"


# --------------------------------------------------------------------------- names

def test_names_are_never_split(typeset):
    issue, theme, printed, pdf = typeset
    cover = "\n".join(text(line) for line in lines_of(pdf.pages[0].chars))
    committee = [n for _role, people in issue.gazette.editorial_committee for n in people]
    assert len(committee) > 30
    for name in committee:
        assert name in cover, f"committee name {name} split over two lines"
    listed = 0
    for _i, page in body_pages(printed, pdf):
        for column in columns(page, theme):
            flowing = "\n".join(text(line) for line in column)
            for doc in issue.documents:
                for name in names(9, start=doc.seq):
                    whole = flowing.replace("\n", "").count(name)
                    assert flowing.count(name) == whole, f"{name} split on page {page.page_number}"
                    listed += whole
    assert listed >= 9 * len(issue.documents)


# --------------------------------------------------------------------------- titles

def title_lines(typeset) -> dict[str, list[tuple[str, list[dict]]]]:
    """Document id → the printed lines of its title (text, characters)."""
    issue, theme, printed, pdf = typeset
    size = theme.print.title_scale * theme.print.font_size_pt
    found = []
    for _i, page in body_pages(printed, pdf):
        for column in columns(page, theme):
            found += [line for line in column if abs(line[0]["size"] - size) < 0.5]
    result = {}
    position = 0
    for doc in issue.documents:
        want = re.sub(r"\s", "", doc.title)
        got, lines = "", []
        while got != want:
            assert position < len(found) and want.startswith(got + text(found[position])), \
                f"title of {doc.id} not printed as expected after {got!r}"
            got += text(found[position])
            lines.append((text(found[position]), found[position]))
            position += 1
        result[doc.id] = lines
    return result


def test_titles_turn_lines_balanced_and_never_leave_a_lone_character(typeset):
    lines_by_doc = title_lines(typeset)
    multi = [lines for lines in lines_by_doc.values() if len(lines) > 1]
    assert len(multi) >= 10, "the fixture has titles of several lines"
    for lines in multi:
        lengths = [len(t) for t, _chars in lines]
        assert min(lengths) >= 2, lines
        assert max(lengths) - min(lengths) <= 4, [t for t, _ in lines]
        for (before, _), (after, _) in zip(lines, lines[1:]):
            assert before[-1] not in "（《〔“", (before, after)
            assert after[0] not in "）》〕”、，。的", (before, after)


def test_joint_organs_keep_their_space_in_titles(typeset):
    issue, theme, _printed, _pdf = typeset
    size = theme.print.title_scale * theme.print.font_size_pt
    lines_by_doc = title_lines(typeset)
    joint = [doc for doc in issue.documents if " " in doc.title]
    assert len(joint) >= 5
    for doc in joint:
        first_organ = doc.title.split(" ")[0]
        first_line, chars = lines_by_doc[doc.id][0]
        if first_line == first_organ:
            continue  # the line turns at the space
        k = len(first_organ)
        gap = chars[k]["x0"] - chars[k - 1]["x1"]
        assert gap >= 0.8 * size, f"{doc.title}: {gap:.1f}pt between the organs"


# --------------------------------------------------------------------------- tables

def table_size(theme) -> float:
    return theme.print.table_scale * theme.print.font_size_pt


def test_notes_groups_and_captions_keep_with_their_table(typeset):
    _issue, theme, printed, pdf = typeset
    seen = {"note": 0, "group": 0, "caption": 0}
    for _i, page in body_pages(printed, pdf):
        for column in columns(page, theme):
            texts = [text(line) for line in column]
            for n, line in enumerate(texts):
                if line.startswith("注："):
                    seen["note"] += 1
                    assert n > 0 and abs(column[n - 1][0]["size"] - table_size(theme)) < 0.3, \
                        f"table note without a row of its table above it, page {page.page_number}"
                if line in GROUPS:
                    seen["group"] += 1
                    assert n + 1 < len(texts), f"group row {line} ends a column, page {page.page_number}"
                if re.fullmatch(r"第\d+批代表性项目名录", line):
                    seen["caption"] += 1
                    assert n + 1 < len(column) and \
                        abs(column[n + 1][0]["size"] - table_size(theme)) < 0.3, \
                        f"caption {line} apart from its table, page {page.page_number}"
    tables = N_DOCS
    assert seen["note"] >= tables and seen["group"] >= 2 * tables and seen["caption"] == tables, seen


def test_cells_keep_figures_whole_and_no_lone_character(typeset):
    issue, theme, printed, pdf = typeset
    size = table_size(theme)
    figures = periods = 0
    for _i, page in body_pages(printed, pdf):
        words = page.extract_words(x_tolerance=4, extra_attrs=["size"])
        for word in (w for w in words if abs(w["size"] - size) < 0.3):
            assert not re.fullmatch(r"[\u4e00-\u9fff]", word["text"]), \
                f"lone character {word['text']} in a cell, page {page.page_number}"
            figures += bool(re.fullmatch(r"\d{7}\.\d\d", word["text"]))
            periods += "2021-2035" in word["text"]
    expected = sum(1 + (doc.seq + g) % 3 for doc in issue.documents
                   for g in range(2 + doc.seq % 3))
    assert figures == periods == expected, "every figure printed whole on one line"
