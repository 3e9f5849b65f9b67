"""Build an issue and kill this process with SIGKILL at a chosen moment of writing.

Usage: killed_build.py ISSUE_DIR OUT_DIR MOMENT, MOMENT being ``staging`` (after
the first file is written into the staging folder) or ``swap`` (when the staging
folder is complete, unchanged files hard-linked in, and about to be swapped in). Used by tests/test_hostile.py: the previous
output must survive either kill untouched.
"""

import os
import signal
import sys
from pathlib import Path

from gazette_pub import pipeline


def die(*_args, **_kwargs):
    os.kill(os.getpid(), signal.SIGKILL)


def main(issue_dir: str, out_dir: str, moment: str) -> None:
    if moment == "staging":
        write = pipeline._write_if_changed

        def write_then_die(dest, data, *args, **kwargs):
            write(dest, data, *args, **kwargs)
            die()
        pipeline._write_if_changed = write_then_die
    elif moment == "swap":
        pipeline._exchange = die
    else:
        raise SystemExit(f"unknown moment {moment!r}")
    pipeline.build([Path(issue_dir)], Path(out_dir))


if __name__ == "__main__":
    main(*sys.argv[1:])
