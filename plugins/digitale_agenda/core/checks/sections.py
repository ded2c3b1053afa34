"""Structure rules (DA2xx): every action field present, with its required sections filled."""

from __future__ import annotations

from ..diagnostics import Diagnostic, Mark, Severity
from ..framework import ActionField, Framework
from ..markdown_doc import Section
from ..model import Agenda, FieldDoc
from ..sink import Sink
from ..suggest import did_you_mean, normalise


def check_sections(agenda: Agenda, framework: Framework, out: list[Diagnostic]) -> None:
    for action_field in framework.fields:
        doc = agenda.fields.get(action_field.id)
        if doc is None:
            if action_field.id not in agenda.unreadable:  # an unreadable file was reported already
                Sink(agenda.source.path, out, agenda.slug).emit(
                    "DA201", Mark(1, 1), title=action_field.title, file=f"{agenda.slug}/{action_field.file_name}",
                    sections=", ".join(f"„## {s}“" for s in action_field.required_sections))
            continue
        _check_field(doc, action_field, framework, Sink(doc.source.path, out, agenda.slug))


def _check_field(doc: FieldDoc, action_field: ActionField, framework: Framework, sink: Sink) -> None:
    known = [*action_field.required_sections, *action_field.optional_sections]
    first_seen: dict[str, int] = {}
    by_key = {}
    for section in doc.sections:
        key = section.heading.key
        if key in first_seen:
            sink.emit("DA206", Mark(section.heading.line, 1), section=section.heading.text,
                      first_line=first_seen[key])
            continue
        first_seen[key] = section.heading.line
        by_key[key] = section
    exact: dict[str, Section] = {}
    for section in doc.sections:
        exact.setdefault(section.heading.text, section)
    matched_typos: set[str] = set()
    for name in action_field.required_sections:
        section = exact.get(name) or by_key.get(normalise(name))
        if section is not None and section.heading.text == name:
            if section.is_empty and not (name == framework.measures_section and doc.measures):
                sink.emit("DA204", Mark(section.heading.line, 1), section=name)
            continue
        typo = section or _similar(name, doc, known)
        if typo is not None:
            matched_typos.add(typo.heading.key)
            sink.emit("DA203", Mark(typo.heading.line, 1), section=name, field=action_field.title,
                      found=f" (gefunden: „## {typo.heading.text}“ in Zeile {typo.heading.line} – "
                            f"meinten Sie „{name}“?)",
                      found_en=f" (found '## {typo.heading.text}' in line {typo.heading.line} – "
                               f"did you mean '{name}'?)")
        else:
            sink.emit("DA203", Mark(doc.body_line, 1), section=name, field=action_field.title)
    for section in by_key.values():
        text = section.heading.text
        if text in known or section.heading.key in matched_typos:
            if text in action_field.optional_sections and section.is_empty:
                sink.emit("DA204", Mark(section.heading.line, 1), Severity.WARNING, section=text)
            continue
        suggestion = did_you_mean(text, known, cutoff=0.8)
        if suggestion is not None:
            sink.emit("DA205", Mark(section.heading.line, 1), section=text, suggestion=suggestion)


def _similar(name: str, doc: FieldDoc, known: list[str]) -> Section | None:
    """A level-2 section that is probably a misspelling of ``name`` (and of no other known section)."""
    for section in doc.sections:
        if section.heading.text in known:
            continue
        if did_you_mean(section.heading.text, known, cutoff=0.75) == name:
            return section
    return None
