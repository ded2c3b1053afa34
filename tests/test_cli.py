"""The `agenda` command as editors and CI call it: real subprocesses, real files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT, TODAY, Catalogue, copy_legal_file, run_cli, run_json
from digitale_agenda.core import report
from digitale_agenda.core.framework import load_framework
from digitale_agenda.core.rules import RULES
from digitale_agenda.core.validate import check


def test_validate_clean_catalogue_exits_0_with_summary(catalogue: Catalogue) -> None:
    result = run_cli("validate", str(catalogue.agendas), "--today", "2026-11-24")
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip() == "0 Fehler, 0 Warnungen in 3 Agenden geprüft"


def test_validate_text_format_names_file_line_code_and_help(catalogue: Catalogue) -> None:
    catalogue.edit("alpha/verwaltung.md", "## Maßnahmen", "## Massnahmen")
    result = run_cli("validate", str(catalogue.agendas), "--today", "2026-11-24")
    assert result.returncode == 1
    head, help_line, summary = result.stdout.splitlines()
    assert head.endswith("alpha/verwaltung.md:23:1: DA203 Fehler: Pflichtabschnitt „Maßnahmen“ fehlt im "
                         "Handlungsfeld „Digitale Verwaltung“")
    assert help_line == ("  Hilfe: Überschrift „## Maßnahmen“ ergänzen (gefunden: „## Massnahmen“ in Zeile 23 – "
                         "meinten Sie „Maßnahmen“?)")
    assert summary == "1 Fehler, 0 Warnungen in 3 Agenden geprüft"


def test_warnings_pass_unless_strict(catalogue: Catalogue) -> None:
    catalogue.edit("alpha/agenda.yml", "2026-06-01", "2020-01-01")
    assert run_cli("validate", str(catalogue.agendas), "--today", "2026-11-24").returncode == 0
    assert run_cli("validate", str(catalogue.agendas), "--today", "2026-11-24", "--strict").returncode == 1
    # the review period is configurable
    assert run_cli("validate", str(catalogue.agendas), "--today", "2026-11-24", "--strict",
                   "--review-months", "120").returncode == 0


def test_json_format(catalogue: Catalogue) -> None:
    catalogue.edit("beta/agenda.yml", "kreis: alpha", "kreis: alpah")
    code, report, _ = run_json(str(catalogue.agendas))
    assert code == 1
    (item,) = report["diagnostics"]
    assert item["code"] == "DA401" and item["line"] == 5 and item["column"] == 8
    assert item["severity"] == "error" and item["agenda"] == "beta"
    assert item["help"].startswith("meinten Sie „alpha“?")
    assert report["summary"] == {"errors": 1, "warnings": 0, "agendas": 3}


def test_github_format_emits_workflow_commands(catalogue: Catalogue) -> None:
    catalogue.edit("alpha/agenda.yml", "einwohner: 90000", "einwohner: 90,5 Tsd.")
    catalogue.edit("alpha/agenda.yml", "2026-06-01", "2020-01-01")
    result = run_cli("validate", str(catalogue.agendas), "--format", "github", "--today", "2026-11-24")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    error = next(line for line in lines if line.startswith("::error "))
    warning = next(line for line in lines if line.startswith("::warning "))
    assert ",line=5,col=12,title=DA103 Falscher Typ::" in error
    assert "file=" in error and "%0AHilfe: " in error and "\n" not in error
    assert "title=DA108 " in warning
    # the property separator must not appear unescaped inside a value
    assert "Tsd.%2C" not in error.split("::", 2)[1]


def test_lang_en(catalogue: Catalogue) -> None:
    catalogue.edit("alpha/agenda.yml", "status: beschlossen", "status: beschlosen")
    result = run_cli("validate", str(catalogue.agendas), "--lang", "en", "--today", "2026-11-24")
    assert "DA104 error: 'beschlosen' is not an allowed value for 'status'" in result.stdout
    assert "  help: did you mean 'beschlossen'?" in result.stdout
    assert result.stdout.splitlines()[-1] == "1 error(s), 0 warning(s) in 3 agenda(s)"


def test_validate_single_agenda_folder_or_file_filters_output(catalogue: Catalogue) -> None:
    catalogue.edit("alpha/agenda.yml", "status: beschlossen", "status: beschlosen")
    catalogue.edit("beta/verwaltung.md", "## Ziele", "## Zeile")
    code, report, _ = run_json(str(catalogue.path("beta")))
    assert code == 1
    assert {d["code"] for d in report["diagnostics"]} == {"DA203"}
    assert report["summary"]["agendas"] == 1
    code, report, _ = run_json(str(catalogue.path("beta/bildung.md")))
    assert code == 0 and report["diagnostics"] == []


def test_one_agenda_is_checked_as_in_the_whole_repository_without_reading_the_rest(catalogue: Catalogue) -> None:
    catalogue.edit("beta/agenda.yml", "partner: [alpha]", "partner: [alpha, gamma, delta]")  # DA401, DA403
    catalogue.edit("beta/verwaltung.md", "alpha#alpha-verwaltung", "alpha#gibt-es-nicht")  # DA402
    catalogue.edit("alpha/agenda.yml", "partner: [beta]", "partner: [beta, epsilon]")  # alpha's own DA401
    catalogue.write("zeta/agenda.yml", "name: [kaputt")  # unreadable, never read for beta
    code, whole, _ = run_json(str(catalogue.agendas))
    focused_code, focused, _ = run_json(str(catalogue.path("beta")))
    in_beta = [d for d in whole["diagnostics"] if d["agenda"] == "beta"]
    assert {d["code"] for d in in_beta} == {"DA401", "DA402", "DA403"}
    assert focused["diagnostics"] == in_beta
    assert (code, focused_code) == (1, 1)


def test_usage_and_io_errors_exit_2_without_traceback(tmp_path: Path) -> None:
    for args in (("validate", str(tmp_path / "gibt-es-nicht")), ("validate", "--format", "xml"),
                 ("frobnicate",), ("new",), ("report", str(tmp_path / "fehlt"))):
        result = run_cli(*args)
        assert result.returncode == 2, args
        assert "Traceback" not in result.stderr and "Fehler" in result.stderr, result.stderr


def test_new_writes_a_skeleton_that_validates_with_placeholders_only(tmp_path: Path) -> None:
    agendas = tmp_path / "agendas"
    agendas.mkdir()
    copy_legal_file(agendas)  # the site's legal texts are not the scaffold's job
    result = run_cli("new", "musterhausen", "--name", "Musterhausen", "--kind", "gemeinde", "--land", "HE",
                     "--root", str(agendas))
    assert result.returncode == 0, result.stderr
    folder = agendas / "musterhausen"
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["agenda.yml", "infrastruktur.md", "arbeiten.md", "wirtschaft.md", "verwaltung.md", "lebenswelten.md",
         "bildung.md", "open-government.md", "sicherheit.md"])
    text = (folder / "verwaltung.md").read_text(encoding="utf-8")
    assert "## Ausgangslage" in text and "## Ziele" in text and "## Maßnahmen" in text
    assert "land: Hessen" in (folder / "agenda.yml").read_text(encoding="utf-8")
    code, report, _ = run_json(str(agendas))
    assert code == 0
    assert {d["code"] for d in report["diagnostics"]} == {"DA110", "DA207"}
    assert all(d["severity"] == "warning" for d in report["diagnostics"])


def test_new_refuses_to_overwrite_and_checks_its_arguments(tmp_path: Path) -> None:
    agendas = tmp_path / "agendas"
    (agendas / "musterhausen").mkdir(parents=True)
    (agendas / "musterhausen" / "agenda.yml").write_text("name: Bestand\n", encoding="utf-8")
    base = ("--name", "M", "--kind", "gemeinde", "--root", str(agendas))
    result = run_cli("new", "musterhausen", *base, "--land", "Hessen")
    assert result.returncode == 2 and "existiert bereits" in result.stderr
    assert (agendas / "musterhausen" / "agenda.yml").read_text(encoding="utf-8") == "name: Bestand\n"
    result = run_cli("new", "Muster Hausen", *base, "--land", "Hessen")
    assert result.returncode == 2 and "kein gültiger Slug" in result.stderr
    result = run_cli("new", "neu", *base, "--land", "Hesen")
    assert result.returncode == 2 and "meinten Sie „Hessen“?" in result.stderr
    assert not (agendas / "neu").exists()


def test_report_markdown_and_json(catalogue: Catalogue) -> None:
    catalogue.edit("beta/verwaltung.md", "## Ziele", "## Zeile")
    markdown = run_cli("report", str(catalogue.agendas), "--today", "2026-11-24")
    assert markdown.returncode == 0
    assert "| Gemeinde Beta (`beta`) | in-umsetzung |" in markdown.stdout
    assert "Definition:" in markdown.stdout
    data = json.loads(run_cli("report", str(catalogue.agendas), "--format", "json").stdout)
    scores = {a["slug"]: a for a in data["agendas"]}
    beta_verwaltung = next(f for f in scores["beta"]["fields"] if f["id"] == "verwaltung")
    assert beta_verwaltung["sections"] == round(2 / 3, 4)
    assert scores["alpha"]["score"] > scores["beta"]["score"]


def test_report_table_stops_where_a_pull_request_comment_would_be_too_long(
        catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch) -> None:
    """GitHub shows at most 1 MiB of a job's summary, GitLab takes comments of at most a million
    characters: the table ends after ``MARKDOWN_ROWS`` agendas and says how many it left out."""
    monkeypatch.setattr(report, "MARKDOWN_ROWS", 2)
    text = report.as_markdown(check(catalogue.agendas, load_framework(), TODAY))
    assert "3 Agenden, Rahmen" in text
    names = [line.split(" (`")[0] for line in text.splitlines() if "(`" in line]
    assert names == ["| Gemeinde Beta", "| Landkreis Alpha"]  # by name, Stadt Gamma left out
    assert "… und 1 weitere Agenda; alle zeigt `agenda report --format json`." in text


def test_rules_lists_every_code_in_both_languages() -> None:
    german = run_cli("rules")
    english = run_cli("rules", "--lang", "en")
    assert german.returncode == 0 and english.returncode == 0
    for code, rule in RULES.items():
        assert f"{code}  {rule.title['de']}" in german.stdout
        assert f"{code}  {rule.title['en']}" in english.stdout
    assert "Beispiel:" in german.stdout and "Behebung:" in german.stdout and "{" not in german.stdout
    as_json = json.loads(run_cli("rules", "--format", "json").stdout)
    assert [r["code"] for r in as_json] == list(RULES)
    assert "### DA203 Pflichtabschnitt fehlt" in run_cli("rules", "--format", "markdown").stdout


def test_paths_repository_agenda_without_metadata_and_foreign_file(catalogue: Catalogue) -> None:
    repository = catalogue.agendas.parent
    (repository / "README.md").write_text("# Repo\n", encoding="utf-8")
    code, report, _ = run_json(str(repository))
    assert code == 0 and report["summary"]["agendas"] == 3
    result = run_cli("validate", str(repository / "README.md"))
    assert result.returncode == 2 and "liegt in keinem Agenda-Ordner" in result.stderr
    catalogue.path("beta/agenda.yml").unlink()
    code, report, _ = run_json(str(catalogue.path("beta")))
    assert code == 1 and [d["code"] for d in report["diagnostics"]] == ["DA200"]


def test_validate_the_legal_file_alone(catalogue: Catalogue) -> None:
    catalogue.edit("_rechtliches.yml", "  vertreten_durch: Landrätin Erika Beispiel\n", "")
    catalogue.edit("beta/agenda.yml", "einwohner: 3000", "einwohner: viele")  # not asked about
    code, report, _ = run_json(str(catalogue.path("_rechtliches.yml")))
    assert code == 1
    assert [(d["code"], d["line"]) for d in report["diagnostics"]] == [("DA602", 6)]


def test_paths_in_messages_are_shown_as_the_editor_named_them(catalogue: Catalogue) -> None:
    """Relative to the working directory where the files lie inside it, else absolute; the same for
    agenda.yml and for the field files (whose shown paths are built from their folder's). The
    agenda cache (shared by the three runs) must not hand one run the paths of another: the check in
    the agenda folder and the one from outside both show the root absolutely, and the second once
    got the first's relative paths, took them for files outside its target and passed."""
    catalogue.edit("alpha/verwaltung.md", "## Maßnahmen", "## Massnahmen")
    catalogue.edit("alpha/agenda.yml", "einwohner: 90000", "einwohner: viele")
    repository = catalogue.agendas.parent
    absolute = str(catalogue.path("alpha"))
    for cwd, target, folder in ((repository, "agendas", "agendas/alpha/"), (catalogue.path("alpha"), ".", ""),
                                (ROOT, absolute, absolute + "/")):
        result = run_cli("validate", target, "--format", "json", "--today", "2026-11-24", cwd=cwd)
        assert result.returncode == 1, (cwd, result.stdout)
        shown = sorted((d["code"], d["path"]) for d in json.loads(result.stdout)["diagnostics"])
        assert shown == [("DA103", folder + "agenda.yml"), ("DA203", folder + "verwaltung.md")], (cwd, shown)
