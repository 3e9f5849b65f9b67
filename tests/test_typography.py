"""Print-only Chinese typography (gazette_pub/render/typography.py) and its measurement."""

from __future__ import annotations

import pytest

from gazette_pub.render.measure import PrintedLine, prohibited_line_starts, ragged_right
from gazette_pub.render.typography import (WORD_JOINER, Piece, comparable, pieces,
                                           typeset_html)


@pytest.mark.parametrize("text, expected", [
    ("第 5 条规定", [Piece("第"), Piece("5", "hw sl sr"), Piece("条规定")]),
    ("增长8.5%，见GB/T 9704。", [Piece("增长"), Piece("8.5%", "hw sl"), Piece("，见"),
                               Piece("GB/T 9704", "hw sl"), Piece("。")]),
    ("各县(区)人民政府,市", [Piece("各县"), Piece("(", "fw"), Piece("区"), Piece(")", "fw"),
                          Piece("人民政府"), Piece(",", "fw"), Piece("市")]),
    ("阿卜杜·热西提——我们", [Piece("阿卜杜"), Piece(WORD_JOINER + "·", "mid"), Piece("热西提"),
                           Piece(WORD_JOINER + "——", "fw"), Piece("我们")]),
    ("2019 年—2020 年", [Piece("2019", "hw sr"), Piece("年"), Piece(WORD_JOINER + "—", "fw"),
                       Piece("2020", "hw sr"), Piece("年")]),
    ("党委 人民政府", [Piece("党委人民政府")]),
    ("plain ASCII text", [Piece("plain ASCII text", "hw")]),
])
def test_pieces(text, expected):
    assert pieces(text) == expected


@pytest.mark.parametrize("text", ["第 5 条规定", "阿卜杜·热西提——我们", "党委 人民政府", "a b"])
def test_print_text_compares_equal_to_the_manifest_text(text):
    printed = "".join(p.text for p in pieces(text))
    assert comparable(printed) == comparable(text)
    assert WORD_JOINER not in comparable(printed)


def test_typeset_html_touches_the_gazette_text_only():
    html = ('<html><body><section class="cover"><p>张 伟</p></section>'
            '<main class="issue-body"><p>共 12 项<b>加粗</b> 尾巴</p></main></body></html>')
    out = typeset_html(html)
    assert "<p>张 伟</p>" in out, "cover names keep their padding space"
    assert '<p>共<span class="hw sl sr">12</span>项<b>加粗</b>尾巴</p>' in out


def test_short_cells_do_not_wrap_and_long_ones_end_on_two_characters():
    out = typeset_html('<html><body><main class="issue-body"><table><tr><td>元/平方米</td>'
                       '<td>民间文学</td><td>序号</td><td>宁夏天净沙文化创意产业有限公司</td>'
                       '</tr></table></main></body></html>')
    assert '<td class="short"><span class="hw">' not in out
    assert out.count('class="short"') == 2 and '<td class="short">元' in out
    assert f"<td>民间文{WORD_JOINER}学</td>" in out
    assert f"<td>宁夏天净沙文化创意产业有限公{WORD_JOINER}司</td>" in out


def _line(page, x0, top, x1, text="字"):
    return PrintedLine(page, x0, top, x1, top + 15, text)


def test_ragged_right_counts_short_non_final_lines():
    # One column at x=50, measure 100 pt, em 10 pt: a paragraph of four lines, the
    # second 7 pt short (> 0.5 em), the third 3 pt short; the last line is final.
    lines = [_line(1, 70, 100, 150), _line(1, 50, 117, 143), _line(1, 50, 134, 147),
             _line(1, 50, 151, 150), _line(1, 50, 168, 90)]
    report = ragged_right(lines, measure=100, em=10)
    assert (report.lines, report.short) == (4, 1)
    assert report.mean_short_em == pytest.approx(0.7)


def test_prohibited_line_starts_skip_cells_of_marks_only():
    lines = [_line(1, 50, 100, 60, "—"), _line(1, 50, 120, 150, "—2020年参考值"),
             _line(1, 50, 140, 150, "，然后"), _line(1, 50, 160, 150, "正文")]
    assert [line.text for line in prohibited_line_starts(lines)] == ["—2020年参考值", "，然后"]


@pytest.mark.parametrize("title, measure", [
    ("自治区党委 人民政府印发《关于深化医疗保障制度改革的实施意见》的通知", 14.9),
    ("自治区人民政府关于公布第六批自治区级非物质文化遗产代表性项目名录的通知", 14.9),
    ("中卫市人民政府办公室关于印发中卫市落实《宁夏回族自治区关于贯彻落实〈计量发展规划"
     "(2021-2035年）〉的实施意见》工作方案的通知", 20.0),
    ("关于深化医疗保障制度改革的实施意见", 16.5),
])
def test_title_lines_are_whole_words_balanced_and_give_back_the_title(title, measure):
    from gazette_pub.render.titles import text_width, title_lines
    lines = title_lines(title, measure)
    assert "".join(lines) == title
    assert len(lines) > 1 and all(text_width(line.rstrip()) <= measure for line in lines)
    assert min(len(line) for line in lines) >= 2
    widths = [text_width(line.rstrip()) for line in lines]
    assert max(widths) - min(widths) <= 4
    assert not any(line.rstrip().endswith(("《", "〈", "（")) for line in lines)
    assert not any(line.startswith(("》", "〉", "）", "的")) for line in lines[1:])


def test_a_title_turns_at_the_space_between_joint_organs_rather_than_inside_an_organ():
    from gazette_pub.render.titles import title_lines
    assert title_lines("示例市党委 示例市人民政府关于加强基层治理的意见", 12)[0] == "示例市党委 "
    assert title_lines("示例市党委 示例市人民政府关于加强基层治理的意见", 14.9) == [
        "示例市党委 示例市人民政府", "关于加强基层治理的意见"]
