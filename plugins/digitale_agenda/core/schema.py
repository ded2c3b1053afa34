"""Declarative schemas for everything an editor writes in YAML, and their checked conversion.

The schemas (schemas.py) are data: this module checks values against them, and later adapters (such
as a JSON Schema for editors) can be generated from the same definitions. Conversion turns YAML nodes
into plain values plus the position of each value; every problem becomes a diagnostic and the value
is left out, so later checks see only good data.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import yaml

from .diagnostics import Mark
from .markdown_doc import PLACEHOLDER
from .sink import Sink
from .suggest import did_you_mean, suggestion_text
from .yamlsafe import NULL, TAG_PREFIX, ParserMark, is_null, mark_of, scalar_tag, settled

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
EMAIL = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[a-z]{2,}$", re.IGNORECASE)
# A GitHub or GitLab account or team as CODEOWNERS names it: @name, @org/team, @group/subgroup/team.
OWNER = re.compile(r"^@[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?(?:/[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?)*$", re.IGNORECASE)
URL = re.compile(r"^https?://[^\s/$.?#][^\s<>\"]*$", re.IGNORECASE)
_DATE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")
_MONTH = re.compile(r"^([0-9]{4})-([0-9]{2})$")
_INTEGER = re.compile(r"^-?[0-9]+$")
YEARS = range(1900, 2201)  # dates outside are typos, and stay far from the limits of datetime
# compared for every value read: built once, not per comparison
_INT, _FLOAT, _SEQ = (TAG_PREFIX + name for name in ("int", "float", "seq"))


@dataclass(frozen=True)
class PartialDate:
    """A date that may lack the day (planned start/end are often only known by month)."""

    year: int
    month: int
    day: int | None = None

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}" + (f"-{self.day:02d}" if self.day else "")

    @property
    def last_day(self) -> dt.date:
        """The latest day the value can mean: used for 'has this end passed?'."""
        return dt.date(self.year, self.month, self.day or calendar.monthrange(self.year, self.month)[1])

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, self.day or 1)

    def ends_before(self, day: dt.date) -> bool:
        """Whether the last day the value can mean is before ``day``: decided by year and month where
        they differ, without making a date (every check asks this of every measure's end)."""
        if self.year != day.year or self.month != day.month:
            return (self.year, self.month) < (day.year, day.month)
        return self.last_day < day


# What a type is called in messages, and an example of it.
KINDS: dict[str, tuple[str, str, str]] = {
    "str": ("Text", "text", "name: Musterstadt"),
    "int": ("eine ganze Zahl", "a whole number", "einwohner: 2400"),
    "number": ("eine Zahl", "a number", "betrag_eur: 150000"),
    "date": ("ein Datum (JJJJ-MM-TT)", "a date (YYYY-MM-DD)", "2026-03-31"),
    "month": ("ein Datum (JJJJ-MM oder JJJJ-MM-TT)", "a date (YYYY-MM or YYYY-MM-DD)", "2026-03"),
    "email": ("eine E-Mail-Adresse", "an e-mail address", "digitales@musterstadt.example"),
    "url": ("eine Internetadresse", "a web address", "https://www.musterstadt.example"),
    "owner": ("ein Konto (@name oder @organisation/team) oder eine E-Mail-Adresse",
              "an account (@name or @organisation/team) or an e-mail address", "@musterstadt/redaktion"),
    "slug": ("ein Slug (Kleinbuchstaben, Ziffern, Bindestriche)", "a slug (lowercase letters, digits, hyphens)",
             "musterdorf"),
    "list": ("eine Liste", "a list", "[musterdorf, beispielstadt]"),
    "map": ("eine Zuordnung (schlüssel: wert)", "a mapping (key: value)", "rolle: Landrätin"),
}


@dataclass(frozen=True)
class Field:
    key: str
    kind: str  # a key of KINDS
    required: bool = False
    description: str = ""
    choices: tuple[str, ...] = ()
    item: Field | None = None  # for kind "list"
    schema: Schema | None = None  # for kind "map", and for lists of maps via item
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class Schema:
    name: str  # how the record is named in messages, e.g. "Maßnahme"
    fields: tuple[Field, ...]

    @cached_property
    def by_key(self) -> dict[str, Field]:  # looked up for every key of every record: keep it O(1)
        return {f.key: f for f in self.fields}

    @cached_property
    def keys(self) -> list[str]:
        return [f.key for f in self.fields]

    @cached_property
    def required(self) -> tuple[Field, ...]:  # looked for in every record read
        return tuple(f for f in self.fields if f.required)


# Where a value was read: a Mark, or PyYAML's mark of it until asked for (``Record.mark_for``).
Position = Mark | ParserMark


@dataclass(slots=True, eq=False)
class Record:
    """A checked mapping: values by key, the position of each value and of the mapping.

    Records are the bulk of the model (one per measure, indicator, evidence link), so they use
    slots and share the schema's key strings. A value's position is kept as the parser gave it and
    made a Mark only when it is asked for, compared or pickled (``settle``): most are never read
    (a check reads a few per measure), and making a Mark of each was a twentieth of loading an
    agenda.
    """

    values: dict[str, Any]
    marks: dict[str, Position]
    mark: Mark
    item_marks: dict[str, list[Position]] = field(default_factory=dict)
    # keys given with a placeholder or a reported bad value: present, so not reported again as missing
    given_unusable: tuple[str, ...] = ()
    # lists of which some items were reported and left out: checks of the whole list would mislead
    partial: tuple[str, ...] = ()

    def has(self, key: str) -> bool:
        """Whether the key was given at all, so a bad value is not reported again as missing."""
        return key in self.values or key in self.given_unusable

    def given_but_unusable(self, key: str) -> None:
        self.given_unusable += (key,)

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def mark_for(self, key: str) -> Mark:
        position = self.marks.get(key)
        return self.mark if position is None else settled(position)

    def item_marks_for(self, key: str) -> list[Mark]:
        """The positions of a list's good items (those in ``values``), in order."""
        return [settled(position) for position in self.item_marks.get(key, ())]

    def settle(self) -> None:
        """Make every position a Mark, as a record that leaves this process or is compared needs."""
        marks = self.marks
        for key, position in marks.items():
            if type(position) is not Mark:
                marks[key] = settled(position)
        for positions in self.item_marks.values():
            positions[:] = map(settled, positions)

    def __getstate__(self) -> object:
        self.settle()
        return object.__getstate__(self)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Record):
            return NotImplemented
        return self.__getstate__() == other.__getstate__()  # both settled


