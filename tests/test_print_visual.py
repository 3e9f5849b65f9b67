"""Visual regression of the print edition: chosen pages of the demo issue rendered to PNG
(``pdftoppm``) and compared with committed references, within a tolerance.

The references in ``tests/golden/print/`` change only with ``pytest --update-golden``
(then review the new PNGs before committing them): WeasyPrint "does break the way
documents are rendered" between versions (typesetting-notes P14).
"""

from __future__ import annotations

import subprocess

import pytest
from PIL import Image, ImageChops, ImageStat

from gazette_pub.manifest import load_issue
from gazette_pub.render.pdf import render_issue_pdf
from gazette_pub.themes import load_theme

from .conftest import FIXTURES, ROOT

GOLDEN = ROOT / "tests" / "golden" / "print"
#: Physical pages compared: cover, 目录, first body page.
PAGES = {"cover": 1, "toc": 2, "body": 3}
#: Mean absolute difference allowed, in grey levels (0–255): a moved line of text
#: costs far more, anti-aliasing noise far less.
TOLERANCE = 1.5


@pytest.fixture(scope="module")
def demo_pdf(tmp_path_factory):
    issue = load_issue(FIXTURES / "issues" / "demo" / "2024-01")
    path = tmp_path_factory.mktemp("visual") / "demo.pdf"
    path.write_bytes(render_issue_pdf(issue, load_theme(issue.gazette.theme)).pdf)
    return path


def _render_page(pdf, page: int, out_stem) -> Image.Image:
    subprocess.run(["pdftoppm", "-r", "40", "-gray", "-png", "-singlefile", "-f", str(page),
                    "-l", str(page), str(pdf), str(out_stem)], check=True, timeout=120)
    return Image.open(f"{out_stem}.png").convert("L")


@pytest.mark.parametrize("name", PAGES)
def test_page_looks_like_its_reference(demo_pdf, tmp_path, request, name):
    image = _render_page(demo_pdf, PAGES[name], tmp_path / name)
    reference = GOLDEN / f"demo-{name}.png"
    if request.config.getoption("--update-golden"):
        GOLDEN.mkdir(parents=True, exist_ok=True)
        image.save(reference, optimize=True)
    assert reference.is_file(), f"no reference {reference}: run pytest --update-golden"
    expected = Image.open(reference).convert("L")
    assert image.size == expected.size
    difference = ImageStat.Stat(ImageChops.difference(image, expected)).mean[0]
    assert difference <= TOLERANCE, f"{name} page differs from {reference} by {difference:.2f}"
