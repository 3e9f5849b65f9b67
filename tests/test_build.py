"""A whole build of the demo issue: PDF structure and text, HTML structure, manifest.json."""

import io
import json
import re

import pytest
from lxml import html as lxml_html
from pypdf import PdfReader

from gazette_pub import urls

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def demo(demo_build):
    report, out = demo_build
    built = report.built[0]
    issue_dir = out / urls.issue_dir(built.issue)
    reader = PdfReader(io.BytesIO((out / urls.issue_pdf(built.issue)).read_bytes()))
    return built, out, issue_dir, reader


def page_texts(reader) -> list[str]:
    return [re.sub(r"\s+", "", page.extract_text()) for page in reader.pages]


def printed_number(reader, index: int) -> int:
    """The page number printed at the foot of physical page ``index``."""
    lines = [ln.strip() for ln in reader.pages[index].extract_text().splitlines() if ln.strip()]
    numbers = [int(ln) for ln in lines if ln.isdigit()]
    assert numbers, f"no page number printed on page {index + 1}"
    return numbers[-1]


def test_outputs_exist(demo):
    built, out, issue_dir, _reader = demo
    names = sorted(p.relative_to(issue_dir).as_posix() for p in issue_dir.rglob("*") if p.is_file())
    assert names == ["01-notice.html", "02-plan.html", "03-stats.html", "demo-2024-01.pdf",
                     "index.html", "manifest.json", "pdf/01-notice.pdf", "pdf/02-plan.pdf",
                     "pdf/03-stats.pdf", "tables/03-stats-b1.csv", "tables/03-stats-b1.json"]
    assert (out / "static" / "screen.css").is_file()


def test_toc_page_numbers_equal_the_pages_where_titles_are_printed(demo):
    built, _out, _dir, reader = demo
    texts = page_texts(reader)
    toc = next(t for t in texts if "目录" in t)
    for doc in built.issue.documents:
        title = re.sub(r"\s+", "", doc.title)
        printed_on = [printed_number(reader, i) for i, t in enumerate(texts)
                      if title in t and "目录" not in t]
        assert printed_on, f"title of {doc.id} not found in the body"
        toc_entry = re.search(re.escape(doc.toc_title) + r".*?\((\d+)\)", toc)
        assert toc_entry, f"{doc.id} missing from the 目录"
        assert int(toc_entry[1]) == printed_on[0] == built.pages[doc.id][0]


def test_pdf_metadata_and_bookmarks(demo):
    built, _out, _dir, reader = demo
    meta = reader.metadata
    assert meta.title == "示例市人民政府公报 2024年第1期"
    assert meta.author == "示例市人民政府公报"
    assert meta["/CreationDate"].startswith("D:20240115")
    assert flatten(reader.outline) == [
        (0, "目\u3000录"),
        (0, "市政府文件"),
        (1, "示例市人民政府关于印发《示例市城市更新行动方案》的通知"),
        (2, "示例市城市更新行动方案"),
        (1, "示例市人民政府办公室关于做好春节期间安全生产工作的通知"),
        (0, "经济数据"),
        (1, "2023年示例市主要经济指标"),
    ]


def flatten(outline, depth=0) -> list[tuple[int, str]]:
    """(depth, title) of every bookmark, in order."""
    items = []
    for item in outline:
        if isinstance(item, list):
            items += flatten(item, depth + 1)
        else:
            items.append((depth, item.title))
    return items


def test_fonts_are_embedded_and_subset(demo):
    _built, _out, _dir, reader = demo
    fonts = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            descriptor = descriptor.get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts.add(str(font["/BaseFont"]))
    assert fonts and all(re.match(r"/[A-Z]{6}\+", name) for name in fonts), fonts


def test_per_document_pdfs_hold_their_pages(demo):
    built, _out, issue_dir, _reader = demo
    for doc in built.issue.documents:
        first, last = built.pages[doc.id]
        cut = PdfReader(io.BytesIO((issue_dir / "pdf" / f"{doc.seq:02d}-{doc.slug}.pdf").read_bytes()))
        assert len(cut.pages) == last - first + 1
        assert re.sub(r"\s+", "", doc.title) in re.sub(r"\s+", "", cut.pages[0].extract_text())