def convert_record(node: yaml.Node, schema: Schema, sink: Sink, where: str = "",
                   choices: dict[str, tuple[str, ...]] | None = None) -> Record | None:
    """Check a mapping node against a schema.

    ``where`` names the record in messages (" in Maßnahme „x“"); ``choices`` supplies vocabularies
    that come from the framework (e.g. measure status) at run time.

    This loop runs for every value of every file (a few hundred per agenda), so it takes a text
    value straight to the converter of its field's kind, without the general ``convert_value``.
    """
    if not isinstance(node, yaml.MappingNode):
        _wrong_type(node, schema.name, "map", sink)
        return None
    record = Record({}, {}, mark_of(node))
    values, marks = record.values, record.marks
    field_of = schema.by_key.get
    for key_node, value_node in node.value:
        if type(key_node) is not yaml.ScalarNode:
            _wrong_type(key_node, "Schlüssel", "str", sink)
            continue
        key = key_node.value
        spec = field_of(key)
        if spec is None:
            _unknown_key(record, key_node, schema, sink, where)
            continue
        kind = spec.kind
        convert = None
        if type(value_node) is yaml.ScalarNode:
            text = value_node.value
            # ``is_null`` inlined, as this runs for every value (an unresolved null is empty)
            if (value_node.tag == NULL and not value_node.style) or not text.strip():
                continue  # treated as absent, like an empty text; a required key is reported below
            if PLACEHOLDER in text:
                sink.emit("DA110", mark_of(value_node), key=key, text=text.strip())
                record.given_but_unusable(spec.key)  # reported once here, not again as missing
                continue
            convert = _SCALAR_KINDS.get(kind)
        if convert is not None:
            value = convert(value_node, spec, sink, choices)
        elif kind == "list":
            value, item_marks = _convert_list(value_node, spec, sink, where, choices)
            if value is not None:
                record.item_marks[spec.key] = item_marks
                # a text where a list is expected is a list of one item (``_convert_list``)
                given = len(value_node.value) if type(value_node) is yaml.SequenceNode else 1
                if len(item_marks) < given:
                    record.partial += (spec.key,)
        else:
            value = convert_value(value_node, spec, sink, where, choices)
        if value is None:
            record.given_but_unusable(spec.key)
        else:
            values[spec.key] = value
            marks[spec.key] = value_node.start_mark
    return record


def _unknown_key(record: Record, key_node: yaml.ScalarNode, schema: Schema, sink: Sink, where: str) -> None:
    key = key_node.value
    sink.emit("DA102", mark_of(key_node), key=key, where=where,
              suggestion=suggestion_text(key, schema.keys),
              suggestion_en=suggestion_text(key, schema.keys, "en"),
              allowed=", ".join(schema.keys))
    meant = did_you_mean(key, schema.keys)
    if meant is not None:
        record.given_but_unusable(meant)  # the typo is the problem; don't also call the key missing


