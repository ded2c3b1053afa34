"""The schemas of the files editors and site operators write: agenda, measure, initiative, framework."""

from __future__ import annotations

from .schema import Field, Schema

AGENDA_KINDS = ("gemeinde", "stadt", "kreisfreie-stadt", "landkreis", "verband")
AGENDA_KIND_TITLES = {
    "gemeinde": "Gemeinde",
    "stadt": "Stadt",
    "kreisfreie-stadt": "Kreisfreie Stadt",
    "landkreis": "Landkreis",
    "verband": "Verband/Region",
}
AGENDA_STATUS = ("entwurf", "beschlossen", "in-umsetzung", "fortgeschrieben")
AGENDA_STATUS_TITLES = {
    "entwurf": "Entwurf",
    "beschlossen": "Beschlossen",
    "in-umsetzung": "In Umsetzung",
    "fortgeschrieben": "Fortgeschrieben",
}
LICENCES = ("CC-BY-4.0", "CC-BY-SA-4.0", "CC0-1.0", "DL-DE-BY-2.0", "DL-DE-ZERO-2.0")

OWNER = Schema("verantwortung", (
    Field("rolle", "str", True, "z. B. Oberbürgermeisterin, Landrat, Chief Digital Officer"),
    Field("name", "str", False, "Name der verantwortlichen Person"),
))
CONTACT = Schema("kontakt", (
    Field("email", "email", True, "Funktionspostfach, z. B. digitales@kommune.example"),
    Field("stelle", "str", False, "zuständige Stelle, z. B. Stabsstelle Digitalisierung"),
    Field("telefon", "str", False, "Telefonnummer der Stelle"),
))
ADOPTION = Schema("beschluss", (
    Field("datum", "date", True, "Datum des Beschlusses, JJJJ-MM-TT"),
    Field("drucksache", "str", True, "Aktenzeichen der Beschlussvorlage, z. B. DS 2024/0815"),
))

AGENDA = Schema("agenda.yml", (
    Field("name", "str", True, "Name der Kommune"),
    Field("art", "str", True, "Art der Kommune", choices=AGENDA_KINDS),
    Field("schluessel", "str", False, "ARS (12 Ziffern) oder AGS (8 Ziffern) in Anführungszeichen"),
    Field("land", "str", True, "Bundesland, ausgeschrieben"),
    Field("kreis", "slug", False, "Slug des Landkreises einer kreisangehörigen Gemeinde"),
    Field("einwohner", "int", False, "Einwohnerzahl", low=1, high=100_000_000),
    Field("verantwortung", "map", True, "wer die Agenda verantwortet", schema=OWNER),
    Field("kontakt", "map", True, "funktionale Kontaktadresse", schema=CONTACT),
    Field("website", "url", False, "Internetadresse der Kommune"),
    Field("beschluss", "map", False, "Rats- oder Kreistagsbeschluss", schema=ADOPTION),
    Field("status", "str", True, "Stand der Agenda", choices=AGENDA_STATUS),
    Field("letzte_pruefung", "date", True, "Datum der letzten Überprüfung, JJJJ-MM-TT"),
    Field("partner", "list", False, "Slugs der Partnerkommunen", item=Field("partner", "slug")),
    Field("lizenz", "str", True, "Lizenz der Inhalte", choices=LICENCES),
    Field("zusammenfassung", "str", False, "Kurzbeschreibung der Agenda"),
    Field("redaktion", "list", False, "wer Änderungen an dieser Agenda freigibt (CODEOWNERS)",
          item=Field("redaktion", "owner")),
))

BUDGET = Schema("budget", (
    Field("betrag_eur", "number", False, "Betrag in Euro", low=0),
    Field("finanzierung", "str", False, "Haushalt, Förderprogramm, Eigenanteil …"),
))
INDICATOR = Schema("kennzahl", (
    Field("name", "str", True, "was gemessen wird"),
    Field("einheit", "str", False, "z. B. %, Anzahl, km"),
    Field("ausgangswert", "number", False, "Wert zu Beginn"),
    Field("zielwert", "number", False, "angestrebter Wert"),
    Field("istwert", "number", False, "aktueller Wert"),
))
EVIDENCE = Schema("nachweis", (
    Field("titel", "str", True, "Titel des Dokuments oder Dienstes"),
    Field("url", "url", True, "Internetadresse"),
))

