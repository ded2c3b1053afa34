"""Search index parts kept between builds (core.indexcache): a real build takes unchanged parts from
the cache and runs Pagefind only for the parts whose pages changed; the cache itself keeps, finds
and throws away bundles as its docstring says."""

from __future__ import annotations

import os
from pathlib import Path

from conftest import Catalogue, build_site, fragments_with, left_behind, search_bundles
from digitale_agenda.core.cache import CACHE_ENV
from digitale_agenda.core.indexcache import KEEP_AT_LEAST, UNFINISHED, IndexCache, part_key
from digitale_agenda.core.indexing import IndexRun, run_all

REUSED = "unverändert, aus dem Zwischenspeicher"


def _runs(stderr: str) -> dict[str, bool]:
    """From a build's log: for each index part, whether it was taken from the cache."""
    lines = [line for line in stderr.splitlines() if "Suchindex Teil" in line]
    return {line.split("Suchindex ")[1].split(" (")[0]: REUSED in line for line in lines}


def test_unchanged_parts_come_from_the_cache_and_a_changed_agenda_reruns_its_part(
        catalogue: Catalogue, tmp_path: Path) -> None:
    """Three agendas of nine pages in parts of nine: a part each, and the main bundle. A second build
    of the same agendas runs Pagefind for none of them and gets the same bundles, linked from the
    cache; a word added to one agenda's prose re-runs only that agenda's part, which then finds it."""
    env = {CACHE_ENV: str(tmp_path / "zwischenspeicher")}
    builds = []
    for name in ("erster", "zweiter"):
        (tmp_path / name).mkdir()
        result = build_site(catalogue.agendas, tmp_path / name, env=env, search_shard_pages=9)
        assert result.returncode == 0, result.stderr
        builds.append(result.stderr)
    assert _runs(builds[0]) == {"Teil 1 von 4": False, "Teil 2 von 4": False, "Teil 3 von 4": False,
                                "Teil 4 von 4": False}
    assert set(_runs(builds[1]).values()) == {True}
    first, second = search_bundles(tmp_path / "erster" / "site"), search_bundles(tmp_path / "zweiter" / "site")
    assert len(first) == 4 and all(len(files) > 5 for files in first.values())
    assert second == first
    script = tmp_path / "zweiter" / "site" / "pagefind" / "pagefind.js"
    assert script.stat().st_nlink >= 2  # linked from the cache, not copied

    catalogue.edit("beta/verwaltung.md", "Die Lage heute.", "Die Lage heute. Quellwasserprobe im Rathaus.")
    changed = build_site(catalogue.agendas, tmp_path / "zweiter", env=env, search_shard_pages=9)
    assert changed.returncode == 0, changed.stderr
    runs = _runs(changed.stderr)
    rerun = [part for part, reused in runs.items() if not reused]
    assert len(runs) == 4 and len(rerun) == 1
    third = search_bundles(tmp_path / "zweiter" / "site")
    [part] = [name for name in third if third[name] != first[name]]
    assert fragments_with(third[part], "Quellwasserprobe") == ["/kommunen/beta/verwaltung/"]
    assert not fragments_with(first[part], "Quellwasserprobe")
    assert left_behind(tmp_path / "zweiter") == set()


def test_a_build_without_cache_runs_pagefind_every_time(catalogue: Catalogue, tmp_path: Path) -> None:
    for _ in range(2):
        result = build_site(catalogue.agendas, tmp_path, env={CACHE_ENV: "aus"})
        assert result.returncode == 0, result.stderr
        assert "Suchindex wird geschrieben" in result.stderr and REUSED not in result.stderr


def _bundle(folder: Path, text: str) -> Path:
    (folder / "fragment").mkdir(parents=True)
    (folder / "pagefind.js").write_text(text, encoding="utf-8")
    (folder / "fragment" / "de_1.pf_fragment").write_text(text, encoding="utf-8")
    return folder


