"""Reading files from a pull request: regular files only, never through a symbolic link, never more
than the limit, and an agenda folder's files once for everything that needs them.

A link to /dev/zero or to a file of the build machine must not reach the site or the log, and a
huge file must not stall a check. ``read_folder`` reads a folder's files once for both the
cache's digest (``cache.folder_digest``) and the loader (``load.load_agenda``): before, a check
with a cache read every file twice, and a file changed in between could have been cached under
the digest of its older bytes. Files the loader ignores (images, say) are only listed.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Mark
from .sink import Sink

MAX_FILE_BYTES = 1_000_000
# the files of an agenda folder that are read; any other (an image, say) is only listed
DATA_SUFFIXES = frozenset({".md", ".yml", ".yaml", ".markdown", ".txt"})


@dataclass(frozen=True, slots=True)
class FileRead:
    """A path as read: its kind and size (from ``os.lstat``) and, for a regular file whose bytes were
    asked for, its bytes, no more than one byte over the limit (enough to tell that it is too
    large); ``error`` says why the path could not be read."""

    mode: int
    size: int
    data: bytes = b""
    error: str | None = None


# the files of a folder by name, in the order of their names
Files = dict[str, FileRead]


def read_file(path: str | Path, with_data: bool = True) -> FileRead:
    """The path as read; ``with_data=False``: only its kind and size."""
    try:
        info = os.lstat(path)
    except OSError as error:
        return FileRead(0, 0, error=_reason(error))
    if not with_data or not stat.S_ISREG(info.st_mode):
        return FileRead(info.st_mode, info.st_size)
    try:
        return FileRead(info.st_mode, info.st_size, read_bytes(path, info.st_size))
    except OSError as error:
        return FileRead(info.st_mode, info.st_size, error=_reason(error))


def read_folder(folder: str | Path) -> Files:
    """Every entry of the folder, read if its name has one of the ``DATA_SUFFIXES``, else only
    listed. A folder that cannot be listed reads as empty: the loader then reports the agenda.yml
    it lacks."""
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return {}
    return {name: read_file(os.path.join(folder, name), os.path.splitext(name)[1].lower() in DATA_SUFFIXES)
            for name in names}


def regular_files(folder: str | Path, suffixes: tuple[str, ...]) -> list[str]:
    """The paths of the folder's regular files (not links) whose names end in one of ``suffixes``,
    by name; none if it cannot be listed (not a folder, say a file named like an agenda, or unreadable)."""
    try:
        with os.scandir(folder) as entries:
            return sorted(entry.path for entry in entries
                          if entry.name.endswith(suffixes) and entry.is_file(follow_symlinks=False))
    except OSError:
        return []


def _reason(error: OSError) -> str:
    return error.strerror or type(error).__name__


def read_text(path: Path, sink: Sink, read: FileRead | None = None) -> str | None:
    """A file as UTF-8 text (``read``: as read already), or None after reporting why it cannot be
    used: not a regular file, unreadable, too large, empty, not UTF-8."""
    if read is None:
        read = read_file(path)
    if read.error is not None:
        sink.emit("DA012", Mark(1, 1), reason=read.error)
        return None
    mode = read.mode
    if not stat.S_ISREG(mode):
        what = ("eine Verknüpfung (Symlink)", "a symbolic link") if stat.S_ISLNK(mode) else (
            ("ein Ordner", "a folder") if stat.S_ISDIR(mode) else ("keine gewöhnliche Datei", "not a file"))
        sink.emit("DA011", Mark(1, 1), name=path.name, what=what[0], what_en=what[1])
        return None
    data = read.data
    if len(data) > MAX_FILE_BYTES:
        sink.emit("DA005", Mark(1, 1), size=max(read.size, len(data)), limit=MAX_FILE_BYTES)
        return None
    if not data or data.isspace():
        sink.emit("DA010", Mark(1, 1))
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        sink.emit("DA007", Mark(1, 1))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        col = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        sink.emit("DA006", Mark(line, col), byte=f"0x{data[error.start]:02x}", line_no=line)
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def read_bytes(path: str | Path, size: int) -> bytes:
    """The bytes of the regular file at ``path`` (never through a symbolic link), ``size`` bytes
    expected, but no more than one byte over the limit. OSError if it cannot be read."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    try:
        return _read_up_to_limit(descriptor, size)
    finally:
        os.close(descriptor)


def _read_up_to_limit(descriptor: int, size: int) -> bytes:
    """The file's bytes, but no more than one byte over the limit (enough to tell it is too large).

    Plain ``os.read`` calls, each asking for about what is left of the expected size: a buffered
    file object cost five more system calls per file, and a buffer of the limit's size (a megabyte
    per file) was a tenth of a load. The file may have grown since ``size`` was read.
    """
    data = os.read(descriptor, min(size, MAX_FILE_BYTES) + 1)
    while 0 < len(data) <= MAX_FILE_BYTES:
        more = os.read(descriptor, min(len(data), MAX_FILE_BYTES + 1 - len(data)))
        if not more:
            break
        data += more
    return data
