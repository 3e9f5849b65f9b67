"""Real public documents the importer was not written from (tests/fixtures/real, sources
in its SOURCES.md), with expectations written by hand from reading each page: title,
文号, organs, 落款, 主送, date, the enclosed document and its headings; nothing of any
page is lost (the audit explains every character). Then variants of each pattern
they showed, with made-up names."""

from __future__ import annotations

from pathlib import Path

import pytest

from gazette_pub.audit import audit
from gazette_pub.model import Heading, Paragraph
from gazette_pub.sources import import_source

REAL = Path(__file__).parent / "fixtures" / "real" / "web"

#: page → title, 文号, organs, 落款, 主送, date, enclosed titles, enclosed headings (first 3).
EXPECTED = {
    "dongyang.txt": (
        "东阳市人民政府办公室关于印发《东阳市促进残疾人就业行动实施方案(2023—2025年)》的通知",
        "", ("东阳市人民政府办公室",), ("东阳市人民政府办公室",),
        "各镇、乡人民政府,各街道办事处,市政府各部门:", "2023-03-13",
        ("东阳市促进残疾人就业行动实施方案(2023—2025年)",), ["一、", "二、", "(一)"]),
    # gov.cn field table as a bullet list, values on the next line; 发文机构 = the website
    "zhenba.txt": (
        "镇巴县人民政府工作规则", "镇政发〔2024〕7号", (), (), None, None, (), ["第一章", "一、", "二、"]),
    # law site: [title] [meta] [title] [organ] [title] [文号] [主送]
    "shanghai.txt": (
        "关于印发《上海市文明工地(场站)管理规定》的通知", "沪建建〔2003〕89号",
        ("上海市建设和管理委员会",), ("上海市建设和管理委员会",),
        "各区(县)建委(建设局),各有关局(集团、总公司),各外省市沪办建管处:", "2003-02-21",
        ("上海市文明工地(场站)管理规定",), ["第一章", "第一条", "第二条"]),
    # … the article's title cut short; the enclosed title wrapped over two lines
    "jinhua.txt": (
        "关于印发金华市人民政府办理人大代表建议和政协提案工作规则的通知", "金政办发〔2010〕15号",
        ("金华市人民政府办公室",), ("金华市人民政府办公室",), "各县(市、区)人民政府,市政府各部门:",
        "2010-04-07", ("金华市人民政府办理人大代表建议和政协提案工作规则",),
        ["第一章", "第一条", "第二条"]),
    # … the organ line names the province, the title names the organ; no 落款
    "lincang.txt": (
        "临沧市人民政府关于印发临沧市道路交通安全管理特别规定(试行)的通知", "",
        ("临沧市人民政府",), (), "各县、区人民政府,市直各委、办、局:", "2006-02-20",
        ("临沧市道路交通安全管理特别规定(试行)",), ["第一条", "第二条"]),
    "quanzhou.txt": (
        "泉州市人民政府关于印发《泉州中心市区道路交通安全管理规定》的通知", "",
        ("泉州市人民政府",), (), "各县(市、区)人民政府、泉州开发区管委会,市直各单位:",
        "2007-02-12", ("泉州中心市区道路交通安全管理规定",), ["一、", "二、", "(一)"]),
    "puyang.txt": (
        "濮阳市人民政府办公室关于印发濮阳市城市道路窨井设施管理暂行办法的通知", "濮政办〔2011〕19号",
        ("濮阳市人民政府办公室",), (), "各县(区)人民政府,高新区、工业园区管委会,市人民政府各部门:",
        "2011-03-30", ("濮阳市城市道路窨井设施管理暂行办法",), ["第一条", "第二条"]),
    # an order whose number names no organ (政府令〔2010〕第15号): the organ line gives it;
    # the site dropped the governor's name: 省长 alone over the date is the 落款
    "hebei.txt": (
        "河北省人工影响天气管理规定", "政府令〔2010〕第15号", ("河北省人民政府",), ("省长",), None,
        "2010-12-25", ("河北省人工影响天气管理规定",), ["第一章", "第一条", "第二条"]),
    # a collection's heading copying the title, the 发文机关标志, 文号 with [ ], a rule line
    "guizhou.txt": (
        "关于推进矿产资源勘查规范探矿权延续登记有关问题的通知", "黔国土资发〔2006〕83号",
        ("贵州省国土资源厅",), (), None, None, (), ["一、", "二、"]),
    # law site whose page title is the enclosed regulation's; the article's own title
    # (关于印发…的通知) under the organ line holds it; 文号 in brackets
    "jian.txt": (
        "关于印发吉安市市本级政务公开工作实施细则的通知", "吉府发〔2003〕37号",
        ("江西省吉安市人民政府办公室",), (), "市政府各部门,市直各单位:", "2003-12-04",
        ("吉安市市本级政务公开工作实施细则",), ["一、", "二、"]),
    # gov site: 栏目丨title page title, list-item fields, the title over two lines (organ, 关于…)
    "jiaxiang.txt": (
        "济宁市人民政府关于持续深化“市县同权”改革的实施意见", "济政字〔2021〕30号",
        ("济宁市人民政府",), (), "各县(市、区)人民政府,济宁高新区、太白湖新区、济宁经济技术开发区、"
        "曲阜文化建设示范区管委会(推进办公室),市政府各部门,各大企业,各高等院校:", None, (),
        ["一、", "二、", "三、"]),
    # law-site fields under the article's title (颁布日期/实施日期/颁布单位), 【题注】/【章名】 tags
    "baotou.txt": (
        "包头市人民代表大会及其常务委员会制定地方性法规条例", "",
        ("内蒙古自治区包头市人大常委会",), (), None, None, (), ["第一章", "第一条", "第二条"]),
}


