"""Pagefind reads only the pages' indexed parts (core.searchtext): the index must be the one it
writes from the whole pages, and content must not widen the part it reads."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import cbor2
import pytest

from conftest import ROOT, Catalogue, build_site, left_behind, site_config
from digitale_agenda.core.cache import CACHE_ENV
from digitale_agenda.core.memfolder import TMPFS_ENV
from digitale_agenda.core.searchtext import BODY_END, BODY_START, IGNORED_START, search_document

PAGEFIND_SIGNATURE = b"pagefind_dcd"
THEME_BEFORE = '<!doctype html><html lang="de" class="no-js"><head><title>T</title></head><body><nav>Navigation</nav>'
THEME_AFTER = "<footer>Impressum</footer><script>var x = 1;</script></body></html>"


def _page(content: str) -> str:
    return f"{THEME_BEFORE}{BODY_START}{content}</div>{BODY_END}{THEME_AFTER}"


def test_the_copy_holds_the_marked_part_with_the_page_language() -> None:
    document = search_document(_page("<h1>Titel</h1><p>Text</p>"))
    assert document is not None
    assert '<html lang="de" class="no-js">' in document
    assert f"{BODY_START}<h1>Titel</h1><p>Text</p></div>" in document
    assert "Navigation" not in document and "Impressum" not in document and "var x" not in document


def test_a_page_without_marked_part_is_not_copied() -> None:
    assert search_document(f"{THEME_BEFORE}<p>Liste</p>{THEME_AFTER}") is None


def test_markers_in_the_content_cannot_widen_the_copy() -> None:
    """The theme's start comes before all content and its end after it: content that repeats
    either marker still yields exactly the page's marked part, never the theme around it."""
    content = f"<p>a</p>{BODY_END}<p>b</p>{BODY_START}<p>c</p>"
    document = search_document(_page(content))
    assert document is not None
    assert f"{BODY_START}{content}</div>" in document
    assert "Navigation" not in document and "Impressum" not in document


def test_the_lists_pagefind_ignores_are_left_out_of_the_copy() -> None:
    """"Wer macht das auch?" under each measure is marked for Pagefind to ignore; the copy leaves it
    out. A block with a further div inside (the template writes none) stays, with all after it."""
    related = f"{IGNORED_START}<p>Wer macht das auch?</p><ul><li>Andere</li></ul></div>"
    document = search_document(_page(f"<h3>A</h3>{related}<h3>B</h3>{related}<p>Ende</p>"))
    assert document is not None
    assert f"{BODY_START}<h3>A</h3><h3>B</h3><p>Ende</p></div>" in document
    nested = f"{IGNORED_START}<div>innen</div><p>Rest</p></div>"
    document = search_document(_page(f"<h3>A</h3>{related}<h3>B</h3>{nested}<h3>C</h3>{related}"))
    assert document is not None
    assert f"{BODY_START}<h3>A</h3><h3>B</h3>{nested}<h3>C</h3>{related}</div>" in document


def test_the_template_writes_the_lists_as_the_copy_expects_them() -> None:
    assert IGNORED_START in (ROOT / "overrides" / "agenda" / "measure.html.j2").read_text(encoding="utf-8")


@pytest.mark.parametrize("tmpfs", ["/dev/shm", ""], ids=["im-speicher", "auf-der-platte"])
def test_the_index_equals_pagefinds_index_of_the_whole_pages(catalogue: Catalogue, tmp_path: Path,
                                                             tmpfs: str) -> None:
    """Every fragment (a page's text, title, filters and anchors) that Pagefind writes from the whole
    built pages is there, under the same content-hashed name, in the index the build wrote from the
    copies; every word and filter value leads to the same pages at the same positions. That holds
    whether the copies and Pagefind's output are kept in memory (core.memfolder) or on disk, and
    the copies are gone after the build. Each build has a cache of its own, so that Pagefind runs
    in both (core.indexcache).

    Pagefind numbers pages in the order it finds the files, which differs between file systems,
    so the index files themselves are compared decoded, by page, not by name."""
    before = _temporary_folders()
    result = build_site(catalogue.agendas, tmp_path, env={TMPFS_ENV: tmpfs, CACHE_ENV: str(tmp_path / "cache")})
    assert result.returncode == 0, result.stderr
    assert _temporary_folders() == before
    site = tmp_path / "site"
    reference = tmp_path / "referenz"
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(reference),
                    "--silent"], check=True, timeout=300)
    built = sorted(p.name for p in (site / "pagefind" / "fragment").iterdir())
    assert len(built) >= 25  # one fragment per indexed page
    assert built == sorted(p.name for p in (reference / "fragment").iterdir())
    words, filters = _decoded(site / "pagefind")
    assert len(words) > 100 and "Land" in filters
    assert (words, filters) == _decoded(reference)
    assert left_behind(tmp_path) == set()


