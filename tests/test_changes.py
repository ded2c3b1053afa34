"""Checking a pull request: only what changed since the base, plus the agendas pointing at it, with
annotations on the changed file and line for GitHub and GitLab."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from conftest import TODAY, build_site, run_cli, write_catalogue
from digitale_agenda.core.changes import ChangeError, _git_lines, affected, changed_paths, preview_since


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args], cwd=repo,
                   check=True, capture_output=True)


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """main: the fixture catalogue with an old error in gamma; branch aenderung: a commit that breaks
    alpha's field file and renames a measure of alpha that beta refers to."""
    agendas = write_catalogue(tmp_path)
    _replace(agendas / "gamma" / "agenda.yml", "digital@gamma.example", "digital-at-gamma")  # not this change's
    _git(tmp_path, "init", "-q", "-b", "main")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-q", "-m", "Stand vor der Änderung")
    _git(tmp_path, "checkout", "-q", "-b", "aenderung")
    _replace(agendas / "alpha" / "arbeiten.md", "    status: in-umsetzung", "    status: laufend")
    _replace(agendas / "alpha" / "verwaltung.md", "  - id: alpha-verwaltung", "  - id: alpha-verwaltung-neu")
    _git(tmp_path, "commit", "-q", "-am", "Alpha aktualisiert")
    return tmp_path