def _where(record: Record, schema: Schema) -> str:
    """Name a list item in messages by its id or name: ' in massnahme „glasfaser“'."""
    label = record.get("id") or record.get("name") or record.get("titel")
    return f" in {schema.name} „{label}“" if label else ""


def report_missing(record: Record, schema: Schema, sink: Sink, where: str | Callable[[], str] = "") -> None:
    """Report required keys that are absent (separate so callers can add conditional ones).

    ``where`` may be a function that names the record, called only if a key is missing: naming
    every item of every list was about a twentieth of converting a field file.
    """
    for spec in schema.required:
        if not record.has(spec.key):
            if callable(where):
                where = where()
            missing(record, spec.key, sink, where, spec.description)


def missing(record: Record, key: str, sink: Sink, where: str, hint: str) -> None:
    sink.emit("DA101", record.mark, key=key, where=where, hint=hint)


def convert_value(node: yaml.Node, spec: Field, sink: Sink, where: str,
                  choices: dict[str, tuple[str, ...]] | None = None) -> Any:
    kind = spec.kind
    if kind == "map":
        assert spec.schema is not None
        record = convert_record(node, spec.schema, sink, where, choices)
        if record is not None:
            report_missing(record, spec.schema, sink, lambda: _where(record, spec.schema) or where)
        return record
    if not isinstance(node, yaml.ScalarNode):
        return _wrong_type(node, spec.key, kind, sink)
    if kind in _NUMBERS:
        return _number(node, spec, sink)
    text = node.value
    if PLACEHOLDER in text:  # a placeholder inside a list
        sink.emit("DA110", mark_of(node), key=spec.key, text=text.strip())
        return None
    return _SCALAR_KINDS[kind](node, spec, sink, choices)


def _convert_list(node: yaml.Node, spec: Field, sink: Sink, where: str,
                  choices: dict[str, tuple[str, ...]] | None) -> tuple[list[Any] | None, list[Position]]:
    """Convert a list; return the good items and their positions (a bad item is left out of both).

    A single scalar where a list of scalars is expected is accepted as a one-item list.
    """
    if not isinstance(node, yaml.SequenceNode):
        if isinstance(node, yaml.ScalarNode) and spec.item and spec.item.kind != "map":
            node = yaml.SequenceNode(_SEQ, [node], node.start_mark, node.end_mark)
        else:
            return _wrong_type(node, spec.key, "list", sink), []
    item_spec = spec.item
    assert item_spec is not None
    values: list[Any] = []
    marks: list[Position] = []
    for item in node.value:
        if _is_null(item):
            label, label_en, example = KINDS[item_spec.kind]
            sink.emit("DA103", mark_of(item), key=spec.key, expected=label, expected_en=label_en, example=example,
                      found="ein leerer Eintrag", found_en="an empty item")
            continue
        value = convert_value(item, item_spec, sink, where, choices)
        if value is not None:
            values.append(value)
            marks.append(item.start_mark)
    return values, marks


# The converters of a text value by its kind. Each is given a scalar that is neither null nor a
# placeholder, and returns its value, or None after reporting why it is unusable. The node's
# position is only looked up for a report: the caller keeps it with a good value.
_ScalarConverter = Callable[[yaml.ScalarNode, Field, Sink, dict[str, tuple[str, ...]] | None], Any]


def _text(node: yaml.ScalarNode, spec: Field, sink: Sink, choices: dict[str, tuple[str, ...]] | None) -> str | None:
    """Any text; one from a list where the schema or the framework (``choices``) gives one."""
    text = node.value.strip()
    allowed = spec.choices or (choices.get(spec.key, ()) if choices else ())
    if allowed and text not in allowed:
        sink.emit("DA104", mark_of(node), value=text, key=spec.key, allowed=", ".join(allowed),
                  suggestion=suggestion_text(text, allowed), suggestion_en=suggestion_text(text, allowed, "en"))
        return None
    return text or None


def _patterned(pattern: Callable[[str], object], what: str, what_en: str, fix: str,
               fix_en: str) -> _ScalarConverter:
    """A converter of a text that must match ``pattern`` (reported as DA109 otherwise)."""
    def convert(node: yaml.ScalarNode, spec: Field, sink: Sink, choices: dict[str, tuple[str, ...]] | None) -> Any:
        if not pattern(node.value.strip()):
            sink.emit("DA109", mark_of(node), value=node.value.strip(), what=what, what_en=what_en, fix=fix,
                      fix_en=fix_en)
            return None
        return _text(node, spec, sink, choices)
    return convert


def _slug(node: yaml.ScalarNode, spec: Field, sink: Sink, choices: dict[str, tuple[str, ...]] | None) -> Any:
    if not SLUG.match(node.value.strip()):
        return _wrong_type(node, spec.key, "slug", sink)
    return _text(node, spec, sink, choices)


