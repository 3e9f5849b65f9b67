"""The website in a real browser: Debian's Chromium, headless, driven by Playwright.

Never ``playwright install``: the browser is ``/usr/bin/chromium`` (APT_PACKAGES in run.sh).
The built fixture site is served on 127.0.0.1 by http.server in a thread.
Screenshots go to tests/artifacts/ (git-ignored).
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

sync_api = pytest.importorskip("playwright.sync_api")

from .conftest import FIXTURES

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"

GAZETTE = "示例市人民政府公报"
NOTICE = "示例市人民政府关于印发《示例市城市更新行动方案》的通知"
PLAN = "示例市人民政府办公室关于做好春节期间安全生产工作的通知"

#: Pages checked at phone width and by the accessibility scan.
PAGES = ["index.html", "demo/index.html", "demo/2024/index.html", "demo/2024-01/index.html",
         "demo/2024-01/01-notice.html", "demo/2024-01/03-stats.html", "search/index.html?q=春节"]


@pytest.fixture(scope="module")
def site_url(demo_site):
    """The fixture site served on 127.0.0.1 (any free port)."""
    handler = functools.partial(_QuietHandler, directory=str(demo_site[0]))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".js": "text/javascript", ".wasm": "application/wasm"}

    def log_message(self, format, *args):  # noqa: A002 (the base class's name)
        pass


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed (./run.sh installs it as root)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield page
    context.close()
    assert errors == [], "the page logged errors (a CSP violation shows here)"


def test_navigate_from_home_to_a_documents_pdf(page, site_url):
    page.goto(site_url)
    page.get_by_role("link", name=GAZETTE, exact=True).click()
    assert page.locator("h1").inner_text() == GAZETTE
    page.get_by_role("link", name="2024年", exact=True).click()
    page.locator(".issue-card a").first.click()
    assert page.url.endswith("/demo/2024-01/index.html")
    page.get_by_role("navigation", name="目录").get_by_role("link", name=PLAN).click()
    assert page.url.endswith("/demo/2024-01/02-plan.html")
    assert page.locator("h1").inner_text() == PLAN
    pdf_link = page.get_by_role("link", name="本文件PDF（2024年第1期第3–4页）")
    response = page.request.get(pdf_link.evaluate("a => a.href"))
    assert response.ok and response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF-")


def test_a_print_page_citation_scrolls_to_its_mark(page, site_url):
    page.set_viewport_size({"width": 1280, "height": 500})
    page.goto(site_url + "demo/2024-01/02-plan.html#page-4")
    mark = page.locator("#page-4")
    assert mark.inner_text() == "第4页"
    box = mark.bounding_box()
    assert box is not None and 0 <= box["y"] < 500, "the mark of page 4 is in view"


@pytest.mark.parametrize("term, title", [("春节", PLAN), ("城市更新", NOTICE)])
def test_chinese_search_finds_the_document(page, site_url, term, title):
    page.goto(site_url + "demo/2024-01/index.html")
    page.get_by_role("searchbox", name="全文检索").fill(term)
    page.get_by_role("searchbox", name="全文检索").press("Enter")
    results = page.locator("#search-results > li")
    results.first.wait_for()
    assert results.count() == 1
    assert results.locator("h2").inner_text() == title
    assert results.locator(".result-issue").inner_text().startswith(f"{GAZETTE} 2024年第1期")
    assert term in results.locator(".result-excerpt mark").all_inner_texts()[0].replace(" ", "") \
        or term in results.locator(".result-excerpt").inner_text()
    results.get_by_role("link", name=title).click()
    assert page.locator("h1").inner_text() == title


def test_document_is_readable_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "demo/2024-01/03-stats.html")
    assert page.locator("h1").inner_text() == "2023年示例市主要经济指标"
    assert page.locator("table th[scope=col]").count() == 4
    context.close()


@pytest.mark.parametrize("path", PAGES)
def test_phone_width_has_no_horizontal_scrolling(page, site_url, path):
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    ARTIFACTS.mkdir(exist_ok=True)
    name = path.split("?")[0].replace("/", "_").removesuffix(".html")
    page.screenshot(path=str(ARTIFACTS / f"phone-{name}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


@pytest.mark.parametrize("path", PAGES)
def test_accessibility_scan_finds_no_serious_violations(page, site_url, path):
    from axe_playwright_python.sync_playwright import Axe
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    results = Axe().run(page)
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]])
               for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []


def test_serve_reloads_the_open_page_after_an_edit(page, tmp_path):
    from gazette_pub.render.html import WebSite
    from gazette_pub.serve import LiveSite, make_server
    root = tmp_path / "issues"
    shutil.copytree(FIXTURES / "issues" / "demo", root / "demo")
    live = LiveSite(root, tmp_path / "site", WebSite())
    assert live.build()
    server = make_server(live, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/demo/2024-01/02-plan.html")
        page.wait_for_function("() => performance.getEntriesByType('resource')"
                               ".some(e => e.name.endsWith('/__gazette__/version'))")
        plan = root / "demo/2024-01/02-plan.md"
        plan.write_text(plan.read_text(encoding="utf-8").replace("压实责任", "压紧责任"),
                        encoding="utf-8")
        assert live.check()  # the watcher's step, run here rather than waited for
        page.wait_for_function("() => document.body.innerText.includes('压紧责任')")
    finally:
        server.shutdown()
        server.server_close()
