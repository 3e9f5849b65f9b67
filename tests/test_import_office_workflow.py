"""Recognition errors found by running the office workflow end to end on real files
(issue 12): a document imported, printed to PDF and imported back from the PDF, a 主送
without its colon, a regulation's （一） items, a breadcrumb without 当前位置. Each form in
several variants with made-up names; the recognizers' own cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from gazette_pub.sources import import_source
from gazette_pub.sources.organs import OFFICIAL_RE, organs_of


def imported(tmp_path: Path, text: str, name: str = "doc.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return import_source(path)


#: A 令 as the text of its PDF reads: the order heading and its number on one line, the
#: number's digits set apart, the signatory's office run on into the name (no space).
ORDER_FROM_PDF = """{organ}令第 {n} 号
某某事项管理办法
《某某事项管理办法》已经2023年5月6日{meeting}通过,现予公布,自2023年7月1日起施行。
{signer}
2023年5月20日
某某事项管理办法
第一条 为了规范某某事项的管理,制定本办法。
第二条 本办法自2023年7月1日起施行。
"""


@pytest.mark.parametrize(("organ", "meeting", "signer"), [
    ("某某省人民政府", "省政府第12次常务会议", "省长王某某"),
    ("某某部", "第十六次部务会议", "部长李某"),
    ("某某市人民政府", "市政府第3次常务会议", "代理市长赵某某"),
    ("某某省人民政府", "省政府第12次常务会议", "省 长 王某某"),
])
def test_order_organ_is_the_heading_organ_not_its_signatory(tmp_path, organ, meeting, signer):
    result = imported(tmp_path, ORDER_FROM_PDF.format(organ=organ, n=7, meeting=meeting,
                                                      signer=signer))
    doc = result.issue.documents[0]
    assert doc.organs == (organ,)
    assert doc.doc_number == f"{organ}令第7号"


def test_official_with_name_run_on():
    for line in ("部长某某某", "省长王某", "国务院总理李某", "副省长王某某", "局长张某",
                 "办公室主任李某"):
        assert OFFICIAL_RE.fullmatch(line), line
    for line in ("某某市财政局", "长沙市财政局", "市长安区委", "主任办公会", "某某市长安区财政局"):
        assert not OFFICIAL_RE.fullmatch(line), line
    assert organs_of("某某办法", ("部长某某某",), "某某部令第2号") == ("某某部",)


REAL = Path(__file__).parent / "fixtures" / "real"


def test_order_page_printed_and_imported_back_keeps_its_organ(tmp_path):
    """A ministry's 令 from a web page, printed in the 公文 layout and imported back from
    that PDF: its organ is still the ministry, the signing minister a signatory."""
    from gazette_pub.render.gongwen import render_gongwen
    page = import_source(REAL / "web2" / "jiancha.txt").issue
    (want,) = page.documents
    path = tmp_path / "order.pdf"
    path.write_bytes(render_gongwen(page, want))
    (doc,) = import_source(path).issue.documents
    assert doc.organs == want.organs == ("中华人民共和国监察部",)
    assert doc.doc_number == want.doc_number
    assert doc.title == want.title
