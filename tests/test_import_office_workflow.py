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


def test_addressee_without_colon_on_a_real_page():
    result = import_source(REAL / "web2" / "guanganqu.txt")
    (doc,) = result.issue.documents
    assert doc.addressee and doc.addressee.startswith("各街道办事处") and "《" not in doc.addressee
    assert not result.report.joins
    assert any("主送 without its colon" in e.message for e in result.report.uncertainties)


NOTICE = """某某县人民政府办公室关于印发某某工作方案的通知
某府办发〔2023〕8号
{addressee}
{body}
某某县人民政府办公室
2023年3月1日
"""
BODY = "《某某工作方案》已经县政府同意,现印发给你们,请认真贯彻执行。"


@pytest.mark.parametrize("addressee", [
    "各乡镇人民政府,县级各部门,某某管委会",
    "各乡（镇）人民政府、各街道办事处，县直各单位",
    "各区人民政府，市政府各委、办、局，各直属机构",
    "各有关企业、各有关单位",
])
def test_addressee_without_colon_is_no_part_of_the_body(tmp_path, addressee):
    result = imported(tmp_path, NOTICE.format(addressee=addressee, body=BODY))
    (doc,) = result.issue.documents
    assert doc.addressee == addressee
    assert not result.report.joins


@pytest.mark.parametrize("first", [
    "为进一步加强管理,提升服务水平,现将有关事项通知如下",
    "根据某某局、某某委的要求,结合我县实际",
    "某某县人民政府",
])
def test_a_body_line_is_no_bare_addressee(first):
    from gazette_pub.sources.line_kinds import is_bare_addressee
    assert not is_bare_addressee(first)


def test_addressee_wrapped_over_two_lines_is_one_addressee(tmp_path):
    text = NOTICE.format(addressee="各县（区）人民政府，市政府各部\n门、直属机构：", body=BODY)
    result = imported(tmp_path, text)
    (doc,) = result.issue.documents
    assert doc.addressee == "各县（区）人民政府，市政府各部门、直属机构："
    assert not any("主送 without its colon" in e.message for e in result.report.uncertainties)


def _headings(doc):
    return [b.label + b.text for b in doc.blocks if b.type == "heading"]


def _paragraphs(doc):
    return [b.text for b in doc.blocks if b.type == "paragraph"]


def test_regulation_items_in_a_real_docx_are_clauses_not_headings():
    (doc,) = import_source(REAL / "docx" / "university-rules-attachment4.docx").issue.documents
    assert not [h for h in _headings(doc) if h.startswith("（")]
    assert any(p.startswith("（一）") and p.endswith("；") for p in _paragraphs(doc))


REGULATION = """某某管理办法
{chapter}第一条 为了规范某某管理,制定本办法。
第二条 申请人应当符合下列条件:
{a}
{b}
第三条 本办法自2023年1月1日起施行。
"""


@pytest.mark.parametrize(("chapter", "a", "b"), [
    ("", "（一）热爱祖国，品德优良；", "（二）成绩优秀。"),
    ("第一章 总则\n", "(一)遵纪守法;", "(二)身体健康。"),
    ("", "1.具有完全民事行为能力；", "2.无不良记录。"),
    ("第一章 总则\n", "（1）年满十八周岁；", "（2）具有本地户籍。"),
])
def test_numbered_items_inside_articles_are_clauses(tmp_path, chapter, a, b):
    result = imported(tmp_path, REGULATION.format(chapter=chapter, a=a, b=b))
    (doc,) = result.issue.documents
    body = [b.text for b in doc.blocks]
    assert a in body and b in body  # kept whole, as paragraphs of the article
    assert not [h for h in _headings(doc) if not h.startswith("第")]
    assert any("read as the articles' clauses" in e.message
               for e in result.report.of_kind("normalization"))


def test_items_without_a_clause_end_stay_headings(tmp_path):
    text = REGULATION.format(chapter="", a="（一）申请条件", b="（二）申请程序")
    (doc,) = imported(tmp_path, text).issue.documents
    assert [h for h in _headings(doc) if h.endswith(("申请条件", "申请程序"))] == \
        ["（一）申请条件", "（二）申请程序"]


PAGE = """{crumb}

关于举办某某业务培训班的通知

各有关单位：

为提升业务能力，决定举办培训班。现将有关事项通知如下：

一、培训安排

日期\t内容\t地点
5月10日\t报到\t某某宾馆
5月11日\t授课\t某某会议室

某某局

2023年4月20日
"""
CRUMBS = ["首页 > 通知公告", "首页>>通知公告", "您现在的位置：首页 > 新闻中心 > 通知公告",
          "首页 » 通知公告 »", "某某市人民政府网 › 政务公开 › 正文", "网站首页＞通知公告"]


@pytest.mark.parametrize("crumb", CRUMBS)
@pytest.mark.parametrize("kind", [None, "standalone"])
def test_breadcrumb_is_chrome_by_its_shape(tmp_path, crumb, kind):
    path = tmp_path / "page.txt"
    path.write_text(PAGE.format(crumb=crumb), encoding="utf-8")
    result = import_source(path, kind=kind)
    (doc,) = result.issue.documents
    assert doc.title == "关于举办某某业务培训班的通知"
    captions = [b.table.caption for b in doc.blocks if b.type == "table"]
    assert captions and not any("首页" in (c or "") or ">" in (c or "") for c in captions)
    assert any(crumb in d.text for d in result.report.discarded)


@pytest.mark.parametrize("text", ["关于某某 > 某某的通知", "首页", "比例为3>2", "2024/03/15",
                                  "登录某某政务服务网→个人办事→社保查询",
                                  "首页正文"])
def test_not_a_breadcrumb(text):
    from gazette_pub.sources.site_chrome import is_breadcrumb_text
    assert not is_breadcrumb_text(text)


ORDER = """某某省人民政府令
第7号
《某某事项管理办法》已经2023年5月6日省政府第12次常务会议通过,现予公布,自2023年7月1日起施行。
{signer}
2023年5月20日
某某事项管理办法
第一条 为了规范某某事项的管理,制定本办法。
第二条 本办法自2023年7月1日起施行。
"""


@pytest.mark.parametrize(("signer", "signature"), [
    ("省长\n王某某", "省长\u3000王某某"),
    ("代理市长\n李某", "代理市长\u3000李某"),
    ("省长　王某某", "省长　王某某"),
])
def test_office_over_its_holders_name_is_one_signatory(tmp_path, signer, signature):
    (doc,) = imported(tmp_path, ORDER.format(signer=signer)).issue.documents
    assert doc.organs == ("某某省人民政府",)
    (sig,) = [b for b in doc.blocks if b.type == "signature"]
    assert sig.lines == (signature,)


def test_organ_over_a_short_line_is_no_office_and_name(tmp_path):
    (doc,) = imported(tmp_path, ORDER.format(signer="某某省人民政府\n办公厅")).issue.documents
    assert not any(line == "某某省人民政府\u3000办公厅"
                   for b in doc.blocks if b.type == "signature" for line in b.lines)