def _dated(node: yaml.ScalarNode, spec: Field, sink: Sink, choices: dict[str, tuple[str, ...]] | None) -> Any:
    return _date(node.value.strip(), spec, node, sink)


def _numeric(node: yaml.ScalarNode, spec: Field, sink: Sink, choices: dict[str, tuple[str, ...]] | None) -> Any:
    return _number(node, spec, sink)


_NUMBERS = ("int", "number")
_SCALAR_KINDS: dict[str, _ScalarConverter] = {
    "str": _text,
    "int": _numeric,
    "number": _numeric,
    "date": _dated,
    "month": _dated,
    "email": _patterned(EMAIL.match, "E-Mail-Adresse", "e-mail address",
                        "vollständige Adresse wie name@kommune.example angeben",
                        "give a complete address such as name@kommune.example"),
    "owner": _patterned(lambda text: OWNER.match(text) or EMAIL.match(text), "Konto oder E-Mail-Adresse",
                        "account or e-mail address",
                        "Konto wie @name oder @organisation/team, oder eine E-Mail-Adresse angeben",
                        "give an account such as @name or @organisation/team, or an e-mail address"),
    "url": _patterned(URL.match, "Internetadresse", "web address", "vollständige Adresse mit https:// angeben",
                      "give a complete address with https://"),
    "slug": _slug,
}


def _number(node: yaml.ScalarNode, spec: Field, sink: Sink) -> int | float | None:
    raw = node.value.replace("_", "")
    value: int | float | None = None
    if len(raw) > 18:  # far beyond any population or budget; also keeps int() away from huge inputs
        shown = raw[:12] + "…"
        sink.emit("DA112", mark_of(node), value=shown, key=spec.key, low=_num(spec.low), high=_num(spec.high))
        return None
    tag = scalar_tag(node)
    if (tag == _INT or node.style) and _INTEGER.match(raw):  # YAML's other integers (0x1F, 0o17) are not ours
        value = int(raw)
    elif tag == _FLOAT and spec.kind == "number":
        try:
            value = float(raw)
        except ValueError:
            value = None
        if value is not None and not math.isfinite(value):
            value = None
    if value is None:
        return _wrong_type(node, spec.key, spec.kind, sink)
    low = spec.low if spec.low is not None else -math.inf
    high = spec.high if spec.high is not None else math.inf
    if not low <= value <= high:
        sink.emit("DA112", mark_of(node), value=value, key=spec.key, low=_num(low), high=_num(high))
        return None
    return value


def _num(value: float | None) -> str:
    if value is None or math.isinf(value):
        return "∞" if value is None or value > 0 else "-∞"
    return f"{value:g}"


# Dates read, by kind and text: a few hundred distinct months recur in every agenda, and each
# PartialDate (a frozen dataclass) is slow to make. The values are immutable, so they are shared.
_DATES: dict[tuple[str, str], dt.date | PartialDate] = {}
_DATES_LIMIT = 100_000


def _date(text: str, spec: Field, node: yaml.ScalarNode, sink: Sink) -> dt.date | PartialDate | None:
    key = (spec.kind, text)
    value = _DATES.get(key)
    if value is None:
        value = _parsed_date(text, spec.kind)
        if value is None:
            pattern = "JJJJ-MM-TT" if spec.kind == "date" else "JJJJ-MM oder JJJJ-MM-TT"
            sink.emit("DA107", mark_of(node), value=text, key=spec.key, pattern=pattern,
                      example="2026-03-31" if spec.kind == "date" else "2026-03")
            return None
        if len(_DATES) < _DATES_LIMIT:
            _DATES[key] = value
    return value


def _parsed_date(text: str, kind: str) -> dt.date | PartialDate | None:
    """A "date" (a day) or a "month" (a day or a month) from its text, or None if it is not one."""
    full = _DATE.match(text)
    month = _MONTH.match(text) if kind == "month" else None
    try:
        if full and int(full[1]) in YEARS:
            day = dt.date(int(full[1]), int(full[2]), int(full[3]))
            return day if kind == "date" else PartialDate(day.year, day.month, day.day)
        if month and int(month[1]) in YEARS and 1 <= int(month[2]) <= 12:
            return PartialDate(int(month[1]), int(month[2]))
    except ValueError:
        pass
    return None


def _wrong_type(node: yaml.Node, key: str, kind: str, sink: Sink) -> None:
    found = {yaml.MappingNode: "eine Zuordnung", yaml.SequenceNode: "eine Liste"}.get(type(node))
    found_en = {yaml.MappingNode: "a mapping", yaml.SequenceNode: "a list"}.get(type(node))
    label, label_en, example = KINDS[kind]
    sink.emit("DA103", mark_of(node), key=key, expected=label, expected_en=label_en, example=example,
              found=found or f"„{node.value}“", found_en=found_en or f"'{node.value}'")
    return None


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and is_null(node)
