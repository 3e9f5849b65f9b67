"""sources/enclosed.py: enclosed documents after the 落款, their wrapped titles."""

from __future__ import annotations

from gazette_pub.model import Heading
from gazette_pub.sources.document import build_blocks
from gazette_pub.sources.lines import source_lines
from gazette_pub.sources.report import ReportBuilder


def _enclosed(text: str):
    report = ReportBuilder("t", "test")
    main, enclosed = build_blocks(source_lines(text), "标题", report)
    return main, enclosed, report.build()


def test_enclosed_title_wrapped_over_two_lines_is_joined():
    _, (rules,), report = _enclosed(
        "现印发给你们。\n某某局\n2024年1月2日\n某某市人民政府办理人大代表\n建议和政协提案工作规则\n"
        "第一章　总则\n第一条　为加强工作，制定本规则。\n")
    assert rules.title == "某某市人民政府办理人大代表建议和政协提案工作规则"
    assert [b.label for b in rules.blocks if isinstance(b, Heading)] == ["第一章", "第一条"]
    assert any("enclosed document's title wrapped" in e.message for e in report.joins)


def test_complete_enclosed_title_takes_no_second_line():
    _, (plan,), _ = _enclosed("现印发给你们。\n某某局\n2024年1月2日\n某某工作方案\n编制说明\n一、目的。\n")
    assert plan.title == "某某工作方案"
