"""Split the search index of a very large site into several Pagefind bundles.

Pagefind holds everything it indexes in memory until it writes the bundle: about 190 KB per
page, so the ~100,000 pages of all German municipalities needed some 15 GB, more than a CI runner
has. Indexed in parts of at most ``SHARD_PAGES`` pages, at most two at a time (``core.indexing``),
a build needs the memory of one and a half parts; the search page merges the parts in the browser
(Pagefind's ``mergeIndex``, the way its authors suggest for large sites), so readers still search
the whole site. A site below the limit keeps one bundle, exactly as before.

The main bundle (``pagefind/``) holds every page outside the agenda folders, none of which carries a
search filter (only agenda pages do);
each further part (``pagefind/teil-2/``, …) holds the pages of a run of agenda folders of one Land
(a large Land has several parts). A search limited to a Land therefore loads only that Land's
parts: at the scale of all municipalities, a reader who searches in her own Land loads a small
share of the whole index (``overrides/assets/javascripts/suche.js``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

SHARD_PAGES = 10_000
MAIN_BUNDLE = "pagefind"


@dataclass(frozen=True)
class Shard:
    """One Pagefind run: where it writes, and the agenda folders it indexes (none: the main bundle)."""

    folder: str
    agendas: tuple[str, ...] = ()
    pages: int = 0  # indexed pages of those agendas, for progress messages
    land: str = ""  # the Land of those agendas, as in the search filter "Land"


def plan(pages_per_agenda: dict[str, int], land_of: dict[str, str], limit: int = SHARD_PAGES) -> list[Shard]:
    """The main bundle first, then parts of agendas of one Land each, in order of Land and folder,
    with at most ``limit`` pages each (an agenda is never split); just the main bundle if all
    agendas fit into one part."""
    if sum(pages_per_agenda.values()) <= limit:
        return [Shard(MAIN_BUNDLE)]
    groups: list[tuple[str, list[str]]] = []
    count = 0
    for slug in sorted(pages_per_agenda, key=lambda slug: (land_of[slug], slug)):
        if not groups or groups[-1][0] != land_of[slug] or count + pages_per_agenda[slug] > limit:
            groups.append((land_of[slug], []))
            count = 0
        groups[-1][1].append(slug)
        count += pages_per_agenda[slug]
    return [Shard(MAIN_BUNDLE)] + [
        Shard(f"{MAIN_BUNDLE}/teil-{number}", tuple(group), sum(pages_per_agenda[s] for s in group), land)
        for number, (land, group) in enumerate(groups, 2)]


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


def _alternatives(items: tuple[str, ...] | list[str]) -> str:
    return items[0] if len(items) == 1 else "{" + ",".join(items) + "}"
