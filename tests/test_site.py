"""The website edition (`gazette site`): pages, permalinks, data files, checks, rebuilds."""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import shutil
import sys
import threading
import urllib.request
from dataclasses import replace
from pathlib import Path, PurePosixPath

import lxml.etree
import lxml.html
import pytest

from gazette_pub import urls
from gazette_pub.errors import RenderError
from gazette_pub.manifest import load_issue
from gazette_pub.model import Document
from gazette_pub.render.html import WebSite, page_marks, table_grid
from gazette_pub.site import build_site, site_issue
from gazette_pub.site.verify import find_in_print, verify_issue
from gazette_pub.themes import load_theme

from .conftest import FIXTURES, ROOT, SITE_BASE_URL, SITE_SETTINGS, write_settings

DEMO = FIXTURES / "issues" / "demo" / "2024-01"
ATOM = "{http://www.w3.org/2005/Atom}"


def check_xpath(root: Path, file: str, xpath: str, expected) -> None:
    """``expected`` is the list of the XPath's string results, or a callable that checks it."""
    tree = lxml.html.parse(str(root / file))
    found = [str(r).strip() for r in tree.xpath(xpath)]
    if callable(expected):
        assert expected(found), f"{file}: {xpath} gave {found}"
    else:
        assert found == expected, f"{file}: {xpath}"


@pytest.fixture(scope="module")
def manifest(demo_site):
    site, _ = demo_site
    return json.loads((site / "demo/2024-01/manifest.json").read_text(encoding="utf-8"))


def doc_pages(manifest) -> dict[str, list[int]]:
    return {d["slug"]: d["pages"] for s in manifest["sections"] for d in s["documents"]}


SITE_FILES = [
    "index.html", "demo/index.html", "demo/2024/index.html", "demo/2024-01/index.html",
    "demo/2024-01/01-notice.html", "demo/2024-01/02-plan.html", "demo/2024-01/03-stats.html",
    "demo/2024-01/demo-2024-01.pdf", "demo/2024-01/pdf/02-plan.pdf", "demo/2024-01/cover.png",
    "demo/2024-01/tables/03-stats-b1.csv", "demo/2024-01/tables/03-stats-b1.json",
    "demo/2024-01/manifest.json", "search/index.html", "feed.xml", "sitemap.xml",
    "static/screen.css", "static/search.js", "pagefind/pagefind.js",
]


@pytest.mark.parametrize("file", SITE_FILES)
def test_site_has_every_page_and_download(demo_site, file):
    site, _ = demo_site
    assert (site / file).is_file()


def test_site_holds_no_build_cache(demo_site):
    site, _ = demo_site
    assert not list(site.rglob("*.pickle")), "the site is published as it is"


def test_dist_gets_the_lone_issue_edition(demo_site):
    _, dist = demo_site
    assert (dist / "demo/2024-01/pdf/03-stats.pdf").is_file()
    page = lxml.html.parse(str(dist / "demo/2024-01/02-plan.html"))
    assert page.xpath("//form[@role='search']") == []  # no site around a lone issue
    assert not (dist / "index.html").exists()


