"""Write PDFs as a word processor exports a 红头文件 (with a text layer), from HTML
with WeasyPrint: what the PDF reader meets in real files, drawn the same way.

The quirks are those of Word's and WPS's PDF export of a GB/T 9704 document: a red
发文机关标志 letter-spaced over the type area, the red rule, a title over two lines,
the 文号 and the 签发人 on one line, a seal drawn over the 落款 (a plain ring, or an electronic seal whose
name runs around it character by character, each turned), page numbers
``— N —`` right on odd pages and left on even ones (GB/T 9704 7.5), an attachment's
ruled table whose header row is repeated on each page and whose rows break across a
page, and the 版记 between rules at the end. See tests/fixtures/real/SOURCES.md.
"""

from __future__ import annotations

from pathlib import Path

CSS = """<style>
@page { size: A4; margin: 37mm 26mm 35mm 28mm;
  @bottom-right { content: "— " counter(page) " —"; font-size: 14pt; margin-right: 1em; } }
@page :left { @bottom-right { content: none; } @bottom-left { content: "— " counter(page) " —"; font-size: 14pt; margin-left: 1em; } }
body { font-family: 'Noto Serif CJK SC'; font-size: 16pt; line-height: 28.9pt; }
p { margin: 0; text-align: justify; }
.mast { color: #e00; font-size: 32pt; text-align: center; letter-spacing: 0.25em; line-height: 64pt; }
.num { text-align: center; }
.rule { border-bottom: 2pt solid #e00; margin: 4pt 0 28pt; }
.title { font-size: 22pt; text-align: center; line-height: 33pt; }
.ind { text-indent: 2em; }
.h { font-family: 'Noto Sans CJK SC'; text-indent: 2em; }
.r { text-align: right; padding-right: 4em; }
.seal { position: absolute; width: 42mm; height: 42mm; border: 3pt solid #e00; border-radius: 50%; margin-left: 90mm; margin-top: -30mm; }
table { border-collapse: collapse; width: 100%; font-size: 12pt; line-height: 18pt; }
td, th { border: 0.75pt solid black; padding: 2pt 4pt; font-weight: normal; }
.ji { border-top: 1pt solid black; border-bottom: 1pt solid black; margin-top: 60pt; font-size: 14pt; }
.ji p { border-bottom: 0.5pt solid black; }
.ji p:last-child { border-bottom: none; }
.sp { display: flex; justify-content: space-between; padding: 0 1em; }
.pb { break-before: page; }
</style>"""
def seal_ring(text: str) -> str:
    """An electronic seal as exported with the document: a red ring with the organ's
    name drawn character by character around its upper arc, each turned to follow the
    ring, and a star in the middle — set over the 落款 and the date."""
    import math
    spans = []
    for i, ch in enumerate(text):
        a = -150 + i * (300 / (len(text) - 1))  # degrees along the arc
        x, y = 60 + 55 * math.sin(math.radians(a)), 60 - 55 * math.cos(math.radians(a))
        spans.append(f'<span style="position:absolute; left:{x - 7:.1f}pt; top:{y - 7:.1f}pt; '
                     f'font-size:13pt; color:#e00; transform: rotate({a:.0f}deg)">{ch}</span>')
    return ('<div style="position:absolute; width:120pt; height:120pt; margin-left:260pt; '
            'margin-top:-70pt; border: 3pt solid #e00; border-radius: 50%">' + "".join(spans)
            + '<span style="position:absolute; left:48pt; top:50pt; font-size:20pt; '
              'color:#e00">★</span></div>')


