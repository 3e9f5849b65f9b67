"""Every real page (tests/fixtures/real/web*) flattened as scrapers flatten text —
every line break removed (``joined``), each replaced by a space (``spaced``), or only
each paragraph's inner wraps removed (``paragraphs``) — is imported (bench/flattened_probe.py)
and scored on title, 文号, organs, 落款 and date against the expectations of the real-page
tests. Nothing of any page is lost in any form (the audit explains every character).

The floors are the probe's score after the flattened reader learnt the page's opening
(bench/flattened_probe.py; score before: joined title 8, 文号 19, organs 21, 落款 45,
date 43; spaced 9, 19, 22, 45, 43; paragraphs 45, 48, 46, 46, 45 of 53 pages)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.flattened_probe import FIELDS, MODES, expectations, probe
from gazette_pub.audit import audit
from gazette_pub.errors import SourceError
from gazette_pub.sources import import_source
from gazette_pub.sources.flattened_page import order_cuts, page_cuts, repeat_cuts

#: mode → pages right per field (title, 文号, organs, 落款, date), of 53.
FLOOR = {
    "joined": (28, 41, 37, 48, 48),
    "spaced": (26, 41, 39, 49, 50),
    "paragraphs": (46, 48, 46, 46, 44),
}


@pytest.fixture(scope="module")
def scores():
    return probe()


@pytest.mark.parametrize("mode", sorted(MODES))
def test_flattened_real_pages_score_at_least_the_floor(scores, mode):
    got = tuple(scores[mode][field] for field in FIELDS)
    assert scores[mode]["pages"] == 53
    assert all(g >= f for g, f in zip(got, FLOOR[mode])), (mode, got, FLOOR[mode])


PAGES = sorted(expectations())


@pytest.mark.parametrize("mode", sorted(MODES))
@pytest.mark.parametrize("page", PAGES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_flattened_real_page_loses_nothing(tmp_path, mode, page):
    path = tmp_path / page.name
    path.write_text(MODES[mode](page.read_text(encoding="utf-8")) + "\n", encoding="utf-8")
    try:
        result = import_source(path)
    except SourceError:
        pytest.fail(f"{mode} {page.name}: refused")
    assert audit(path, result.issue, result.report).ok


def test_page_opening_recognizers():
    text = ("您的位置: 首页 » 资料网 » 法规 »某某规定作者:资料网 时间:2024-07-06 04:34:58  "
            "浏览:8616 下载地址: 点击此处下载某某规定")
    pieces = [text[a:b].strip() for a, b in zip([0] + page_cuts(text),
                                                page_cuts(text) + [len(text)])]
    assert "时间:2024-07-06 04:34:58" in pieces and "浏览:8616" in pieces
    assert "» 资料网 » 法规 »" in pieces and pieces[-1] == "某某规定"
    assert repeat_cuts("甲市河道管理办法乙省甲市人民政府甲市河道管理办法") == [8, 16]
    assert repeat_cuts("甲市河道管理办法") == []
    run = "甲市河道管理办法乙省甲市人民政府甲市人民政府令第 4 号《甲市河道管理办法》已经"
    assert order_cuts(run, 0, len(run)) == [run.index("甲市人民政府令"), run.index("《")]
