"""Write .docx packages as Microsoft Word and WPS Office write a 红头文件, part by part.

python-docx's own documents are too tidy: real 红头文件 carry the 版头 and the 版记 in
layout tables and paragraph borders, split runs, fields, content controls, anchored
seals and the quirks of WPS Office. This module writes WordprocessingML directly from a
list of body elements, so a test states exactly the markup a real file has. Each quirk
is named where it is written, with where it was seen (see
``tests/fixtures/real/SOURCES.md``, "Quirks of real .docx files").
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = (f'xmlns:w="{W_NS}" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
      'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
      'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
      'xmlns:v="urn:schemas-microsoft-com:vml" '
      'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
      'mc:Ignorable="w14"')

#: A 1×1 PNG: the seal's picture (its pixels do not matter, its drawing markup does).
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201e2f2d3"
                    "a40000000049454e44ae426082")


def run(text: str, *, font: str | None = None, size: float | None = None,
        bold: bool = False, color: str | None = None, extra: str = "") -> str:
    """A ``w:r``; ``extra`` is more run properties (``w:fitText``, ``w:spacing`` …)."""
    props = ""
    if font:
        props += f'<w:rFonts w:ascii="{font}" w:eastAsia="{font}" w:hAnsi="{font}" w:hint="eastAsia"/>'
    if bold:
        props += "<w:b/><w:bCs/>"
    if color:
        props += f'<w:color w:val="{color}"/>'
    if size:
        props += f'<w:sz w:val="{int(size * 2)}"/><w:szCs w:val="{int(size * 2)}"/>'
    props += extra
    return (f"<w:r>{f'<w:rPr>{props}</w:rPr>' if props else ''}"
            f'<w:t xml:space="preserve">{escape(text)}</w:t></w:r>')


def para(*runs: str, jc: str | None = None, style: str | None = None, first_chars: int = 0,
         right_chars: int = 0, ppr: str = "") -> str:
    """A ``w:p`` of ``runs`` (strings are plain runs)."""
    props = f'<w:pStyle w:val="{style}"/>' if style else ""
    props += ppr
    if first_chars or right_chars:
        first = f' w:firstLineChars="{first_chars}"' if first_chars else ""
        right = f' w:rightChars="{right_chars}"' if right_chars else ""
        props += f"<w:ind{first}{right}/>"
    if jc:
        props += f'<w:jc w:val="{jc}"/>'
    body = "".join(r if r.startswith("<") else run(r) for r in runs)
    return f"<w:p>{f'<w:pPr>{props}</w:pPr>' if props else ''}{body}</w:p>"


def page_break() -> str:
    return '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'


def red_rule() -> str:
    """The red line under the 版头 as Word's GB/T 9704 templates draw it: the bottom
    border of an empty paragraph."""
    return ('<w:p><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="18" w:space="1" '
            'w:color="FF0000"/></w:pBdr></w:pPr></w:p>')


def seal(name: str = "图片 1", rel: str = "rIdSeal") -> str:
    """A seal: a picture anchored behind the text (``wp:anchor``), in its own run."""
    return (f'<w:r><w:drawing><wp:anchor behindDoc="1" distT="0" distB="0" distL="0" distR="0" '
            f'simplePos="0" relativeHeight="1" locked="0" layoutInCell="1" allowOverlap="1">'
            f'<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>'
            f'3000000</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph">'
            f'<wp:posOffset>-500000</wp:posOffset></wp:positionV><wp:extent cx="1440000" '
            f'cy="1440000"/><wp:wrapNone/><wp:docPr id="1" name="{name}"/><a:graphic>'
            f'<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
            f'<pic:pic><pic:nvPicPr><pic:cNvPr id="1" name="{name}"/><pic:cNvPicPr/>'
            f'</pic:nvPicPr><pic:blipFill><a:blip r:embed="{rel}"/></pic:blipFill><pic:spPr/>'
            f'</pic:pic></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>')


def field(instr: str, result: str) -> str:
    """A complex field (``w:fldChar`` begin/separate/end): Word shows ``result``."""
    return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> {escape(instr)} </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            f'{run(result)}<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def cell(text: str | list[str], *, span: int = 1, vmerge: str | None = None,
         borders: str = "", jc: str | None = None) -> str:
    """A ``w:tc``; ``vmerge`` "restart", "continue" or "" (WPS: no value = continue)."""
    props = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    if vmerge is not None:
        props += f'<w:vMerge w:val="{vmerge}"/>' if vmerge else "<w:vMerge/>"
    props += borders
    texts = [text] if isinstance(text, str) else text
    return (f"<w:tc><w:tcPr>{props}</w:tcPr>"
            + "".join(para(t, jc=jc) for t in texts) + "</w:tc>")


def row(*cells: str, header: bool = False) -> str:
    return f"<w:tr>{'<w:trPr><w:tblHeader/></w:trPr>' if header else ''}{''.join(cells)}</w:tr>"


GRID_BORDERS = ('<w:tblBorders>' + "".join(
    f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
    for side in ("top", "left", "bottom", "right", "insideH", "insideV")) + '</w:tblBorders>')
#: A 版记 table as GB/T 9704 templates draw it: rules above, between and below, no
#: vertical lines.
RULES_ONLY = ('<w:tblBorders><w:top w:val="single" w:sz="8" w:space="0" w:color="auto"/>'
              '<w:left w:val="nil"/><w:bottom w:val="single" w:sz="8" w:space="0" '
              'w:color="auto"/><w:right w:val="nil"/><w:insideH w:val="single" w:sz="4" '
              'w:space="0" w:color="auto"/><w:insideV w:val="nil"/></w:tblBorders>')
NO_BORDERS = ('<w:tblBorders>' + "".join(f'<w:{side} w:val="none" w:sz="0" w:space="0" '
                                          'w:color="auto"/>' for side in
                                          ("top", "left", "bottom", "right", "insideH",
                                           "insideV")) + '</w:tblBorders>')


def table(*rows: str, cols: int, borders: str = GRID_BORDERS) -> str:
    grid = "".join('<w:gridCol w:w="1700"/>' for _ in range(cols))
    return (f'<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/>{borders}</w:tblPr>'
            f"<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>")


def styles_xml(wps: bool) -> str:
    """Normal (仿宋 三号) and heading styles; WPS names its styles by number and puts
    the heading numbering on the style (and again on each heading paragraph)."""
    heading_id = "2" if wps else "Heading1"
    num = ('<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>' if wps else "")
    return (f'<w:styles {NS}><w:docDefaults><w:rPrDefault><w:rPr>'
            '<w:rFonts w:ascii="Times New Roman" w:eastAsia="仿宋_GB2312" w:hAnsi="Times New Roman"/>'
            '<w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:rPrDefault></w:docDefaults>'
            f'<w:style w:type="paragraph" w:default="1" w:styleId="{"1" if wps else "Normal"}">'
            '<w:name w:val="Normal"/><w:pPr><w:jc w:val="both"/></w:pPr></w:style>'
            f'<w:style w:type="paragraph" w:styleId="{heading_id}"><w:name w:val="heading 1"/>'
            f'<w:basedOn w:val="{"1" if wps else "Normal"}"/><w:pPr>{num}'
            '<w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:eastAsia="黑体"/></w:rPr>'
            f'</w:style><w:style w:type="paragraph" w:styleId="{"11" if wps else "TOC1"}">'
            '<w:name w:val="toc 1"/><w:basedOn w:val="Normal"/></w:style></w:styles>')


#: 一、 / （一） for the headings (WPS's own heading numbering); list 2 is invisible (numFmt
#: none, as converted documents carry it: the paragraphs show no label).
NUMBERING = (f'<w:numbering {NS}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0">'
             '<w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/>'
             '<w:suff w:val="nothing"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/>'
             '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff '
             'w:val="nothing"/></w:lvl></w:abstractNum><w:abstractNum '
             'w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="none"/>'
             '<w:lvlText w:val=""/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId '
             'w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
             '</w:numbering>')


AFCHUNK_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk"


def alt_chunk(rel_id: str) -> str:
    """An imported chunk in the body (``w:altChunk``): its content is the part."""
    return f'<w:altChunk r:id="{rel_id}"/>'


ENDNOTES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes"
ENDNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml"


def endnotes(*texts: str) -> bytes:
    """An endnotes part: the separators, then note 1, 2 … with ``texts``."""
    notes = "".join(f'<w:endnote w:id="{k}"><w:p>{run(t)}</w:p></w:endnote>'
                    for k, t in enumerate(texts, start=1))
    return (f'<w:endnotes {NS}><w:endnote w:type="separator" w:id="-1"><w:p><w:r>'
            '<w:separator/></w:r></w:p></w:endnote><w:endnote w:type="continuationSeparator" '
            'w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:endnote>'
            f'{notes}</w:endnotes>').encode("utf-8")


def write_docx(path: Path, body: list[str], *, wps: bool = False,
               chunks: dict[str, tuple[str, str, bytes]] | None = None,
               notes: bytes | None = None) -> Path:
    """A package of ``body`` as Word (``wps=False``) or WPS Office writes it; ``chunks``:
    relationship id → (part name, content type, bytes) of imported chunks; ``notes``: an
    endnotes part."""
    chunks = dict(chunks or {})
    related = {rid: (AFCHUNK_REL, name) for rid, (name, _, _) in chunks.items()}
    if notes is not None:
        chunks["rIdEndnotes"] = ("endnotes.xml", ENDNOTES_TYPE, notes)
        related["rIdEndnotes"] = (ENDNOTES_REL, "endnotes.xml")
    ct = "application/vnd.openxmlformats-officedocument"
    rels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {NS}>'
                f'<w:body>{"".join(body)}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
                '<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" '
                'w:header="851" w:footer="1474" w:gutter="0"/></w:sectPr></w:body></w:document>')
    app = "WPS Office" if wps else "Microsoft Office Word"
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://'
            'schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default '
            'Extension="xml" ContentType="application/xml"/><Default Extension="png" '
            'ContentType="image/png"/><Override PartName="/word/document.xml" ContentType="'
            f'{ct}.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" '
            f'ContentType="{ct}.wordprocessingml.styles+xml"/><Override PartName="/word/'
            f'numbering.xml" ContentType="{ct}.wordprocessingml.numbering+xml"/><Override '
            f'PartName="/docProps/app.xml" ContentType="{ct}.extended-properties+xml"/>'
            '</Types>'),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="'
            'http://schemas.openxmlformats.org/package/2006/relationships"><Relationship '
            f'Id="rId1" Type="{rels}/officeDocument" Target="word/document.xml"/><Relationship '
            f'Id="rId2" Type="{rels}/extended-properties" Target="docProps/app.xml"/>'
            '</Relationships>'),
        "word/_rels/document.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="'
            'http://schemas.openxmlformats.org/package/2006/relationships"><Relationship '
            f'Id="rIdStyles" Type="{rels}/styles" Target="styles.xml"/><Relationship '
            f'Id="rIdNum" Type="{rels}/numbering" Target="numbering.xml"/><Relationship '
            f'Id="rIdSeal" Type="{rels}/image" Target="media/image1.png"/>'
            + "".join(f'<Relationship Id="{rid}" Type="{kind}" Target="{name}"/>'
                      for rid, (kind, name) in related.items()) + '</Relationships>'),
        "word/document.xml": document,
        "word/styles.xml": styles_xml(wps),
        "word/numbering.xml": NUMBERING,
        "word/media/image1.png": PNG,
        "docProps/app.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http:'
            '//schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            f'<Application>{app}</Application></Properties>'),
    }
    for name, kind, data in chunks.values():
        parts["word/" + name] = data
        parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
            "</Types>", f'<Override PartName="/word/{name}" ContentType="{kind}"/></Types>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in parts.items():
            package.writestr(name, content if isinstance(content, bytes)
                             else content.encode("utf-8"))
    path.write_bytes(buffer.getvalue())
    return path


# --------------------------------------------------------------------------- documents

def notice_docx(path: Path, *, wps: bool = False) -> Path:
    """A 红头 notice as Word (or WPS) writes it: 版头 (份号, 密级, 紧急程度, a fitted
    red 发文机关标志, 文号 in split runs, the red rule as a paragraph border), a title
    in two paragraphs, 附件说明 over two lines, a seal anchored on the 落款, the date as a
    DATE field, two attachments (a table with a header row, group rows across it and a
    vMerge), and the 版记 as a table drawn with rules only."""
    body = [
        para(run("000123", font="黑体")),
        para(run("机密★1年", font="黑体")),
        para(run("特急", font="黑体")),
        para(run("江北省人民政府办公厅文件", font="方正小标宋简体", size=32, color="FF0000",
                 extra='<w:w w:val="80"/><w:fitText w:val="8400" w:id="1"/>'), jc="center"),
        para(),
        para(run("江政办发"), run("〔"), run("2024"), run("〕"), run("15"), run("号"), jc="center"),
        red_rule(),
        para(),
        para(run("江北省人民政府办公厅关于印发江北省", font="方正小标宋简体", size=22), jc="center"),
        para(run("数字政府建设实施方案的通知", font="方正小标宋简体", size=22), jc="center"),
        para(),
        para("各市、县（区）人民政府，省政府各部门、各直属机构："),
        para("《江北省数字政府建设实施方案》已经省政府同意，现印发给你们，请认真组织实施。", first_chars=200),
        para(),
        para("附件：1．江北省数字政府建设重点任务分工表", first_chars=200),
        para("　　　　　2．江北省数字政府建设项目清单"),
        para(), para(), para(),
        para(run("江北省人民政府办公厅"), seal(), jc="right", right_chars=400),
        para(field('DATE \\@ "yyyy年M月d日"', "2024年5月20日"), jc="right", right_chars=400),
        para("（此件公开发布）", first_chars=200),
        page_break(),
        para(run("附件1", font="黑体")),
        para(),
        para(run("江北省数字政府建设重点任务分工表", font="方正小标宋简体", size=22), jc="center"),
        table(row(cell("序号"), cell("重点任务"), cell("牵头单位"), cell("责任单位"), cell("完成时限"), header=True),
              row(cell("一、夯实数字基础设施", span=5)),
              row(cell("1"), cell("建设全省统一的政务云平台"), cell("省大数据局", vmerge="restart"), cell("各市、县（区）人民政府"), cell("2024年底")),
              row(cell("2"), cell("推进电子政务外网升级"), cell("", vmerge="" if wps else "continue"), cell("省通信管理局"), cell("2025年6月")),
              row(cell("二、提升政务服务水平", span=5)),
              row(cell("3"), cell("推行高效办成一件事"), cell("省政务服务办"), cell("省直各部门"), cell("持续推进")),
              cols=5),
        page_break(),
        para(run("附件2", font="黑体")),
        para(),
        para(run("江北省数字政府建设项目清单", font="方正小标宋简体", size=22), jc="center"),
        para(run("一、总体要求", font="黑体"), first_chars=200),
        para(run("（一）工作目标。", font="楷体_GB2312"), run("到2025年，全省数字政府建设取得重要进展。"), first_chars=200),
        para(run("二、项目安排", font="黑体"), first_chars=200),
        para("各地各部门要按照清单要求，抓好项目实施。", first_chars=200),
        page_break(),
        table(row(cell("抄送：省委各部门，省人大常委会办公厅，省政协办公厅，省监委，省法院，省检察院。", span=2)),
              row(cell("江北省人民政府办公厅"), cell("2024年5月21日印发", jc="right")),
              cols=2, borders=RULES_ONLY),
    ]
    return write_docx(path, body, wps=wps)


XBS = "方正小标宋简体"


def order_docx(path: Path) -> Path:
    """A 令 as WPS writes it: the order heading and its number, the promulgating
    sentence, 省长 and the date, then the regulation after a page break."""
    wps = True
    body = [
        para(run("江北省人民政府令", font=XBS, size=36, color="FF0000"), jc="center"),
        para(run("第12号"), jc="center"),
        red_rule(),
        para("《江北省城市供水管理办法》已经2024年4月28日省人民政府第30次常务会议通过，现予公布，自2024年7月1日起施行。", first_chars=200),
        para(), para(),
        para("省长　王明", jc="right", right_chars=400),
        para("2024年5月8日", jc="right", right_chars=400),
        page_break(),
        para(run("江北省城市供水管理办法", font=XBS, size=22), jc="center"),
        para(),
        para(run("第一章　总则", font="黑体"), jc="center"),
        para(run("第一条", font="黑体"), run("　为了加强城市供水管理，保障城市生活、生产用水，根据有关法律、法规，结合本省实际，制定本办法。"), first_chars=200),
        para(run("第二条", font="黑体"), run("　本省行政区域内城市供水的规划、建设、经营和管理，适用本办法。"), first_chars=200),
        para(run("第二章　供水水源", font="黑体"), jc="center"),
        para(run("第三条", font="黑体"), run("　县级以上人民政府应当加强供水水源保护。"), first_chars=200),
        para(run("第三章　附则", font="黑体"), jc="center"),
        para(run("第四条", font="黑体"), run("　本办法自2024年7月1日起施行。"), first_chars=200),
    ]
    return write_docx(path, body, wps=wps)

def request_docx(path: Path) -> Path:
    """上行文: 文号 left and 签发人 right in a borderless table."""
    body = [
        para(run("江北省交通运输厅文件", font=XBS, size=36, color="FF0000"), jc="center"),
        para(),
        table(row(cell("江交发〔2024〕21号"), cell("签发人：李强", jc="right")), cols=2, borders=NO_BORDERS),
        red_rule(),
        para(),
        para(run("江北省交通运输厅关于申请安排农村公路", font=XBS, size=22), jc="center"),
        para(run("养护补助资金的请示", font=XBS, size=22), jc="center"),
        para(),
        para("省人民政府："),
        para("为加快推进农村公路管理养护体制改革，现就申请安排农村公路养护补助资金有关事项请示如下：", first_chars=200),
        para(run("一、资金需求", font="黑体"), first_chars=200),
        para("2024年全省农村公路养护需补助资金3.2亿元。", first_chars=200),
        para(run("二、资金用途", font="黑体"), first_chars=200),
        para("主要用于县乡道日常养护和危桥改造。", first_chars=200),
        para("妥否，请批示。", first_chars=200),
        para(), para(),
        para(run("江北省交通运输厅"), seal(), jc="right", right_chars=400),
        para("2024年3月12日", jc="right", right_chars=400),
        para("（联系人：张丽；联系电话：0951-1234567）", first_chars=200),
    ]
    return write_docx(path, body)

def letter_docx(path: Path) -> Path:
    """函: 信函格式 head (organ name only), 文号 right, joint 落款 in a borderless table,
    date in Chinese numerals in a content control, a tracked deletion."""
    sdt = ('<w:sdt><w:sdtPr><w:date w:fullDate="2024-06-03T00:00:00Z"><w:dateFormat w:val="yyyy年M月d日"/>'
           '</w:date></w:sdtPr><w:sdtContent>' + run("二〇二四年六月三日") + '</w:sdtContent></w:sdt>')
    body = [
        para(run("江北省发展和改革委员会", font=XBS, size=30, color="FF0000"), jc="center"),
        red_rule(),
        para(run("江发改函〔2024〕88号"), jc="right"),
        para(),
        para(run("江北省发展和改革委员会　江北省财政厅", font=XBS, size=22), jc="center"),
        para(run("关于征求《江北省价格调节基金管理办法（征求意见稿）》意见的函", font=XBS, size=22), jc="center"),
        para(),
        para("各设区市发展改革委、财政局："),
        '<w:p><w:pPr><w:ind w:firstLineChars="200"/></w:pPr>' + run("为规范价格调节基金管理，我们起草了《江北省价格调节基金管理办法（征求意见稿）》，现印发给你们，请于2024年6月20日前将修改意见反馈我委。")
        + '<w:del w:id="1" w:author="user"><w:r><w:delText>逾期视为无意见。</w:delText></w:r></w:del></w:p>',
        para(),
        para("附件：江北省价格调节基金管理办法（征求意见稿）", first_chars=200),
        para(), para(),
        table(row(cell("江北省发展和改革委员会", jc="center"), cell("江北省财政厅", jc="center")), cols=2, borders=NO_BORDERS),
        '<w:p><w:pPr><w:jc w:val="right"/><w:ind w:rightChars="400"/></w:pPr>' + sdt + '</w:p>',
        para("（此件依申请公开）", first_chars=200),
    ]
    return write_docx(path, body)



def announcement_docx(path: Path) -> Path:
    """A 公告 as WPS writes it: the 发文机关标志 typed letter-spaced with spaces, the
    公告 title and its （第N号） under it, the 落款 and date pushed right with
    full-width spaces (no alignment), the date typed with spaces."""
    body = [
        para(run("江 北 省 人 民 政 府 文 件", font=XBS, size=30, color="FF0000"), jc="center"),
        para(run("江北省人民政府公告", font=XBS, size=22), jc="center"),
        para("（第3号）", jc="center"),
        para(),
        para("根据《中华人民共和国土地管理法》有关规定，现将有关事项公告如下：", first_chars=200),
        para("一、自本公告发布之日起，在征收范围内不得抢栽抢种。", first_chars=200),
        para("二、本公告自发布之日起施行。", first_chars=200),
        para("特此公告。", first_chars=200),
        para(), para(),
        para("　　　　　　　　　　　　　　　　江北省人民政府"),
        para("　　　　　　　　　　　　　　　　2024 年 6 月 18 日"),
    ]
    return write_docx(path, body, wps=True)

def plan_docx(path: Path) -> Path:
    """A notice enclosing a plan: hidden text (a template's instruction, ``w:vanish``)
    in the body, and the plan's table of contents made by Word (a TOC field, entries
    in the ``toc 1`` style with a tab and the page number)."""
    toc_p = lambda t, n: ('<w:p><w:pPr><w:pStyle w:val="TOC1"/><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="8296"/></w:tabs></w:pPr>'
                          + run(t) + '<w:r><w:tab/></w:r>' + run(str(n)) + '</w:p>')
    body = [
        para(run("江北省人民政府办公厅文件", font=XBS, size=32, color="FF0000"), jc="center"),
        para(run("江政办发〔2024〕30号"), jc="center"),
        red_rule(),
        para(run("江北省人民政府办公厅关于印发江北省", font=XBS, size=22), jc="center"),
        para(run("突发事件总体应急预案的通知", font=XBS, size=22), jc="center"),
        para(run("各市、县（区）人民政府，省政府各部门：")),
        para(run("《江北省突发事件总体应急预案》已经省政府同意，现印发给你们，请认真贯彻执行。"),
             run("（请在此处填写说明）", extra="<w:vanish/>"), first_chars=200),
        para(), para("江北省人民政府办公厅", jc="right", right_chars=400),
        para("2024年7月1日", jc="right", right_chars=400),
        para("（此件公开发布）", first_chars=200),
        page_break(),
        para(run("江北省突发事件总体应急预案", font=XBS, size=22), jc="center"),
        para(run("目　　录", font="黑体"), jc="center"),
        '<w:p><w:pPr><w:pStyle w:val="TOC1"/></w:pPr><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> TOC \\o "1-3" \\h \\z \\u </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
          + run("1　总则") + '<w:r><w:tab/></w:r>' + run("1") + '</w:p>',
        toc_p("2　组织体系", 3), toc_p("3　运行机制", 5),
        '<w:p><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>',
        page_break(),
        para(run("1　总则", font="黑体"), style="Heading1"),
        para("1.1　编制目的", first_chars=200),
        para("为提高政府应对突发事件的能力，制定本预案。", first_chars=200),
        para(run("2　组织体系", font="黑体"), style="Heading1"),
        para("省人民政府是全省突发事件应对工作的行政领导机关。", first_chars=200),
        para(run("3　运行机制", font="黑体"), style="Heading1"),
        para("各地各部门要建立健全监测预警机制。", first_chars=200),
    ]
    return write_docx(path, body)


#: The 正文 of a notice as a web OA system exports it: MHT (MIME, quoted-printable
#: HTML) for Word to convert when it opens the file.
OA_HTML = """<html><head><meta charset="utf-8"><title>正文</title><style>p{margin:0}</style></head>
<body><div><p align="center"><span style="color:red;font-size:26pt">江北省卫生健康委员会文件</span></p>
<p align="center">江卫发〔2024〕33号</p><hr color="red">
<p align="center"><b>江北省卫生健康委员会关于做好2024年夏季</b></p>
<p align="center"><b>爱国卫生运动工作的通知</b></p>
<p>各市、县（区）卫生健康局，委直属各单位：</p>
<p>　　为深入开展夏季爱国卫生运动，现将有关事项通知如下。</p>
<p>　　一、开展环境卫生整治</p><p>　　各地要集中清理卫生死角，消除病媒生物孳生地。</p>
<p>　　二、加强健康教育</p><p>　　各地要广泛宣传夏季传染病防治知识。</p>
<table border="1"><tr><td>阶段</td><td>时间</td><td>重点任务</td></tr>
<tr><td>动员部署</td><td>6月</td><td>制定方案</td></tr>
<tr><td>集中整治</td><td>7月—8月</td><td>清理死角</td></tr></table>
<p align="right">江北省卫生健康委员会</p><p align="right">2024年6月3日</p>
<p>　　（此件公开发布）</p></div></body></html>"""


def oa_chunk_docx(path: Path) -> Path:
    """A notice whose whole body is one imported MHT chunk (``w:altChunk``), wrapped in a
    custom XML element, as web OA systems and HTML→docx converters write it."""
    import quopri
    mht = ("MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"----=_NextPart\"\r\n\r\n"
           "------=_NextPart\r\nContent-Type: text/html; charset=\"utf-8\"\r\n"
           "Content-Transfer-Encoding: quoted-printable\r\n\r\n").encode() \
        + quopri.encodestring(OA_HTML.encode("utf-8")) + b"\r\n------=_NextPart--\r\n"
    body = ['<w:customXml w:uri="urn:oa" w:element="zhengwen">' + alt_chunk("rIdChunk1")
            + '</w:customXml>']
    return write_docx(path, body, chunks={"rIdChunk1": ("afchunk.mht", "message/rfc822", mht)})


def issue_docx(path: Path) -> Path:
    """A whole gazette issue typed in Word: cover lines, a 目录 made by Word (a TOC
    field; entries in the toc 1 style, a dotted tab stop, a tab, the page number),
    【】 sections and one document a page (the documents of tests/gongwen_pdf.py)."""
    from .gongwen_pdf import ISSUE_DOCS
    def toc(title: str, page: int) -> str:
        return ('<w:p><w:pPr><w:pStyle w:val="TOC1"/><w:tabs><w:tab w:val="right" '
                'w:leader="dot" w:pos="8296"/></w:tabs></w:pPr>' + run(title)
                + '<w:r><w:tab/></w:r>' + run(str(page)) + '</w:p>')

    body = [para(run("江北省人民政府公报", font=XBS, size=36), jc="center"),
            para("2024年第5期（总第421期）", jc="center"), para("2024年3月31日", jc="center"),
            para("江北省人民政府办公厅主办", jc="center"), page_break(),
            para(run("目　　录", font="黑体"), jc="center"),
            '<w:p><w:pPr><w:pStyle w:val="TOC1"/></w:pPr><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> TOC \\o "1-3" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r></w:p>']
    cur = None
    for (sec, title, num, *_), pg in zip(ISSUE_DOCS, [3, 4, 5]):
        if sec != cur:
            body.append(para(f"【{sec}】", jc="center")); cur = sec
        body.append(toc(title, pg))
    body.append('<w:p><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
    cur = None
    for sec, title, num, addr, paras, sig, date in ISSUE_DOCS:
        body.append(page_break())
        if sec != cur:
            body.append(para(f"【{sec}】", jc="center")); cur = sec
        body += [para(run(title, font=XBS, size=18), jc="center"), para(num, jc="center"), para(addr)]
        body += [para(p, first_chars=200) for p in paras]
        body += [para(sig, jc="right"), para(date, jc="right")]
    return write_docx(path, body)
