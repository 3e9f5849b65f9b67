"""The site settings file (``site.toml``): what a web team fills in once.

``gazette site`` and ``./run.sh build`` read ``site.toml`` in the working folder (or the
file given with ``--settings``)::

    [site]
    base_url = "https://gb.example.gov.cn/"   # public address: canonical links, og:url,
                                              # sitemap, robots.txt, absolute feeds
    name = "政府公报"                          # site name: header, home page, feeds
    organizer = "某某市人民政府办公室"          # 主办单位 (footer)
    contact = "电话：0000-0000000"             # 联系方式 (footer)
    site_code = "0000000000"                   # 网站标识码 (footer)
    icp = "某ICP备00000000号"                   # ICP 备案号 (footer, linked to beian.miit.gov.cn)

Every key is optional (the keys not set are listed at info level, shown on a terminal);
unknown keys and malformed values are errors naming the file, so a typo does not silently
publish a site without its identifiers.
"""

from __future__ import annotations

import logging
import re
import tomllib
from dataclasses import replace
from pathlib import Path

from ..errors import ConfigError
from ..render.html import WebSite

logger = logging.getLogger(__name__)

#: The settings file read when none is named.
DEFAULT_SETTINGS = Path("site.toml")

#: A base URL a site can be published under: http(s), a host, an optional path.
BASE_URL_RE = re.compile(
    r"""
    https?://             # the scheme
    [^\s/?#]+             # the host (and port)
    (?:/[^\s?#]*)?        # an optional path
    """,
    re.X,
)

#: Keys of ``[site]`` → field of :class:`WebSite`.
KEYS = {"base_url": "base_url", "name": "title", "organizer": "organizer",
        "contact": "contact", "site_code": "site_code", "icp": "icp"}


def load_settings(path: Path) -> WebSite:
    """The :class:`WebSite` described by the settings file ``path``."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read the site settings: {exc.strerror}", path=path) from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"invalid TOML: {exc}", path=path) from exc
    unknown = sorted(set(data) - {"site"})
    if unknown:
        raise ConfigError(f"unknown table(s) {', '.join(unknown)}; expected [site]", path=path)
    table = data.get("site", {})
    values = {}
    for key, value in table.items():
        if key not in KEYS:
            raise ConfigError(f"unknown key; expected one of {', '.join(KEYS)}", path=path,
                              field=f"site.{key}")
        if not isinstance(value, str):
            raise ConfigError("must be a string", path=path, field=f"site.{key}")
        values[KEYS[key]] = value.strip()
    base = values.get("base_url", "")
    if base:
        if not BASE_URL_RE.fullmatch(base):
            raise ConfigError(f"not an http(s) address: {base!r}", path=path, field="site.base_url")
        values["base_url"] = base if base.endswith("/") else base + "/"
    site = WebSite(**values)
    missing = [key for key, name in KEYS.items() if not getattr(site, name)]
    if missing:
        logger.info("%s: not set: %s (the site is built without them)", path,
                       ", ".join(missing))
    return site


def site_from_options(settings: Path | None, base_url: str | None, title: str | None) -> WebSite:
    """The site of a command line: the settings file (``site.toml`` when present, unless
    another is named), then ``--base-url`` and ``--title`` over it."""
    if settings is not None:
        site = load_settings(settings)
    elif DEFAULT_SETTINGS.is_file():
        site = load_settings(DEFAULT_SETTINGS)
    else:
        site = WebSite()
    overrides = {name: value for name, value in (("base_url", base_url), ("title", title))
                 if value is not None}
    if overrides.get("base_url") and not overrides["base_url"].endswith("/"):
        overrides["base_url"] += "/"
    return replace(site, **overrides) if overrides else site