NAVIGATION = [
    ("index.html", "//main//ul[@class='gazettes']//a/@href",
     ["demo/index.html", "demo/2024-01/index.html"]),
    ("index.html", "//section[@class='latest']//li/a[1]/@href",
     ["demo/2024-01/01-notice.html", "demo/2024-01/02-plan.html", "demo/2024-01/03-stats.html"]),
    ("index.html", "//footer//a[.='订阅更新']/@href", ["subscribe/index.html"]),
    ("subscribe/index.html", "//code[@class='feed-url']/text()",
     [SITE_BASE_URL + "feed.xml", SITE_BASE_URL + "demo/feed.xml"]),
    ("browse/organ.html", "//section/h2/text()", ["未注明发文机关", "示例市人民政府"]),
    ("browse/kind.html", "//section/h2/text()", ["通知", "其他"]),
    ("browse/kind.html", "//section[h2='通知']//li/a[1]/@href",
     ["../demo/2024-01/01-notice.html", "../demo/2024-01/02-plan.html"]),
    ("demo/index.html", "//main//h3/a/@href", ["2024/index.html"]),
    ("demo/2024/index.html", "//main//li[@class='issue-card']/a/@href", ["../2024-01/index.html"]),
    ("demo/2024/index.html", "//li[@class='issue-card']/a/img/@src", ["../2024-01/cover.png"]),
    ("demo/2024/index.html", "//li[@class='issue-card']//text()",
     lambda t: "2024年第1期" in t and "总第12期" in t and "2024年1月15日" in t),
    ("demo/2024-01/index.html", "//nav[@class='toc']//a/@href",
     ["01-notice.html", "02-plan.html", "03-stats.html"]),
    ("demo/2024-01/index.html", "//p[@class='downloads']/a/@href", ["demo-2024-01.pdf"]),
    ("demo/2024-01/index.html", "//nav[@class='breadcrumb']//a/text()",
     ["首页", "示例市人民政府公报", "2024年"]),
    ("demo/2024-01/02-plan.html", "//nav[@class='breadcrumb']//a/@href",
     ["../../index.html", "../index.html", "../2024/index.html", "index.html"]),
    ("demo/2024-01/02-plan.html", "//a[@rel='prev']/@href", ["01-notice.html"]),
    ("demo/2024-01/02-plan.html", "//a[@rel='next']/@href", ["03-stats.html"]),
    ("demo/2024-01/02-plan.html", "//section[@class='doc-downloads']//a/@href",
     ["pdf/02-plan.pdf", "demo-2024-01.pdf"]),
    ("demo/2024-01/03-stats.html", "//section[@class='doc-downloads']//a/@href",
     ["pdf/03-stats.pdf", "demo-2024-01.pdf", "tables/03-stats-b1.csv",
      "tables/03-stats-b1.json"]),
    ("demo/2024-01/01-notice.html", "//section[@class='doc-info']//dt/text()",
     ["文号", "发文机关", "成文日期", "刊登", "栏目", "文种"]),
    ("demo/2024-01/01-notice.html", "//section[@class='doc-info']//dd/text()",
     lambda t: "市政府文件" in t and "通知" in t),
    ("search/index.html", "//script/@src", ["../static/search.js"]),
    ("search/index.html", "//form[@id='search-page-form']/@method", ["get"]),
]


@pytest.mark.parametrize("file, xpath, expected", NAVIGATION)
def test_pages_link_the_archive_together(demo_site, file, xpath, expected):
    check_xpath(demo_site[0], file, xpath, expected)


METADATA = [
    ("demo/2024-01/02-plan.html", "//link[@rel='canonical']/@href",
     [SITE_BASE_URL + "demo/2024-01/02-plan.html"]),
    ("demo/2024-01/index.html", "//link[@rel='canonical']/@href", [SITE_BASE_URL + "demo/2024-01/"]),
    ("demo/2024-01/02-plan.html", "//meta[@property='og:url']/@content",
     [SITE_BASE_URL + "demo/2024-01/02-plan.html"]),
    ("demo/2024-01/02-plan.html", "//meta[@property='og:type']/@content", ["article"]),
    ("demo/2024-01/02-plan.html", "//meta[@property='og:image']/@content",
     [SITE_BASE_URL + "demo/2024-01/cover.png"]),
    ("demo/2024-01/02-plan.html", "/html/@lang", ["zh-CN"]),
    ("demo/2024-01/02-plan.html", "//h1/text()", ["示例市人民政府办公室关于做好春节期间安全生产工作的通知"]),
    ("demo/2024-01/02-plan.html", "//link[@rel='alternate']/@href", [SITE_BASE_URL + "feed.xml"]),
    ("demo/2024-01/02-plan.html", "//main/@id", ["main"]),
    ("index.html", "//meta[@http-equiv='Content-Security-Policy']/@content",
     lambda c: "script-src 'self' 'wasm-unsafe-eval'" in c[0] and "default-src 'none'" in c[0]
     and "unsafe-inline" not in c[0]),
]


@pytest.mark.parametrize("file, xpath, expected", METADATA)
def test_pages_carry_canonical_links_and_open_graph(demo_site, file, xpath, expected):
    check_xpath(demo_site[0], file, xpath, expected)


def _jsonld(path: Path) -> dict:
    (script,) = lxml.html.parse(str(path)).xpath("//script[@type='application/ld+json']/text()")
    return json.loads(script)


