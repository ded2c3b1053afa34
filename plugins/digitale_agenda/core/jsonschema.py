"""JSON Schema (draft 2020-12) for editors, generated from the validator's declarative schemas.

Why: editors such as VS Code with the YAML extension read a JSON Schema and then complete keys, show
the German description on hover and mark a wrong key or value while typing, long before `agenda
validate` runs. The JSON Schema is generated from the same ``Schema``/``Field`` definitions the
validator uses (schemas.py), so the two cannot drift apart; `agenda schema --check` in the tests
guards the checked-in files in ``schemas/``.

The conversion follows what the validator accepts, not what a strict reading of the field kinds
would suggest:

* an optional key may be empty (``website:``): the validator treats it as absent;
* text fields accept any scalar (``drucksache: 2024`` is read as text), but a required one must not
  be blank;
* a list of scalars may be written as a single value (``partner: musterdorf``);
* dates are strings: YAML editors see an unquoted ``2026-03-31`` as text, so a date is a string with
  a pattern (years 1900 to 2200, as ``schema.YEARS``) and ``format: date`` for impossible days.

A few rules live outside the field definitions (the Länder, the form of the official key, the status
vocabulary of the framework, required legal information, conditionally required keys); they are
added here from their sources, so the editor shows them too. What needs the whole catalogue (does a
partner slug exist?) stays with the validator.

Plain Python: no MkDocs, so the command line can write the files.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .framework import Framework
from .laender import CODE_BY_NAME
from .legal import REQUIRED as LEGAL_REQUIRED
from .schema import EMAIL, KINDS, OWNER, SLUG, Field, Schema
from .schemas import AGENDA, FIELD_FRONT_MATTER, INITIATIVE, LEGAL

DRAFT = "https://json-schema.org/draft/2020-12/schema"

# JSON Schema patterns are ECMA 262 without flags: case-insensitivity is spelled out.
_YEAR = "(19[0-9]{2}|2[01][0-9]{2}|2200)"
DATE_PATTERN = f"^{_YEAR}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
MONTH_PATTERN = f"^{_YEAR}-(0[1-9]|1[0-2])$"
# Editors compile patterns as JavaScript with the "u" flag, where an escaped quote is an error.
EMAIL_PATTERN = EMAIL.pattern.replace("[a-z]", "[A-Za-z]").replace('\\"', '"')  # the validator ignores case
OWNER_PATTERN = OWNER.pattern.replace("a-z", "A-Za-z")
URL_PATTERN = r'^[Hh][Tt][Tt][Pp][Ss]?://[^\s/$.?#][^\s<>"]*$'
KEY_PATTERN = "^(0[1-9]|1[0-6])[0-9]{6}([0-9]{4})?$"  # checks/metadata.py: AGS or ARS with a Land code
NOT_BLANK = r"\S"
_EXAMPLE_KINDS = ("date", "month", "email", "url", "owner", "slug")  # their KINDS example is a bare value


# One generated file per YAML an editor writes (front matter cannot be bound by editors, but its
# schema documents the keys and is checked against the examples in the tests).
FILES = ("agenda.schema.json", "rechtliches.schema.json", "massnahmen.schema.json", "initiative.schema.json")


def to_json_schema(schema: Schema, title: str, description: str, *,
                   choices: Mapping[str, Sequence[str]] | None = None,
                   refine: Mapping[str, Mapping[str, Any]] | None = None,
                   required: Iterable[str] = (),
                   all_of: Sequence[Mapping[str, Any]] = ()) -> dict[str, Any]:
    """A complete JSON Schema document for a YAML file (or front matter) checked against ``schema``.

    ``choices`` are vocabularies given at run time, by key, as in ``convert_record``; ``refine`` adds
    keywords to the property at a dotted path ("land", "massnahmen.status"); ``required`` names
    dotted paths that are required beyond the schema (the legal requirements); ``all_of`` adds
    conditions on the top level (e.g. "beschluss" unless the status is "entwurf").
    """
    context = _Context(dict(choices or {}), dict(refine or {}), set(required))
    document: dict[str, Any] = {"$schema": DRAFT, "title": title, "description": description}
    document.update(_object(schema, "", context))  # never null: the validator reports an empty file
    if all_of:
        document["allOf"] = [copy.deepcopy(dict(condition)) for condition in all_of]
    return document


class _Context:
    def __init__(self, choices: dict[str, Sequence[str]], refine: dict[str, Mapping[str, Any]],
                 required: set[str]) -> None:
        self.choices = choices
        self.refine = refine
        self.required = required


def _object(schema: Schema, path: str, context: _Context) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    required: list[str] = []
    for spec in schema.fields:
        dotted = f"{path}.{spec.key}" if path else spec.key
        is_required = spec.required or dotted in context.required
        properties[spec.key] = _property(spec, dotted, is_required, context)
        if is_required:
            required.append(spec.key)
    result: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        result["required"] = required
    return result


def _property(spec: Field, dotted: str, is_required: bool, context: _Context) -> dict[str, Any]:
    result = _documented(_value(spec, dotted, context), spec)
    result.update(copy.deepcopy(dict(context.refine.get(dotted, {}))))
    if not is_required:
        result = _nullable(result)  # an empty optional key counts as absent, as in the validator
    return result


def _documented(result: dict[str, Any], spec: Field) -> dict[str, Any]:
    label, _, example = KINDS[spec.kind]
    if spec.description:
        result["description"] = spec.description
    hint = f"Erwartet: {label}" + (f", z. B. `{example}`" if spec.kind in _EXAMPLE_KINDS else "")
    if spec.choices:
        hint += "; erlaubt: " + ", ".join(f"`{choice}`" for choice in spec.choices)
    result["markdownDescription"] = f"{spec.description}\n\n{hint}" if spec.description else hint
    return result


def _value(spec: Field, dotted: str, context: _Context) -> dict[str, Any]:
    """The JSON Schema of one value of ``spec`` (without the empty value of an optional key)."""
    kind = spec.kind
    if kind == "map":
        assert spec.schema is not None
        return _object(spec.schema, dotted, context)
    if kind == "list":
        assert spec.item is not None
        item = _value(spec.item, dotted, context)
        items = {"type": "array", "items": item}
        if spec.item.kind == "map":
            return items
        return {"anyOf": [items, item]}  # a single value is read as a one-item list
    if kind in ("int", "number"):
        result: dict[str, Any] = {"type": "integer" if kind == "int" else "number"}
        if spec.low is not None:
            result["minimum"] = _plain(spec.low)
        if spec.high is not None:
            result["maximum"] = _plain(spec.high)
        return result
    if kind == "date":
        return {"type": "string", "pattern": DATE_PATTERN, "format": "date"}
    if kind == "month":
        return {"anyOf": [{"type": "string", "pattern": MONTH_PATTERN},
                          {"type": "string", "pattern": DATE_PATTERN, "format": "date"}]}
    if kind == "email":
        return {"type": "string", "pattern": EMAIL_PATTERN}
    if kind == "owner":
        return {"type": "string", "anyOf": [{"pattern": OWNER_PATTERN}, {"pattern": EMAIL_PATTERN}]}
    if kind == "url":
        return {"type": "string", "pattern": URL_PATTERN}
    if kind == "slug":
        return {"type": "string", "pattern": SLUG.pattern}
    allowed = spec.choices or tuple(context.choices.get(spec.key, ()))
    if allowed:
        # a YAML editor reads true/false as booleans; the validator reads the text
        return {"enum": [*allowed, *(choice == "true" for choice in allowed if choice in ("true", "false"))]}
    if kind == "str":
        # any scalar is read as text; a required text must not be blank (it would count as missing)
        return {"type": ["string", "number", "boolean"], "pattern": NOT_BLANK} if spec.required else \
            {"type": ["string", "number", "boolean"]}
    raise ValueError(f"unknown field kind {kind!r}")


def _nullable(result: dict[str, Any]) -> dict[str, Any]:
    kind = result.get("type")
    if isinstance(kind, str):
        result["type"] = [kind, "null"]
    elif isinstance(kind, list):
        result["type"] = [*kind, "null"]
    elif "enum" in result:
        result["enum"] = [*result["enum"], None]
    elif "anyOf" in result:
        result["anyOf"] = [*result["anyOf"], {"type": "null"}]
    return result


def _plain(number: float) -> int | float:
    return int(number) if float(number).is_integer() else number


def _unless(key: str, value: str, then_required: str) -> dict[str, Any]:
    """``then_required`` is required when ``key`` is given and is not ``value`` (validate.load_agenda)."""
    return {"if": {"required": [key], "properties": {key: {"not": {"const": value}}}},
            "then": {"required": [then_required]}}


def build_schemas(framework: Framework) -> dict[str, dict[str, Any]]:
    """All editor schemas by file name; the vocabularies come from ``framework``."""
    statuses = {"status": framework.status_ids}
    field_ids = [action_field.id for action_field in framework.fields]
    return {
        "agenda.schema.json": to_json_schema(
            AGENDA, "agenda.yml", "Stammdaten einer Digitalen Agenda (agendas/<slug>/agenda.yml), siehe docs/format.md",
            refine={
                "land": {"enum": list(CODE_BY_NAME)},
                "schluessel": {"type": "string", "pattern": KEY_PATTERN},
            },
            all_of=[_unless("status", "entwurf", "beschluss"), _unless("art", "verband", "schluessel")]),
        "rechtliches.schema.json": to_json_schema(
            LEGAL, "_rechtliches.yml",
            "Impressum, Datenschutzerklärung und Erklärung zur Barrierefreiheit der Website "
            "(agendas/_rechtliches.yml); Pflichtangaben nach DDG, DSGVO und BITV 2.0",
            required=[requirement.path for requirement in LEGAL_REQUIRED]),
        "massnahmen.schema.json": to_json_schema(
            FIELD_FRONT_MATTER, "Kopfbereich eines Handlungsfelds",
            "Kopfbereich (YAML zwischen ---) einer Handlungsfeld-Datei agendas/<slug>/<feld>.md: die Maßnahmen",
            choices=statuses),
        "initiative.schema.json": to_json_schema(
            INITIATIVE, "Kopfbereich einer Initiative",
            "Kopfbereich (YAML zwischen ---) einer Initiative agendas/_initiativen/<slug>.md",
            choices=statuses,
            refine={"handlungsfelder": {"anyOf": [{"type": "array", "items": {"enum": field_ids}},
                                                  {"enum": field_ids}]}}),
    }
