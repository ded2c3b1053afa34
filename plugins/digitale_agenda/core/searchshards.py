"""Split the search index of a large site into several Pagefind bundles.

Pagefind holds everything it indexes in memory until it writes the bundle: about 190 KB per
page, so the ~100,000 pages of all German municipalities needed some 15 GB, more than a CI runner
has. Indexed in parts of at most ``SHARD_PAGES`` pages, at most two at a time (``core.indexing``),
a build needs the memory of one and a half parts; the search page merges the parts in the browser
(Pagefind's ``mergeIndex``, the way its authors suggest for large sites), so readers still search
the whole site.

A site of a few thousand pages is split too, into two parts, though memory would allow one: a
Pagefind run spends its last third writing the bundle on a single core, so two runs side by side
finish a quarter sooner (N = 1,000: 10-11 instead of 13 s). Below ``SPLIT_FROM`` pages that gain is
too small for the few KB each further part adds to a search, and the site keeps one bundle.

The main bundle (``pagefind/``) holds every page outside the agenda folders, none of which carries a
search filter (only agenda pages do); each further part (``pagefind/teil-2/``, …) holds the pages of
whole Länder, or of a run of agenda folders of one Land where a Land alone exceeds the limit. A
search limited to a Land therefore loads only the parts holding that Land: at the scale of all
municipalities, a reader who searches in her own Land loads a small share of the whole index
(``overrides/assets/javascripts/suche.js``).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path

SHARD_PAGES = 10_000
SPLIT_FROM = 4_000  # indexed pages from which a site gets at least two parts, to use two cores
MAIN_BUNDLE = "pagefind"


@dataclass(frozen=True)
class Shard:
    """One Pagefind run: where it writes, and the agenda folders it indexes (none: the main bundle)."""

    folder: str
    agendas: tuple[str, ...] = ()
    pages: int = 0  # indexed pages of those agendas: for progress messages and the run's memory (bundle_pages)
    laender: tuple[str, ...] = ()  # the Länder of those agendas, as in the search filter "Land"


@dataclass
class _Group:
    laender: list[str] = field(default_factory=list)
    agendas: list[str] = field(default_factory=list)
    pages: int = 0
    share: int = -1  # which of the equal shares of the site whole Länder were packed into; -1: one Land's run


def plan(pages_per_agenda: dict[str, int], land_of: dict[str, str], limit: int = SHARD_PAGES,
         split_from: int = SPLIT_FROM) -> list[Shard]:
    """The main bundle first, then the parts in order of Land and folder; just the main bundle if the
    site is below ``split_from`` pages and within ``limit``.

    The site is cut into as many equal shares as the limit asks for, two at least. Whole Länder are
    packed into the share their middle falls into, as long as a part stays within the limit; a Land
    larger than the limit gets runs of its own folders instead (an agenda is never split).
    """
    total = sum(pages_per_agenda.values())
    if total <= limit and total < split_from:
        return [Shard(MAIN_BUNDLE)]
    share_size = total / max(2, math.ceil(total / limit))
    groups: list[_Group] = []
    done = 0
    ordered = sorted(pages_per_agenda, key=lambda slug: (land_of[slug], slug))
    for land, members in groupby(ordered, key=land_of.__getitem__):
        slugs = list(members)
        land_pages = sum(pages_per_agenda[slug] for slug in slugs)
        share = int((done + land_pages / 2) // share_size)
        done += land_pages
        if land_pages > limit:
            for slug in slugs:
                if not groups or groups[-1].laender != [land] or groups[-1].pages + pages_per_agenda[slug] > limit:
                    groups.append(_Group([land]))
                groups[-1].agendas.append(slug)
                groups[-1].pages += pages_per_agenda[slug]
            continue
        last = groups[-1] if groups else None
        if last is None or last.share != share or last.pages + land_pages > limit:
            last = _Group(share=share)
            groups.append(last)
        last.laender.append(land)
        last.agendas += slugs
        last.pages += land_pages
    return [Shard(MAIN_BUNDLE)] + [
        Shard(f"{MAIN_BUNDLE}/teil-{number}", tuple(group.agendas), group.pages, tuple(group.laender))
        for number, group in enumerate(groups, 2)]


def bundle_pages(shard: Shard, shards: list[Shard], site_pages: int) -> int:
    """The pages a run may index, which decide the memory it gets (``core.indexing``): an agenda
    part's own; for the main bundle every page outside the parts (``site_pages``: all of the site's).
    Counting the whole site for the main bundle of a site in parts kept it from running beside a
    part: at N = 11,000 it ran alone for about 3 s with one core idle."""
    return shard.pages or site_pages - sum(other.pages for other in shards)


def glob(shard: Shard, shards: list[Shard], site_dir: Path, agendas_uri: str) -> str | None:
    """Pagefind's ``--glob`` for a shard: its agenda folders, or for the main bundle every page that
    is in no other shard (None: the whole site, when there is one bundle only). ``site_dir`` is the
    folder Pagefind reads, laid out as the site."""
    if shard.agendas:
        return f"{agendas_uri}/{_alternatives(shard.agendas)}/**/*.html"
    if len(shards) == 1:
        return None
    elsewhere = {slug for other in shards for slug in other.agendas}
    patterns = []
    for entry in sorted(site_dir.iterdir()):
        if entry.is_file() and entry.suffix == ".html":
            patterns.append(entry.name)
        elif entry.is_dir() and entry.name == agendas_uri:
            patterns.append(f"{agendas_uri}/*.html")
            patterns += [f"{agendas_uri}/{sub.name}/**/*.html" for sub in sorted(entry.iterdir())
                         if sub.is_dir() and sub.name not in elsewhere]
        elif entry.is_dir() and entry.name != MAIN_BUNDLE:
            patterns.append(f"{entry.name}/**/*.html")
    return _alternatives(patterns)


def owner(shards: list[Shard], agendas_uri: str) -> Callable[[str], str]:
    """Which shard's run reads a page, by the page's path in the site: its folder (``Shard.folder``).
    The same choice as ``glob``'s patterns make, in Python, for the keys of ``core.indexcache``."""
    by_agenda = {slug: shard.folder for shard in shards for slug in shard.agendas}
    main = next(shard.folder for shard in shards if not shard.agendas)

    def folder_of(uri: str) -> str:
        parts = uri.split("/", 2)
        return by_agenda.get(parts[1], main) if len(parts) == 3 and parts[0] == agendas_uri else main

    return folder_of


def _alternatives(items: tuple[str, ...] | list[str]) -> str:
    return items[0] if len(items) == 1 else "{" + ",".join(items) + "}"
