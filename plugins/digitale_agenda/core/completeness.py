"""The completeness score of an agenda, as published in docs/format.md (section "Vollständigkeit").

Definition: 10 % metadata (share of the recommended keys filled) plus 90 % the mean over all
framework fields; a field scores half for its required sections that are present, non-empty and
free of placeholders, half for the mean share of measure details its measures give (0 without
measures); a missing field scores 0.
"""

from __future__ import annotations

from dataclasses import dataclass

from .framework import ActionField, Framework
from .markdown_doc import Section
from .model import Agenda, FieldDoc, Measure
from .schema import Record

METADATA_WEIGHT = 0.1
RECOMMENDED_METADATA = ("einwohner", "website", "beschluss", "zusammenfassung", "kontakt.stelle",
                        "verantwortung.name")
MEASURE_DETAILS = ("beschreibung", "beginn", "ende", "fortschritt", "budget", "kennzahlen", "nachweise")


@dataclass
class FieldScore:
    field_id: str
    title: str
    sections: float  # 0..1
    measures: float  # 0..1
    measure_count: int

    @property
    def score(self) -> float:
        return (self.sections + self.measures) / 2


@dataclass
class Completeness:
    slug: str
    name: str
    metadata: float
    fields: list[FieldScore]

    @property
    def score(self) -> float:
        field_mean = sum(f.score for f in self.fields) / len(self.fields) if self.fields else 0.0
        return METADATA_WEIGHT * self.metadata + (1 - METADATA_WEIGHT) * field_mean


def completeness(agenda: Agenda, framework: Framework) -> Completeness:
    filled = sum(1 for key in RECOMMENDED_METADATA if _has(agenda, key))
    fields = [_field_score(agenda.fields.get(f.id), f, framework) for f in framework.fields]
    return Completeness(agenda.slug, agenda.name, filled / len(RECOMMENDED_METADATA), fields)


def _has(agenda: Agenda, dotted: str) -> bool:
    head, _, tail = dotted.partition(".")
    value = agenda.get(head)
    return value is not None and (not tail or value.get(tail) is not None)


def _field_score(doc: FieldDoc | None, action_field: ActionField, framework: Framework) -> FieldScore:
    if doc is None:
        return FieldScore(action_field.id, action_field.title, 0.0, 0.0, 0)
    by_name: dict[str, Section] = {}
    for section in doc.sections:
        by_name.setdefault(section.heading.text, section)  # the first of duplicates, as the validator
    good = 0
    for name in action_field.required_sections:
        section = by_name.get(name)
        if section is None or section.has_placeholder:
            continue
        if not section.is_empty or (name == framework.measures_section and doc.measures):
            good += 1
    sections = good / len(action_field.required_sections) if action_field.required_sections else 1.0
    measures = sum(_details(m) for m in doc.measures) / len(doc.measures) if doc.measures else 0.0
    return FieldScore(action_field.id, action_field.title, sections, measures, len(doc.measures))


def _details(measure: Measure) -> float:
    """The share of detail keys given with content: an empty list or mapping does not count."""
    record = measure.record
    if record is None:
        return 0.0
    values = record.values
    given = sum(1 for key in MEASURE_DETAILS if _filled(values.get(key)))
    return given / len(MEASURE_DETAILS)


def _filled(value: object) -> bool:
    """Whether a converted value has content. Types first: comparing a record or a date with
    ``[]`` or ``""`` runs the dataclass's ``__eq__``, a million times at N = 11,000."""
    if value is None:
        return False
    if isinstance(value, str | list):
        return len(value) > 0
    if isinstance(value, Record):
        return any(_filled(v) for v in value.values.values())
    return True
