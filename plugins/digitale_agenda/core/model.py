"""The domain model: what the site, the exports and the reports are generated from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Generic, NamedTuple, TypeVar

from .diagnostics import Mark
from .framework import Framework
from .legal import Legal
from .markdown_doc import Section
from .schema import PartialDate, Record
from .suggest import Suggester


@dataclass
class Source:
    path: str
    mark: Mark = field(default_factory=Mark)


@dataclass
class Measure:
    id: str
    title: str
    status: str
    lead: str
    field_id: str
    agenda: str
    source: Source
    start: PartialDate | None = None
    end: PartialDate | None = None
    progress: int | None = None  # as written; absent means the default progress of the status
    partner_municipalities: list[str] = field(default_factory=list)
    partner_organisations: list[str] = field(default_factory=list)
    budget: Record | None = None
    indicators: list[Record] = field(default_factory=list)
    evidence: list[Record] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    description: str = ""
    record: Record | None = None

    @property
    def ref(self) -> str:
        return f"{self.agenda}#{self.id}"

    @property
    def path(self) -> str:
        """Its action field's file (as ``MeasureSkeleton.path``)."""
        return self.source.path

    @property
    def end_mark(self) -> Mark:
        return self._record.mark_for("ende")

    @property
    def partner_marks(self) -> list[Mark]:
        return self._record.item_marks_for("partner_kommunen")

    @property
    def reference_marks(self) -> list[Mark]:
        return self._record.item_marks_for("bezuege")

    @property
    def _record(self) -> Record:
        assert self.record is not None  # every loaded measure has one
        return self.record

    @property
    def ends_before_start(self) -> bool:
        """Asked of every measure in every check: ``ends_before`` decides by year and month where
        they differ, without finding the month's last day."""
        return bool(self.start and self.end and self.end.ends_before(self.start.first_day))


@dataclass
class FieldDoc:
    """One action field of one agenda: its Markdown file, sections and measures."""

    field_id: str
    source: Source
    sections: list[Section] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    # where the text after the front matter starts; the text itself is kept only in ``sections``:
    # a second copy made a quarter of every cached agenda and of the model's memory
    body_line: int = 1
    front_matter_mark: Mark = field(default_factory=Mark)
    declared_measures: int = 0  # entries under massnahmen, including ones too broken to load


@dataclass
class AgendaHead:
    """An agenda's slug and agenda.yml, and what is read of them: what every form of an agenda has
    (the whole ``Agenda``, a check's ``Skeleton``)."""

    slug: str
    source: Source  # agenda.yml
    record: Record

    @property
    def name(self) -> str:
        return self.record.get("name", self.slug)

    @property
    def kind(self) -> str | None:
        return self.record.get("art")

    @property
    def status(self) -> str | None:
        return self.record.get("status")

    @property
    def is_draft(self) -> bool:
        return self.status == "entwurf"

    @property
    def land(self) -> str | None:
        return self.record.get("land")

    @property
    def key(self) -> str | None:
        return self.record.get("schluessel")

    @property
    def partners(self) -> list[str]:
        return self.record.get("partner", [])

    @property
    def last_review(self) -> dt.date | None:
        return self.record.get("letzte_pruefung")

    def get(self, key: str, default: Any = None) -> Any:
        return self.record.get(key, default)


@dataclass
class Agenda(AgendaHead):
    fields: dict[str, FieldDoc] = field(default_factory=dict)
    unreadable: set[str] = field(default_factory=set)  # field ids whose file or some measures could not be read

    def measures(self) -> list[Measure]:
        return [m for doc in self.fields.values() for m in doc.measures]


class MeasureSkeleton(NamedTuple):
    """What the rules across agendas (``checks.references``) and the rules of the day
    (``checks.dates``) read of a measure. A tuple, not a ``Measure``: a check passes every
    measure of every agenda from its worker processes to this one, and a tuple is a fifth of the
    work to pickle and unpickle."""

    id: str
    path: str  # its action field's file, where messages about it point
    status: str
    end: PartialDate | None
    end_mark: Mark  # where ``ende`` is given, else where the measure is
    ends_before_start: bool
    partner_municipalities: tuple[str, ...] = ()
    partner_marks: tuple[Mark, ...] = ()  # the position of each partner municipality
    references: tuple[str, ...] = ()
    reference_marks: tuple[Mark, ...] = ()


@dataclass
class Skeleton(AgendaHead):
    """What a check keeps of an agenda (``checks.references.skeleton``): agenda.yml and each
    measure's skeleton, without prose, sections, indicators or evidence."""

    all_measures: tuple[MeasureSkeleton, ...] = ()
    unreadable: set[str] = field(default_factory=set)  # as in ``Agenda``

    def measures(self) -> tuple[MeasureSkeleton, ...]:
        return self.all_measures


@dataclass
class Initiative:
    id: str
    source: Source
    record: Record
    body: str = ""

    @property
    def title(self) -> str:
        return self.record.get("titel", self.id)

    @property
    def members(self) -> list[str]:
        return self.record.get("mitglieder", [])


# the form in which a catalogue holds its agendas: ``Agenda`` for pages and reports, ``Skeleton`` for a check
AgendaForm = TypeVar("AgendaForm", bound=AgendaHead)


@dataclass
class Catalogue(Generic[AgendaForm]):
    framework: Framework
    root: str
    agendas: dict[str, AgendaForm] = field(default_factory=dict)
    initiatives: dict[str, Initiative] = field(default_factory=dict)
    unreadable: set[str] = field(default_factory=set)  # agenda folders whose agenda.yml is missing or unreadable
    unloaded: set[str] = field(default_factory=set)  # agenda folders a focused check did not need to read
    legal: Legal | None = None  # the site operator's imprint, privacy and accessibility information
    # each agenda's measures by id, made at the first reference into it (``measure``)
    _measures: dict[str, dict[str, Measure | MeasureSkeleton]] = field(default_factory=dict, compare=False, repr=False)
    # the agendas' slugs prepared for "did you mean", made at the first unknown slug (``closest_slug``)
    _slugs: Suggester | None = field(default=None, compare=False, repr=False)

    def exists_unchecked(self, slug: str) -> bool:
        """Whether an agenda folder exists whose content is not at hand: references into it are not checked."""
        return slug in self.unreadable or slug in self.unloaded

    def is_partly_unreadable(self, slug: str) -> bool:
        """Whether references into this agenda may fail only because its files could not be read."""
        agenda = self.agendas.get(slug)
        return self.exists_unchecked(slug) or (agenda is not None and bool(agenda.unreadable))

    def closest_slug(self, slug: str) -> str | None:
        """The agenda slug most like ``slug``, or None: asked for every unknown slug a reference
        names, so the slugs are prepared once, when loading is over (like ``measure``)."""
        if self._slugs is None:
            self._slugs = Suggester(self.agendas)
        return self._slugs.match(slug)

    def measure(self, ref: str) -> Measure | MeasureSkeleton | None:
        """The measure ``slug#id`` (the first, if the agenda repeats the id), in the form the
        catalogue holds its agendas in; asked for every reference of every measure, so each
        agenda's measures are indexed once, when loading is over."""
        slug, _, measure_id = ref.partition("#")
        by_id = self._measures.get(slug)
        if by_id is None:
            agenda = self.agendas.get(slug)
            if agenda is None:
                return None
            by_id = self._measures[slug] = {m.id: m for m in reversed(agenda.measures())}
        return by_id.get(measure_id)
