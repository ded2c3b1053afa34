"""Everything a build needs from the agendas, computed in the process that holds the model.

Loading and checking the agendas builds a model of them that the page templates need until the
last page is written: for all ~11,000 municipalities about 2.5 GB. MkDocs itself needs only a
summary, the ``SitePlan``: the diagnostics, the footer's links, the parts of the search index and
the list of pages with their titles. ``core.prefetch`` runs ``prepare`` in the child process that
renders the pages and sends the plan to MkDocs, so only that process ever holds the model. Before,
MkDocs' process built the model and the forked renderer gradually copied it: two copies at the
largest scale (5.2 GB in all at N = 11,000).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .bulkload import LoadOptions
from .diagnostics import Diagnostic, Severity
from .framework import Framework
from .gcpause import model_building
from .searchshards import SHARD_PAGES, Shard, plan
from .site import GeneratedPage, PageInfo, environment, footer_links, generate, indexed_pages
from .validate import check
from .views import build_views


@dataclass(frozen=True)
class SitePlan:
    """The agendas as MkDocs needs them; small, and sent between processes as it is."""

    diagnostics: list[Diagnostic]  # of the agendas being built (all, or those of a preview)
    footer: dict[str, Any] | None  # see ``site.footer_links``
    shards: list[Shard]  # the parts of the search index
    pages: list[PageInfo]  # empty if there are errors: nothing is built then

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]


@dataclass(frozen=True)
class PlanOptions:
    """Where the agendas and templates are, and how the site is built (the plugin's options)."""

    root: Path
    framework: Framework
    templates: Path
    focus: Collection[str] | None = None  # a preview's agendas, None for all
    load: LoadOptions | None = None
    merge_search: tuple[dict[str, str], ...] = ()  # see ``site.generate``
    directory_urls: bool = True
    shard_pages: int = SHARD_PAGES  # see ``searchshards.plan``


def prepare(options: PlanOptions) -> tuple[SitePlan, list[GeneratedPage]]:
    """Load, check and plan the site; returns the plan and the pages, each ready to render."""
    with model_building():
        result = check(options.root, options.framework, only=options.focus, options=options.load)
    focus = options.focus
    diagnostics = [d for d in result.diagnostics if focus is None or d.agenda in (None, *focus)]
    if any(d.severity is Severity.ERROR for d in diagnostics):
        return SitePlan(diagnostics, None, [], []), []
    agendas = result.catalogue.agendas
    shards = plan({slug: indexed_pages(agenda) for slug, agenda in agendas.items()},
                  {slug: agenda.land or "" for slug, agenda in agendas.items()}, max(1, options.shard_pages))
    with model_building():
        pages = generate(build_views(result.catalogue), environment(options.templates), list(options.merge_search),
                         options.directory_urls,
                         [{"pfad": f"{shard.folder}/", "laender": list(shard.laender), "seiten": shard.pages}
                          for shard in shards[1:]])
    footer = footer_links(result.catalogue.legal, options.directory_urls)
    return SitePlan(diagnostics, footer, shards, [page.info() for page in pages]), pages