MEASURE = Schema("massnahme", (
    Field("id", "str", True, "stabile Kennung: Kleinbuchstaben, Ziffern, Bindestriche"),
    Field("titel", "str", True, "kurzer Titel"),
    Field("status", "str", True, "Status aus dem Rahmen"),
    Field("federfuehrung", "str", True, "federführende Organisationseinheit"),
    Field("beginn", "month", False, "geplanter Beginn, JJJJ-MM"),
    Field("ende", "month", False, "geplantes Ende, JJJJ-MM"),
    Field("fortschritt", "int", False, "Fortschritt in Prozent", low=0, high=100),
    Field("partner_kommunen", "list", False, "Slugs beteiligter Kommunen",
          item=Field("partner_kommunen", "slug")),
    Field("partner_organisationen", "list", False, "beteiligte Organisationen",
          item=Field("partner_organisationen", "str")),
    Field("budget", "map", False, "Budget und Finanzierung", schema=BUDGET),
    Field("kennzahlen", "list", False, "Kennzahlen", item=Field("kennzahlen", "map", schema=INDICATOR)),
    Field("nachweise", "list", False, "Belege und Links", item=Field("nachweise", "map", schema=EVIDENCE)),
    Field("bezuege", "list", False, "Verweise auf Maßnahmen anderer Agenden (slug#id)",
          item=Field("bezuege", "str")),
    Field("schlagworte", "list", False, "Stichwörter", item=Field("schlagworte", "str")),
    Field("beschreibung", "str", False, "Beschreibung (Markdown)"),
))

FIELD_FRONT_MATTER = Schema("Kopfbereich", (
    Field("massnahmen", "list", False, "Maßnahmen des Handlungsfelds", item=Field("massnahmen", "map",
                                                                                  schema=MEASURE)),
))

INITIATIVE = Schema("initiative", (
    Field("titel", "str", True, "Titel der Initiative"),
    Field("mitglieder", "list", True, "Slugs der Mitglieder (mindestens zwei)",
          item=Field("mitglieder", "slug")),
    Field("federfuehrung", "slug", True, "Slug des federführenden Mitglieds"),
    Field("handlungsfelder", "list", True, "Kennungen der Handlungsfelder",
          item=Field("handlungsfelder", "str")),
    Field("status", "str", True, "Status aus dem Rahmen"),
    Field("beginn", "month", False, "Beginn, JJJJ-MM"),
    Field("ende", "month", False, "geplantes Ende, JJJJ-MM"),
    Field("massnahmen", "list", False, "zugehörige Maßnahmen der Mitglieder (slug#id)",
          item=Field("massnahmen", "str")),
    Field("website", "url", False, "Internetadresse der Initiative"),
    Field("schlagworte", "list", False, "Stichwörter in Kleinbuchstaben, z. B. open-data",
          item=Field("schlagworte", "slug")),
))

_SECTION_LIST = Field("abschnitte", "str")
STATUS_ENTRY = Schema("status", (
    Field("id", "slug", True, "Kennung des Status"),
    Field("titel", "str", True, "Anzeigename"),
    Field("fortschritt", "int", True, "Standardfortschritt in Prozent", low=0, high=100),
    Field("fortschritt_fest", "str", False, "true: nur der Standardfortschritt passt", choices=("true", "false")),
    Field("laufend", "str", False, "true: nach dem geplanten Ende überfällig", choices=("true", "false")),
))
FIELD_ENTRY = Schema("handlungsfeld", (
    Field("id", "slug", True, "Kennung, zugleich Dateiname"),
    Field("titel", "str", True, "Titel"),
    Field("beschreibung", "str", False, "kurze Beschreibung"),
    Field("querschnitt", "str", False, "true für Querschnittsthemen", choices=("true", "false")),
    Field("pflichtabschnitte", "list", False, "Pflichtabschnitte dieses Feldes", item=_SECTION_LIST),
    Field("optionale_abschnitte", "list", False, "optionale Abschnitte dieses Feldes", item=_SECTION_LIST),
))
FRAMEWORK = Schema("Rahmen", (
    Field("id", "slug", True, "Kennung des Rahmens"),
    Field("titel", "str", True, "Titel des Rahmens"),
    Field("beschreibung", "str", False, "Beschreibung"),
    Field("pruefintervall_monate", "int", False, "Monate bis eine Agenda als veraltet gilt", low=1, high=240),
    Field("pflichtabschnitte", "list", True, "Pflichtabschnitte aller Felder", item=_SECTION_LIST),
    Field("optionale_abschnitte", "list", False, "optionale Abschnitte aller Felder", item=_SECTION_LIST),
    Field("massnahmenabschnitt", "str", False, "Abschnitt, unter dem Maßnahmen erscheinen"),
    Field("status", "list", True, "Status-Vokabular", item=Field("status", "map", schema=STATUS_ENTRY)),
    Field("handlungsfelder", "list", True, "Handlungsfelder", item=Field("handlungsfelder", "map",
                                                                        schema=FIELD_ENTRY)),
))

