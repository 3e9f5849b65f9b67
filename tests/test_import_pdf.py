"""PDF import: our own print PDFs of the sample issues import back to the same documents
(round trip), two columns, running heads, ruled tables with merged cells, layout
evidence, the audit; scans and damaged files are refused with a message."""

from __future__ import annotations

import difflib
import io
import unicodedata
from pathlib import Path

import pytest

from gazette_pub.audit import audit_issue_dir
from gazette_pub.model import block_texts
from gazette_pub.errors import SourceError
from gazette_pub.model import TableBlock
from gazette_pub.render.typography import comparable
from gazette_pub.sources import import_source, save_import
from gazette_pub.sources.pdf_reader import extract_pdf
from gazette_pub.sources.report import ReportBuilder

ROOT = Path(__file__).resolve().parents[1]
NOTICES = ROOT / "issues" / "notices" / "2020-01"


@pytest.fixture(scope="module")
def notices_pdf(tmp_path_factory):
    """The one-document sample issue printed (small: rendered here)."""
    from gazette_pub.manifest import load_issue
    from gazette_pub.render.pdf import render_issue_pdf
    from gazette_pub.themes import load_theme
    issue = load_issue(NOTICES)
    path = tmp_path_factory.mktemp("notices") / "notices-2020-01.pdf"
    path.write_bytes(render_issue_pdf(issue, load_theme(issue.gazette.theme)).pdf)
    return issue, path


@pytest.fixture(scope="module")
def round_trips(seed_prints, notices_pdf):
    """``get(name) -> (manifest issue, imported result, pdf path)``, imported once."""
    done = {}

    def get(name):
        if name not in done:
            issue, path = notices_pdf if name == "notices" else seed_prints(name)[::3]
            done[name] = (issue, import_source(path), path)
        return done[name]
    return get


def _body(doc) -> str:
    """The document's text as compared: printed spacing ignored (``comparable``), and
    compatibility forms folded (the print sets ASCII brackets full-width)."""
    text = "".join(t for block in doc.all_blocks() for t in block_texts(block))
    return unicodedata.normalize("NFKC", comparable(text))


@pytest.mark.parametrize("name", ["ningxia", "zhongwei", "notices"])
def test_print_pdf_imports_back_to_the_same_documents(round_trips, name):
    issue, result, _ = round_trips(name)
    assert result.report.kind == "pdf text-issue"
    got = result.issue
    assert (got.year, got.number, got.date) == (issue.year, issue.number, issue.date)
    assert len(got.documents) == len(issue.documents)
    for want, doc in zip(issue.documents, got.documents):
        assert comparable(doc.title) == comparable(want.title)
        assert doc.doc_number == want.doc_number
        assert doc.date == want.date
        ratio = difflib.SequenceMatcher(None, _body(want), _body(doc), autojunk=False).ratio()
        assert ratio >= 0.99, (want.seq, want.title, ratio)


def test_two_columns_running_heads_and_merged_cells(round_trips):
    issue, result, _ = round_trips("ningxia")
    reasons = {d.reason for d in result.report.discarded}
    assert "page furniture: running head (repeated on the pages)" in reasons
    assert "page furniture: page number" in reasons
    assert "table header repeated on the next page or column" in reasons
    joins = [e for e in result.report.joins if "fills its column" in e.message]
    assert joins  # paragraphs go on across columns and pages
    want = [b.table for d in issue.documents for b in d.all_blocks() if isinstance(b, TableBlock)]
    got = [b.table for d in result.issue.documents for b in d.all_blocks()
           if isinstance(b, TableBlock)]
    def group_rows(tables):  # rows of one cell over the table: merged cells
        return [[unicodedata.normalize("NFKC", comparable(c.text))
                 for r in t.rows if t.is_group_row(r) for c in r] for t in tables]
    assert group_rows(got) == group_rows(want)
    assert any(group_rows(got))
    assert [len(t.rows) for t in got] == [len(t.rows) for t in want]
    assert "(p. 3)" in result.report.to_text()