@pytest.fixture(scope="module")
def imported():
    return {name: import_source(REAL / name) for name in EXPECTED}


def headings(blocks) -> list[str]:
    return [b.label for b in blocks if isinstance(b, Heading)]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_real_page_reads_right(imported, name):
    result = imported[name]
    (doc,) = result.issue.documents
    title, number, organs, signers, addressee, date, enclosed, heads = EXPECTED[name]
    assert (doc.title, doc.doc_number, doc.organs, doc.signatories, doc.addressee) == \
        (title, number, organs, signers, addressee)
    assert (doc.date.isoformat() if doc.date else None) == date
    assert tuple(e.title for e in doc.enclosed) == enclosed
    first = doc.enclosed[0].blocks if doc.enclosed else doc.blocks
    assert headings(first)[:3] == heads
    assert audit(REAL / name, result.issue, result.report).ok


def test_site_fields_and_repeats_are_discarded_with_reasons(imported):
    reasons = {d.text: d.reason for d in imported["zhenba.txt"].report.discarded}
    assert reasons["县政府网站"] == "site chrome: page metadata"  # 发文机构's value, not an organ
    assert reasons["镇巴县人民政府工作规则"].startswith("site chrome: repeated title")
    (doc,) = imported["zhenba.txt"].issue.documents
    assert not any("发文" in b.text or "索引号" in b.text
                   for b in doc.blocks if isinstance(b, Paragraph))
    jinhua = {d.text: d.reason for d in imported["jinhua.txt"].report.discarded}
    assert jinhua["关于印发金华市人民政府办理人大代表建议"].endswith("cut short)")
    assert jinhua["浙江省金华市人民政府办公室"].startswith("issuing organ above the repeated title")
    assert any("title wrapped" in e.message for e in imported["jinhua.txt"].report.joins)
    baotou = {d.text: d.reason for d in imported["baotou.txt"].report.discarded}
    assert [r for t, r in baotou.items() if "颁布单位" in t] == [
        "site chrome: page metadata (under the article's title)"]
    assert baotou["【章名】"] == "site chrome: the site's tag before a line"
    guizhou = {d.text: d.reason for d in imported["guizhou.txt"].report.discarded}
    assert sorted(guizhou.values()) == [
        "a copy of the title above the document's head (a list's or page's heading)",
        "document masthead (分隔线)", "document masthead (发文机关标志)"]