def _validate(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli("validate", "--changed-since", "main", "--today", TODAY.isoformat(), *args, cwd=repo)


def test_github_annotations_point_at_the_changed_file_and_line(repo: Path) -> None:
    result = _validate(repo, "--format", "github")
    assert result.returncode == 1, result.stderr
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    places = {(line.split("file=")[1].split(",")[0], line.split("line=")[1].split(",")[0],
               line.split("title=")[1][:5]) for line in annotations}
    assert places == {
        ("agendas/alpha/arbeiten.md", "5", "DA104"),  # the changed line itself
        ("agendas/beta/verwaltung.md", "10", "DA402"),  # beta did not change, but refers to what did
    }
    assert "Seit main geändert: alpha; verweisen darauf: beta" in result.stderr  # gamma mentions no alpha
    assert "gamma" not in result.stdout


def test_gitlab_code_quality_report(repo: Path) -> None:
    result = _validate(repo, "--format", "gitlab")
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert sorted((item["location"]["path"], item["location"]["lines"]["begin"], item["check_name"],
                   item["severity"]) for item in report) == [
        ("agendas/alpha/arbeiten.md", 5, "DA104", "major"),
        ("agendas/beta/verwaltung.md", 10, "DA402", "major"),
    ]
    assert all(len(item["fingerprint"]) == 64 and item["description"].startswith(item["check_name"])
               for item in report)


def test_uncommitted_and_new_files_count_and_no_change_checks_nothing(repo: Path) -> None:
    unchanged = run_cli("validate", "--changed-since", "HEAD", cwd=repo)
    assert unchanged.returncode == 0 and "keine Agenda" in unchanged.stderr
    assert "0 Fehler, 0 Warnungen in 0 Agenden geprüft" in unchanged.stdout
    (repo / "agendas" / "gamma" / "notizen.md").write_text("# Notizen\n", encoding="utf-8")  # untracked
    result = run_cli("validate", "--changed-since", "HEAD", "--format", "json", cwd=repo)
    codes = {(d["path"], d["code"]) for d in json.loads(result.stdout)["diagnostics"]}
    assert ("agendas/gamma/notizen.md", "DA202") in codes and ("agendas/gamma/agenda.yml", "DA109") in codes
    assert not any(path.startswith("agendas/alpha/") for path, _ in codes)


def test_a_removed_agenda_is_reported_where_others_still_name_it(repo: Path) -> None:
    _git(repo, "rm", "-rq", "agendas/gamma")
    result = _validate(repo, "--format", "json")
    found = {(d["path"], d["code"]) for d in json.loads(result.stdout)["diagnostics"]}
    # the initiative did not change, but names the removed member
    assert ("agendas/_initiativen/gemeinsam-digital.md", "DA401") in found
    assert ("agendas/alpha/arbeiten.md", "DA104") in found


def test_git_is_asked_about_the_agendas_folder_alone(repo: Path) -> None:
    """A built site beside the agendas, untracked, is neither listed nor searched (at N = 1,000 the
    benchmark's own folders made 18,000 such paths, which took two seconds to sort out)."""
    (repo / "site").mkdir()
    (repo / "site" / "alpha.html").write_text("<p>alpha</p>", encoding="utf-8")
    (repo / "agendas" / "gamma" / "neu.md").write_text("# Neu\n", encoding="utf-8")
    agendas = (repo / "agendas").resolve()
    assert changed_paths(repo / "agendas", "main") == [
        agendas / "alpha" / "arbeiten.md", agendas / "alpha" / "verwaltung.md", agendas / "gamma" / "neu.md"]


def test_mentions_are_found_in_any_bytes_but_not_through_links(repo: Path) -> None:
    """The search for agendas naming a changed one reads bytes: a file that is not UTF-8 still
    counts (a superset is safe: the agenda is then checked and the file reported). A link is
    never followed, like everywhere else."""
    agendas = repo / "agendas"
    changed = [agendas / "alpha" / "arbeiten.md"]
    (agendas / "gamma" / "verweis.md").symlink_to(agendas / "beta" / "verwaltung.md")  # names alpha
    (agendas / "delta").symlink_to(agendas / "beta")  # a linked folder, which the loader refuses too
    assert affected(agendas, changed).referencing == {"beta"}
    (agendas / "gamma" / "notiz.yml").write_bytes(b"partner: [\xffalpha]\n")
    assert affected(agendas, changed).referencing == {"beta", "gamma"}
    (agendas / "gamma" / "notiz.yml").write_bytes(b"partner: [alphastadt, alpha2]\n")  # not the slug alpha
    assert affected(agendas, changed).referencing == {"beta"}


def test_a_pull_requests_preview_shows_what_it_changed_in_a_large_repository(tmp_path: Path) -> None:
    """AGENDA_VORSCHAU_SEIT, as the shipped workflows set it: from ``vorschau_ab`` agendas on, a
    pull request's site holds only the agendas it changed and those pointing at them (at N = 11,000:
    9 s and 23 MiB instead of minutes and 2.7 GB); in a smaller repository, the whole site."""
    agendas = write_catalogue(tmp_path)
    _git(tmp_path, "init", "-q", "-b", "main")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-q", "-m", "Stand")
    field = agendas / "gamma" / "bildung.md"
    field.write_text(field.read_text(encoding="utf-8") + "\nEin neuer Absatz.\n", encoding="utf-8")
    since = {"AGENDA_VORSCHAU_SEIT": "main"}

    (tmp_path / "klein").mkdir()
    result = build_site(agendas, tmp_path / "klein", env=since)
    assert result.returncode == 0, result.stderr
    assert "Vorschau seit main: die ganze Website (3 Agenden, eine Vorschau nur der geänderten erst ab 500)" \
        in result.stderr
    assert (tmp_path / "klein/site/kommunen/beta/index.html").is_file()

    (tmp_path / "gross").mkdir()
    result = build_site(agendas, tmp_path / "gross", env=since, vorschau_ab=3)
    assert result.returncode == 0, result.stderr
    assert "Vorschau seit main: nur gamma (geändert, mit Verweis darauf oder in entfernten Zeilen genannt) und " \
           "die Agenden, auf die sie verweisen\n" in result.stderr
    site = tmp_path / "gross/site"
    assert "Ein neuer Absatz." in (site / "kommunen/gamma/bildung/index.html").read_text(encoding="utf-8")
    assert not (site / "kommunen/beta").exists() and not (site / "kommunen/alpha").exists()

    (tmp_path / "falsch").mkdir()
    result = build_site(agendas, tmp_path / "falsch", env={"AGENDA_VORSCHAU_SEIT": "origin/main"}, vorschau_ab=3)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "Vorschau seit origin/main: Git-Referenz „origin/main“ nicht gefunden" in result.stderr


def test_what_every_page_is_built_from_is_previewed_on_the_whole_site(repo: Path) -> None:
    """A pull request that also changes the configuration, the plugin or the theme affects every
    page; CODEOWNERS, which a new agenda changes, shows on no page. One that touches no remaining
    agenda (a removal, say) shows the whole site too, and says why."""
    agendas = repo / "agendas"
    (repo / "CODEOWNERS").write_text("* @portal/team\n", encoding="utf-8")
    _git(repo, "add", "CODEOWNERS")
    _git(repo, "commit", "-q", "-m", "CODEOWNERS")
    assert preview_since(agendas, "main", smallest=1).agendas == {"alpha", "beta"}
    (repo / "mkdocs.yml").write_text("site_name: Neu\n", encoding="utf-8")
    _git(repo, "add", "mkdocs.yml")
    _git(repo, "commit", "-q", "-m", "Die Konfiguration")
    scope = preview_since(agendas, "main", smallest=1)
    assert scope.agendas == frozenset()
    assert scope.message == "Vorschau seit main: die ganze Website, denn geändert ist auch, woraus jede Seite " \
                            "entsteht: mkdocs.yml"
    _git(repo, "rm", "-rq", "agendas/gamma")
    _git(repo, "commit", "-q", "-m", "Gamma entfernt")
    scope = preview_since(agendas, "HEAD~1", smallest=1)
    assert scope.agendas == frozenset()
    assert scope.message == "Vorschau seit HEAD~1: die ganze Website (entfernt: gamma; keine verbliebene Agenda " \
                            "betroffen)"
    (repo / "README.md").write_text("Nur Text\n", encoding="utf-8")
    _git(repo, "add", "README.md")
    _git(repo, "commit", "-q", "-m", "Nur das README")
    assert preview_since(agendas, "HEAD~1", smallest=1).message == \
        "Vorschau seit HEAD~1: die ganze Website (keine Agenda geändert)"
    report = run_cli("report", "--changed-since", "HEAD~2", cwd=repo)
    assert report.returncode == 0, report.stderr
    assert "Seit HEAD~2 entfernt: `gamma`.\nSeit HEAD~2 wurde keine andere Agenda geändert." in report.stdout


def test_a_preview_also_shows_the_agendas_that_removed_lines_named(repo: Path) -> None:
    """A removed agenda's county page loses a member and its partners' pages lose a link, though
    neither names it: the preview shows the agendas that lines removed by the change named. So does
    a reference taken off a list, and a member taken out of an initiative. A removed file that is
    not UTF-8 does not stop the preview."""
    agendas = repo / "agendas"
    _git(repo, "checkout", "-q", "main")
    delta = agendas / "delta"
    delta.mkdir()
    (delta / "agenda.yml").write_text((agendas / "gamma" / "agenda.yml").read_text(encoding="utf-8").replace(
        "name: Stadt Gamma", "name: Gemeinde Delta\nkreis: alpha"), encoding="utf-8")
    (delta / "notizen.txt").write_bytes(b"Stra\xdfe zu beta\n")  # Latin-1, and names beta
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "Delta im Kreis Alpha")
    _git(repo, "rm", "-rq", "agendas/delta")
    _git(repo, "commit", "-q", "-m", "Delta entfernt")
    scope = preview_since(agendas, "HEAD~1", smallest=1)
    assert scope.agendas == {"alpha", "beta"}
    assert scope.message == "Vorschau seit HEAD~1: nur alpha, beta (geändert, mit Verweis darauf oder in " \
                            "entfernten Zeilen genannt) und die Agenden, auf die sie verweisen; entfernt: delta"

    _git(repo, "reset", "-q", "--hard", "HEAD~1")
    _replace(delta / "agenda.yml", "kreis: alpha\n", "")  # delta leaves the county; nobody names delta
    assert preview_since(agendas, "HEAD", smallest=1).agendas == {"delta", "alpha"}
    _replace(agendas / "_initiativen" / "gemeinsam-digital.md", "[alpha, beta, gamma]", "[alpha, beta]")
    assert preview_since(agendas, "HEAD", smallest=1).agendas == {"delta", "alpha", "beta", "gamma"}


