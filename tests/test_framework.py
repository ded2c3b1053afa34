"""The framework is data: the reference framework loads, another one changes what is checked."""

from __future__ import annotations

import dataclasses
import hashlib
import pickle
from pathlib import Path

from conftest import TODAY, copy_legal_file, run_cli
from digitale_agenda.core.framework import FrameworkError, load_framework
from digitale_agenda.core.validate import check

SMART_CITY = Path(__file__).parent / "fixtures" / "smart-city-rahmen.yml"


def test_reference_framework_has_the_eight_fields() -> None:
    framework = load_framework()
    assert framework.field_ids == ("infrastruktur", "arbeiten", "wirtschaft", "verwaltung", "lebenswelten",
                                   "bildung", "open-government", "sicherheit")
    assert [f.id for f in framework.fields if f.cross_cutting] == ["sicherheit"]
    assert framework.field("verwaltung").required_sections == ("Ausgangslage", "Ziele", "Maßnahmen")
    assert framework.status("abgeschlossen").default_progress == 100


def _write_smart_city_agenda(root: Path) -> Path:
    agendas = root / "agendas"
    folder = agendas / "teststadt"
    folder.mkdir(parents=True)
    copy_legal_file(agendas)
    (folder / "agenda.yml").write_text(
        'name: Teststadt\nart: stadt\nschluessel: "06412000"\nland: Hessen\nverantwortung:\n  rolle: CDO\n'
        "kontakt:\n  email: smart@teststadt.example\nstatus: beschlossen\nbeschluss:\n  datum: 2025-01-01\n"
        '  drucksache: "1"\nletzte_pruefung: 2026-10-01\nlizenz: CC0-1.0\n', encoding="utf-8")
    for field in ("mobilitaet", "energie", "gesundheit", "kultur", "teilhabe"):
        extra = "\n## Barrierefreiheit\n\nFür alle.\n" if field == "teilhabe" else ""
        (folder / f"{field}.md").write_text(
            f"---\nmassnahmen:\n  - id: {field}-1\n    titel: Projekt\n    status: pilot\n"
            f"    federfuehrung: Smart-City-Büro\n---\n# {field}\n\n## Herausforderungen\n\nViele.\n\n"
            f"## Leitlinien\n\nKlare.\n\n## Projekte\n{extra}", encoding="utf-8")
    return agendas


def test_another_framework_changes_fields_sections_and_status(tmp_path: Path) -> None:
    agendas = _write_smart_city_agenda(tmp_path)
    framework = load_framework(SMART_CITY)
    assert check(agendas, framework, TODAY).diagnostics == []
    # the reference framework finds none of its fields and none of its sections in this agenda
    codes = {d.code for d in check(agendas, load_framework(), TODAY).diagnostics}
    assert {"DA201", "DA202"} <= codes
    # the second framework's own rules apply: its section names, its status vocabulary
    (agendas / "teststadt" / "teilhabe.md").write_text(
        "---\nmassnahmen:\n  - id: t\n    titel: P\n    status: in-umsetzung\n    federfuehrung: X\n---\n"
        "## Herausforderungen\n\nA.\n\n## Leitlinien\n\nB.\n\n## Projekte\n", encoding="utf-8")
    diagnostics = check(agendas, framework, TODAY).diagnostics
    found = {(d.code, d.args.get("section") or d.args.get("value")) for d in diagnostics}
    assert found == {("DA203", "Barrierefreiheit"), ("DA104", "in-umsetzung")}


def test_cli_uses_the_framework_option(tmp_path: Path) -> None:
    agendas = _write_smart_city_agenda(tmp_path)
    assert run_cli("validate", str(agendas), "--framework", str(SMART_CITY)).returncode == 0
    assert run_cli("validate", str(agendas)).returncode == 1


def test_broken_framework_is_reported_with_position(tmp_path: Path) -> None:
    broken = tmp_path / "rahmen.yml"
    broken.write_text(SMART_CITY.read_text(encoding="utf-8").replace("  - id: energie", "  - id: mobilitaet"),
                      encoding="utf-8")
    try:
        load_framework(broken)
    except FrameworkError as error:
        assert [d.code for d in error.diagnostics] == ["DA501"]
        assert "mobilitaet" in error.diagnostics[0].args["problem"]
    else:
        raise AssertionError("duplicate field id not reported")
    result = run_cli("validate", str(tmp_path), "--framework", str(broken))
    assert result.returncode == 2
    assert "DA501" in result.stderr and "Traceback" not in result.stderr


def test_framework_with_syntax_error_or_missing_file(tmp_path: Path) -> None:
    broken = tmp_path / "rahmen.yml"
    broken.write_text("id: x\nhandlungsfelder: [\n", encoding="utf-8")
    result = run_cli("validate", str(tmp_path), "--framework", str(broken))
    assert result.returncode == 2 and "DA001" in result.stderr
    result = run_cli("validate", str(tmp_path), "--framework", str(tmp_path / "fehlt.yml"))
    assert result.returncode == 2 and "nicht gefunden" in result.stderr


def test_lookups_find_the_first_of_equal_ids_and_do_not_change_the_frameworks_pickle() -> None:
    """Its pickle's digest is part of the agenda cache's keys: a lookup must not change it."""
    framework = load_framework()
    twice = dataclasses.replace(framework, fields=(*framework.fields, dataclasses.replace(framework.fields[0],
                                                                                          title="Zweite")))
    before = hashlib.sha256(pickle.dumps(twice)).hexdigest()
    assert twice.field(framework.fields[0].id) == framework.fields[0]
    assert twice.status("abgeschlossen") == framework.status("abgeschlossen")
    assert hashlib.sha256(pickle.dumps(twice)).hexdigest() == before
    assert pickle.loads(pickle.dumps(twice)).field(framework.fields[0].id).title == framework.fields[0].title