# --- Legal information of the site operator (agendas/_rechtliches.yml) ----------------------------
# Every field is optional for the schema: which ones the law requires is listed in ``legal.REQUIRED``
# with its legal basis, so that a missing one gets its own code (DA602) instead of DA101.
ACCESSIBILITY_STATUS = ("vollstaendig", "teilweise", "nicht")
ASSESSMENT_METHODS = ("selbstbewertung", "pruefung-durch-dritte")

PROVIDER = Schema("anbieter", (
    Field("name", "str", description="Name der Körperschaft, z. B. Landkreis Beispielland"),
    Field("rechtsform", "str", description="z. B. Körperschaft des öffentlichen Rechts"),
    Field("vertreten_durch", "str", description="vertretungsberechtigte Person mit Funktion"),
    Field("anschrift", "str", description="Postanschrift in einer Zeile"),
    Field("email", "email", description="E-Mail-Adresse für die schnelle Kontaktaufnahme"),
    Field("telefon", "str", description="Telefonnummer für die schnelle Kontaktaufnahme"),
    Field("aufsichtsbehoerde", "str", description="zuständige Aufsichtsbehörde, z. B. Kommunalaufsicht"),
    Field("ust_id", "str", description="Umsatzsteuer-Identifikationsnummer, falls vorhanden"),
    Field("inhaltlich_verantwortlich", "str", description="verantwortlich nach § 18 Abs. 2 MStV, mit Anschrift"),
))
AUTHORITY = Schema("aufsichtsbehoerde", (
    Field("name", "str", description="Name der Datenschutz-Aufsichtsbehörde des Landes"),
    Field("website", "url", description="Internetadresse der Aufsichtsbehörde"),
))
PRIVACY = Schema("datenschutz", (
    Field("beauftragte", "str", description="Datenschutzbeauftragte oder -beauftragter (Name oder Stelle)"),
    Field("email", "email", description="E-Mail-Adresse der oder des Datenschutzbeauftragten"),
    Field("hosting", "str", description="wer die Website im Auftrag betreibt (Rechenzentrum, Dienstleister)"),
    Field("protokolle_tage", "int", description="Tage, nach denen Server-Protokolle gelöscht werden", low=0,
          high=365),
    Field("aufsichtsbehoerde", "map", description="Aufsichtsbehörde für Beschwerden", schema=AUTHORITY),
))
BARRIER = Schema("nicht barrierefreier Inhalt", (
    Field("inhalt", "str", description="welcher Inhalt nicht barrierefrei ist"),
    Field("grund", "str", description="warum, und was stattdessen hilft"),
))
CONCILIATION = Schema("schlichtungsstelle", (
    Field("name", "str", description="Schlichtungsstelle nach dem Behindertengleichstellungsrecht des Landes"),
    Field("website", "url", description="Internetadresse der Schlichtungsstelle"),
))
ACCESSIBILITY = Schema("barrierefreiheit", (
    Field("stand", "str", description="Vereinbarkeit mit der BITV 2.0", choices=ACCESSIBILITY_STATUS),
    Field("nicht_barrierefrei", "list", description="Inhalte, die nicht barrierefrei sind",
          item=Field("nicht_barrierefrei", "map", schema=BARRIER)),
    Field("methode", "str", description="wie die Vereinbarkeit bewertet wurde", choices=ASSESSMENT_METHODS),
    Field("erstellt_am", "date", description="Datum der Erklärung, JJJJ-MM-TT"),
    Field("ueberprueft_am", "date", description="Datum der letzten Überprüfung, JJJJ-MM-TT"),
    Field("kontakt_email", "email", description="E-Mail-Adresse für Mängel und Anfragen zur Barrierefreiheit"),
    Field("kontakt_telefon", "str", description="Telefonnummer für Mängel und Anfragen"),
    Field("schlichtungsstelle", "map", description="Schlichtungsverfahren", schema=CONCILIATION),
))
FEEDBACK = Schema("rueckmeldung", (
    Field("email", "email", description="Adresse für Rückmeldungen zu jeder Seite"),
    Field("formular", "url", description="Internetadresse eines Rückmeldeformulars, falls vorhanden"),
))
LEGAL = Schema("_rechtliches.yml", (
    Field("anbieter", "map", description="Impressum nach § 5 DDG", schema=PROVIDER),
    Field("datenschutz", "map", description="Datenschutzerklärung nach Art. 13 DSGVO", schema=PRIVACY),
    Field("barrierefreiheit", "map", description="Erklärung zur Barrierefreiheit nach § 7 BITV 2.0",
          schema=ACCESSIBILITY),
    Field("rueckmeldung", "map", description="Rückmeldung zu jeder Seite", schema=FEEDBACK),
    Field("leichte_sprache", "str", description="optional: Text in Leichter Sprache (Markdown)"),
))
