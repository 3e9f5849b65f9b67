"""The template set: theme overrides first, autoescape, StrictUndefined."""

import dataclasses

import jinja2
import pytest

from gazette_pub.manifest import load_issue
from gazette_pub.model import Paragraph
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
