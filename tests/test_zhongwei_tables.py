"""The zhongwei sample issue's shifted tables (附件1–3 of the 补偿 notice, the
完整社区 project lists, the 政务公开 task table), row by row for every row the
extraction shifted, both as a fresh import of the seed gives them (the seed is the text
extracted from the real PDF) and as the committed issue folder holds and prints them.
The print's start pages with these tables are checked by tests/test_print_fidelity.py,
their PDF read-back by tests/test_import_pdf.py."""

from __future__ import annotations

import pytest

from gazette_pub.manifest import load_issue
from gazette_pub.model import TableBlock
from gazette_pub.sources import import_source
from gazette_pub.sources.tables import grid_texts

from .conftest import SEED_ISSUES, SEEDS

SEED = SEEDS / "zhongwei-2023-03.txt"


@pytest.fixture(scope="module")
def fresh():
    if not SEED.is_file():
        pytest.skip("seed not found")
    return import_source(SEED)


def tables_of(issue):
    """Each enclosed document's one table, by the enclosed document's title. None of
    these tables has a caption line of its own, so none has a caption: the title is
    not repeated over the table (nothing invented)."""
    out = {}
    for doc in issue.documents:
        for enc in doc.enclosed:
            tables = [b.table for b in enc.blocks if isinstance(b, TableBlock)]
            if tables:
                (table,) = tables
                assert table.caption == "", (enc.title, table.caption)
                out[enc.title] = table
    return out


@pytest.fixture(scope="module", params=["fresh", "committed"])
def both(request, fresh):
    return tables_of(fresh.issue if request.param == "fresh"
                     else load_issue(SEED_ISSUES["zhongwei"]))


def grid(table):
    return [grid_texts(r) for r in table.rows]


def row_of(table, first_cells):
    """The grid texts of the row starting with ``first_cells`` (skipping empty ones)."""
    return next(g for g in grid(table)
                if [t for t in g if t][:len(first_cells)] == list(first_cells))


def test_trees_table_has_the_split_size_column_and_every_price_under_its_district(both):
    table = both["中卫市林(果)木补偿标准"]
    assert table.n_cols == 9 and table.check == ""
    top = [(c.text, c.colspan) for c in table.header_rows[0]]
    assert top[3:6] == [("规格", 2), ("中卫市市级平衡标准", 3), ("备注", 1)]
    assert row_of(table, ["初果", "2年"]) == ["", "", "初果", "2年", "", "35", "35", "35", ""]
    assert row_of(table, ["幼果"]) == ["", "", "幼果", "1年", "", "—", "—", "不低于4000", ""]
    assert row_of(table, ["4"])[:8] == ["4", "阔叶树", "零星 (胸径)", "元/株", "胸径5cm以下",
                                        "20", "20", "20"]
    assert row_of(table, ["4"])[8].startswith("1.包括新疆杨")
    assert row_of(table, ["胸径>30.0cm"]) == ["", "", "", "", "胸径>30.0cm", "240", "240", "240", ""]
    assert row_of(table, ["5"])[3:8] == ["", "胸径0.6m以下", "15", "15", "15"]
    assert row_of(table, ["株高3.0m及以上"]) == ["", "", "", "", "株高3.0m及以上", "280", "280",
                                              "280", ""]
    nursery = [g for g in grid(table) if "苗圃" in g]
    assert nursery == [["", "", "苗圃", "元/亩", "", "4000", "4000", "不低于4000", ""]] * 2
    remarks = [r for r in table.rows if len(r) == 1]
    assert len(remarks) == 6 and all(r[0].colspan == 9 for r in remarks)
    assert remarks[0][0].text.startswith("果树合理种植密度") and remarks[-1][0].text.startswith("注:")


def test_crops_table_has_the_split_field_column(both):
    table = both["中卫市青苗补偿标准"]
    assert table.n_cols == 9 and table.check == ""
    assert row_of(table, ["1"]) == ["1", "粮食作物", "小麦", "", "", "1500", "1500", "1500", ""]
    assert row_of(table, ["叶菜类"]) == ["", "", "叶菜类", "", "大地", "3000", "3000", "2700", ""]
    assert row_of(table, ["果菜类"]) == ["", "", "果菜类", "", "大地", "4500", "4500", "4500", ""]
    assert row_of(table, ["棚内", "9000"]) == ["", "", "", "", "棚内", "9000", "9000", "9000",
                                             "白菜、油菜等"]
    assert row_of(table, ["宿根类"])[4:8] == ["大地", "2800", "2800", "3500"]
    assert row_of(table, ["棚内", "4000"])[4:9] == ["棚内", "4000", "4000", "不低于4000", "韭菜等"]


def test_project_list_row_that_lost_its_empty_first_cell(both):
    table = both["中卫市沙坡头区新墩花园社区完整社区建设试点项目清单"]
    assert table.n_cols == 9 and table.check == ""
    row = row_of(table, ["7"])
    assert row[:3] == ["", "7", "环境卫生设施"] and row[8] == "2023年9月30日前"
    assert all(len(r) == 9 for r in table.rows)


def test_task_table_rows_in_their_columns_and_labels_on_the_first_row_of_their_span(both):
    table = both["中卫市2023年政务公开工作要点任务分工"]
    assert table.n_cols == 6 and table.check == ""
    rows = {g[0]: g for g in grid(table)}
    assert rows["11"][:3] == ["11", "围绕政府自身建设强化信息公开", "推动政府立法计划公开,及时发布律师、"
                              "公证、司法鉴定、法律援助等方面便民利民举措,抓好立法、执法、普法以及法律服务信息公开。"]
    assert rows["11"][5] == "2023年11月底"
    assert rows["12"][1:3] == ["", "推动法治政府建设及法治政府建设“八大提升行动”信息公开,详细解读法治"
                               "政府建设各项指标的具体内涵和考核方法。"]
    assert rows["13"][1] == "" and rows["13"][2].startswith("依法扩大预决算公开范围")
    assert rows["14"][1:3] == ["", "推动行政事业性收费常态公开,定期发布行政事业性收费目录清单,公开收费"
                               "项目、政策依据、收费标准。"]
    labels = {n: rows[n][1] for n in ("29", "30", "31", "32", "33", "34", "35", "36", "37",
                                      "38", "39", "40", "41", "42")}
    assert labels == {"29": "优化政民互动渠道建设", "30": "", "31": "", "32": "深度推进政府开放",
                      "33": "扎实开展村务公开", "34": "", "35": "规范平台信息化建设", "36": "",
                      "37": "", "38": "优化评估考核体系", "39": "", "40": "加强队伍建设及培训",
                      "41": "", "42": ""}
    assert rows["30"][2].startswith("优化政府信息公开线上办理")  # only the label moved


def test_every_repair_is_in_the_import_report(fresh):
    fixes = fresh.report.fixes
    lines = {f.line for f in fixes if "table" in f.message}
    assert {366, 369, 383, 384, 402, 1519, 1738, 1739, 1740, 1741, 1725} <= lines
    moved = [f.message for f in fixes if "moved to row" in f.message]
    assert len(moved) == 5 and "printed on row 30, moved to row 29" in moved[0]
    assert not [u for u in fresh.report.uncertainties if "flagged" in u.message]
