"""CODEOWNERS from the agendas: each folder to its editors, everything else to the project."""

from __future__ import annotations

import fnmatch
from pathlib import Path

from conftest import ROOT, run_cli, run_json, write_catalogue

MAINTAINERS = "@projekt/kern"


def _owner(codeowners: str, path: str) -> list[str]:
    """Who owns ``path`` by GitHub's and GitLab's rule: the last matching line wins."""
    owners: list[str] = []
    for line in codeowners.splitlines():
        if not line or line.startswith("#"):
            continue
        pattern, *names = line.split()
        anchored = "/" + path
        if pattern == "*" or (pattern.endswith("/") and anchored.startswith(pattern)) or fnmatch.fnmatch(
                anchored, pattern):
            owners = names
    return owners


def _catalogue(tmp_path: Path) -> Path:
    agendas = write_catalogue(tmp_path)
    with (agendas / "alpha" / "agenda.yml").open("a", encoding="utf-8") as meta:
        meta.write('redaktion: ["@alpha/redaktion", digitales@alpha.example]\n')
    return agendas


def test_each_agenda_belongs_to_its_editors_and_the_build_to_the_maintainers(tmp_path: Path) -> None:
    agendas = _catalogue(tmp_path)
    result = run_cli("codeowners", str(agendas), "--maintainers", MAINTAINERS)
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "CODEOWNERS").read_text(encoding="utf-8")
    assert _owner(text, "agendas/alpha/verwaltung.md") == ["@alpha/redaktion", "digitales@alpha.example"]
    assert _owner(text, "agendas/beta/verwaltung.md") == [MAINTAINERS]  # no editors named: the project
    for path in ("mkdocs.yml", "plugins/digitale_agenda/cli.py", "overrides/main.html", ".github/workflows/x.yml",
                 ".gitlab-ci.yml", "CODEOWNERS", "agendas/_rechtliches.yml", "agendas/_initiativen/a.md"):
        assert _owner(text, path) == [MAINTAINERS], path
    assert run_cli("codeowners", str(agendas), "--maintainers", MAINTAINERS, "--check").returncode == 0


def test_check_fails_when_the_editors_change(tmp_path: Path) -> None:
    agendas = _catalogue(tmp_path)
    assert run_cli("codeowners", str(agendas), "--maintainers", MAINTAINERS).returncode == 0
    meta = agendas / "beta" / "agenda.yml"
    meta.write_text(meta.read_text(encoding="utf-8") + "redaktion: ['@beta/team']\n", encoding="utf-8")
    stale = run_cli("codeowners", str(agendas), "--maintainers", MAINTAINERS, "--check")
    assert stale.returncode == 1 and "nicht aktuell" in stale.stderr


def test_a_malformed_account_is_a_validation_error_and_nothing_is_written(tmp_path: Path) -> None:
    agendas = write_catalogue(tmp_path)
    meta = agendas / "gamma" / "agenda.yml"
    meta.write_text(meta.read_text(encoding="utf-8") + "redaktion:\n  - Gamma Team\n", encoding="utf-8")
    line = meta.read_text(encoding="utf-8").count("\n")
    code, report, _ = run_json(str(agendas))
    assert code == 1
    assert [(d["code"], d["line"]) for d in report["diagnostics"]] == [("DA109", line)]
    result = run_cli("codeowners", str(agendas), "--maintainers", MAINTAINERS)
    assert result.returncode == 1 and f"agenda.yml:{line}:5: DA109" in result.stderr
    assert not (tmp_path / "CODEOWNERS").exists()


def test_maintainers_come_from_pyproject_or_the_command_line(tmp_path: Path) -> None:
    agendas = write_catalogue(tmp_path)
    missing = run_cli("codeowners", str(agendas))
    assert missing.returncode == 2 and "[tool.digitale-agenda]" in missing.stderr and "Traceback" not in missing.stderr
    (tmp_path / "pyproject.toml").write_text('[tool.digitale-agenda]\nmaintainers = ["@land/portal"]\n')
    assert run_cli("codeowners", str(agendas)).returncode == 0
    assert "* @land/portal" in (tmp_path / "CODEOWNERS").read_text(encoding="utf-8")


def test_the_shipped_codeowners_is_current() -> None:
    result = run_cli("codeowners", "--check", cwd=ROOT)
    assert result.returncode == 0, result.stderr
