"""Reading agenda folders ahead: files come into the page cache before the loader asks for them,
and nothing but the folders' own regular files is touched."""

from __future__ import annotations

import ctypes
import ctypes.util
import mmap
import os
import threading
import time
from pathlib import Path

import pytest

from digitale_agenda.core import readahead
from digitale_agenda.core.readahead import SUPPORTED, advise, reading_ahead

_LIBC = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
pytestmark = pytest.mark.skipif(not SUPPORTED or not hasattr(_LIBC, "mincore"),
                                reason="no posix_fadvise or mincore on this system")

FILES = ("agenda.yml", "bildung.md", "verwaltung.md")


def resident_pages(path: Path) -> list[bool]:
    """Which pages of the file are in the page cache, asked with mincore(2), which (unlike a read)
    never starts reading the file."""
    size = path.stat().st_size
    with open(path, "rb") as file, mmap.mmap(file.fileno(), size, access=mmap.ACCESS_COPY) as mapped:
        view = (ctypes.c_char * size).from_buffer(mapped)
        pages = (ctypes.c_ubyte * ((size + mmap.PAGESIZE - 1) // mmap.PAGESIZE))()
        try:
            if _LIBC.mincore(ctypes.c_void_p(ctypes.addressof(view)), ctypes.c_size_t(size), pages) != 0:
                raise OSError(ctypes.get_errno(), "mincore")
        finally:
            del view
    return [bool(page & 1) for page in pages]


def in_page_cache(path: Path) -> bool:
    return all(resident_pages(path))


def _evicted(path: Path) -> Path:
    """The file written to the disk and dropped from the page cache, every page of it; skips the test
    where the file system keeps it (tmpfs, say), as nothing could be read ahead there. Dropping is
    only advice (a page the kernel is still handling stays), so it is asked for a few times."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
        for _ in range(20):
            os.posix_fadvise(descriptor, 0, 0, os.POSIX_FADV_DONTNEED)
            if not any(resident_pages(path)):
                return path
            time.sleep(0.01)
    finally:
        os.close(descriptor)
    pytest.skip("this file system keeps files in memory; there is nothing to read ahead")


def _agenda(folder: Path) -> Path:
    folder.mkdir()
    for name in FILES:
        (folder / name).write_text(f"# {name}\n" + "Text einer Agenda.\n" * 400, encoding="utf-8")
        _evicted(folder / name)
    return folder


def _not_cached_soon(paths: list[Path]) -> list[str]:
    """The files not in the page cache after a few seconds (the kernel reads in the background)."""
    deadline = time.monotonic() + 10
    while (missing := [str(path) for path in paths if not in_page_cache(path)]) and time.monotonic() < deadline:
        time.sleep(0.02)
    return missing


def test_a_cold_folder_is_read_ahead(tmp_path: Path) -> None:
    folder = _agenda(tmp_path / "musterstadt")
    assert advise(folder) == len(FILES)
    assert not _not_cached_soon([folder / name for name in FILES])


def test_reading_ahead_takes_every_folder_while_the_block_runs(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    folders = [_agenda(tmp_path / f"beispiel-{number}") for number in range(20)]
    # Asking whether a sample is cached starts reading it, and the test's freshly written files come
    # back so fast that the answer can be yes; that the question is asked is the next test's part.
    monkeypatch.setattr(readahead, "_cached", lambda path: False)
    with reading_ahead(folders):
        assert not _not_cached_soon([folder / name for folder in folders for name in FILES])
    assert not any(thread.name == "agenda-readahead" for thread in threading.enumerate())


def test_folders_that_look_cached_are_left_alone(tmp_path: Path) -> None:
    """Their first files are cached (asked of a few folders), so the rest is not read ahead: where
    everything is cached, that would cost CPU time for nothing."""
    folders = [_agenda(tmp_path / f"beispiel-{number}") for number in range(40)]
    for folder in folders:
        (folder / "agenda.yml").read_bytes()
    with reading_ahead(folders):
        time.sleep(0.5)
    assert not any(any(resident_pages(folder / "bildung.md")) for folder in folders)


def test_a_link_a_fifo_and_other_files_are_not_read(tmp_path: Path) -> None:
    outside = tmp_path / "geheim.yml"
    outside.write_text("passwort: 123\n" * 500, encoding="utf-8")
    _evicted(outside)
    folder = tmp_path / "musterdorf"
    folder.mkdir()
    (folder / "agenda.yml").write_text("name: Musterdorf\n" * 300, encoding="utf-8")
    _evicted(folder / "agenda.yml")
    (folder / "bildung.md").symlink_to(outside)
    os.mkfifo(folder / "verwaltung.md")  # opened, it would wait for a writer
    (folder / "plan.png").write_bytes(b"\x89PNG" * 5000)
    _evicted(folder / "plan.png")

    asked: list[int] = []
    reader = threading.Thread(target=lambda: asked.append(advise(folder)), daemon=True)
    reader.start()
    reader.join(10)
    assert not reader.is_alive(), "the readahead waited on the FIFO"
    assert asked == [1]  # agenda.yml alone
    assert not _not_cached_soon([folder / "agenda.yml"])
    time.sleep(0.2)  # what was asked for has long arrived; the rest must not
    assert not any(resident_pages(outside))
    assert not any(resident_pages(folder / "plan.png"))  # the loader does not read images


def test_a_folder_that_cannot_be_listed_is_left_to_the_loader(tmp_path: Path) -> None:
    assert advise(tmp_path / "fehlt") == 0
    (tmp_path / "datei").write_text("kein Ordner\n", encoding="utf-8")
    assert advise(tmp_path / "datei") == 0