@pytest.mark.parametrize("tmpfs", ["/dev/shm", ""], ids=["im-speicher", "auf-der-platte"])
def test_an_index_in_parts_has_every_page_and_leaves_no_copies(catalogue: Catalogue, tmp_path: Path,
                                                               tmpfs: str) -> None:
    """Parts are indexed two at a time (core.indexing): every part has all its pages (9 per
    fixture agenda) under their own addresses and no other part's, and the copies are deleted
    afterwards, wherever they were kept."""
    before = _temporary_folders()
    result = build_site(catalogue.agendas, tmp_path, env={TMPFS_ENV: tmpfs, CACHE_ENV: str(tmp_path / "cache")},
                        search_shard_pages=9)
    assert result.returncode == 0, result.stderr
    bundles = tmp_path / "site" / "pagefind"
    parts = {bundle.name: _page_count(bundle) for bundle in sorted(bundles.glob("teil-*"))}
    assert parts == {"teil-2": 9, "teil-3": 9, "teil-4": 9}
    assert _page_count(bundles) >= 1  # the pages outside the agendas (initiatives)
    slugs = {p.name for p in catalogue.agendas.iterdir() if (p / "agenda.yml").is_file()}
    urls = {bundle.name: _urls(bundle) for bundle in bundles.glob("teil-*")}
    assert all(url.startswith("/kommunen/") for found in urls.values() for url in found)
    held = sorted(sorted({url.split("/")[2] for url in found}) for found in urls.values())
    assert held == [[slug] for slug in sorted(slugs)]  # each agenda in one part, which holds it alone
    assert not [url for url in _urls(bundles) if any(f"/{slug}/" in url for slug in slugs)]
    assert _temporary_folders() == before
    assert left_behind(tmp_path) == set()


def _urls(bundle: Path) -> list[str]:
    """The addresses of a bundle's pages, from its fragments (gzip-compressed JSON)."""
    urls = []
    for fragment in (bundle / "fragment").iterdir():
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(PAGEFIND_SIGNATURE)
        urls.append(json.loads(data[len(PAGEFIND_SIGNATURE):])["url"])
    return urls


def _page_count(bundle: Path) -> int:
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    return entry["languages"]["de"]["page_count"]


def _decoded(bundle: Path) -> tuple[dict[str, set[tuple[str, str]]], dict[str, dict[str, set[str]]]]:
    """A Pagefind bundle's index as word -> {(page's fragment, its positions)} and its filters as
    filter -> value -> {page's fragment}, from its gzip-compressed CBOR files."""
    meta = _cbor(next(bundle.glob("pagefind.*.pf_meta")))
    fragment = [page[0] for page in meta[1]]
    words: dict[str, set[tuple[str, str]]] = {}
    for chunk in (bundle / "index").iterdir():
        for word, pages, variants in _cbor(chunk)[0]:  # variants: the word with its diacritics
            for key, entries in ((word, pages), *((f"{word}/{v}", p) for v, p in variants)):
                words.setdefault(key, set()).update(_by_fragment(entries, fragment))
    filters: dict[str, dict[str, set[str]]] = {}
    for chunk in (bundle / "filter").iterdir():
        name, values = _cbor(chunk)
        filters[name] = {value: {fragment[page] for page in pages} for value, pages in values}
    return words, filters


def _by_fragment(entries: list, fragment: list[str]) -> set[tuple[str, str]]:
    """A word's pages, each [page number's distance from the one before, positions, meta positions]."""
    number, pages = 0, set()
    for delta, *positions in entries:
        number += delta
        pages.add((fragment[number], repr(positions)))
    return pages


def _cbor(path: Path) -> list:
    data = gzip.decompress(path.read_bytes())
    assert data.startswith(PAGEFIND_SIGNATURE)
    return cbor2.loads(data[len(PAGEFIND_SIGNATURE):])


def _temporary_folders() -> set[str]:
    memory = Path("/dev/shm")
    return left_behind(memory, "*agenda-*") if memory.is_dir() else set()


def test_a_dirty_build_indexes_the_pages_it_did_not_rewrite(catalogue: Catalogue, tmp_path: Path) -> None:
    """``mkdocs build --dirty`` writes only changed pages (not the unchanged hand-written ones), so
    Pagefind reads the whole site then: the index keeps every page of the full build."""
    config = site_config(catalogue.agendas, tmp_path)
    mkdocs = Path(sys.executable).parent / "mkdocs"
    indexed = []
    for extra in ([], ["--dirty"]):
        subprocess.run([str(mkdocs), "build", "-q", "-f", str(config), *extra], cwd=tmp_path, check=True,
                       capture_output=True, timeout=300, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        entry = json.loads((tmp_path / "site" / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
        indexed.append(entry["languages"]["de"]["page_count"])
    assert indexed[0] >= 25
    assert indexed[1] == indexed[0]
