"""A short fuzz run of the importer on mutated seed texts (issue 7), bounded by example count.

Seeds are the importer's own fixtures (tests/fixtures/import, every reader kind);
mutations cut, copy and splice them and insert hostile bytes: control characters,
invalid UTF-8, bidi marks, hostile HTML tables, TOC and masthead lines out of place.
Properties: ``import_source`` returns an import or raises :class:`SourceError`,
never anything else; what it returns saves as an issue folder that loads again or
is refused with :class:`GazetteError` (never a crash).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gazette_pub.errors import GazetteError, SourceError
from gazette_pub.manifest import load_issue
from gazette_pub.save import save_issue

from .conftest import FIXTURES

sources = pytest.importorskip("gazette_pub.sources")

SEEDS = sorted(p for p in (FIXTURES / "import").rglob("*") if p.is_file())

#: Bytes an attacker or a broken extraction puts into a text.
PAYLOADS = [
    b"\x00", b"\xff\xfe", b"\xe4\xb8", b"\r", b"\r\n", b"\x0c", b"\t\t", "\u202e".encode(),
    "\u200b".encode(), "\ufeff".encode(), "\ufdd0".encode(), "𠮷".encode(),
    "目 录\n".encode(), "2021年第10期\n".encode(), "（宁政发〔2021〕1号）\n".encode(),
    "附件：1.\n".encode(), "一、\n（一）\n1.\n".encode(), "2021年2月30日\n".encode(),
    "序号\t名称\t数量\n1\t甲\n".encode(), "| a | b |\n|---|---|\n| 1 |\n".encode(),
    b'<table><tr><td rowspan="99999" colspan="x">a</td></tr><tr><td>b</td></tr></table>\n',
    b"<table><tr><th>a<script>alert(1)</script></th></tr></table>\n", b"<table>\n",
    "<script>alert(1)</script>".encode(), "```gazette-table\n".encode(), b"+++\n", b"# \n",
    "发表时间：2020-07-22 来源：\n".encode(), b"\n\n\n", "　　".encode(),
]

MUTATIONS = ("delete", "insert", "duplicate", "truncate", "swap-lines")


def mutate(data: bytes, edits) -> bytes:
    """``data`` with each (kind, position, length, payload) edit applied in turn."""
    for kind, position, length, payload in edits:
        at = position % (len(data) + 1)
        if kind == "delete":
            data = data[:at] + data[at + length:]
        elif kind == "insert":
            data = data[:at] + payload + data[at:]
        elif kind == "duplicate":
            data = data[:at] + data[at:at + length] + data[at:]
        elif kind == "truncate":
            data = data[:at]
        else:
            lines = data.split(b"\n")
            i, j = at % len(lines), (at + length) % len(lines)
            lines[i], lines[j] = lines[j], lines[i]
            data = b"\n".join(lines)
    return data


edits = st.lists(st.tuples(st.sampled_from(MUTATIONS), st.integers(0, 10_000),
                           st.integers(0, 400), st.sampled_from(PAYLOADS)),
                 min_size=1, max_size=6)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SEEDS), st.sampled_from((None,) + tuple(sources.READERS)), edits,
       st.booleans())
def test_importer_never_crashes_on_mutated_seeds(examples, seed, kind, changes, as_gb18030):
    examples("importer fuzz")
    data = mutate(seed.read_bytes(), changes)
    if as_gb18030:
        data = data.decode("utf-8", "replace").encode("gb18030")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / seed.name
        path.write_bytes(data)
        try:
            result = sources.import_source(path, kind=kind)
        except SourceError:
            return
        folder = Path(tmp) / "out" / result.issue.gazette.id / result.issue.slug
        save_issue(result.issue, folder)
        try:
            load_issue(folder)
        except GazetteError:
            pass
