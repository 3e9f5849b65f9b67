"""Untrusted HTML in, inert HTML out; and the test of what "inert" means.

Two guards of the security model (README "Security model"):

1. :func:`clean_html` runs before an importer reads any HTML (web pages, OCR
   HTML tables). It keeps the structure an importer needs (paragraphs,
   headings, lists, tables with their spans) and drops everything else with
   nh3 (the Rust ``ammonia`` sanitizer): scripts and styles with their
   content, event handlers, links, images, frames, forms, comments, URLs.
   After it, the text an importer sees is exactly the text a reader saw.
2. :func:`live_markup` lists what in a rendered page could run code or load
   something from elsewhere. The HTML edition never holds any (our Markdown
   grammar keeps raw HTML as text and Jinja autoescapes); the tests and the
   build check it on every page.
"""

from __future__ import annotations

import logging
import re

import nh3
from lxml import html as lxml_html

from .body import MAX_TABLE_COLUMNS, MAX_TABLE_ROWS

logger = logging.getLogger(__name__)

#: Tags an importer may still see after cleaning: text structure and tables only.
ALLOWED_TAGS = frozenset({
    "p", "br", "div", "span", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
    "b", "strong", "i", "em", "u", "sub", "sup", "blockquote", "pre",
})

#: Tags removed together with their content (their text is never document text).
CONTENT_DROPPED_TAGS = frozenset({
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math",
    "head", "title", "textarea", "select", "button",
})

#: Attributes kept: only the table spans the importer reads.
ALLOWED_ATTRIBUTES = {"td": {"rowspan", "colspan"}, "th": {"rowspan", "colspan"}}
#: Largest span kept, by attribute (the loader's limits; larger ones are dropped to 1).
SPAN_LIMITS = {"rowspan": MAX_TABLE_ROWS, "colspan": MAX_TABLE_COLUMNS}

#: A URL that runs code or carries its own content instead of pointing to a file.
ACTIVE_URL_RE = re.compile(
    r"""
    ^[\x00-\x20]*                 # browsers ignore leading blanks and controls
    (?:javascript|vbscript|data)  # schemes that execute or inline content
    [\x00-\x20]*:                 # (blanks before the colon are ignored too)
    """,
    re.X | re.I,
)

#: Attributes whose value is a URL a browser may load or follow.
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "data", "poster", "background",
                  "xlink:href", "srcset", "ping", "cite", "manifest")

#: Elements that embed another document or change how the page loads.
EMBEDDING_TAGS = ("iframe", "frame", "frameset", "object", "embed", "applet", "base",
                  "portal")

#: ``<script type>`` values browsers treat as data, never as code (JSON-LD metadata).
DATA_SCRIPT_TYPES = frozenset({"application/ld+json", "application/json"})


def clean_html(html: str) -> str:
    """``html`` with only text structure left: no script, style, handler, link or URL.

    Guarantees: 1. the tags left are :data:`ALLOWED_TAGS`; 2. the only attributes
    left are ``rowspan``/``colspan`` on cells, each a whole number within
    :data:`SPAN_LIMITS`; 3. text inside scripts, styles, frames and forms is gone;
    all other text is kept, character for character.
    """
    return nh3.clean(html, tags=set(ALLOWED_TAGS), clean_content_tags=set(CONTENT_DROPPED_TAGS),
                     attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
                     attribute_filter=_span_filter, url_schemes=set(), strip_comments=True,
                     link_rel=None)


def _span_filter(tag: str, attribute: str, value: str) -> str | None:
    """Keep a span only when it is a plain number from 1 to its limit."""
    value = value.strip()
    limit = SPAN_LIMITS.get(attribute, 0)
    return value if value.isascii() and value.isdigit() and 1 <= int(value) <= limit else None


def live_markup(page: str) -> list[str]:
    """What in the HTML ``page`` could run code or pull content in (empty when inert).

    Allowed: ``<script src>`` of a same-site file (the site's own scripts, which
    the Content-Security-Policy ``script-src 'self'`` also allows) and data scripts
    (:data:`DATA_SCRIPT_TYPES`, e.g. JSON-LD). Reported:
    1. inline ``<script>`` code and scripts from another origin;
    2. ``on*`` event-handler attributes;
    3. ``javascript:``, ``vbscript:`` and ``data:`` URLs in any URL attribute;
    4. embedding or navigation elements (iframe, object, embed, base, form …);
    5. ``<meta http-equiv="refresh">``;
    6. ``<style>`` elements and ``style`` attributes (CSS can load URLs).
    """
    tree = lxml_html.document_fromstring(page) if page.strip() else None
    if tree is None:
        return []
    found = []
    for script in tree.xpath("//script"):
        if (script.get("type") or "").strip().lower() in DATA_SCRIPT_TYPES:
            continue
        src = script.get("src")
        if src is None or "//" in src or ":" in src.split("/")[0]:
            found.append(f"<script> {(src or (script.text or '').strip())[:60]!r}")
    for element, name in ((e, a) for e in tree.iter() if isinstance(e.tag, str)
                          for a in e.attrib):
        lowered = name.lower()
        if lowered.startswith("on"):
            found.append(f"<{element.tag} {name}=…> event handler")
        elif lowered in URL_ATTRIBUTES and ACTIVE_URL_RE.match(element.get(name)):
            found.append(f"<{element.tag} {name}={element.get(name)[:40]!r}> active URL")
        elif lowered == "style":
            found.append(f"<{element.tag} style=…> inline style")
    for tag in EMBEDDING_TAGS:
        found += [f"<{tag}> element" for _ in tree.xpath(f"//{tag}")]
    found += ["<meta http-equiv=refresh>" for _ in tree.xpath(
        "//meta[translate(@http-equiv, 'REFSH', 'refsh')='refresh']")]
    found += ["<style> element" for _ in tree.xpath("//style")]
    return found