def notice():
    rows = "".join(f"<tr><td>{i}</td><td>建设第{i}项重点工程任务并按期完成验收</td><td>省大数据局</td><td>各市、县（区）人民政府</td><td>2025年{i % 12 + 1}月</td></tr>" for i in range(1, 26))
    return CSS + """<body>
<p>000123</p><p>机密★1年</p><p>特急</p>
<p class="mast">江北省人民政府办公厅文件</p>
<p class="num">江政办发〔2024〕15号</p><div class="rule"></div>
<p class="title">江北省人民政府办公厅关于印发江北省<br>数字政府建设实施方案的通知</p><p>&nbsp;</p>
<p>各市、县（区）人民政府，省政府各部门、各直属机构：</p>
<p class="ind">《江北省数字政府建设实施方案》已经省政府同意，现印发给你们，请认真组织实施。</p><p>&nbsp;</p>
<p class="ind">附件：1．江北省数字政府建设重点任务分工表</p>
<p style="padding-left: 5em">2．江北省数字政府建设项目清单</p><p>&nbsp;</p><p>&nbsp;</p>
<p class="r">江北省人民政府办公厅</p><div class="seal"></div>
<p class="r">2024年5月20日</p>
<p class="ind">（此件公开发布）</p>
<p class="pb" style="font-family: 'Noto Sans CJK SC'">附件1</p><p>&nbsp;</p>
<p class="title">江北省数字政府建设重点任务分工表</p><p>&nbsp;</p>
<table><thead><tr><th>序号</th><th>重点任务</th><th>牵头单位</th><th>责任单位</th><th>完成时限</th></tr></thead><tbody>
<tr><td colspan="5">一、夯实数字基础设施</td></tr>
<tr><td>1</td><td>建设全省统一的政务云平台</td><td rowspan="2">省大数据局</td><td>各市、县（区）人民政府</td><td>2024年底</td></tr>
<tr><td>2</td><td>推进电子政务外网升级</td><td>省通信管理局</td><td>2025年6月</td></tr>
<tr><td colspan="5">二、提升政务服务水平</td></tr>""" + rows + """</tbody></table>
<p class="pb" style="font-family: 'Noto Sans CJK SC'">附件2</p><p>&nbsp;</p>
<p class="title">江北省数字政府建设项目清单</p><p>&nbsp;</p>
<p class="h">一、总体要求</p>
<p class="ind">（一）工作目标。到2025年，全省数字政府建设取得重要进展，政务服务效能明显提升，数据资源有效汇聚。</p>
<p class="h">二、项目安排</p>
<p class="ind">各地各部门要按照清单要求，抓好项目实施，确保按期完成建设任务。</p>
<div class="ji"><p style="padding: 0 1em">抄送：省委各部门，省人大常委会办公厅，省政协办公厅，省监委，省法院，省检察院。</p>
<p class="sp"><span>江北省人民政府办公厅</span><span>2024年5月21日印发</span></p></div>
</body>"""
def ling():
    return CSS + """<body>
<p class="mast">江北省人民政府令</p>
<p class="num">第12号</p><div class="rule"></div>
<p class="ind">《江北省城市供水管理办法》已经2024年4月28日省人民政府第30次常务会议通过，现予公布，自2024年7月1日起施行。</p><p>&nbsp;</p>
<p class="r">省长　王明</p><p class="r">2024年5月8日</p>
<p class="title pb">江北省城市供水管理办法</p><p>&nbsp;</p>
<p style="text-align:center; font-family: 'Noto Sans CJK SC'">第一章　总　　则</p>
<p class="ind">第一条　为了加强城市供水管理，保障城市生活、生产用水，根据有关法律、法规，结合本省实际，制定本办法。</p>
<p class="ind">第二条　本省行政区域内城市供水的规划、建设、经营和管理，适用本办法。</p>
<p style="text-align:center; font-family: 'Noto Sans CJK SC'">第二章　附　　则</p>
<p class="ind">第三条　本办法自2024年7月1日起施行。</p></body>"""
def request():
    return CSS + """<body>
<p class="mast">江北省交通运输厅文件</p>
<p class="sp"><span>江交发〔2024〕21号</span><span>签发人：李强</span></p><div class="rule"></div>
<p class="title">江北省交通运输厅关于申请安排农村公路<br>养护补助资金的请示</p><p>&nbsp;</p>
<p>省人民政府：</p>
<p class="ind">为加快推进农村公路管理养护体制改革，现就申请安排农村公路养护补助资金有关事项请示如下：</p>
<p class="h">一、资金需求</p><p class="ind">2024年全省农村公路养护需补助资金3.2亿元。</p>
<p class="h">二、资金用途</p><p class="ind">主要用于县乡道日常养护和危桥改造。</p>
<p class="ind">妥否，请批示。</p><p>&nbsp;</p>
<p class="r">江北省交通运输厅</p>""" + seal_ring("江北省交通运输厅") + """<p class="r">2024年3月12日</p>
<p class="ind">（联系人：张丽；联系电话：0951-1234567）</p></body>"""
def letter():
    return CSS + """<body>
<p class="mast" style="letter-spacing: 0">江北省发展和改革委员会</p><div class="rule" style="border-bottom: 4pt double #e00"></div>
<p style="text-align:right">江发改函〔2024〕88号</p><p>&nbsp;</p>
<p class="title">江北省发展和改革委员会　江北省财政厅<br>关于征求《江北省价格调节基金管理办法（征求意见稿）》意见的函</p><p>&nbsp;</p>
<p>各设区市发展改革委、财政局：</p>
<p class="ind">为规范价格调节基金管理，我们起草了《江北省价格调节基金管理办法（征求意见稿）》，现印发给你们，请于2024年6月20日前将修改意见反馈我委。</p><p>&nbsp;</p>
<p class="ind">附件：江北省价格调节基金管理办法（征求意见稿）</p><p>&nbsp;</p><p>&nbsp;</p>
<p class="sp" style="padding: 0 2em"><span>江北省发展和改革委员会</span><span>江北省财政厅</span></p>
<p class="r">二〇二四年六月三日</p>
<p class="ind">（此件依申请公开）</p></body>"""