# Variants of each pattern, with made-up names.
VARIANTS = {
    # gov.cn field table as a list: labels and values on separate lines, the last field
    # empty, the title printed before and after it; 第一章总则 without a space
    "field-list": ("""\
白石县人民政府关于加强河道管理的通知

  • 索引号:

    000000/2024-00001
  • 发文机构:

    白石县人民政府网站
  • 发文字号:

    白政发〔2024〕3号
  • 成文日期:

    2024年03月02日
  • 内容概述:

白石县人民政府关于加强河道管理的通知

各乡镇人民政府，县政府各部门：

第一章总则

一、为加强河道管理，制定本通知。

白石县人民政府

2024年3月2日
""", ("白石县人民政府关于加强河道管理的通知", "白政发〔2024〕3号", ("白石县人民政府",),
      "各乡镇人民政府，县政府各部门：", "2024-03-02", ["第一章", "一、"])),
    # law site: organ line (with its province) between copies of a title naming no organ,
    # the article's copy cut short
    "organ-between-cut-title": ("""\
关于印发望川市城市供水管理办法的通知

作者:某资料网 时间:2024-07-12 20:48:31   浏览:9581   来源:某资料网

关于印发望川市城市供水管理办法的通知

岚州省望川市人民政府办公室

关于印发望川市城市供水

望政办发〔2012〕8号

各县(市、区)人民政府,市政府各部门:
《望川市城市供水管理办法》已经市政府同意,现印发给你们,请认真执行。

望川市人民政府办公室
二○一二年五月六日
""", ("关于印发望川市城市供水管理办法的通知", "望政办发〔2012〕8号", ("望川市人民政府办公室",),
      "各县(市、区)人民政府,市政府各部门:", "2012-05-06", [])),
    # … the organ line over a title that names the organ; no 落款, only the date
    "organ-over-organ-title": ("""\
松溪市人民政府关于公布松溪市第一批历史建筑名录的通知

时间:2024-05-17 17:46:36 来源: 某资料网 阅读:8471

松溪市人民政府关于公布松溪市第一批历史建筑名录的通知

岚州省松溪市人民政府


松溪市人民政府关于公布松溪市第一批历史建筑名录的通知

松政发〔2019〕2号

各区人民政府，市直各单位：

现将松溪市第一批历史建筑名录予以公布。

二〇一九年一月八日
""", ("松溪市人民政府关于公布松溪市第一批历史建筑名录的通知", "松政发〔2019〕2号",
      ("松溪市人民政府",), "各区人民政府，市直各单位：", "2019-01-08", [])),
    # a heading copying the title over a joint 发文机关标志, a rule line under the 文号
    "copy-masthead-rule": ("""\
第3篇：岚州市财政局 岚州市税务局关于做好契税征收工作的通知
岚州市财政局　岚州市税务局文件
岚财发〔2021〕12号
————————————
关于做好契税征收工作的通知
各区县财政局、税务局：
一、认真做好契税征收工作。
""", ("关于做好契税征收工作的通知", "岚财发〔2021〕12号", ("岚州市财政局", "岚州市税务局"),
      "各区县财政局、税务局：", None, ["一、"])),
    # a column before the page title (栏目｜title), the article's title over two lines
    "column-title-two-lines": ("""\
通知公告｜白石市人民政府办公室关于做好防汛工作的通知
发布日期：2022-06-01  浏览次数：
白石市人民政府办公室
关于做好防汛工作的通知
白政办明电〔2022〕5号
各区人民政府，市政府各部门：
一、压实防汛责任。
""", ("白石市人民政府办公室关于做好防汛工作的通知", "白政办明电〔2022〕5号",
      ("白石市人民政府办公室",), "各区人民政府，市政府各部门：", None, ["一、"])),
    # the enclosed title wrapped over three lines with no blank between
    "enclosed-title-wrapped": ("""\
望川县人民政府办公室关于印发望川县农村集体资产管理办法的通知

各乡镇人民政府，县政府各部门：

《望川县农村集体资产监督管理和收益分配办法》已经县政府同意，现印发给你们。

望川县人民政府办公室

2023年6月1日

望川县农村集体资产
监督管理和
收益分配办法

第一条　为加强农村集体资产管理，制定本办法。
""", ("望川县人民政府办公室关于印发望川县农村集体资产管理办法的通知", "",
      ("望川县人民政府办公室",), "各乡镇人民政府，县政府各部门：", "2023-06-01", [])),
}


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_variant_reads_right(tmp_path, name):
    text, (title, number, organs, addressee, date, heads) = VARIANTS[name]
    path = tmp_path / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    result = import_source(path)
    (doc,) = result.issue.documents
    assert (doc.title, doc.doc_number, doc.organs, doc.addressee) == (title, number, organs,
                                                                      addressee)
    assert (doc.date.isoformat() if doc.date else None) == date
    assert headings(doc.blocks)[:2] == heads
    assert audit(path, result.issue, result.report).ok


def test_variant_enclosed_title_joined_from_three_lines(tmp_path):
    path = tmp_path / "enclosed.txt"
    path.write_text(VARIANTS["enclosed-title-wrapped"][0], encoding="utf-8")
    (doc,) = import_source(path).issue.documents
    assert [e.title for e in doc.enclosed] == ["望川县农村集体资产监督管理和收益分配办法"]
    assert headings(doc.enclosed[0].blocks) == ["第一条"]
