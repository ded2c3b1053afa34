"""Diagnostics as text for people, JSON for tools, workflow commands for GitHub Actions and a Code
Quality report for GitLab merge requests."""

from __future__ import annotations

import hashlib
import json

from .diagnostics import Diagnostic, Severity
from .progress import de_count
from .rules import RULES, render

SEVERITY_WORDS = {
    "de": {Severity.ERROR: "Fehler", Severity.WARNING: "Warnung"},
    "en": {Severity.ERROR: "error", Severity.WARNING: "warning"},
}


def as_text(diagnostic: Diagnostic, lang: str = "de") -> str:
    """``path:line:col: CODE Fehler: message`` and an indented help line."""
    message, help_text = render(diagnostic, lang)
    word = SEVERITY_WORDS[lang][diagnostic.severity]
    label = "Hilfe" if lang == "de" else "help"
    head = f"{diagnostic.path}:{diagnostic.mark.line}:{diagnostic.mark.col}: {diagnostic.code} {word}: {message}"
    return f"{head}\n  {label}: {help_text}" if help_text else head


def summary(errors: int, warnings: int, agendas: int, lang: str = "de") -> str:
    if lang == "en":
        return f"{errors} error(s), {warnings} warning(s) in {agendas} agenda(s)"
    return (f"{de_count(errors, 'Fehler', 'Fehler')}, {de_count(warnings, 'Warnung', 'Warnungen')} "
            f"in {de_count(agendas, 'Agenda', 'Agenden')} geprüft")


def as_json(diagnostics: list[Diagnostic], errors: int, warnings: int, agendas: int, lang: str = "de") -> str:
    items = []
    for diagnostic in diagnostics:
        message, help_text = render(diagnostic, lang)
        items.append({
            "path": diagnostic.path, "line": diagnostic.mark.line, "column": diagnostic.mark.col,
            "code": diagnostic.code, "severity": diagnostic.severity.value,
            "title": RULES[diagnostic.code].title[lang], "message": message, "help": help_text,
            "agenda": diagnostic.agenda,
        })
    result = {"diagnostics": items, "summary": {"errors": errors, "warnings": warnings, "agendas": agendas}}
    return json.dumps(result, ensure_ascii=False, indent=2)


def as_github(diagnostic: Diagnostic, lang: str = "de") -> str:
    """A workflow command that GitHub shows as an annotation on the line."""
    message, help_text = render(diagnostic, lang)
    command = "error" if diagnostic.severity is Severity.ERROR else "warning"
    label = "Hilfe" if lang == "de" else "help"
    title = f"{diagnostic.code} {RULES[diagnostic.code].title[lang]}"
    properties = ",".join([
        f"file={_escape_property(diagnostic.path)}", f"line={diagnostic.mark.line}",
        f"col={diagnostic.mark.col}", f"title={_escape_property(title)}",
    ])
    body = _escape_data(message + "\n" + f"{label}: {help_text}")
    return f"::{command} {properties}::{body}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_gitlab(diagnostics: list[Diagnostic], lang: str = "de") -> str:
    """GitLab's Code Quality report: the merge request shows each finding on its changed line.

    The fingerprint identifies a finding across pipelines (GitLab compares them to show what a change
    fixed or introduced), so it hashes what the finding is about, not where the line moved to.
    """
    items = []
    for diagnostic in diagnostics:
        message, help_text = render(diagnostic, lang)
        identity = "\0".join([diagnostic.path, diagnostic.code, message])
        items.append({
            "description": f"{diagnostic.code} {message}" + (f" – {help_text}" if help_text else ""),
            "check_name": diagnostic.code,
            "fingerprint": hashlib.sha256(identity.encode("utf-8")).hexdigest(),
            "severity": "major" if diagnostic.severity is Severity.ERROR else "minor",
            "location": {"path": diagnostic.path, "lines": {"begin": diagnostic.mark.line}},
        })
    return json.dumps(items, ensure_ascii=False, indent=2)