def joint_request() -> str:
    """The 请示 sent jointly by three organs: their names one a line, 文件 set large
    and centred beside them (GB/T 9704 7.2.4), a joint title, organs side by side in
    the 落款."""
    html = request().replace(
        '<p class="mast">江北省交通运输厅文件</p>',
        '<div style="display:flex; align-items:center; justify-content:center; color:#e00; '
        'font-size:26pt; line-height:40pt"><div style="text-align:justify; '
        'text-align-last: justify; width: 11em"><div>江北省交通运输厅</div><div>江北省财政厅'
        '</div><div>江北省发展和改革委员会</div></div><div style="font-size:36pt; '
        'margin-left: 0.5em">文件</div></div>')
    html = html.replace("江北省交通运输厅关于申请安排农村公路<br>养护补助资金的请示",
                        "江北省交通运输厅　江北省财政厅　江北省发展和改革委员会<br>"
                        "关于申请安排农村公路养护补助资金的请示")
    return html.replace('<p class="r">江北省交通运输厅</p>',
                        '<p class="sp"><span>江北省交通运输厅</span><span>江北省财政厅</span></p>'
                        '<p class="r">江北省发展和改革委员会</p>')


DOCUMENTS = {"notice": notice, "order": ling, "request": request, "letter": letter,
             "joint-request": joint_request}


def write_pdf(path: Path, name: str) -> Path:
    """The document ``name`` (notice, order, request, letter) exported as a PDF."""
    from weasyprint import HTML
    html = DOCUMENTS[name]()
    HTML(string="<html><head>" + html.replace("<body>", "</head><body>", 1) + "</html>").write_pdf(path)
    return path


# --------------------------------------------------------------------------- an issue

