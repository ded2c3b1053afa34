"""Aggregations for the reader's site, computed once from the model.

Every index here is built in one pass over the catalogue (O(agendas + measures)); pages then look
things up instead of scanning all agendas, so no page costs more as the catalogue grows.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from .completeness import Completeness, completeness
from .framework import Framework
from .model import Agenda, Catalogue, Initiative, Measure
from .schemas import AGENDA_KIND_TITLES
from .suggest import slugify

RELATED_LIMIT = 5
_CANDIDATES_PER_TAG = 50  # bound the work per measure even for very common tags


@dataclass
class StatusCount:
    id: str
    title: str
    count: int


@dataclass
class Region:
    """A Land or a Kreis: a named group of agendas with aggregated figures."""

    slug: str
    name: str
    agendas: list[Agenda]
    lead: Agenda | None = None  # the Landkreis agenda of a Kreis


class Related(NamedTuple):
    """A measure shown under "Wer macht das auch?", and why. A named tuple: at N = 11,000 there
    are 1.3 million, made while the pages wait, and a tuple is made in a third of the time."""

    measure: Measure
    reason: str  # "verweis", "verwiesen", "schlagwort"


@dataclass
class Views:
    framework: Framework
    catalogue: Catalogue
    agendas: list[Agenda]  # A–Z
    by_land: dict[str, Region]
    kreise: dict[str, Region]
    initiatives_by_member: dict[str, list[Initiative]]
    completeness: dict[str, Completeness]
    related: dict[str, list[Related]] = field(default_factory=dict)  # by measure ref
    kreise_by_land: dict[str, list[Region]] = field(default_factory=dict)  # by Land slug, A–Z

    def status_counts(self, measures: list[Measure]) -> list[StatusCount]:
        counts = Counter(m.status for m in measures)
        return [StatusCount(s.id, s.title, counts.get(s.id, 0)) for s in self.framework.statuses]

    @staticmethod
    def measures_of(agendas: list[Agenda]) -> list[Measure]:
        return [m for agenda in agendas for m in agenda.measures()]

    @staticmethod
    def field_coverage(agendas: list[Agenda], field_id: str) -> tuple[int, list[Measure]]:
        """How many of ``agendas`` have measures in the field, and those measures."""
        docs = [doc for agenda in agendas if (doc := agenda.fields.get(field_id)) and doc.measures]
        return len(docs), [m for doc in docs for m in doc.measures]

    def by_initial(self) -> list[tuple[str, list[Agenda]]]:
        """The A–Z groups: umlauts sort and group with their base letter."""
        groups: dict[str, list[Agenda]] = {}
        for agenda in self.agendas:
            groups.setdefault((_sort_name(agenda.name)[:1] or "#").upper(), []).append(agenda)
        return list(groups.items())

    def references(self, measure: Measure) -> list[Measure]:
        """The measures this one refers to (dangling references were reported by the validator)."""
        return [target for ref in measure.references if (target := self.catalogue.measure(ref))]

    def initiative_measures(self, initiative: Initiative) -> list[Measure]:
        return [target for ref in initiative.record.get("massnahmen", []) if (target := self.catalogue.measure(ref))]

    def progress(self, measure: Measure) -> int:
        """The progress as written, else the default of the status."""
        if measure.progress is not None:
            return measure.progress
        status = self.framework.status(measure.status)
        return status.default_progress if status else 0

    def status_title(self, status_id: str) -> str:
        status = self.framework.status(status_id)
        return status.title if status else status_id

    def land_slug(self, agenda: Agenda) -> str:
        return slugify(agenda.land or "ohne-land")

    def kreis_of(self, agenda: Agenda) -> Region | None:
        """The Kreis an agenda belongs to, or that it leads (a Landkreis)."""
        return self.kreise.get(agenda.get("kreis") or (agenda.slug if agenda.kind == "landkreis" else ""))

    def measures_by_field(self, field_id: str) -> list[tuple[Region, list[Measure]]]:
        """All measures of a field, grouped by Land (A–Z), within a Land by municipality A–Z."""
        groups = []
        for region in sorted(self.by_land.values(), key=lambda region: region.name):
            measures = [m for a in region.agendas if (doc := a.fields.get(field_id)) for m in doc.measures]
            if measures:
                groups.append((region, measures))
        return groups

    def search_filters(self) -> list[tuple[str, list[str]]]:
        """The search filters and their values, as the pages declare them for Pagefind."""
        return [("Land", sorted(region.name for region in self.by_land.values())),
                ("Art", [AGENDA_KIND_TITLES[kind] for kind in self.by_kind()]),
                ("Handlungsfeld", [f.title for f in self.framework.fields]),
                ("Stand", [s.title for s in self.framework.statuses])]

    def by_kind(self) -> dict[str, list[Agenda]]:
        groups: dict[str, list[Agenda]] = {}
        for agenda in self.agendas:
            groups.setdefault(agenda.kind or "", []).append(agenda)
        return {kind: groups[kind] for kind in AGENDA_KIND_TITLES if kind in groups}


def build_views(catalogue: Catalogue) -> Views:
    framework = catalogue.framework
    agendas = sorted(catalogue.agendas.values(), key=lambda a: (_sort_name(a.name), a.slug))
    by_land: dict[str, Region] = {}
    for agenda in agendas:
        name = agenda.land or "Ohne Land"
        by_land.setdefault(slugify(name), Region(slugify(name), name, [])).agendas.append(agenda)
    kreise: dict[str, Region] = {}
    for agenda in agendas:
        if agenda.kind == "landkreis":
            kreise.setdefault(agenda.slug, Region(agenda.slug, agenda.name, [])).lead = agenda
    for agenda in agendas:
        kreis = agenda.get("kreis")
        if kreis in kreise:
            kreise[kreis].agendas.append(agenda)
    for region in kreise.values():
        region.name = region.lead.name if region.lead else region.slug
    members: dict[str, list[Initiative]] = defaultdict(list)
    for initiative in sorted(catalogue.initiatives.values(), key=lambda i: i.title):
        for slug in initiative.members:
            members[slug].append(initiative)
    views = Views(framework, catalogue, agendas, by_land, kreise, dict(members),
                  {a.slug: completeness(a, framework) for a in agendas})
    views.related = _related(catalogue)
    for region in sorted(kreise.values(), key=lambda region: region.name):
        if region.lead is not None:
            views.kreise_by_land.setdefault(views.land_slug(region.lead), []).append(region)
    return views


def _sort_name(name: str) -> str:
    """Sort 'Landkreis Beispielland' under L and umlauts like their base letters."""
    return slugify(name)


def _related(catalogue: Catalogue) -> dict[str, list[Related]]:
    """'Wer macht das auch?': explicit references both ways first, then same field and shared tags.

    This runs for every measure of every agenda on each build. Measures are handled by their
    position in one list, and the ranking by shared tags is made once per field and set of tags,
    which many measures share; each measure then skips its own agenda's entries.
    """
    measures = [m for a in catalogue.agendas.values() for m in a.measures()]
    refs = [m.ref for m in measures]
    position = {ref: i for i, ref in enumerate(refs)}
    incoming: dict[int, list[int]] = defaultdict(list)
    by_field_tag: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, measure in enumerate(measures):
        for ref in measure.references:
            if ref in position:
                incoming[position[ref]].append(i)
        for tag in measure.tags:
            by_field_tag[(measure.field_id, tag)].append(i)
    agenda_of = [m.agenda for m in measures]
    ranked: dict[tuple[str, tuple[str, ...]], list[int]] = {}  # by field and tags: shared by many measures
    related: dict[str, list[Related]] = {}
    for i, measure in enumerate(measures):
        found: dict[int, str] = {}
        for ref in measure.references:
            if ref in position:
                found.setdefault(position[ref], "verweis")
        for other in incoming.get(i, ()):
            found.setdefault(other, "verwiesen")
        ranking = (measure.field_id, tuple(measure.tags))
        if ranking not in ranked:
            ranked[ranking] = _ranked_by_shared_tags(by_field_tag, ranking, refs)
        for other in ranked[ranking]:
            if len(found) >= RELATED_LIMIT:
                break
            if agenda_of[other] != measure.agenda and other not in found:
                found[other] = "schlagwort"
        if found:
            related[refs[i]] = [Related(measures[j], reason) for j, reason in found.items()][:RELATED_LIMIT]
    return related


def _ranked_by_shared_tags(by_field_tag: dict[tuple[str, str], list[int]], ranking: tuple[str, tuple[str, ...]],
                           refs: list[str]) -> list[int]:
    """Candidates for measures of this field with these tags: most shared tags first, then by reference."""
    field_id, tags = ranking
    shared: dict[int, int] = {}
    for tag in tags:
        for other in by_field_tag[(field_id, tag)][:_CANDIDATES_PER_TAG]:
            shared[other] = shared.get(other, 0) + 1
    # a stable sort keeps the order by reference among equal counts
    return sorted(sorted(shared, key=refs.__getitem__), key=shared.__getitem__, reverse=True)