def test_json_ld_describes_issue_and_document(demo_site):
    site, _ = demo_site
    issue = _jsonld(site / "demo/2024-01/index.html")
    assert (issue["@type"], issue["issueNumber"], issue["datePublished"]) == \
        ("PublicationIssue", "1", "2024-01-15")
    assert issue["isPartOf"] == {"@type": "Periodical", "name": "示例市人民政府公报"}
    doc = _jsonld(site / "demo/2024-01/02-plan.html")
    # A notice about holiday work is no rule: CreativeWork, its 文种 as genre.
    assert (doc["@type"], doc["identifier"], doc["genre"]) == \
        ("CreativeWork", "示政办发〔2024〕3号", "通知")
    assert doc["isPartOf"]["@type"] == "PublicationIssue"
    assert doc["url"] == SITE_BASE_URL + "demo/2024-01/02-plan.html"
    assert doc["encoding"] == {"@type": "MediaObject", "encodingFormat": "application/pdf",
                               "name": doc["name"] + "（PDF）",
                               "contentUrl": SITE_BASE_URL + "demo/2024-01/pdf/02-plan.pdf"}
    assert doc["associatedMedia"]["contentUrl"] == SITE_BASE_URL + "demo/2024-01/demo-2024-01.pdf"


@pytest.mark.parametrize("title, kind", [
    ("某市人民政府关于印发《某市行政规范性文件管理办法》的通知", True),
    ("某市人民政府办公室关于印发《某市促进消费若干措施的实施意见》的通知", True),
    ("某市人民政府关于深化医疗保障制度改革的实施意见", True),
    ("某市城市供水管理办法（试行）", True),
    ("某省人民政府令", True),
    ("某市人民政府关于张三等同志职务任免的通知", False),
    ("某市人民政府办公厅关于同意建立联席会议制度的函", False),
    ("某市人民政府关于某县撤县设市的批复", False),
    ("2021年1月—4月某省主要经济指标完成情况", False),
])
def test_json_ld_calls_only_rules_and_normative_documents_legislation(title, kind):
    from gazette_pub.render.html import is_legislation
    assert is_legislation(title) is kind


@pytest.mark.parametrize("colophon, expected", [
    ((("国际标准刊号", "ISSN1008—0783"), ("国内统一刊号", "CN64—1062/D")),
     {"ISSN": "ISSN 1008-0783", "CN": "CN 64-1062/D"}),
    ((("ISSN", "ISSN 0000-0019"),), {"ISSN": "ISSN 0000-0019"}),
    # a wrong check digit is not corrected: shown as printed
    ((("国际标准刊号", "ISSN1008—0784"),), {"ISSN": "ISSN1008—0784"}),
    ((("国际标准刊号", "待定"),), {"ISSN": "待定"}),
    ((), {}),
])
def test_issn_and_cn_are_written_as_the_standards_write_them(colophon, expected):
    from gazette_pub.model import Gazette
    from gazette_pub.render.html import standard_numbers
    assert standard_numbers(Gazette("g", "公报", colophon=colophon)) == expected


def test_toc_page_numbers_and_page_anchors_agree_with_the_manifest(demo_site, manifest):
    site, _ = demo_site
    pages = doc_pages(manifest)
    toc = lxml.html.parse(str(site / "demo/2024-01/index.html"))
    assert {li.find("a").get("href").removesuffix(".html").split("-", 1)[1]:
            int(li.find_class("toc-page")[0].get("data-page"))
            for li in toc.xpath("//nav[@class='toc']//li")} == \
        {slug: first for slug, (first, _) in pages.items()}
    for slug, (first, last) in pages.items():
        (page,) = site.glob(f"demo/2024-01/??-{slug}.html")
        marks = lxml.html.parse(str(page)).xpath("//article//*[@class='page-mark']/@id")
        assert marks == [f"page-{n}" for n in range(first, last + 1)]


def test_a_document_spanning_pages_marks_the_block_where_each_page_starts(demo_site, manifest):
    site, _ = demo_site
    first, last = doc_pages(manifest)["plan"]
    assert last == first + 1, "the fixture's second document runs over a page break"
    page = lxml.html.parse(str(site / "demo/2024-01/02-plan.html"))
    (mark,) = page.xpath(f"//*[@id='page-{last}']")
    assert mark.getnext().get("id").startswith("demo-2024-01-02-b")


def _doc(doc_id: str) -> Document:
    return Document(id=doc_id, seq=1, slug="x", title="标题", toc_title="标题", doc_number="",
                    doc_number_raw="", organs=(), blocks=())


