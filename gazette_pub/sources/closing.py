"""The closing of a document: the 落款 (signature lines right before a date
line, or one organ in brackets closing the text; a letter-spaced name closed up,
organs side by side split apart) and the
附件 note gathering the attachment titles listed under it.
"""

from __future__ import annotations

import re

from .report import ReportBuilder
from .headings import LABEL_RES
from .line_kinds import is_title_like
from .lines import PUNCT_RE, TERMINAL, Item, squash
from .organs import BARE_OFFICE_RE, BRACKETED_RE, LETTER_SPACED_RE, OFFICIAL_RE, is_signer_line, organ_parts


#: Longest wrapped end of an attachment title taken into its 附件 note.
ATTACH_TAIL_MAX = 20


def group_attachments(items: list[Item]) -> list[Item]:
    """A 附件： note swallows the numbered title lines that follow it, and the end of
    an attachment title wrapped onto the next line (a short title-like line that
    names no organ: the 落款 follows)."""
    out: list[Item] = []
    for item in items:
        prev = out[-1] if out else None
        number = LABEL_RES["num"].match(item.text) if item.kind == "heading" else None
        numbered = number is not None and not PUNCT_RE.search(item.text[number.end():])
        wrapped = (item.kind == "para" and len(item.text) <= ATTACH_TAIL_MAX
                   and is_title_like(item.text) and not is_signer_line(item.text)
                   and prev is not None and prev.text[-1:] not in TERMINAL)
        if prev is not None and prev.kind == "attach" and (numbered or wrapped):
            prev.lines += item.lines
            prev.text += "\n" + item.text
        else:
            out.append(item)
    return out


#: A person's name alone on its line, under his office (省长 / 王某某): two to four
#: characters, no place or organ word in it.
PERSON_NAME_RE = re.compile(
    r"""
    (?: (?! [省市县区州旗镇乡村办会议局委府厅部院室处] ) [\u4e00-\u9fff·] ){2,4}
    """,
    re.X,
)


def office_over_name(out: list[Item]) -> bool:
    """Are the last two items an office alone (``省长``) over its holder's name alone
    (``王某某``): an official's 落款 whose office and name a PDF's text set apart?"""
    return (len(out) >= 2 and out[-1].kind == "para" and out[-2].kind == "para"
            and bool(PERSON_NAME_RE.fullmatch(out[-1].text))
            and bool(BARE_OFFICE_RE.fullmatch(out[-2].text)))


def mark_signatures(items: list[Item]) -> list[Item]:
    """The organ lines right before a date line are its 落款 (signature); a line that
    names no organ or official (特此通知 without its full stop) is not. An office over
    its holder's name (``省长`` / ``王某某``) is one official's 落款."""
    out: list[Item] = []
    for item in items:
        if item.kind == "date" and office_over_name(out):
            office, name = out[-2:]
            out[-2:] = [Item("signature", office.lines + name.lines,
                             f"{office.text}\u3000{name.text}")]
        elif item.kind == "date":
            organs: list[Item] = []
            while (out and out[-1].kind == "para" and is_title_like(out[-1].text)
                   and (is_signer_line(out[-1].text)
                        or (not organs and BARE_OFFICE_RE.fullmatch(out[-1].text)))
                   and len(organs) < 4):
                organs.insert(0, out.pop())
            if organs:
                out.append(Item("signature", [ln for o in organs for ln in o.lines],
                                "\n".join(o.text for o in organs)))
        out.append(item)
    mark_bracketed_signature(out)
    mark_closing_signature(out)
    return out


#: The closing formula of a 通告, 公告, 通知 or 函 at the end of its last paragraph.
CLOSING_FORMULA_RE = re.compile(
    r"""
    (?: 特此 (?: 通告 | 公告 | 通知 | 函告 | 函复 | 批复 | 报告 | 说明 ) | 此复 | 现予公告 )
    [。.！!]? $
    """,
    re.X,
)


#: A date whose year the source lost: 年2月20日 / 2月20日.
YEARLESS_DATE_RE = re.compile(
    r"""
    年? \s* \d{1,2} \s* 月 \s* \d{1,2} \s* 日
    """,
    re.X,
)


def mark_closing_signature(items: list[Item]) -> None:
    """An organ line closing the text right after the closing formula (特此通告 /
    德州市某某局) is the 落款 even without a date under it (reposted notices drop it)."""
    last = len(items) - 1
    while last >= 0 and (items[last].kind == "public"
                         or YEARLESS_DATE_RE.fullmatch(items[last].text)):
        last -= 1  # (a date that lost its year stays as printed: no date is read from it)
    if last >= 1 and items[last].kind == "para" and is_title_like(items[last].text) \
            and is_signer_line(items[last].text) and items[last - 1].kind in ("para", "heading") \
            and CLOSING_FORMULA_RE.search(items[last - 1].text.strip()):
        items[last].kind = "signature"


def mark_bracketed_signature(items: list[Item]) -> None:
    """A 落款 printed in brackets on a line of its own at the end (``（某某县统计局）``,
    release notes may follow it) is the signature even without a date under it."""
    last = len(items) - 1
    while last >= 0 and items[last].kind == "public":
        last -= 1
    if last >= 1 and items[last].kind == "para" and BRACKETED_RE.fullmatch(items[last].text) \
            and is_signer_line(items[last].text):
        items[last].kind = "signature"


def signature_parts(text: str, item: Item, report: ReportBuilder):
    """The signatories of a 落款: a letter-spaced name closed up (国　务　院 → 国务院,
    reported), organs side by side on one line split apart (:func:`organs.organ_parts`)."""
    for line, source in zip(text.split("\n"), item.lines):
        if LETTER_SPACED_RE.fullmatch(line):
            closed = squash(line)
            report.normalize(source.no, f"signature {line!r}: letter spacing removed")
            yield closed
        elif OFFICIAL_RE.fullmatch(line) or BARE_OFFICE_RE.fullmatch(line):
            yield line
        else:
            yield from organ_parts(line)