def test_layout_evidence(round_trips):
    _, _, path = round_trips("notices")
    report = ReportBuilder(path.name, "pdf")
    extracted = extract_pdf(path.read_bytes(), str(path), report)
    title = next(ln for ln in extracted.lines
                 if ln.page == 3 and ln.text.startswith("自治区地方金融监管局关于"))
    body = next(ln for ln in extracted.lines if ln.text.startswith("为认真贯彻"))
    assert title.bold and title.size > body.size and title.align == "center"
    assert body.indented and not body.bold and body.align == "justify"
    assert [ln.align for ln in extracted.lines if ln.text in ("自治区地方金融监管局",
                                                              "2020年6月28日")] == ["right"] * 2
    assert extracted.text.split("\n")[title.no - 1].startswith("自治区地方金融监管局关于")
    assert extracted.locations[title.no] == "p. 3"


@pytest.mark.parametrize("name", ["notices", "ningxia"])
def test_pdf_import_audits_clean(round_trips, tmp_path, name):
    _, result, path = round_trips(name)
    folder = tmp_path / "issues" / name / "issue"
    save_import(result, folder)
    audit = audit_issue_dir(folder, path)
    assert audit.source_chars > 500
    assert audit.missing == 0, audit.unexplained


def test_scan_without_text_layer_is_refused(tmp_path):
    from PIL import Image
    path = tmp_path / "scan.pdf"
    buffer = io.BytesIO()
    Image.new("RGB", (200, 280), "white").save(buffer, format="PDF")
    path.write_bytes(buffer.getvalue())
    with pytest.raises(SourceError, match="no text layer.*scan"):
        import_source(path)


