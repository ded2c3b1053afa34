"""How a large site's search index is split (core.searchshards): parts of whole Länder, or of one
Land's folders where a Land exceeds the limit, so that a search limited to a Land loads only the
parts holding it; from a few thousand pages at least two parts, so that Pagefind uses two cores."""

from __future__ import annotations

from digitale_agenda.core.searchshards import MAIN_BUNDLE, bundle_pages, plan


def test_a_site_within_the_limit_keeps_one_bundle() -> None:
    assert [s.folder for s in plan({"a": 9, "b": 9}, {"a": "Bayern", "b": "Hessen"}, limit=18)] == [MAIN_BUNDLE]


def test_a_site_from_split_from_pages_gets_two_parts_of_whole_laender() -> None:
    lands = {slug: land for land, slugs in {"Bayern": "ab", "Berlin": "c", "Hessen": "de", "Saarland": "f"}.items()
             for slug in slugs}
    pages = dict.fromkeys(lands, 9)
    assert [s.folder for s in plan(pages, lands, limit=100, split_from=55)] == [MAIN_BUNDLE]
    shards = plan(pages, lands, limit=100, split_from=54)
    assert [(s.laender, s.agendas, s.pages) for s in shards[1:]] == [
        (("Bayern", "Berlin"), ("a", "b", "c"), 27),
        (("Hessen", "Saarland"), ("d", "e", "f"), 27),
    ]


def test_parts_respect_the_limit_and_a_land_beyond_it_is_split_by_folders() -> None:
    lands = {"a": "Hessen", "b": "Bayern", "c": "Bayern", "d": "Bayern", "e": "Saarland", "f": "Hessen"}
    pages = {"a": 9, "b": 9, "c": 9, "d": 12, "e": 3, "f": 9}
    shards = plan(pages, lands, limit=20)
    assert shards[0].folder == MAIN_BUNDLE and shards[0].agendas == ()
    parts = shards[1:]
    assert [(s.folder, s.laender, s.agendas, s.pages) for s in parts] == [
        ("pagefind/teil-2", ("Bayern",), ("b", "c"), 18),
        ("pagefind/teil-3", ("Bayern",), ("d",), 12),
        ("pagefind/teil-4", ("Hessen",), ("a", "f"), 18),
        ("pagefind/teil-5", ("Saarland",), ("e",), 3),
    ]


def test_an_agenda_larger_than_the_limit_gets_a_part_of_its_own() -> None:
    shards = plan({"a": 30, "b": 2}, {"a": "Bayern", "b": "Bayern"}, limit=10)
    assert [s.agendas for s in shards[1:]] == [("a",), ("b",)]


def test_the_main_bundle_of_a_site_in_parts_counts_only_the_pages_outside_them() -> None:
    lands = {"a": "Bayern", "b": "Hessen"}
    single = plan({"a": 9, "b": 9}, lands, limit=18)
    assert bundle_pages(single[0], single, site_pages=25) == 25
    split = plan({"a": 9, "b": 9}, lands, limit=10)
    assert [bundle_pages(shard, split, site_pages=25) for shard in split] == [7, 9, 9]
