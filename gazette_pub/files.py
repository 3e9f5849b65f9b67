"""Reading untrusted files: regular files only, and never more bytes than a limit.

Every file that comes from outside the project — an import source, an ``--audit``
source, the files of an issue folder, an import report — is read with
:func:`read_regular`. A FIFO, a device (``/dev/zero``), a socket or a folder is refused
from its ``stat`` before it is opened (a FIFO without a writer would block ``open``, and
``/dev/zero`` never ends); the file is then opened without blocking, checked again on
the open descriptor (the path may have been swapped meanwhile), and read up to
``limit`` bytes: a file that grew past its limit while being read is refused too.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from .errors import SourceError

#: ``limit_message`` placeholders: ``{size}`` (bytes of the file) and ``{limit}``.
DEFAULT_LIMIT_MESSAGE = "file is {size} bytes, more than the limit of {limit}"

#: Bytes read at a time.
CHUNK = 1 << 20


def kind_of(mode: int) -> str:
    """What a file of ``mode`` is, for messages ("a FIFO", "a character device" …)."""
    kinds = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
             (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
             (stat.S_ISSOCK, "a socket"))
    return next((name for test, name in kinds if test(mode)), "not a regular file")


def regular_size(path: str | Path) -> int:
    """The size of the regular file at ``path``; :class:`SourceError` for anything else
    (judged from ``stat``, without opening it). Symbolic links are followed."""
    try:
        mode = os.stat(path)
    except OSError as exc:
        raise SourceError(f"cannot read file: {exc.strerror}", path=path) from None
    if not stat.S_ISREG(mode.st_mode):
        raise SourceError(f"is {kind_of(mode.st_mode)}, not a regular file; only regular "
                          "files are read", path=path)
    return mode.st_size


def read_regular(path: str | Path, *, limit: int,
                 limit_message: str = DEFAULT_LIMIT_MESSAGE) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them.

    :class:`SourceError` naming the path when it is not a regular file, is larger than
    ``limit`` (``limit_message`` formatted with ``size`` and ``limit``) or cannot be read.
    """
    size = regular_size(path)
    if size > limit:
        raise SourceError(limit_message.format(size=size, limit=limit), path=path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError as exc:
        raise SourceError(f"cannot read file: {exc.strerror}", path=path) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):  # swapped for something else since the stat above
            raise SourceError(f"is {kind_of(mode)}, not a regular file; only regular files "
                              "are read", path=path)
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(fd, min(CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise SourceError(f"cannot read file: {exc.strerror}", path=path) from None
    finally:
        os.close(fd)
    if total > limit:
        raise SourceError(f"file grew past the limit of {limit} bytes while being read",
                          path=path)
    return b"".join(chunks)


def fingerprint(path: str | Path, *, limit: int) -> bytes:
    """What an input digest holds of the regular file ``path``: the SHA-256 of its bytes,
    read in chunks, or — for a file larger than ``limit``, which the loader refuses
    anyway — its size and modification time, so a huge stray file costs no time either."""
    info = os.stat(path)
    if info.st_size > limit:
        return f"large:{info.st_size}:{info.st_mtime_ns}".encode()
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").digest()
