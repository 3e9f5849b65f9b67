"""Import and check time against input size, up to the import size limit (issue #14 §3).

    .venv/bin/python bench/import_scaling.py [--sizes 0.25,0.5,1,2,3.9] [--shapes NAME,…]

For each input shape it writes a file of each size (MB), imports it in this process
(``sources.import_source``: decoding, reader detection, the reader, document building)
and writes the issue folder (``save_import``); the ``blank-body`` shape instead times
``gazette check`` of a document whose body is that many bytes of blank lines. It prints
seconds and seconds per MB; a linear importer keeps seconds per MB about constant from
the smallest size to the largest, where a quadratic one multiplies it by the size ratio
(the shapes below took 39 s for 256,000 characters, 27 s for 224 KB of whitespace and
more than 300 s for 3.9 MB before the fixes of issue #14).

This is not a test: nothing here asserts a time (tests/test_import_scaling.py only
checks that such inputs complete and keep their text).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gazette_pub.manifest import MAX_DOCUMENT_BYTES, MAX_ISSUE_BYTES  # noqa: E402

#: Text the shapes are made of: ordinary gazette sentences, numbers, brackets.
SENTENCE = "为进一步做好某某工作，根据《某某条例》（2023年修订）第十二条规定，现将有关事项通知如下。"
WORDS = list("关于印发通知某某市人民政府办公室各县区部门直属机构第一二三条款年月日号〔〕（）《》，。、；：")


def issue_text(size: int) -> str:
    """A whole issue (cover, 目录, documents with tables) grown to ``size`` bytes by more
    documents: the TOC, title matching and table reading all scale with it."""
    docs, n, total = [], 0, 200  # 200: the cover and 目录 header
    while True:
        n += 1
        body = "\n\n".join(f"{'一二三四五'[k % 5]}、第{k + 1}项工作\n\n" + SENTENCE * 6
                           for k in range(4))
        table = "序号\t项目\t金额\n" + "\n".join(f"{k}\t某项{k}\t{k * 100}" for k in range(1, 8))
        doc = (f"某某市人民政府关于第{n}项事项的通知\n\n某政发〔2024〕{n}号\n\n各县区：\n\n"
               f"{body}\n\n{table}\n\n某某市人民政府\n\n2024年3月{n % 28 + 1}日\n")
        entry = f"某某市人民政府关于第{n}项事项的通知（某政发〔2024〕{n}号）……{n}\n"
        total += len(doc.encode()) + len(entry.encode()) + 1
        if total > size and docs:
            break
        docs.append(doc)
    toc = "\n".join(f"某某市人民政府关于第{k}项事项的通知（某政发〔2024〕{k}号）……{k}"
                    for k in range(1, len(docs) + 1))
    return f"某某市人民政府公报\n2024年第1期\n目  录\n{toc}\n\n" + "\n".join(docs)


def shapes(size: int) -> dict[str, str]:
    """Each input shape at about ``size`` bytes of UTF-8."""
    rng = random.Random(size)
    chars = size // 3  # CJK characters are three bytes
    return {
        "one-line": (SENTENCE * (chars // len(SENTENCE) + 1))[:chars],
        "one-line-random": "".join(rng.choices(WORDS, k=chars)),
        "whitespace": "".join(rng.choices(" \t\n\r\n\u3000", k=size // 2)),
        "newlines": "某某通知\n" + "\n" * size,
        "ocr-markdown": "# 某某通知\n\n" + "\n\n".join(
            f"## {k}、标题\n\n**{SENTENCE}**\n\n| 序号 | 名称 |\n| --- | --- |\n| {k} | 某某 |"
            for k in range(size // 260)),
        "issue": issue_text(size),
    }


def time_import(text: str) -> float:
    from gazette_pub.sources import import_source, save_import
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "source.txt"
        path.write_text(text, encoding="utf-8")
        start = time.perf_counter()
        result = import_source(path, gazette_id="bench")
        if result.issue.documents:
            from gazette_pub.sources import complete_draft
            from gazette_pub.sources import ImportResult
            save_import(ImportResult(complete_draft(result.issue, year=2024, number=1),
                                     result.report), Path(tmp) / "out")
        return time.perf_counter() - start


def time_blank_body_check(size: int) -> tuple[float, int]:
    """(seconds, bytes of blank lines) of ``gazette check`` on the sample web-notice issue
    with ``size`` bytes of blank lines (at most what a document may hold) added to its
    document's body."""
    import shutil
    from gazette_pub.cli import main
    sample = Path(__file__).resolve().parents[1] / "issues" / "notices"
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(sample, Path(tmp) / "notices")
        folder = Path(tmp) / "notices" / "2020-01"
        doc = folder / "01-doc.md"
        text = doc.read_text(encoding="utf-8")
        size = min(size, MAX_DOCUMENT_BYTES - len(text.encode()) - 64)
        doc.write_text(text + "\n" * size + "正文。\n", encoding="utf-8")
        start = time.perf_counter()
        main(["-q", "check", str(folder)])
        return time.perf_counter() - start, size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="0.25,0.5,1,2,3.9",
                        help="input sizes in MB (the import limit is "
                             f"{MAX_ISSUE_BYTES / 2 ** 20:.1f} MB)")
    parser.add_argument("--shapes", default="", help="comma-separated shape names (default: all)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per point (median)")
    args = parser.parse_args(argv)
    sizes = [int(float(s) * 2 ** 20) for s in args.sizes.split(",")]
    sizes = [min(s, MAX_ISSUE_BYTES - 4096) for s in sizes]
    wanted = set(filter(None, args.shapes.split(",")))
    names = [n for n in list(shapes(1024)) + ["blank-body"] if not wanted or n in wanted]
    print(f"{'shape':<16} {'MB':>6} {'seconds':>8} {'s/MB':>7}")
    for name in names:
        per_mb, done = [], []
        for size in sizes:
            if name == "blank-body":
                timed = [time_blank_body_check(size) for _ in range(args.repeat)]
                runs, size = [t for t, _ in timed], timed[0][1]
            else:
                text = shapes(size)[name]
                runs = [time_import(text) for _ in range(args.repeat)]
            seconds = statistics.median(runs)
            per_mb.append(seconds / (size / 2 ** 20))
            done.append(size)
            print(f"{name:<16} {size / 2 ** 20:6.2f} {seconds:8.2f} {per_mb[-1]:7.2f}", flush=True)
        print(f"{name:<16} s/MB largest/smallest size: {per_mb[-1] / per_mb[0]:.1f}× "
              f"(size ratio {done[-1] / done[0]:.0f}×)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