def test_git_read_line_by_line_says_when_it_failed(tmp_path: Path) -> None:
    """The diff is read as Git writes it; a failure is still a ChangeError with Git's reason, after the lines."""
    with pytest.raises(ChangeError, match=r"git log ist gescheitert \(fatal: .+\); liegt"):
        list(_git_lines(tmp_path, "log"))


def test_unknown_reference_is_a_usage_error_with_advice(repo: Path) -> None:
    result = run_cli("validate", "--changed-since", "origin/main", cwd=repo)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "fetch-depth: 0" in result.stderr


def test_report_of_a_pull_request_covers_what_it_changed(repo: Path) -> None:
    """`agenda report --changed-since`, as the shipped workflows run it: a row for each changed
    agenda and its own errors (beta's broken reference to alpha is beta's, and beta did not change)."""
    markdown = run_cli("report", "--changed-since", "main", "--today", TODAY.isoformat(), cwd=repo)
    assert markdown.returncode == 0, markdown.stderr
    assert "1 seit main geänderte Agenda, Rahmen" in markdown.stdout and "1 Fehler, 0 Warnungen." in markdown.stdout
    rows = [line for line in markdown.stdout.splitlines() if line.startswith("| ") and "`" in line]
    assert len(rows) == 1 and rows[0].startswith("| Landkreis Alpha (`alpha`) |") and rows[0].endswith("| 1 | 0 |")
    data = json.loads(run_cli("report", "--changed-since", "main", "--format", "json", cwd=repo).stdout)
    assert data["changed_since"] == "main" and [a["slug"] for a in data["agendas"]] == ["alpha"]
    unchanged = run_cli("report", "--changed-since", "HEAD", cwd=repo)
    assert unchanged.returncode == 0 and "Seit HEAD wurde keine Agenda geändert." in unchanged.stdout
    (repo / "agendas" / "gamma" / "agenda.yml").write_text("name: [kaputt\n", encoding="utf-8")
    broken = run_cli("report", "--changed-since", "HEAD", cwd=repo)
    assert "1 seit HEAD geänderte Agenda, Rahmen" in broken.stdout and "1 Fehler" in broken.stdout
    assert "| Agenda |" not in broken.stdout  # no table without a row
    assert "Ohne Wert, weil ihre `agenda.yml` fehlt oder nicht lesbar ist: `gamma`" in broken.stdout
    wrong = run_cli("report", "--changed-since", "origin/main", cwd=repo)
    assert wrong.returncode == 2 and "fetch-depth: 0" in wrong.stderr and "Traceback" not in wrong.stderr


def test_report_on_the_changed_repository(repo: Path) -> None:
    result = run_cli("report", "--today", TODAY.isoformat(), cwd=repo)
    assert result.returncode == 0, result.stderr
    assert "Landkreis Alpha" in result.stdout and "Stadt Gamma" in result.stdout
