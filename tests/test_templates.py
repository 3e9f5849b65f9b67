"""The template set: theme overrides first, autoescape, StrictUndefined."""

import dataclasses
import re
import shutil
from pathlib import PurePosixPath

import jinja2
import pytest
from lxml import html as lxml_html

from gazette_pub.manifest import load_issue
from gazette_pub.model import DateLine, Paragraph, Signature
from gazette_pub.render.html import issue_pages
from gazette_pub.render.pdf import print_html
from gazette_pub.render.templating import make_environment, split_lead
from gazette_pub.themes import TEMPLATES_DIR, load_theme

from .conftest import FIXTURES


@pytest.fixture(scope="module")
def issue():
    return load_issue(FIXTURES / "issues" / "demo" / "2024-01")


def test_theme_templates_override_the_defaults(tmp_path, issue):
    override = tmp_path / "partials"
    override.mkdir()
    front = (TEMPLATES_DIR / "partials" / "front.html").read_text()
    (override / "front.html").write_text(front.replace("编辑委员会</p>", "编委会（主题）</p>"))
    theme = dataclasses.replace(load_theme("default"), template_dirs=(tmp_path, TEMPLATES_DIR))
    assert "编委会（主题）" in print_html(issue, theme)
    assert "编委会（主题）" not in print_html(issue, load_theme("default"))


def test_a_theme_screen_sheet_comes_after_the_shared_one(tmp_path, monkeypatch, issue):
    """A theme's own screen.css is published under its name and loaded after the shared
    sheet, which stays as it is (gazettes of other themes share the site)."""
    from gazette_pub import themes
    from gazette_pub.pipeline import assemble_issue
    styles = tmp_path / "styles"
    shutil.copytree(themes.STYLES_DIR, styles)
    (styles / "themes" / "teal").mkdir()
    (styles / "themes" / "teal" / "screen.css").write_text("h1 { color: teal; }\n")
    monkeypatch.setattr(themes, "STYLES_DIR", styles)
    folder = tmp_path / "issues" / "demo"
    shutil.copytree(FIXTURES / "issues" / "demo", folder)
    toml = folder / "gazette.toml"
    toml.write_text(re.sub(r'(?m)^theme = ".*"$', 'theme = "teal"', toml.read_text()))
    built = assemble_issue(folder / "2024-01", pdf=False)
    assert built.files[PurePosixPath("static/themes/teal/screen.css")] == b"h1 { color: teal; }\n"
    assert built.files[PurePosixPath("static/screen.css")] == (styles / "screen.css").read_bytes()
    page = lxml_html.fromstring(built.files[PurePosixPath("demo/2024-01/01-notice.html")])
    assert page.xpath("//link[@rel='stylesheet']/@href") == [
        "../../static/screen.css", "../../static/themes/teal/screen.css"]


def test_text_is_escaped_in_print_and_web(issue):
    doc = issue.documents[1]
    hostile = dataclasses.replace(doc, blocks=(Paragraph('<script>alert("x")</script>&'),))
    sections = (dataclasses.replace(issue.sections[0], documents=(issue.documents[0], hostile)),)
    issue = dataclasses.replace(issue, sections=sections + issue.sections[1:])
    theme = load_theme("default")
    assert "<script>" not in print_html(issue, theme)
    page = issue_pages(issue, theme, with_pdf=False)
    html = next(text for path, text in page.items() if path.name.startswith("02-"))
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&amp;" in html and "<script>" not in html


def test_undefined_names_fail_loudly():
    env = make_environment(load_theme("default"))
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ no_such_name }}").render()


@pytest.mark.parametrize("text, lead, rest", [
    ("（一）基本原则。坚持规划引领。", "（一）基本原则。", "坚持规划引领。"),
    ("一、总体要求", "一、总体要求", ""),
])
def test_run_in_heading_lead(text, lead, rest):
    assert split_lead(text) == (lead, rest)


@pytest.mark.parametrize("blocks", [
    (Signature(("示例市人民政府",)),),                          # a 落款 ends the document
    (DateLine("2024年1月5日", None), Paragraph("正文。")),     # a date opens it
    (Signature(("示例市人民政府",)), DateLine("2024年1月5日", None)),
])
def test_sign_off_grouping_at_the_edges_of_a_document(issue, blocks):
    """The 落款 + date group looks at the neighbouring blocks; the first and last block
    have only one (StrictUndefined fails on the missing one)."""
    doc = dataclasses.replace(issue.documents[1], blocks=blocks, enclosed=())
    edited = dataclasses.replace(issue, sections=(dataclasses.replace(
        issue.sections[0], documents=(doc,)),))
    theme = load_theme("default")
    groups = lxml_html.fromstring(print_html(edited, theme)).find_class("sign-off")
    assert len(groups) == (1 if len(blocks) == 2 and blocks[1].type == "date" else 0)
    assert issue_pages(edited, theme)