def test_page_marks_go_before_the_first_block_of_each_page_or_the_block_running_over_it():
    anchors = {"g-1": 3, "g-1-title": 3, "g-1-b1": 3, "g-1-b2": 4, "g-1-b3": 6, "g-1-e1": 6,
               "g-1-e1-b1": 6, "g-1-end": 6, "g-10": 6, "g-10-b1": 6}
    assert page_marks(_doc("g-1"), (3, 6), anchors) == {
        "g-1": (3,), "g-1-b2": (4, 5), "g-1-b3": (6,)}


def test_page_marks_can_go_into_the_table_row_that_starts_a_page():
    anchors = {"g-1": 3, "g-1-title": 3, "g-1-b1": 3, "g-1-b1-r1": 3, "g-1-b1-r9": 4,
               "g-1-b1-r10": 4, "g-1-b2": 4, "g-1-end": 4}
    assert page_marks(_doc("g-1"), (3, 4), anchors) == {"g-1": (3,), "g-1-b1-r9": (4,)}


def test_a_long_table_is_checked_and_marked_row_by_row(demo_issue):
    stats = demo_issue / "03-stats.md"
    rows = "\n".join(f'  ["第{n}项指标", "亿元", "{n}.5", "{n % 9}.1"],' for n in range(1, 90))
    text = stats.read_text(encoding="utf-8")
    stats.write_text(text.replace('  [{text = "二、消费", colspan = 4}],',
                                  rows + '\n  [{text = "二、消费", colspan = 4}],'),
                     encoding="utf-8")
    built = site_issue(demo_issue, WebSite(), "0" * 64)  # runs verify_issue: it passes
    first, last = built.pages["demo-2024-01-03"]
    assert last > first, "the table runs over a page break (its header repeats there)"
    page = lxml.html.fromstring(built.files[PurePosixPath("demo/2024-01/03-stats.html")])
    for n in range(first + 1, last + 1):
        (mark,) = page.xpath(f"//*[@id='page-{n}']")
        row = mark.getparent().getparent()
        assert row.tag == "tr" and row.get("id").startswith("demo-2024-01-03-b1-r")
        assert built.anchors[row.get("id")] == n


def test_table_downloads_keep_spans_as_a_grid(demo_site):
    site, _ = demo_site
    text = (site / "demo/2024-01/tables/03-stats-b1.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[:3] == [["指标", "单位", "全年", ""], ["", "", "绝对值", "增长（%）"],
                        ["一、生产", "", "", ""]]
    assert rows[3] == ["地区生产总值", "亿元", "1234.5", "5.2"]
    data = json.loads((site / "demo/2024-01/tables/03-stats-b1.json").read_text(encoding="utf-8"))
    assert data["header_rows"][0][0] == {"text": "指标", "rowspan": 2, "colspan": 1}
    assert data["footnotes"] == ["注：数据为初步统计。"]


def test_table_grid_is_rectangular_for_every_fixture_table():
    issue = load_issue(DEMO)
    for doc in issue.documents:
        for _, table in urls.table_blocks(doc):
            assert {len(row) for row in table_grid(table)} == {table.n_cols}


def test_feed_lists_the_issue_and_its_documents(demo_site):
    site, _ = demo_site
    feed = lxml.etree.parse(str(site / "feed.xml"))
    titles = feed.xpath("//a:entry/a:title/text()", namespaces={"a": ATOM[1:-1]})
    assert titles[0] == "示例市人民政府公报 2024年第1期"
    assert len(titles) == 4
    links = feed.xpath("//a:entry/a:link/@href", namespaces={"a": ATOM[1:-1]})
    assert links[1] == SITE_BASE_URL + "demo/2024-01/01-notice.html"


def test_settings_file_gives_footer_identifiers_robots_and_absolute_feeds(demo_site):
    site, _ = demo_site
    ids = lxml.html.parse(str(site / "demo/2024-01/02-plan.html")).xpath(
        "//footer//dl[@class='site-ids']/div")
    assert {d.findtext("dt"): d.find("dd").text_content() for d in ids} == {
        "主办单位": SITE_SETTINGS["organizer"], "联系方式": SITE_SETTINGS["contact"],
        "网站标识码": SITE_SETTINGS["site_code"], "ICP备案号": SITE_SETTINGS["icp"]}
    check_xpath(site, "index.html", "//h1/text()", [SITE_SETTINGS["name"]])
    assert (site / "robots.txt").read_text(encoding="utf-8") == \
        f"User-agent: *\nAllow: /\nSitemap: {SITE_BASE_URL}sitemap.xml\n"
    for path, name in (("feed.xml", SITE_SETTINGS["name"]), ("demo/feed.xml", "示例市人民政府公报")):
        feed = lxml.etree.parse(str(site / path))
        ns = {"a": ATOM[1:-1]}
        assert feed.xpath("/a:feed/a:title/text()", namespaces=ns) == [name]
        assert feed.xpath("/a:feed/a:link[@rel='self']/@href", namespaces=ns) == \
            [SITE_BASE_URL + path]
        assert all(h.startswith(SITE_BASE_URL)
                   for h in feed.xpath("//a:link/@href", namespaces=ns))