def test_a_stored_bundle_is_restored_whole_and_a_missing_one_is_a_miss(tmp_path: Path) -> None:
    cache = IndexCache(tmp_path / "cache")
    assert cache.store("k1", _bundle(tmp_path / "frisch", "eins"))
    assert cache.restore("k1", tmp_path / "site" / "pagefind")
    assert (tmp_path / "site" / "pagefind" / "fragment" / "de_1.pf_fragment").read_text(encoding="utf-8") == "eins"
    assert not cache.restore("k2", tmp_path / "site" / "teil-2")
    assert not (tmp_path / "site" / "teil-2").exists()
    assert cache.store("k1", _bundle(tmp_path / "nochmal", "zwei"))  # stored meanwhile by another build: kept
    assert (tmp_path / "cache" / "k1" / "pagefind.js").read_text(encoding="utf-8") == "eins"
    assert not IndexCache(tmp_path / "datei").store("k1", tmp_path / "gibt-es-nicht")


def test_a_bundle_restored_over_an_earlier_one_leaves_the_cache_untouched(tmp_path: Path) -> None:
    """As under ``mkdocs serve --dirty``: the site still holds the last build's bundles, hard-linked
    from the cache. Restoring other bundles there replaces the main bundle's files and the part in
    it, removes a part no longer built and the old fragments, and changes no cached bundle."""
    cache = IndexCache(tmp_path / "cache")
    for key, text in (("alt", "alt"), ("neu", "neu"), ("teil", "teil neu")):
        assert cache.store(key, _bundle(tmp_path / key, text))
    site = tmp_path / "site"
    assert cache.restore("alt", site / "pagefind")
    (site / "pagefind" / "fragment" / "de_1.pf_fragment").rename(site / "pagefind" / "fragment" / "de_0.pf_fragment")
    _bundle(site / "pagefind" / "teil-2", "teil alt")
    _bundle(site / "pagefind" / "teil-3", "nicht mehr gebaut")
    runs = [IndexRun(["pagefind"], site / "pagefind", 1, "Teil 1", "neu"),
            IndexRun(["pagefind"], site / "pagefind" / "teil-2", 1, "Teil 2", "teil")]
    run_all(runs, 1, lambda message: None, cache=cache)
    assert (tmp_path / "cache" / "alt" / "pagefind.js").read_text(encoding="utf-8") == "alt"
    assert (site / "pagefind" / "pagefind.js").read_text(encoding="utf-8") == "neu"
    assert sorted(path.name for path in (site / "pagefind" / "fragment").iterdir()) == ["de_1.pf_fragment"]
    assert (site / "pagefind" / "teil-2" / "pagefind.js").read_text(encoding="utf-8") == "teil neu"
    assert not (site / "pagefind" / "teil-3").exists()


def test_prune_keeps_the_bundles_in_use_and_the_most_recently_used(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    for number in range(KEEP_AT_LEAST + 3):
        _bundle(folder / f"alt-{number}", "x")
        os.utime(folder / f"alt-{number}", (1_000 + number, 1_000 + number))
    _bundle(folder / f"{UNFINISHED}k-1-1", "halb")
    os.utime(folder / f"{UNFINISHED}k-1-1", (1_000, 1_000))
    cache = IndexCache(folder)
    assert cache.restore("alt-0", tmp_path / "site")  # in use, though the oldest
    cache.prune(parts=1)
    kept = left_behind(folder, "*")
    names = [f"alt-{number}" for number in range(KEEP_AT_LEAST + 3)]
    assert kept == {"alt-0", *names[-(KEEP_AT_LEAST - 1):]}  # the one in use and the newest others


def test_the_key_covers_pages_options_and_version_but_not_their_order() -> None:
    pages = [("kommunen/a/index.html", b"1"), ("kommunen/b/index.html", b"2")]
    key = part_key("pagefind 1.5.2", ["--silent"], pages)
    assert part_key("pagefind 1.5.2", ["--silent"], reversed(pages)) == key
    assert part_key("pagefind 1.5.3", ["--silent"], pages) != key
    assert part_key("pagefind 1.5.2", ["--silent", "--glob", "x"], pages) != key
    assert part_key("pagefind 1.5.2", ["--silent"], [pages[0], ("kommunen/b/index.html", b"3")]) != key
    assert part_key("pagefind 1.5.2", ["--silent"], pages[:1]) != key