ISSUE_DOCS = [
 ("省政府文件", "江北省人民政府关于公布第二批省级非物质文化遗产代表性项目名录的通知", "江政发〔2024〕7号",
  "各市、县（区）人民政府，省政府各部门：", ["省人民政府同意省文化和旅游厅确定的第二批省级非物质文化遗产代表性项目名录，现予公布。"*2, "各地各部门要按照“保护为主、抢救第一”的方针，切实做好项目保护传承工作。"*3], "江北省人民政府", "2024年3月5日"),
 ("省政府办公厅文件", "江北省人民政府办公厅关于做好2024年春耕生产工作的通知", "江政办发〔2024〕9号",
  "各市、县（区）人民政府，省政府有关部门：", ["为切实做好今年春耕生产工作，经省政府同意，现就有关事项通知如下。", "一、抓好粮食播种面积落实", "各地要把粮食生产目标任务分解落实到县乡村和经营主体。"*3, "二、强化农资供应保障", "各有关部门要加强农资市场监管，确保农资质量和供应。"*3], "江北省人民政府办公厅", "2024年3月12日"),
 ("部门文件", "江北省财政厅关于下达2024年农业生产发展资金的通知", "江财农〔2024〕15号",
  "各市、县（区）财政局：", ["现将2024年农业生产发展资金下达给你们，请按规定用途使用。"*3], "江北省财政厅", "2024年3月20日"),
]
ISSUE_CSS = """<style>
@page { size: 185mm 260mm; margin: 25mm 20mm 22mm 20mm;
  @top-center { content: "江北省人民政府公报"; font-size: 9pt; border-bottom: 0.5pt solid black; width: 100%; }
  @bottom-center { content: "·" counter(page) "·"; font-size: 9pt; } }
@page :first { @top-center { content: none; border: none } @bottom-center { content: none } }
body { font-family: 'Noto Serif CJK SC'; font-size: 10.5pt; line-height: 17pt; }
p { margin: 0; text-indent: 2em; text-align: justify; }
.cover h1 { font-size: 36pt; text-align: center; margin-top: 40mm; letter-spacing: 0.2em; }
.cover p { text-align: center; text-indent: 0; }
.toc p { text-indent: 0; }
.sec { text-align: center; text-indent: 0; font-family: 'Noto Sans CJK SC'; margin: 6pt 0; }
.t { text-align: center; text-indent: 0; font-size: 15pt; line-height: 22pt; margin: 10pt 0 4pt; font-family: 'Noto Sans CJK SC'; }
.n { text-align: center; text-indent: 0; margin-bottom: 8pt; }
.r { text-align: right; padding-right: 2em; }
.doc { break-before: page; }
.toc .e { display: flex; text-indent: 0; } .toc .e span.d { flex: 1; border-bottom: 1pt dotted black; margin: 0 3pt 4pt; }
</style>"""
def issue_html(pages: list[int]) -> str:
    """A whole issue in another gazette's layout: a cover (name, 年第N期, 总第N期, date,
    主办), a 目录 whose entries end in dotted leaders and （page）, 【】 section heads,
    one document a page, a running head over a rule and ``·N·`` page numbers."""
    toc = '<div class="toc doc"><p class="t">目　　录</p>'
    cur = None
    for (sec, title, num, *_), pg in zip(ISSUE_DOCS, pages):
        if sec != cur:
            toc += f'<p class="sec">【{sec}】</p>'; cur = sec
        toc += f'<p class="e"><span>{title}</span><span class="d"></span><span>（{pg}）</span></p>'
    toc += '</div>'
    body = ''
    cur = None
    for sec, title, num, addr, paras, sig, date in ISSUE_DOCS:
        body += '<div class="doc">'
        if sec != cur:
            body += f'<p class="sec">【{sec}】</p>'; cur = sec
        body += f'<p class="t">{title}</p><p class="n">{num}</p><p style="text-indent:0">{addr}</p>'
        body += ''.join(f'<p>{p}</p>' for p in paras)
        body += f'<p class="r">{sig}</p><p class="r">{date}</p></div>'
    cover = '<div class="cover"><h1>江北省人民政府公报</h1><p>2024年第5期（总第421期）</p><p>2024年3月31日</p><p>江北省人民政府办公厅主办</p></div>'
    return "<html><head>" + ISSUE_CSS + "</head><body>" + cover + toc + body + "</body></html>"


def write_issue_pdf(path: Path) -> Path:
    """The issue of :func:`issue_html`: cover p. 1, 目录 p. 2, the documents pp. 3–5."""
    from weasyprint import HTML
    HTML(string=issue_html([3, 4, 5])).write_pdf(path)
    return path


#: A statistics table as word processors export a 三线表: rules above and below it and
#: under its header, no vertical lines; its last column holds only short numbers.
THREE_LINE_TABLE = """<html><head><style>
@page { size: A4; margin: 30mm; } body { font-family: 'Noto Serif CJK SC'; font-size: 12pt; }
p { text-indent: 2em; margin: 0; }
table { border-collapse: collapse; width: 100%; border-top: 1.5pt solid black; border-bottom: 1.5pt solid black; }
thead td { border-bottom: 0.75pt solid black; } td { padding: 3pt 6pt; }
</style></head><body>
<p style="text-align:center; text-indent:0; font-size:16pt">江北省2024年一季度主要经济指标</p>
<p>一季度，全省经济运行总体平稳，主要指标如下表。</p>
<table><thead><tr><td>指标</td><td>单位</td><td>绝对值</td><td>同比增长（%）</td></tr></thead>
<tbody><tr><td>地区生产总值</td><td>亿元</td><td>1125.6</td><td>6.1</td></tr>
<tr><td>规模以上工业增加值</td><td>—</td><td>—</td><td>7.2</td></tr>
<tr><td>一般公共预算收入</td><td>亿元</td><td>143.2</td><td>3.5</td></tr>
<tr><td>社会消费品零售总额</td><td>亿元</td><td>312.9</td><td>5.8</td></tr></tbody></table>
<p>注：规模以上工业增加值绝对值不公布。</p></body></html>"""


def write_three_line_pdf(path: Path) -> Path:
    from weasyprint import HTML
    HTML(string=THREE_LINE_TABLE).write_pdf(path)
    return path