def test_issue_page_prints_issn_and_cn_as_written(tmp_path):
    from gazette_pub.render.html import issue_index_page
    issue = load_issue(ROOT / "issues" / "ningxia" / "2021-10")
    html = issue_index_page(issue, load_theme(issue.gazette.theme), site=WebSite(SITE_BASE_URL))
    footer = lxml.html.fromstring(html).xpath("//footer")[0].text_content()
    assert "ISSN 1008-0783" in footer and "CN 64-1062/D" in footer and "—" not in footer


@pytest.mark.parametrize("text, problem", [
    ('[site]\nbase_url = "ftp://x"\n', "site.base_url"),
    ('[site]\nnmae = "x"\n', "site.nmae"),
    ('[sites]\n', "[site]"),
    ('[site]\nname = 3\n', "site.name"),
    ("[site\n", "invalid TOML"),
])
def test_bad_settings_are_reported_with_the_file(tmp_path, problem, text):
    from gazette_pub.cli import main
    path = tmp_path / "site.toml"
    path.write_text(text, encoding="utf-8")
    from gazette_pub.errors import ConfigError
    from gazette_pub.site.settings import load_settings
    with pytest.raises(ConfigError) as error:
        load_settings(path)
    assert str(path) in str(error.value) and problem in str(error.value)
    assert main(["-q", "site", str(tmp_path / "none"), "--out", str(tmp_path / "o"),
                 "--settings", str(path)]) == 1


def test_sitemap_lists_every_page_with_absolute_urls(demo_site):
    site, _ = demo_site
    sitemap = lxml.etree.parse(str(site / "sitemap.xml"))
    locations = sitemap.xpath("//s:loc/text()",
                              namespaces={"s": "http://www.sitemaps.org/schemas/sitemap/0.9"})
    assert SITE_BASE_URL + "demo/2024-01/03-stats.html" in locations
    assert SITE_BASE_URL + "demo/2024/" in locations
    assert all(loc.startswith(SITE_BASE_URL) for loc in locations)


def test_search_index_holds_each_document_as_bigrams_with_its_text(demo_site):
    site, _ = demo_site
    fragments = []
    for path in (site / "pagefind/fragment").iterdir():
        data = gzip.decompress(path.read_bytes())
        fragments.append(json.loads(data[data.index(b"{"):]))
    assert sorted(f["meta"]["path"] for f in fragments) == [
        "demo/2024-01/01-notice.html", "demo/2024-01/02-plan.html", "demo/2024-01/03-stats.html"]
    plan = next(f for f in fragments if f["meta"]["path"].endswith("02-plan.html"))
    assert plan["meta"]["title"] == "示例市人民政府办公室关于做好春节期间安全生产工作的通知"
    assert plan["meta"]["issue"] == "示例市人民政府公报 2024年第1期 第3–4页"
    assert plan["meta"]["text"].startswith(plan["meta"]["title"] + "\n示政办发〔2024〕3号\n")
    assert "第4页" not in plan["meta"]["text"], "print-page marks are not indexed"
    words = plan["content"].replace("\u200b", "").split()
    assert words[:4] == ["示例", "例市", "市人", "人民"]
    assert {"2024", "3"} <= set(words)
    assert (plan["meta"]["kind"], plan["meta"]["year"], plan["meta"]["section"]) == \
        ("通知", "2024", "市政府文件")


def test_search_index_is_the_same_bytes_for_the_same_issues():
    from gazette_pub.site.search import build_index
    issue = load_issue(DEMO)
    assert build_index([(issue, {})]) == build_index([(issue, {})])


