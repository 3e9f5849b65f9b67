"""Cover and back matter of a whole issue (issue 12 §1.9), OCR Markdown and text.

Fixtures written from the patterns of real gazettes (no name of a sample): spaced
names of an editorial committee (编 委：王 明 李 华), a masthead broken over two
lines, 不定期发行, a 简介 and a 刊 号 line after the last document, the committee on
the back cover. Each is read into the gazette and issue metadata or the back matter,
never into the last document's paragraphs.
"""

from __future__ import annotations

import pytest

from gazette_pub.sources import import_source

DOC = """关于做好春季防火工作的通知（某政发〔2024〕5号）……………… 1
{head}关于做好春季防火工作的通知

某政发〔2024〕5号

各乡镇人民政府，县直各部门：

现将有关事项通知如下，请认真贯彻执行。

某某县人民政府

2024年3月1日

（此件公开发布）
"""

OCR_COVER = """# 某某县人民政府
# 公报

编 委：王 明 李 华 张小红

{masthead}

{frequency}

## 目 录

""" + DOC.format(head="\n## ") + """
## 简介

《某某县人民政府公报》是县政府主办的政府出版物，刊登县政府规范性文件。

刊 号：某内资准字（2024）第12号
"""

TEXT_BACK_COVER = """某某市人民政府公报
{frequency}
{masthead}
目  录
""" + DOC.format(head="") + """编委会
主　任：陈　东
编　委：王 明 李 华
{tail}
"""

MASTHEADS = ["2024年第\n\n2期（总第36期）", "2024年第2期\n\n（总第36期）", "2024年\n\n第2期"]
FREQUENCIES = ["不定期发行", "（不定期）", "不 定 期"]


def imported(tmp_path, name, text):
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    return import_source(source)


def assert_document_alone(issue):
    [doc] = issue.documents
    assert doc.title == "关于做好春季防火工作的通知"
    assert doc.signatories == ("某某县人民政府",) and doc.date.isoformat() == "2024-03-01"
    assert doc.blocks[-1].type == "note" and doc.blocks[-1].text == "（此件公开发布）"


@pytest.mark.parametrize("masthead", MASTHEADS)
@pytest.mark.parametrize("frequency", FREQUENCIES)
def test_ocr_issue_cover_with_spaced_names_broken_masthead_and_a_back_page(
        tmp_path, masthead, frequency):
    result = imported(tmp_path, "cover.md", OCR_COVER.format(masthead=masthead, frequency=frequency))
    issue = result.issue
    assert result.report.kind == "ocr-markdown"
    assert (issue.gazette.name, issue.year, issue.number) == ("某某县人民政府公报", 2024, 2)
    assert issue.gazette.frequency == "不定期"
    assert dict(issue.gazette.editorial_committee) == {"编委": ("王 明", "李 华", "张小红")}
    assert len(issue.back_matter) == 1 and issue.back_matter[0].startswith("简介\n")
    assert "刊 号：某内资准字（2024）第12号" in issue.back_matter[0]
    assert_document_alone(issue)


@pytest.mark.parametrize("tail", ["刊  号：某内资字（2024）第3号",
                                  "刊  号：某内资字（2024）第3号\n主办：某某县人民政府办公室",
                                  "主编：赵 一\n刊号：某内资字（2024）第3号"])
@pytest.mark.parametrize("frequency", FREQUENCIES)
def test_text_issue_with_the_committee_and_registration_on_the_back_cover(tmp_path, tail, frequency):
    text = TEXT_BACK_COVER.format(masthead="2024年第\n2期", frequency=frequency, tail=tail)
    issue = imported(tmp_path, "back.txt", text).issue
    assert (issue.year, issue.number, issue.gazette.frequency) == (2024, 2, "不定期")
    assert dict(issue.gazette.editorial_committee) == {"主任": ("陈 东",), "编委": ("王 明", "李 华")}
    assert dict(issue.gazette.colophon)["刊号"].startswith("某内资字")
    assert_document_alone(issue)


def test_a_paragraph_after_the_date_that_is_no_cover_matter_stays_in_the_document(tmp_path):
    text = TEXT_BACK_COVER.format(masthead="2024年第2期", frequency="", tail="")
    text = text.replace("编委会\n", "以上事项请各单位遵照执行，如有问题及时反馈。\n编委会\n")
    issue = imported(tmp_path, "para.txt", text).issue
    [doc] = issue.documents
    assert "以上事项请各单位遵照执行，如有问题及时反馈。" in [getattr(b, "text", "") for b in doc.blocks]
