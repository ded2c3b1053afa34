"""Temporary folders in memory (core.memfolder): where they are made, when not, and that folders
of a killed build are removed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from digitale_agenda.core.memfolder import TMPFS_ENV, link_or_copy, memory_folder


def test_a_folder_is_made_in_the_tmpfs_named_by_the_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TMPFS_ENV, str(tmp_path))
    folder = memory_folder("agenda-test-", 1024)
    assert folder is not None and folder.parent == tmp_path and folder.is_dir()
    assert folder.name.startswith(f"agenda-test-{os.getpid()}-")
    assert list(folder.iterdir()) == []


def test_no_folder_without_room_or_without_tmpfs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TMPFS_ENV, str(tmp_path))
    assert memory_folder("agenda-test-", 2**62) is None
    monkeypatch.setenv(TMPFS_ENV, str(tmp_path / "fehlt"))
    assert memory_folder("agenda-test-", 1024) is None
    monkeypatch.setenv(TMPFS_ENV, "")
    assert memory_folder("agenda-test-", 1024) is None
    assert list(tmp_path.iterdir()) == []


def test_folders_of_ended_processes_are_removed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A killed build leaves its folder; the next one removes it, but not a running build's."""
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                           text=True, check=True).stdout.strip()
    orphan = tmp_path / f"agenda-test-{ended}-abc"
    running = tmp_path / f"agenda-test-{os.getppid()}-def"
    other = tmp_path / f"anderes-{ended}-ghi"
    for folder in (orphan, running, other):
        (folder / "teil").mkdir(parents=True)
        (folder / "teil" / "seite.html").write_text("x", encoding="utf-8")
    monkeypatch.setenv(TMPFS_ENV, str(tmp_path))
    made = memory_folder("agenda-test-", 1024)
    assert made is not None
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([made.name, running.name, other.name])


@pytest.mark.parametrize("where", ["platte", "speicher"])
def test_link_or_copy_gives_every_file_below_the_folder(tmp_path: Path, where: str) -> None:
    """On one file system the files are linked (the same inode), from tmpfs to disk copied."""
    if where == "speicher":
        made = memory_folder("agenda-test-", 1024)
        if made is None:
            pytest.skip("no tmpfs with room here")
        source = made / "quelle"
    else:
        source = tmp_path / "quelle"
    target = tmp_path / "site" / "pagefind"
    try:
        (source / "fragment").mkdir(parents=True)
        (source / "pagefind.js").write_text("js", encoding="utf-8")
        (source / "fragment" / "de_1.pf_fragment").write_bytes(b"\x1f\x8b")
        (target / "teil-2").mkdir(parents=True)  # a part written before stays
        link_or_copy(source, target)
        assert (target / "pagefind.js").read_text(encoding="utf-8") == "js"
        assert (target / "fragment" / "de_1.pf_fragment").read_bytes() == b"\x1f\x8b"
        assert (target / "teil-2").is_dir()
        same = (target / "pagefind.js").stat().st_ino == (source / "pagefind.js").stat().st_ino
        assert same == (where == "platte")
    finally:
        shutil.rmtree(source.parent if where == "speicher" else source, ignore_errors=True)


def test_link_or_copy_fails_rather_than_give_part_of_a_folder(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        link_or_copy(tmp_path / "gibt-es-nicht", tmp_path / "ziel")