@pytest.mark.parametrize("text, words", [
    ("卫政办发〔2023〕36号", ["卫政", "政办", "办发", "2023", "36", "号"]),
    ("李　明 PM2.5", ["李明", "pm", "2", "5"]),
    ("（一）健全", ["一", "健全"]),
])
def test_index_words_are_han_bigrams_numbers_and_latin_words(text, words):
    from gazette_pub.site.search import normalize, tokens
    assert tokens(normalize(text)) == words


@pytest.fixture(scope="module")
def site_build():
    """The demo issue rendered as part of a site, not written (for the build checks)."""
    return site_issue(DEMO, WebSite(SITE_BASE_URL), "0" * 64)


def test_verify_accepts_the_build(site_build):
    verify_issue(site_build, load_theme("default"))


def _with_file(built, path: str, data: bytes):
    return replace(built, files=built.files | {PurePosixPath(path): data})


def test_verify_fails_when_the_web_text_differs(site_build):
    path = "demo/2024-01/02-plan.html"
    html = site_build.files[PurePosixPath(path)].replace("压实责任".encode(), "压紧责任".encode())
    with pytest.raises(RenderError, match="02-plan.html differs from the manifest"):
        verify_issue(_with_file(site_build, path, html), load_theme("default"))


def test_verify_fails_when_the_pdf_is_not_the_document(site_build):
    wrong = site_build.files[PurePosixPath("demo/2024-01/pdf/03-stats.pdf")]
    with pytest.raises(RenderError, match="02-plan.md: the PDF text differs"):
        verify_issue(_with_file(site_build, "demo/2024-01/pdf/02-plan.pdf", wrong),
                     load_theme("default"))


def test_verify_fails_when_the_toc_page_is_wrong(site_build):
    path = "demo/2024-01/index.html"
    html = re.sub(rb'data-page="4"', b'data-page="5"', site_build.files[PurePosixPath(path)])
    with pytest.raises(RenderError, match="03-stats.md: the 目录 gives page 5"):
        verify_issue(_with_file(site_build, path, html), load_theme("default"))


@pytest.mark.parametrize("printed, ok", [
    ("前文标题正文表头甲乙续行表头甲乙末行后文", True),     # a repeated table header is allowed
    ("前文标题正文表头甲乙续行末行后文", True),
    ("前文标题正文表头甲乙续行多出末行后文", False),       # any other extra text is not
    ("前文标题正文表头甲乙续行", False),                  # nor missing text
])
def test_find_in_print_allows_only_repeated_table_headers(printed, ok):
    assert (find_in_print("标题正文表头甲乙续行末行", printed, ["表头甲乙"]) is None) == ok