def test_damaged_pdf_is_refused(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF")
    with pytest.raises(SourceError, match="PDF"):
        import_source(path)


# --------------------------------------------------------------------------- single documents

#: Documents of the sample issues printed alone in the GB/T 9704 layout (公文 mode): a
#: notice with an enclosed 实施意见 over several pages, an appointment list, a 函.
GONGWEN_DOCS = [("ningxia", 1), ("ningxia", 4), ("ningxia", 6), ("zhongwei", 12)]


@pytest.mark.parametrize(("gazette", "seq"), GONGWEN_DOCS)
def test_single_document_pdf_imports_back(tmp_path, gazette, seq):
    from gazette_pub.manifest import load_issue
    from gazette_pub.render.gongwen import render_gongwen
    folder = ROOT / "issues" / gazette / {"ningxia": "2021-10", "zhongwei": "2023-03"}[gazette]
    issue = load_issue(folder)
    want = issue.documents[seq - 1]
    path = tmp_path / f"{want.slug}.pdf"
    path.write_bytes(render_gongwen(issue, want))
    result = import_source(path)
    assert result.report.kind == "pdf standalone"
    (doc,) = result.issue.documents
    assert comparable(doc.title) == comparable(want.title)
    assert doc.doc_number == want.doc_number
    assert doc.date == want.date
    ratio = difflib.SequenceMatcher(None, _body(want), _body(doc), autojunk=False).ratio()
    assert ratio >= 0.99, ratio
    assert any(d.reason == "page furniture: page number" for d in result.report.discarded) \
        or "p. 2" not in result.report.to_text()


# --------------------------------------------------------------------------- geometry

def _chars(text: str, x: float, top: float, size: float = 10.0, font: str = "SimSun"):
    return [{"text": c, "x0": x + i * size, "x1": x + (i + 1) * size, "top": top,
             "bottom": top + size, "size": size, "fontname": font} for i, c in enumerate(text)]


def test_overprinted_characters_are_read_once_as_bold():
    from gazette_pub.sources.pdf_lines import page_lines
    chars = _chars("关于印发方案的通知", 100, 100, 20) + _chars("关于印发方案的通知", 100.4, 100.3, 20)
    chars += _chars("各区县：", 50, 150)
    title, body = page_lines(chars, 1, 595)
    assert (title.text, title.bold) == ("关于印发方案的通知", True)
    assert (body.text, body.bold) == ("各区县：", False)


def test_two_columns_are_read_column_by_column():
    from gazette_pub.sources.pdf_lines import page_lines
    chars = []
    for k in range(8):
        chars += _chars(f"左栏第{k}行文字内容", 50, 100 + 20 * k)
        chars += _chars(f"右栏第{k}行文字内容", 320, 100 + 20 * k)
    chars += _chars("通栏标题", 250, 60, 20)
    lines = page_lines(chars, 1, 595)
    assert [ln.text for ln in lines][:3] == ["通栏标题", "左栏第0行文字内容", "左栏第1行文字内容"]
    assert [ln.column for ln in lines[1:]] == [1] * 8 + [2] * 8


def test_letter_spaced_masthead_is_one_word_and_table_cells_stay_apart():
    from gazette_pub.sources.pdf_lines import page_lines
    chars = []
    for i, c in enumerate("江北省人民政府文件"):
        chars += _chars(c, 40 + i * 60, 80, 20)  # 20 pt characters 40 pt apart (two em)
    chars += _chars("序号", 60, 200) + _chars("名称", 120, 200) + _chars("地区单位", 300, 200)
    masthead, row = page_lines(chars, 1, 595)
    assert masthead.text == "江北省人民政府文件"
    assert row.text.split() == ["序号", "名称", "地区单位"]


#: A 红头 document as a word processor exports it: 份号, a letter-spaced red masthead,
#: 文号 with 签发人, title over two lines, body in 三号 with first-line indents, 落款 and
#: date, the 版记 between rules, "— N —" page numbers.
RED_HEAD_HTML = """<html><head><style>
@page { size: A4; margin: 37mm 26mm 35mm 28mm;
        @bottom-center { content: "— " counter(page) " —"; font-size: 14pt; } }
body { font-family: 'Noto Serif CJK SC'; font-size: 16pt; line-height: 28pt; }
p { margin: 0; text-align: justify; }
.mast { color: red; font-size: 30pt; text-align: center; letter-spacing: 0.3em; line-height: 60pt; }
.num { display: flex; justify-content: space-between; }
.title { font-size: 22pt; text-align: center; line-height: 36pt; font-weight: bold; margin: 20pt 0; }
.ind { text-indent: 2em; }
.r { text-align: right; padding-right: 2em; }
.ji { border-top: 1px solid black; border-bottom: 1px solid black; margin-top: 40pt; }
</style></head><body>
<p>000038</p>
<p class="mast">江北省人民政府文件</p>
<p class="num"><span>江政发〔2024〕9号</span><span>签发人：王明</span></p>
<p class="title">江北省人民政府关于进一步做好<br>城乡供水保障工作的通知</p>
<p>各市、县人民政府，省政府各部门：</p>
""" + "".join(f'<p class="ind">{k}、{text}</p>' for k, text in (
    ("一", "加强水源保护。" + "各地要落实水源地保护责任，开展水源地环境整治，确保饮用水安全。" * 4),
    ("二", "完善供水设施。" + "加快城乡供水管网建设和改造，提高供水保障能力和应急处置水平。" * 5),
    ("三", "强化监督管理。" + "健全供水水质监测体系，定期公开水质信息，接受社会监督。" * 5))) + """
<p class="r" style="margin-top: 40pt">江北省人民政府</p>
<p class="r">2024年5月6日</p>
<p class="ind">（此件公开发布）</p>
<div class="ji"><p>抄送：省委各部门，省人大常委会办公厅，省政协办公厅。</p>
<p class="num"><span>江北省人民政府办公厅</span><span>2024年5月7日印发</span></p></div>
</body></html>"""


def test_red_head_pdf_document(tmp_path):
    from weasyprint import HTML
    path = tmp_path / "notice.pdf"
    HTML(string=RED_HEAD_HTML).write_pdf(path)
    result = import_source(path)
    assert result.report.kind == "pdf standalone"
    (doc,) = result.issue.documents
    assert doc.title == "江北省人民政府关于进一步做好城乡供水保障工作的通知"
    assert doc.doc_number == "江政发〔2024〕9号"
    assert doc.date.isoformat() == "2024-05-06"
    assert doc.organs == ("江北省人民政府",)
    reasons = {d.reason.split(":")[0] for d in result.report.discarded}
    assert {"版头", "page furniture"} <= reasons
    assert any(d.reason.startswith("版记") for d in result.report.discarded)
    assert any(d.reason == "版头: 签发人" for d in result.report.discarded)
    text = "".join(t for block in doc.all_blocks() for t in block_texts(block))
    assert "签发人" not in text and "抄送" not in text and "—" not in text
    assert text.count("各地要落实水源地保护责任") == 4


def test_ruled_table_cells_keep_their_spans():
    from gazette_pub.sources.pdf_tables import table_of
    # 序号 over two header rows, 申报地区 over 市 and 县, then one body row
    xs, ys = [0, 40, 140, 200, 260], [0, 20, 40, 60]
    cells = [(0, 0, 40, 40), (40, 0, 140, 40), (140, 0, 260, 20), (140, 20, 200, 40),
             (200, 20, 260, 40)] + [(xs[i], 40, xs[i + 1], 60) for i in range(4)]
    words = {(0, 0): "序号", (40, 0): "项目名称", (140, 0): "申报地区", (140, 20): "市",
             (200, 20): "县", (0, 40): "1", (40, 40): "剪纸", (140, 40): "银川市",
             (200, 40): "兴庆区"}
    chars = [c for (x, y), text in words.items() for c in _chars(text, x + 2, y + 5, 10)]
    box, table = table_of(cells, chars)
    assert box == (0, 0, 260, 60)
    assert [[(c.text, c.rowspan, c.colspan) for c in row] for row in table.header_rows] == [
        [("序号", 2, 1), ("项目名称", 2, 1), ("申报地区", 1, 2)], [("市", 1, 1), ("县", 1, 1)]]
    assert [[c.text for c in row] for row in table.rows] == [["1", "剪纸", "银川市", "兴庆区"]]


UNRULED_HTML = """<html><head><style>
@page { size: A4; margin: 30mm; } body { font-family: 'Noto Serif CJK SC'; font-size: 12pt; }
td { padding: 2pt 18pt 2pt 0; } p { text-indent: 2em; margin: 0; }
</style></head><body>
<p style="text-align: center; text-indent: 0; font-size: 18pt">2024年1月—3月主要经济指标</p>
<table><tr><td>指标</td><td>单位</td><td>绝对值</td><td>同比增长（%）</td></tr>
<tr><td>地区生产总值</td><td>亿元</td><td>1125.6</td><td>6.1</td></tr>
<tr><td>一般公共预算收入</td><td>亿元</td><td>143.2</td><td>3.5</td></tr>
<tr><td>社会消费品零售总额</td><td>亿元</td><td>312.9</td><td>5.8</td></tr></table>
<p>注：数据为初步统计数。</p></body></html>"""


def test_unruled_table_is_read_from_its_columns(tmp_path):
    from weasyprint import HTML
    path = tmp_path / "figures.pdf"
    HTML(string=UNRULED_HTML).write_pdf(path)
    (doc,) = import_source(path).issue.documents
    (table,) = [b.table for b in doc.all_blocks() if isinstance(b, TableBlock)]
    rows = [[c.text for c in row] for row in table.header_rows + table.rows]
    assert rows[0] == ["指标", "单位", "绝对值", "同比增长（%）"]
    assert rows[-1] == ["社会消费品零售总额", "亿元", "312.9", "5.8"]


#: A ruled table continued over pages under a running head in two parts (swapped on left
#: and right pages, a rule under it), its rows of figures only reaching the page's
#: bottom margin zone, "— N —" page numbers under them.
CONTINUED_TABLE_HTML = """<html><head><style>
@page { size: A4; margin: 25mm 20mm 22mm 20mm;
        @bottom-center { content: "— " counter(page) " —"; font-size: 10pt; } }
@page :right { @top-left { content: "江北市人民政府公报"; border-bottom: 0.5pt solid black;
                           font-size: 9pt; vertical-align: bottom; }
               @top-right { content: "2024年第2期"; border-bottom: 0.5pt solid black;
                            font-size: 9pt; vertical-align: bottom; } }
@page :left { @top-left { content: "2024年第2期"; border-bottom: 0.5pt solid black;
                          font-size: 9pt; vertical-align: bottom; }
              @top-right { content: "江北市人民政府公报"; border-bottom: 0.5pt solid black;
                           font-size: 9pt; vertical-align: bottom; } }
body { font-family: 'Noto Serif CJK SC'; font-size: 10.5pt; line-height: 16pt; }
p { margin: 0; text-indent: 2em; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; line-height: 1.1; }
thead { display: table-header-group; }
td, th { border: 0.5pt solid black; padding: 1pt 3pt; }
tr { break-inside: avoid; }
</style></head><body>
<p style="text-align: center; text-indent: 0; font-size: 16pt">江北市人民政府关于印发青苗补偿标准的通知</p>
<p style="text-indent: 0">各县（区）人民政府：</p>
<p>""" + "为做好征收补偿工作，制定本标准，各地参照执行。" * 6 + """</p>
<table><thead><tr><th>序号</th><th>名称</th><th>沙河区</th><th>北山县</th><th>东湖县</th>
<th>备注</th></tr></thead><tbody>
""" + "".join(f"<tr><td>{k}</td><td>作物{k}</td><td>{1000 + k}</td><td>{1000 + k}</td>"
              f"<td>{1000 + k}</td><td>{'含荞麦、糜子等' if k % 3 == 0 else ''}</td></tr>\n"
              if k % 4 else
              f"<tr><td></td><td></td><td>{1000 + k}</td><td>{1000 + k}</td><td>{1000 + k}</td>"
              f"<td></td></tr>\n" for k in range(1, 121)) + """</tbody></table>
<p>注：各地应参照规定标准补偿。</p>
<p style="text-align: right">江北市人民政府</p><p style="text-align: right">2024年3月1日</p>
</body></html>"""


def test_running_head_over_a_continued_table_and_figure_rows_in_the_margin(tmp_path):
    """Page furniture is only what stands between the page's edge and its body: the
    running head (rule and all) never joins the table under it, a row of figures in the
    bottom margin zone is no page number, and no row of the table is lost."""
    from weasyprint import HTML
    path = tmp_path / "continued.pdf"
    HTML(string=CONTINUED_TABLE_HTML).write_pdf(path)
    result = import_source(path, kind="standalone")  # (a head naming a 公报 reads as an issue)
    (doc,) = result.issue.documents
    (table,) = [b.table for b in doc.all_blocks() if isinstance(b, TableBlock)]
    assert [[c.text for c in row] for row in table.header_rows] == [
        ["序号", "名称", "沙河区", "北山县", "东湖县", "备注"]]
    figures = [row[2].text for row in table.rows]
    assert figures == [str(1000 + k) for k in range(1, 121)]
    assert all(len(row) == 6 for row in table.rows)
    text = "".join(t for block in doc.all_blocks() for t in block_texts(block))
    assert "公报" not in text and "2024年第2期" not in text and "—" not in text
    reasons = [d.reason for d in result.report.discarded]
    assert any("running head" in r for r in reasons) and any("page number" in r for r in reasons)


def test_furniture_is_taken_from_the_page_edge_inward_only():
    from gazette_pub.sources.pdf_lines import PdfLine
    from gazette_pub.sources.pdf_reader import furniture_keys, page_furniture

    def line(text, top, row, x0=60.0):
        return PdfLine(page=n, text=text, x0=x0, x1=x0 + 10 * len(text), top=top,
                       bottom=top + 10, size=10.0, bold=False, row=row)
    pages = []
    for n in range(1, 9):
        head = ([line("江北市人民政府公报", 50, 0), line("2024年第2期", 50, 0, 400)] if n % 3
                else [line("江北市人民政府公报    2024年第2期", 50, 0)])
        pages.append(head + [line("正文第一行", 100, 1), line("1000", 770, 2, 300),
                             line("1000    1000", 780, 3, 200), line(f"— {n} —", 808, 4, 280)])
    keys = furniture_keys(pages, [842.0] * 8)
    for lines in pages:
        found = page_furniture(lines, 842.0, keys)
        assert sorted(found) == [i for i, ln in enumerate(lines)
                                 if ln.top in (50, 808)], [lines[i].text for i in found]
