"""Large folders are renamed aside at once and deleted by a process of its own (core.trash)."""

from __future__ import annotations

from pathlib import Path

from conftest import left_behind
from digitale_agenda.core import trash
from digitale_agenda.core.publish import publish
from digitale_agenda.core.trash import TRASH_PREFIX, discard_later


def _folder(path: Path, files: int = 50) -> Path:
    for number in range(files):
        (path / str(number % 5)).mkdir(parents=True, exist_ok=True)
        (path / str(number % 5) / f"{number}.html").write_text("x", encoding="utf-8")
    return path


def test_a_discarded_folder_is_gone_at_once_and_deleted_soon(tmp_path: Path) -> None:
    folder = _folder(tmp_path / "site")
    discard_later(folder)
    assert not folder.exists()
    assert left_behind(tmp_path, "*") == set()


def test_leftovers_of_a_killed_deleter_go_with_the_next_folder(tmp_path: Path) -> None:
    _folder(tmp_path / f"{TRASH_PREFIX}site-1-0")
    keep = _folder(tmp_path / "daneben", 3)
    discard_later(_folder(tmp_path / ".site.suchtext"))
    assert left_behind(tmp_path, "*") == {"daneben"}
    assert len(list(keep.rglob("*.html"))) == 3


def test_a_folder_is_handed_to_one_deleter_only(tmp_path: Path) -> None:
    """Two folders thrown away one after the other (the copies for Pagefind, then the previous site):
    the second deleter leaves the first folder to the first one."""
    discard_later(_folder(tmp_path / ".site.suchtext", 2000))
    first = trash._deleters[-1].args[3:]
    discard_later(_folder(tmp_path / "site"))
    second = trash._deleters[-1].args[3:]
    assert len(first) == 1 and len(second) == 1 and first != second
    assert left_behind(tmp_path, "*") == set()


def test_a_missing_folder_is_no_error(tmp_path: Path) -> None:
    discard_later(tmp_path / "gibt-es-nicht")
    assert left_behind(tmp_path, "*") == set()


def test_publishing_swaps_the_site_and_deletes_the_previous_one(tmp_path: Path) -> None:
    site = _folder(tmp_path / "site")
    staging = tmp_path / ".site.neu"
    staging.mkdir()
    (staging / "index.html").write_text("neu", encoding="utf-8")
    publish(staging, site)
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert left_behind(tmp_path, "*") == {"site"}
