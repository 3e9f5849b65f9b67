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
from gazette_pub.sources.flattened import closing_cut
from gazette_pub.sources.flattened_page import order_cuts, page_cuts, repeat_cuts
from gazette_pub.sources.lines import SourceLine

#: mode → pages right per field (title, 文号, organs, 落款, date), of 53.
FLOOR = {
    "joined": (33, 44, 39, 51, 51),
    "spaced": (29, 43, 40, 51, 52),
    "paragraphs": (46, 48, 50, 53, 51),
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
    text = "您当前所在位置:某某的通知发布日期:2023-03-21 访问次数:信息来源:某某的通知"
    pieces = [text[a:b].strip() for a, b in zip([0] + page_cuts(text),
                                                page_cuts(text) + [len(text)])]
    assert pieces[:3] == ["您当前所在位置:", "某某的通知", "发布日期:2023-03-21"]
    # a title printed again after an organ line (maybe cut short by the site); not a
    # title's own words repeated inside it (关于印发 + the regulation's name)
    assert repeat_cuts("甲市河道管理办法乙省甲市人民政府甲市河道管理办法") == [16]
    cut_short = "关于印发甲市河道管理办法的通知乙省甲市人民政府办公室关于印发甲市河道"
    assert repeat_cuts(cut_short) == [cut_short.index("关于", 1)]
    assert repeat_cuts("甲市河道管理办法乙省甲市人民政府关于印发甲市河道管理办法的通知") == []
    assert repeat_cuts("甲市河道管理办法") == []
    # an order heading: after the title, and after an organ line naming its organ again
    run = "甲市河道管理办法乙省甲市人民政府甲市人民政府令第 4 号《甲市河道管理办法》已经"
    assert order_cuts(run, 0, len(run)) == [run.index("甲市人民政府令"), run.index("《")]
    run = "某某办法某某部中华人民共和国某某部令第2号《某某办法》已经"
    assert order_cuts(run, 0, len(run)) == [run.index("中华"), run.index("《")]
    # (a 公告's organ with its term: no organ named again, the heading is whole)
    run = "某省某某条例(2009年7月22日通过)某省第十一届人民代表大会常务委员会公告第28号《某"
    assert order_cuts(run, 0, len(run)) == [run.index("某省第"), run.index("《")]


def test_page_title_number_and_repeated_title_cut(tmp_path):
    """A page titled 文号《title》 over the article's title (in 《》) and its 文号 printed
    twice, every line break lost: the 文号, the title and the date are found."""
    path = tmp_path / "page.txt"
    path.write_text("甲政办发〔2016〕26号《甲市人民政府办公厅关于印发某某要点的通知》《甲市人民政府办公厅"
                    "关于印发某某要点的通知》甲政办发〔2016〕26号甲政办发〔2016〕26号各区人民政府,市政府各"
                    "委、办、局:《某某要点》已经市政府同意,现印发给你们,请认真贯彻落实。甲市人民政府办公厅"
                    "2016年5月28日一、推进公开(一)推进权力清单公开。\n", encoding="utf-8")
    result = import_source(path)
    (doc,) = result.issue.documents
    assert (doc.title, doc.doc_number, doc.organs, doc.signatories, doc.date.isoformat()) == (
        "甲市人民政府办公厅关于印发某某要点的通知", "甲政办发〔2016〕26号", ("甲市人民政府办公厅",),
        ("甲市人民政府办公厅",), "2016-05-28")
    assert audit(path, result.issue, result.report).ok


def test_closing_run_together_cut():
    """A paragraph holding the 落款 and its date (a page's <p> with a <br> lost)."""
    def texts(text):
        return [ln.text for ln in closing_cut(SourceLine(7, text))]
    assert texts("某某市人民政府办公室二○一○年四月七日") == ["某某市人民政府办公室", "二○一○年四月七日"]
    assert texts("市长 某某二O一一年八月十日") == ["市长 某某", "二O一一年八月十日"]
    assert texts("某省人民代表大会常务委员会2009年7月22日") == ["某省人民代表大会常务委员会", "2009年7月22日"]
    # a sentence ending in a date is no 落款
    assert texts("本办法自2011年10月1日") == ["本办法自2011年10月1日"]
    assert texts("会议于2011年10月1日") == ["会议于2011年10月1日"]


def test_heading_running_into_its_paragraph_is_reported_not_cut(tmp_path):
    """一、 and a heading with nothing between it and its paragraph: where the heading
    ends is not in the punctuation; the line is kept whole and reported."""
    path = tmp_path / "flat.txt"
    path.write_text("白石县人民政府关于印发白石县助残行动方案的通知白政发〔2023〕3号各乡镇人民政府，县政府各部门："
                    "《白石县助残行动方案》已经县政府同意，现印发给你们。白石县人民政府2023年3月13日"
                    "白石县助残行动方案一、总体目标围绕扩大就业和提高收入，到2025年全县新增残疾人就业800人以上。"
                    "二、主要措施（一）加强培训。开展职业培训。\n", encoding="utf-8")
    result = import_source(path)
    (doc,) = result.issue.documents
    assert (doc.title, doc.doc_number, doc.date.isoformat()) == (
        "白石县人民政府关于印发白石县助残行动方案的通知", "白政发〔2023〕3号", "2023-03-13")
    texts = [b.text for e in doc.enclosed for b in e.blocks if hasattr(b, "text")]
    assert any(t.startswith("总体目标围绕扩大就业和提高收入，") or t.startswith("一、总体目标围绕扩大就业和提高收入，")
               for t in texts + [getattr(b, "title", "") for e in doc.enclosed for b in e.blocks])
    assert any("heading or paragraph: '一、总体目标" in u.message
               for u in result.report.uncertainties)
    assert audit(path, result.issue, result.report).ok
