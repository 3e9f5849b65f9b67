"""Build .docx test files with python-docx: a 红头 document as Word writes it, the same
with WPS Office's quirks, list numbering, merged cells, footnotes, text boxes, images.

Only what python-docx has no API for is written as XML (numbering definitions, vMerge
without a value, text boxes, footnotes, jc="distribute"), as Word and WPS write it.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

#: Namespaces python-docx does not declare: markup compatibility and WPS shapes.
MC_WPS_NS = ('xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
             'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
             'xmlns:v="urn:schemas-microsoft-com:vml"')

#: A numbering part: list 1 is 一、 / （一） (chineseCounting), list 2 is 1. (decimal).
NUMBERING_XML = f"""<w:numbering {nsdecls('w')}>
  <w:abstractNum w:abstractNumId="0">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
      <w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
      <w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="1">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>
      <w:lvlText w:val="%1."/><w:suff w:val="nothing"/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
  <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"""

FOOTNOTES_XML = f"""<w:footnotes {nsdecls('w')}>
  <w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
  <w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
  <w:footnote w:id="1"><w:p><w:r><w:t>数据来源于统计年鉴。</w:t></w:r></w:p></w:footnote>
</w:footnotes>"""


def _add_part(document, partname: str, content_type: str, reltype: str, xml: str) -> None:
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    part = Part(PackURI(partname), content_type, xml.encode("utf-8"), document.part.package)
    document.part.relate_to(part, reltype)


def _numbered(paragraph, num_id: int, ilvl: int = 0) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/>'
                         f'<w:numId w:val="{num_id}"/></w:numPr>'))


def _first_line_indent(paragraph) -> None:
    paragraph.paragraph_format.first_line_indent = Pt(32)


def _run(paragraph, text: str, *, bold=None, size=None, font=None):
    run = paragraph.add_run(text)
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    if font:
        run.font.name = font
        run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    return run


def _merge_table(document, wps: bool):
    """序号 | 项目 | 地区 (a header over two columns: 市, 县) — the 地区 header spans two
    columns (gridSpan) and 序号 spans two header rows (vMerge)."""
    table = document.add_table(rows=4, cols=4, style="Table Grid")
    head, sub = table.rows[0].cells, table.rows[1].cells
    head[0].text, head[1].text, head[2].text = "序号", "项目名称", "申报地区"
    head[2].merge(head[3])
    sub[2].text, sub[3].text = "市", "县（区）"
    head[0].merge(sub[0])
    head[1].merge(sub[1])
    for r, values in ((2, ("1", "剪纸", "银川市", "兴庆区")), (3, ("2", "刺绣", "吴忠市", "盐池县"))):
        for c, value in enumerate(values):
            table.rows[r].cells[c].text = value
    if wps:  # WPS writes <w:vMerge/> (no value) for the continuation
        for vmerge in table._tbl.iter(qn("w:vMerge")):
            if vmerge.get(qn("w:val")) == "continue":
                del vmerge.attrib[qn("w:val")]
    return table


def red_head_docx(path: Path, *, wps: bool = False) -> Path:
    """A 红头 notice: 版头, title, 主送, numbered headings, a merged table, 落款, date,
    （此件公开发布）, a footnote, an image, and the 版记."""
    document = Document()
    font = "仿宋_GB2312" if wps else "仿宋"
    document.part.numbering_part._element = parse_xml(NUMBERING_XML)
    _add_part(document, "/word/footnotes.xml",
              "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
              "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes",
              FOOTNOTES_XML)
    document.add_paragraph("000123")
    document.add_paragraph("机密★1年")
    document.add_paragraph("特急")
    masthead = document.add_paragraph()
    masthead.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(masthead, "江北省人民政府文件", bold=True, size=36, font="方正小标宋简体")
    if wps:
        document.add_paragraph()  # WPS users space with empty paragraphs
    number = document.add_paragraph()
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(number, "江政发〔2024〕7号", font=font, size=16)
    document.add_paragraph()
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(title, "江北省人民政府关于公布第二批", bold=True, size=22)
    title.add_run().add_break()  # a title wrapped with a line break
    _run(title, "省级非遗项目名录的通知", bold=True, size=22)
    document.add_paragraph()
    _run(document.add_paragraph(), "各市、县人民政府，省政府各部门：", font=font, size=16)
    body = document.add_paragraph()
    _first_line_indent(body)
    _run(body, "现将名录印发给你们，请认真贯彻执行", font=font, size=16)
    note = body.add_run()
    note._r.append(parse_xml(f'<w:footnoteReference {nsdecls("w")} w:id="1"/>'))
    _run(body, "。", font=font, size=16)
    for text, level in (("总体要求", 0), ("工作目标", 1), ("保障措施", 0)):
        heading = document.add_paragraph()
        _numbered(heading, 1, level)
        _first_line_indent(heading)
        _run(heading, text, font="黑体" if level == 0 else "楷体_GB2312", size=16)
        para = document.add_paragraph()
        _first_line_indent(para)
        _run(para, f"{text}的内容由各地结合实际落实。", font=font, size=16)
    for text in ("加强组织领导。", "强化资金保障。"):
        item = document.add_paragraph()
        _numbered(item, 2)
        _first_line_indent(item)
        _run(item, text, font=font, size=16)
    if wps:
        for p in document.paragraphs[-6:]:
            ppr = p._p.get_or_add_pPr()
            ppr.append(parse_xml(f'<w:jc {nsdecls("w")} w:val="distribute"/>'))
    caption = document.add_paragraph()
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(caption, "第二批省级非遗项目名录", bold=True, size=16)
    _merge_table(document, wps)
    picture = document.add_paragraph()
    picture.add_run()._r.append(parse_xml(
        f'<w:drawing {nsdecls("w", "wp", "a", "pic")}><wp:inline><wp:extent cx="1" cy="1"/>'
        '<wp:docPr id="1" name="公章"/></wp:inline></w:drawing>'))
    if wps:
        box = document.add_paragraph()
        box.add_run()._r.append(parse_xml(
            f'<mc:AlternateContent {nsdecls("w")} {MC_WPS_NS}><mc:Choice Requires="wps">'
            '<w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>（此件公开发布）</w:t></w:r>'
            '</w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict>'
            '<v:textbox><w:txbxContent><w:p><w:r><w:t>（此件公开发布）</w:t></w:r></w:p>'
            '</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent>'))
    for text in ("江北省人民政府", "2024年3月5日"):
        p = document.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _run(p, ("\u3000" * 4 if wps else "") + text, font=font, size=16)
    if not wps:
        document.add_paragraph("（此件公开发布）").alignment = WD_ALIGN_PARAGRAPH.LEFT
    pagebreak = document.add_paragraph()
    pagebreak.add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("抄送：省委各部门，省人大常委会办公厅，")
    document.add_paragraph("省政协办公厅。")
    document.add_paragraph("江北省人民政府办公厅\u3000\u3000\u3000\u30002024年3月5日印发")
    document.save(path)
    return path


def issue_docx(path: Path, text: str) -> Path:
    """A .docx holding ``text`` one paragraph a line (a whole issue pasted into Word)."""
    document = Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    document.save(path)
    return path


def rewrite_zip(source: Path, target: Path, *, drop=(), replace=None) -> Path:
    """A copy of the package ``source`` without the members ``drop`` and with
    ``replace`` (member → bytes)."""
    replace = replace or {}
    out = io.BytesIO()
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(out, "w") as zout:
        for name in zin.namelist():
            if name in drop:
                continue
            zout.writestr(name, replace.get(name, zin.read(name)))
    target.write_bytes(out.getvalue())
    return target


def joint_docx(path: Path) -> Path:
    """A joint document as offices lay it out with borderless tables: the 版头 with the
    organs one a row left of 文件, and the 落款 with the organs side by side."""
    document = Document()
    head = document.add_table(rows=2, cols=2)  # no style: no borders
    head.cell(0, 0).text, head.cell(1, 0).text = "江北省人民政府", "江北省财政厅"
    head.cell(0, 1).text = "文件"
    head.cell(0, 1).merge(head.cell(1, 1))
    document.add_paragraph("江财发〔2024〕12号").alignment = WD_ALIGN_PARAGRAPH.CENTER
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(title, "关于做好预算执行工作的通知", bold=True, size=22)
    document.add_paragraph("各市、县人民政府：")
    body = document.add_paragraph("请按照要求做好预算执行工作。")
    _first_line_indent(body)
    sign = document.add_table(rows=1, cols=2)
    sign.cell(0, 0).text, sign.cell(0, 1).text = "江北省人民政府", "江北省财政厅"
    document.add_paragraph("2024年4月1日").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.save(path)
    return path
