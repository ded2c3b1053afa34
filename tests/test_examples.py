"""The shipped example agendas: varied, fictional, complete and valid."""

from __future__ import annotations

from conftest import ROOT, run_cli
from digitale_agenda.core.completeness import completeness
from digitale_agenda.core.framework import load_framework
from digitale_agenda.core.validate import check

AGENDAS = ROOT / "agendas"


def _result():
    return check(AGENDAS, load_framework())


def test_examples_validate_without_errors_or_warnings() -> None:
    result = run_cli("validate", str(AGENDAS), "--strict")
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("0 Fehler, 0 Warnungen")


def test_examples_cover_kinds_laender_and_a_draft() -> None:
    agendas = _result().catalogue.agendas
    assert len(agendas) >= 6
    assert len({a.land for a in agendas.values()}) >= 4
    kinds = {a.kind for a in agendas.values()}
    assert {"kreisfreie-stadt", "gemeinde", "landkreis", "stadt", "verband"} <= kinds
    assert [a.slug for a in agendas.values() if a.is_draft]
    county = next(a for a in agendas.values() if a.kind == "landkreis")
    assert len([a for a in agendas.values() if a.get("kreis") == county.slug]) >= 2


def test_examples_have_several_measures_in_every_field() -> None:
    result = _result()
    for agenda in result.catalogue.agendas.values():
        assert set(agenda.fields) == set(result.catalogue.framework.field_ids), agenda.slug
        for doc in agenda.fields.values():
            assert len(doc.measures) >= 2, (agenda.slug, doc.field_id)
        assert completeness(agenda, result.catalogue.framework).score > 0.9, agenda.slug


def test_examples_have_a_joint_initiative_with_three_members_and_cross_references() -> None:
    catalogue = _result().catalogue
    assert any(len(i.members) >= 3 for i in catalogue.initiatives.values())
    references = [ref for a in catalogue.agendas.values() for m in a.measures() for ref in m.references]
    assert references and all(catalogue.measure(ref) is not None for ref in references)


def test_examples_are_fictional() -> None:
    """Addresses only under the reserved .example domain; names from the Muster/Beispiel family."""
    for path in AGENDAS.rglob("*"):
        if path.suffix not in (".md", ".yml"):
            continue
        text = path.read_text(encoding="utf-8")
        for token in text.replace("(", " ").replace(")", " ").split():
            if token.startswith(("http://", "https://")):
                host = token.split("/")[2]
                assert host.endswith(".example"), (path, token)
            if "@" in token and "." in token.split("@")[-1]:
                assert token.rstrip(".,;").endswith(".example"), (path, token)