def test_per_document_pdfs_carry_their_own_metadata_and_outline(demo):
    built, _out, issue_dir, reader = demo
    assert any(doc.enclosed for doc in built.issue.documents)
    for doc in built.issue.documents:
        cut = PdfReader(io.BytesIO((issue_dir / "pdf" / f"{doc.seq:02d}-{doc.slug}.pdf").read_bytes()))
        assert cut.metadata.title == doc.title
        assert cut.metadata.author == ("、".join(doc.organs) or built.issue.gazette.name)
        assert cut.metadata.subject.startswith(built.issue.gazette.name)
        assert doc.doc_number in cut.metadata.subject
        assert cut.metadata["/CreationDate"] == reader.metadata["/CreationDate"]
        assert cut.trailer["/Root"]["/Lang"] == "zh-CN"
        top = [item for item in cut.outline if not isinstance(item, list)]
        assert [item.title for item in top] == [doc.title]
        assert cut.get_destination_page_number(top[0]) == 0
        enclosed = [item.title for item in (cut.outline[1:2] or [[]])[0]]
        assert enclosed == [e.title for e in doc.enclosed]


def test_manifest_json_has_printed_pages(demo):
    built, _out, issue_dir, _reader = demo
    data = json.loads((issue_dir / "manifest.json").read_text())
    docs = [d for s in data["sections"] for d in s["documents"]]
    assert [tuple(d["pages"]) for d in docs] == [built.pages[d.id] for d in built.issue.documents]


@pytest.mark.parametrize("page, xpath, expected", [
    ("index.html", "/html/@lang", ["zh-CN"]),
    ("index.html", "//nav[@class='toc']//a/@href", ["01-notice.html", "02-plan.html", "03-stats.html"]),
    ("index.html", "//a[contains(@href, '.pdf')]/@href", ["demo-2024-01.pdf"]),
    ("01-notice.html", "//h1[@class='doc-title']/text()", ["示例市人民政府关于印发《示例市城市更新行动方案》的通知"]),
    ("01-notice.html", "//p[@class='doc-number']/text()", ["示政发〔2024〕1号"]),
    ("01-notice.html", "//p[@class='addressee']/text()", ["各区县人民政府，市政府各部门："]),
    ("01-notice.html", "//div[@class='signature']/p/text()", ["示例市人民政府"]),
    ("01-notice.html", "//p[@class='date']/@data-date", ["2024-01-05"]),
    ("01-notice.html", "//*[@class='enclosed-title']/text()", ["示例市城市更新行动方案"]),
    ("01-notice.html", "//p[contains(@class,'h1')]/span[@class='lead']/text()", ["一、总体要求"]),
    ("01-notice.html", "//a[@rel='next']/@href", ["02-plan.html"]),
    ("03-stats.html", "//table/thead/tr[1]/th/@scope", ["col", "col", "colgroup"]),
    ("03-stats.html", "//table/thead/tr[1]/th[1]/@rowspan", ["2"]),
    ("03-stats.html", "//table/tbody/tr[@class='group']/th/@colspan", ["4", "4"]),
    ("03-stats.html", "//figure/p[@class='table-note']/text()", ["注：数据为初步统计。"]),
])
def test_html_structure(demo, page, xpath, expected):
    _built, _out, issue_dir, _reader = demo
    tree = lxml_html.fromstring((issue_dir / page).read_bytes())
    assert tree.xpath(xpath) == expected


def test_html_has_no_external_resources(demo):
    _built, _out, issue_dir, _reader = demo
    for page in issue_dir.glob("*.html"):
        tree = lxml_html.fromstring(page.read_bytes())
        for url in tree.xpath("//@href | //@src"):
            assert not re.match(r"(https?:)?//", url), (page.name, url)


def test_same_input_gives_identical_bytes(demo, tmp_path):
    from gazette_pub.pipeline import build
    built, out, _dir, _reader = demo
    again = build([__import__("pathlib").Path(built.issue.folder)], tmp_path)
    for path, data in again.built[0].files.items():
        assert (out / path).read_bytes() == data, path