def _state(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {str(p.relative_to(folder)): (p.stat().st_mtime_ns, p.read_bytes())
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_rebuild_rewrites_nothing_an_edit_rebuilds_its_issue_a_removal_removes_it(tmp_path):
    root = tmp_path / "issues"
    shutil.copytree(FIXTURES / "issues" / "demo", root / "demo")
    second = root / "demo" / "2024-02"
    shutil.copytree(root / "demo" / "2024-01", second)
    toml = second / "issue.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("number = 1", "number = 2")
                    .replace("cumulative = 12", "cumulative = 13"), encoding="utf-8")
    out = tmp_path / "site"
    site = WebSite(SITE_BASE_URL)
    first = build_site(root, out, site=site)
    assert [i.slug for i in first.rebuilt] == ["2024-01", "2024-02"]
    check_xpath(out, "demo/2024-01/index.html", "//nav[@class='issue-nav']//a/@href",
                ["../2024-02/index.html"])
    check_xpath(out, "demo/2024-02/index.html", "//nav[@class='issue-nav']//a/@href",
                ["../2024-01/index.html"])
    before = _state(out)

    again = build_site(root, out, site=site)
    assert (again.rebuilt, [i.slug for i in again.reused], again.written) == \
        ([], ["2024-01", "2024-02"], [])
    assert _state(out) == before, "an unchanged site must keep every file, bytes and mtime"

    plan = second / "02-plan.md"
    plan.write_text(plan.read_text(encoding="utf-8").replace("压实责任", "压紧责任"),
                    encoding="utf-8")
    edited = build_site(root, out, site=site)
    assert [i.slug for i in edited.rebuilt] == ["2024-02"]
    after = _state(out)
    unchanged = [f for f in before if f.startswith("demo/2024-01/")]
    assert unchanged and all(after[f] == before[f] for f in unchanged)
    assert "压紧责任" in (out / "demo/2024-02/02-plan.html").read_text(encoding="utf-8")

    shutil.rmtree(second)
    removed = build_site(root, out, site=site)
    # 2024-01 is rebuilt: its page no longer links to a next issue.
    assert ([i.slug for i in removed.rebuilt], PurePosixPath("demo/2024-02") in removed.written) \
        == (["2024-01"], True)
    assert not (out / "demo/2024-01/index.html").read_text(encoding="utf-8").count('rel="next"')
    assert not (out / "demo/2024-02").exists() and (out / "demo/2024/index.html").is_file()
    fragments = [gzip.decompress(p.read_bytes()) for p in (out / "pagefind/fragment").iterdir()]
    assert len(fragments) == 3 and not any(b"/demo/2024-02/" in f for f in fragments)


def test_serve_adds_the_reload_script_and_rebuilds_on_change(tmp_path):
    from gazette_pub.serve import LiveSite, make_server
    root = tmp_path / "issues"
    shutil.copytree(FIXTURES / "issues" / "demo", root / "demo")
    live = LiveSite(root, tmp_path / "site", WebSite())
    assert live.build() and live.version == 1
    server = make_server(live, 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        page = urllib.request.urlopen(base + "/demo/2024-01/02-plan.html").read().decode()
        assert '<script src="/__gazette__/reload.js"></script>\n</body>' in page
        assert "reload.js" not in (live.out / "demo/2024-01/02-plan.html").read_text("utf-8")
        assert urllib.request.urlopen(base + "/__gazette__/version").read() == b"1"
        assert live.check() is False  # nothing changed
        plan = root / "demo/2024-01/02-plan.md"
        plan.write_text(plan.read_text(encoding="utf-8").replace("压实责任", "压紧责任"),
                        encoding="utf-8")
        assert live.check() is True  # pages, print preview, full build: a version each
        assert urllib.request.urlopen(base + "/__gazette__/version").read() == b"4"
        page = urllib.request.urlopen(base + "/demo/2024-01/02-plan.html").read().decode()
        assert "压紧责任" in page
    finally:
        server.shutdown()
        server.server_close()


def test_a_default_build_is_served_as_it_is_by_a_server_running_as_another_user(monkeypatch):
    """`./run.sh build` in a folder with site.toml (no flags), under a strict umask: a web
    server running as `nobody` serves every kind of file of the site."""
    import os
    import pwd
    import subprocess
    import tempfile
    from gazette_pub.cli import main
    setpriv = shutil.which("setpriv")
    if os.geteuid() != 0 or setpriv is None:
        pytest.skip("needs root and setpriv to run a server as another user")
    nobody = pwd.getpwnam("nobody")
    work = Path(tempfile.mkdtemp(prefix="gazette-serve-"))
    try:
        work.chmod(0o755)
        write_settings(work)
        monkeypatch.chdir(work)
        old = os.umask(0o077)
        try:
            assert main(["-q", "site", str(FIXTURES / "issues"), "--out", "site"]) == 0
        finally:
            os.umask(old)
        server = subprocess.Popen(
            [setpriv, f"--reuid={nobody.pw_uid}", f"--regid={nobody.pw_gid}", "--clear-groups",
             sys.executable, "-u", "-m", "http.server", "0", "--bind", "127.0.0.1",
             "--directory", str(work / "site")],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        try:
            line = server.stdout.readline()  # "Serving HTTP on 127.0.0.1 port N …"
            port = int(re.search(r"port (\d+)", line).group(1))
            paths = ["index.html", "robots.txt", "feed.xml", "demo/feed.xml", "sitemap.xml",
                     "subscribe/index.html", "browse/kind.html", "demo/2024-01/02-plan.html",
                     "demo/2024-01/pdf/02-plan.pdf", "demo/2024-01/tables/03-stats-b1.csv",
                     "static/screen.css", "static/search-core.js", "pagefind/pagefind.js",
                     "pagefind/pagefind-entry.json"]
            for path in paths:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=10) as r:
                    assert r.status == 200, path
            canonical = lxml.html.parse(str(work / "site/demo/2024-01/02-plan.html")).xpath(
                "//link[@rel='canonical']/@href")
            assert canonical == [SITE_BASE_URL + "demo/2024-01/02-plan.html"]
        finally:
            server.terminate()
            server.wait(timeout=10)
    finally:
        shutil.rmtree(work, ignore_errors=True)
