"""The rule registry: every diagnostic code with its texts in German and English.

Codes are stable: tools, CI configurations and the editors' handbook refer to them, so a code is
never reused for another meaning. Groups: DA0xx file and syntax, DA1xx metadata and values,
DA2xx structure and sections, DA3xx measures, DA4xx cross-references, DA5xx framework,
DA6xx the site's legal information.

``draft_softened`` marks rules about missing required content: in an agenda with status
``entwurf`` they are warnings instead of errors.
"""

from __future__ import annotations

from dataclasses import dataclass

from .diagnostics import Diagnostic, Severity

LANGUAGES = ("de", "en")

GROUPS = {
    "DA0": {"de": "Datei und Syntax", "en": "File and syntax"},
    "DA1": {"de": "Stammdaten und Werte", "en": "Metadata and values"},
    "DA2": {"de": "Struktur und Abschnitte", "en": "Structure and sections"},
    "DA3": {"de": "Maßnahmen", "en": "Measures"},
    "DA4": {"de": "Querverweise", "en": "Cross-references"},
    "DA5": {"de": "Rahmen", "en": "Framework"},
    "DA6": {"de": "Rechtliche Angaben der Website", "en": "Legal information of the site"},
}


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    title: dict[str, str]
    message: dict[str, str]
    help: dict[str, str]
    explanation: dict[str, str]
    example: str
    draft_softened: bool = False

    @property
    def group(self) -> dict[str, str]:
        return GROUPS[self.code[:3]]

    def fix(self, lang: str) -> str:
        """The help text without the details of one finding ("{slug}" becomes "…"): for references."""
        return self.help[lang].format_map(_Ellipsis()).replace("… …", "…").strip()


class _Ellipsis(dict):
    def __missing__(self, key: str) -> str:
        return "…"


E, W = Severity.ERROR, Severity.WARNING


def _rule(code: str, severity: Severity, title: tuple[str, str], message: tuple[str, str],
          help: tuple[str, str], explanation: tuple[str, str], example: str,
          draft_softened: bool = False) -> Rule:
    return Rule(code, severity, dict(zip(LANGUAGES, title, strict=True)),
                dict(zip(LANGUAGES, message, strict=True)), dict(zip(LANGUAGES, help, strict=True)),
                dict(zip(LANGUAGES, explanation, strict=True)), example, draft_softened)


_ALL = [
    # --- DA0xx: file and syntax -------------------------------------------------------------------
    _rule("DA001", E, ("YAML-Syntaxfehler", "YAML syntax error"),
          ("YAML-Syntaxfehler: {problem}", "YAML syntax error: {problem}"),
          ("Einrückung (nur Leerzeichen) und Doppelpunkte prüfen; Werte mit Sonderzeichen wie „:“ oder "
           "„#“ in Anführungszeichen setzen",
           "check indentation (spaces only) and colons; quote values containing special characters "
           "such as ':' or '#'"),
          ("Die Datei kann nicht als YAML gelesen werden.", "The file cannot be read as YAML."),
          "name: Musterstadt: Nord   # zweiter Doppelpunkt ohne Anführungszeichen"),
    _rule("DA002", E, ("Doppelter Schlüssel", "Duplicate key"),
          ("Schlüssel „{key}“ kommt doppelt vor (zuerst in Zeile {first_line})",
           "key '{key}' occurs twice (first in line {first_line})"),
          ("einen der beiden Einträge entfernen oder beide zusammenführen",
           "remove one of the entries or merge them"),
          ("Ein Schlüssel darf in einer Zuordnung nur einmal stehen; sonst ist unklar, welcher Wert gilt.",
           "A key may occur only once in a mapping; otherwise it is unclear which value applies."),
          "status: beschlossen\nstatus: entwurf"),
    _rule("DA003", E, ("Alias", "Alias"),
          ("Aliase und Zusammenführungen („*name“, „<<“) sind nicht erlaubt",
           "aliases and merge keys ('*name', '<<') are not allowed"),
          ("den Wert an jeder Stelle ausschreiben", "write the value out at every place"),
          ("Aliase können Dateien beim Einlesen vervielfachen („Alias-Bombe“) und machen Inhalte schwer "
           "nachvollziehbar.", "Aliases can multiply a file when it is read (alias bomb) and make content "
                               "hard to follow."),
          "partner: &p [musterdorf]\nweitere: *p"),
    _rule("DA004", E, ("Unzulässige Typ-Markierung", "Forbidden tag"),
          ("Typ-Markierung „{tag}“ ist nicht erlaubt", "tag '{tag}' is not allowed"),
          ("Markierung entfernen; nur Text, Zahlen, Daten, Listen und Zuordnungen verwenden",
           "remove the tag; use only text, numbers, dates, lists and mappings"),
          ("Markierungen wie „!!python/object“ könnten beim Einlesen Programmcode ausführen.",
           "Tags such as '!!python/object' could run code when the file is read."),
          "name: !!python/object/apply:os.system [\"ls\"]"),
    _rule("DA005", E, ("Datei zu groß", "File too large"),
          ("Datei ist {size} Bytes groß, erlaubt sind höchstens {limit} Bytes",
           "file has {size} bytes, at most {limit} bytes are allowed"),
          ("Inhalt kürzen oder Anhänge verlinken statt einfügen", "shorten the content or link attachments"),
          ("Sehr große Dateien verlangsamen jeden Build und sind meist ein Versehen (eingefügte Daten).",
           "Very large files slow down every build and are usually a mistake (pasted data)."),
          "(eine 5 MB große verwaltung.md)"),
    _rule("DA006", E, ("Keine UTF-8-Kodierung", "Not UTF-8"),
          ("Datei ist nicht UTF-8-kodiert (ungültiges Byte {byte} in Zeile {line_no})",
           "file is not UTF-8 encoded (invalid byte {byte} in line {line_no})"),
          ("Datei im Editor mit der Kodierung „UTF-8“ speichern",
           "save the file with the encoding 'UTF-8'"),
          ("Alle Dateien müssen UTF-8 sein, damit Umlaute überall richtig erscheinen.",
           "All files must be UTF-8 so that umlauts appear correctly everywhere."),
          "(Datei in Windows-1252 gespeichert: „Maßnahmen“ wird zu „Ma\\xdfnahmen“)"),
    _rule("DA007", E, ("Byte-Order-Mark", "Byte order mark"),
          ("Datei beginnt mit einer Byte-Order-Mark (BOM)", "file starts with a byte order mark (BOM)"),
          ("Datei als „UTF-8 ohne BOM“ speichern", "save the file as 'UTF-8 without BOM'"),
          ("Eine BOM vor dem Kopfbereich verhindert, dass er erkannt wird.",
           "A BOM before the front matter prevents it from being recognised."),
          "\\ufeff---"),
    _rule("DA008", E, ("Tabulator in YAML", "Tab in YAML"),
          ("Tabulator zur Einrückung in YAML", "tab used for indentation in YAML"),
          ("Tabulatoren durch Leerzeichen ersetzen (zwei Leerzeichen je Ebene)",
           "replace tabs with spaces (two spaces per level)"),
          ("YAML erlaubt zum Einrücken nur Leerzeichen.", "YAML allows only spaces for indentation."),
          "verantwortung:\n\trolle: Landrätin"),
    _rule("DA009", E, ("Kopfbereich fehlerhaft", "Broken front matter"),
          ("Kopfbereich fehlerhaft: {problem}", "broken front matter: {problem}"),
          ("Der Kopfbereich beginnt in Zeile 1 mit „---“, endet mit einer Zeile „---“ und enthält "
           "„schlüssel: wert“-Paare",
           "the front matter starts in line 1 with '---', ends with a line '---' and holds "
           "'key: value' pairs"),
          ("Ein fehlerhafter Kopfbereich würde sonst stillschweigend als Text angezeigt und seine "
           "Maßnahmen gingen verloren.", "A broken front matter would otherwise silently show up as "
                                         "text and its measures would be lost."),
          "---\nmassnahmen:\n  - id: a\n# schließendes --- fehlt"),
    _rule("DA010", E, ("Leere Datei", "Empty file"),
          ("Datei ist leer", "file is empty"),
          ("Inhalt ergänzen oder mit „agenda new“ ein Gerüst erzeugen",
           "add content or create a skeleton with 'agenda new'"),
          ("Eine leere Datei enthält weder Daten noch Text.", "An empty file holds neither data nor text."),
          "(0 Bytes)"),
    _rule("DA011", E, ("Keine gewöhnliche Datei", "Not a regular file"),
          ("„{name}“ ist {what}; gelesen werden nur gewöhnliche Dateien",
           "'{name}' is {what}; only regular files are read"),
          ("die Datei selbst ins Repository legen statt einer Verknüpfung oder eines Ordners",
           "put the file itself into the repository instead of a link or a folder"),
          ("Verknüpfungen (Symlinks) könnten Dateien außerhalb der Agenden in die Website holen.",
           "Symbolic links could pull files from outside the agendas into the site."),
          "agendas/musterdorf/agenda.yml -> /etc/passwd"),
    _rule("DA012", E, ("Datei nicht lesbar", "File not readable"),
          ("Datei kann nicht gelesen werden ({reason})", "file cannot be read ({reason})"),
          ("Zugriffsrechte der Datei prüfen", "check the file's permissions"),
          ("Eine Datei, die nicht gelesen werden kann, kann auch nicht geprüft werden.",
           "A file that cannot be read cannot be checked either."),
          "(Datei ohne Leserecht)"),
    # --- DA1xx: metadata and values ---------------------------------------------------------------
    _rule("DA101", E, ("Pflichtangabe fehlt", "Required key missing"),
          ("Pflichtangabe „{key}“ fehlt{where}", "required key '{key}' is missing{where}"),
          ("„{key}: …“ ergänzen ({hint})", "add '{key}: …' ({hint})"),
          ("Ohne diese Angabe ist die Agenda nicht vollständig.", "Without this key the agenda is incomplete."),
          "name: Musterdorf\n# art fehlt", draft_softened=True),
    _rule("DA102", E, ("Unbekannter Schlüssel", "Unknown key"),
          ("Unbekannter Schlüssel „{key}“{where}", "unknown key '{key}'{where}"),
          ("{suggestion}erlaubt sind: {allowed}", "{suggestion}allowed: {allowed}"),
          ("Unbekannte Schlüssel sind meist Tippfehler; ihr Inhalt würde nicht angezeigt.",
           "Unknown keys are usually typos; their content would not be shown."),
          "schlüssel: \"091980000000\"   # richtig: schluessel"),
    _rule("DA103", E, ("Falscher Typ", "Wrong type"),
          ("„{key}“ muss {expected} sein, gefunden: {found}", "'{key}' must be {expected}, found: {found}"),
          ("Wert als {expected} schreiben, z. B. {example}", "write the value as {expected}, e.g. {example}"),
          ("Jede Angabe hat einen festen Typ (Text, Zahl, Datum, Liste, Zuordnung).",
           "Every key has a fixed type (text, number, date, list, mapping)."),
          "einwohner: zweitausend"),
    _rule("DA104", E, ("Unzulässiger Wert", "Value not allowed"),
          ("„{value}“ ist kein zulässiger Wert für „{key}“", "'{value}' is not an allowed value for '{key}'"),
          ("{suggestion}erlaubt sind: {allowed}", "{suggestion}allowed: {allowed}"),
          ("Diese Angabe hat ein festes Vokabular, damit Agenden vergleichbar bleiben.",
           "This key has a fixed vocabulary so that agendas stay comparable."),
          "status: In Arbeit"),
    _rule("DA105", E, ("Amtlicher Schlüssel ungültig", "Official key malformed"),
          ("„{value}“ ist weder ein ARS (12 Ziffern) noch ein AGS (8 Ziffern){detail}",
           "'{value}' is neither an ARS (12 digits) nor an AGS (8 digits){detail}"),
          ("Schlüssel aus dem Gemeindeverzeichnis des Statistischen Landesamts übernehmen und in "
           "Anführungszeichen setzen, z. B. schluessel: \"091620000000\"",
           "copy the key from the official municipal register and quote it, "
           "e.g. schluessel: \"091620000000\""),
          ("Der amtliche Schlüssel verbindet die Agenda mit amtlichen Statistiken und offenen Daten.",
           "The official key links the agenda to official statistics and open data."),
          "schluessel: 9162000   # führende Null fehlt, ohne Anführungszeichen"),
    _rule("DA106", E, ("Schlüssel passt nicht zum Land", "Key does not match the Land"),
          ("Schlüssel beginnt mit {prefix} ({key_land}), als Land ist aber „{land}“ angegeben",
           "key starts with {prefix} ({key_land}) but the Land is given as '{land}'"),
          ("Land oder Schlüssel korrigieren; {land} hat die Kennziffer {land_code}",
           "correct the Land or the key; {land} has the code {land_code}"),
          ("Die ersten zwei Ziffern des ARS/AGS bezeichnen das Land (01 Schleswig-Holstein … "
           "16 Thüringen).", "The first two digits of ARS/AGS name the Land (01 Schleswig-Holstein … "
                             "16 Thüringen)."),
          "land: Hessen\nschluessel: \"091620000000\""),
    _rule("DA107", E, ("Ungültiges Datum", "Invalid date"),
          ("„{value}“ ist kein gültiges Datum für „{key}“", "'{value}' is not a valid date for '{key}'"),
          ("Datum als {pattern} schreiben, z. B. {example}", "write the date as {pattern}, e.g. {example}"),
          ("Daten werden einheitlich nach ISO 8601 geschrieben, damit sie sortiert und verglichen "
           "werden können.", "Dates are written as ISO 8601 so they can be sorted and compared."),
          "letzte_pruefung: 31.04.2026"),
    _rule("DA108", W, ("Überprüfung überfällig", "Review overdue"),
          ("Letzte Überprüfung am {date} liegt mehr als {months} Monate zurück",
           "last review on {date} is more than {months} months ago"),
          ("Agenda inhaltlich prüfen und „letzte_pruefung“ auf das heutige Datum setzen",
           "review the agenda and set 'letzte_pruefung' to today's date"),
          ("Leserinnen und Leser sollen sehen, dass die Agenda aktuell ist.",
           "Readers should be able to see that the agenda is current."),
          "letzte_pruefung: 2019-01-15"),
    _rule("DA109", E, ("Ungültige Adresse", "Invalid address"),
          ("„{value}“ ist keine gültige {what}", "'{value}' is not a valid {what}"),
          ("{fix}", "{fix}"),
          ("E-Mail-Adressen und Internetadressen müssen vollständig sein; Links nur über http(s).",
           "E-mail and web addresses must be complete; links only over http(s)."),
          "website: www.musterdorf.example   # https:// fehlt"),
    _rule("DA110", E, ("Platzhalter nicht ersetzt", "Placeholder left"),
          ("Platzhalter in „{key}“ noch nicht ersetzt: {text}", "placeholder in '{key}' not replaced: {text}"),
          ("„[ERGÄNZEN: …]“ durch den echten Inhalt ersetzen", "replace '[ERGÄNZEN: …]' with real content"),
          ("Das Gerüst von „agenda new“ markiert fehlende Angaben mit „[ERGÄNZEN: …]“.",
           "The skeleton from 'agenda new' marks missing values with '[ERGÄNZEN: …]'."),
          "rolle: \"[ERGÄNZEN: z. B. Bürgermeisterin]\"", draft_softened=True),
    _rule("DA111", E, ("Ungültiger Ordnername", "Invalid folder name"),
          ("Ordnername „{slug}“ ist kein gültiger Slug", "folder name '{slug}' is not a valid slug"),
          ("Ordner umbenennen, z. B. in „{suggestion}“ (Kleinbuchstaben, Ziffern, Bindestriche)",
           "rename the folder, e.g. to '{suggestion}' (lowercase letters, digits, hyphens)"),
          ("Der Slug erscheint in Adressen und Verweisen und muss daher einfach und eindeutig sein.",
           "The slug appears in addresses and references and must be simple and unique."),
          "agendas/Beispielstadt am See/"),
    _rule("DA112", E, ("Wert außerhalb des Bereichs", "Value out of range"),
          ("{value} liegt für „{key}“ außerhalb des Bereichs {low} bis {high}",
           "{value} is outside the range {low} to {high} for '{key}'"),
          ("einen Wert zwischen {low} und {high} eintragen", "enter a value between {low} and {high}"),
          ("Zahlen wie Fortschritt (0–100 %) oder Einwohnerzahl haben einen sinnvollen Bereich.",
           "Numbers such as progress (0–100 %) or population have a sensible range."),
          "fortschritt: 120"),
    # --- DA2xx: structure and sections -----------------------------------------------------------
    _rule("DA200", E, ("agenda.yml fehlt", "agenda.yml missing"),
          ("Agenda-Ordner „{slug}“ enthält keine agenda.yml", "agenda folder '{slug}' has no agenda.yml"),
          ("Stammdaten in „{slug}/agenda.yml“ anlegen, am einfachsten mit „agenda new {slug} …“",
           "create '{slug}/agenda.yml', most easily with 'agenda new {slug} …'"),
          ("Ohne Stammdaten ist unklar, zu welcher Kommune die Dateien gehören.",
           "Without metadata it is unclear which municipality the files belong to."),
          "agendas/musterdorf/ (nur verwaltung.md)"),
    _rule("DA201", E, ("Handlungsfeld fehlt", "Action field missing"),
          ("Handlungsfeld „{title}“ fehlt", "action field '{title}' is missing"),
          ("Datei „{file}“ anlegen, mit den Abschnitten {sections}", "create '{file}' with the sections {sections}"),
          ("Jede Agenda deckt alle Handlungsfelder des Rahmens ab, damit Agenden vergleichbar sind.",
           "Every agenda covers all action fields of the framework so that agendas are comparable."),
          "(bildung.md fehlt im Agenda-Ordner)", draft_softened=True),
    _rule("DA202", E, ("Unbekanntes Handlungsfeld", "Unknown action field"),
          ("Datei „{file}“ gehört zu keinem Handlungsfeld des Rahmens",
           "file '{file}' belongs to no action field of the framework"),
          ("{suggestion}Dateien heißen wie die Handlungsfelder: {allowed}",
           "{suggestion}files are named after the action fields: {allowed}"),
          ("Nur agenda.yml und eine Datei je Handlungsfeld werden gelesen; andere Dateien würden "
           "stillschweigend fehlen.", "Only agenda.yml and one file per action field are read; other "
                                      "files would silently be missing."),
          "agendas/musterdorf/verwalutng.md"),
    _rule("DA203", E, ("Pflichtabschnitt fehlt", "Required section missing"),
          ("Pflichtabschnitt „{section}“ fehlt im Handlungsfeld „{field}“",
           "required section '{section}' is missing in action field '{field}'"),
          ("Überschrift „## {section}“ ergänzen{found}", "add the heading '## {section}'{found}"),
          ("Der Rahmen legt fest, welche Abschnitte jedes Handlungsfeld enthält.",
           "The framework defines the sections each action field contains."),
          "## Massnahmen   # richtig: ## Maßnahmen", draft_softened=True),
    _rule("DA204", E, ("Leerer Abschnitt", "Empty section"),
          ("Abschnitt „{section}“ ist leer", "section '{section}' is empty"),
          ("Text unter der Überschrift ergänzen oder den optionalen Abschnitt entfernen",
           "add text below the heading or remove the optional section"),
          ("Eine Überschrift ohne Inhalt verspricht Information, die fehlt.",
           "A heading without content promises information that is missing."),
          "## Ziele\n\n## Maßnahmen", draft_softened=True),
    _rule("DA205", W, ("Abschnitt ähnelt einem Rahmenabschnitt", "Section resembles a framework section"),
          ("Abschnitt „{section}“ ist im Rahmen nicht vorgesehen", "section '{section}' is not in the framework"),
          ("meinten Sie „{suggestion}“?", "did you mean '{suggestion}'?"),
          ("Eigene Abschnitte sind erlaubt; einer, der einem Rahmenabschnitt fast gleicht, ist meist ein "
           "Tippfehler.", "Own sections are allowed; one that nearly equals a framework section is usually "
                          "a typo."),
          "## Kooperation   # richtig: ## Kooperationen"),
    _rule("DA206", E, ("Doppelter Abschnitt", "Duplicate section"),
          ("Abschnitt „{section}“ kommt doppelt vor (zuerst in Zeile {first_line})",
           "section '{section}' occurs twice (first in line {first_line})"),
          ("beide Abschnitte zusammenführen", "merge both sections"),
          ("Jeder Abschnitt steht einmal, damit Vergleichsansichten eindeutig sind.",
           "Each section occurs once so that comparison views are unambiguous."),
          "## Ziele\n…\n## Ziele"),
    _rule("DA207", E, ("Platzhalter im Text", "Placeholder in text"),
          ("Platzhalter im Text noch nicht ersetzt: {text}", "placeholder in text not replaced: {text}"),
          ("„[ERGÄNZEN: …]“ durch den echten Text ersetzen", "replace '[ERGÄNZEN: …]' with real text"),
          ("Das Gerüst von „agenda new“ markiert fehlenden Text mit „[ERGÄNZEN: …]“.",
           "The skeleton from 'agenda new' marks missing text with '[ERGÄNZEN: …]'."),
          "## Ausgangslage\n[ERGÄNZEN: Wo steht die Kommune heute?]", draft_softened=True),
    _rule("DA208", W, ("Überschrift ohne Leerzeichen", "Heading without space"),
          ("„{text}“ sieht aus wie eine Überschrift, aber nach „#“ fehlt ein Leerzeichen",
           "'{text}' looks like a heading but lacks a space after '#'"),
          ("„{fixed}“ schreiben", "write '{fixed}'"),
          ("Markdown erkennt Überschriften nur mit Leerzeichen nach den Rautezeichen.",
           "Markdown recognises headings only with a space after the hash signs."),
          "##Ziele"),
    # --- DA3xx: measures --------------------------------------------------------------------------
    _rule("DA301", E, ("Keine Maßnahmen", "No measures"),
          ("Handlungsfeld „{field}“ enthält keine Maßnahmen", "action field '{field}' has no measures"),
          ("im Kopfbereich der Datei unter „massnahmen:“ mindestens eine Maßnahme eintragen",
           "add at least one measure under 'massnahmen:' in the front matter"),
          ("Eine Agenda ist ein Umsetzungsplan: Jedes Handlungsfeld braucht Maßnahmen.",
           "An agenda is an implementation plan: every action field needs measures."),
          "---\nmassnahmen: []\n---", draft_softened=True),
    _rule("DA302", E, ("Doppelte Maßnahmen-ID", "Duplicate measure id"),
          ("Maßnahmen-ID „{id}“ kommt doppelt vor (zuerst in {first})",
           "measure id '{id}' occurs twice (first in {first})"),
          ("einer der Maßnahmen eine andere, eindeutige ID geben", "give one of the measures another, unique id"),
          ("IDs sind Sprungmarken und Verweisziele und müssen in der Agenda eindeutig sein.",
           "Ids are anchors and reference targets and must be unique within the agenda."),
          "- id: glasfaser\n…\n- id: glasfaser"),
    _rule("DA303", E, ("Ungültige Maßnahmen-ID", "Invalid measure id"),
          ("„{id}“ ist keine gültige Maßnahmen-ID", "'{id}' is not a valid measure id"),
          ("nur Kleinbuchstaben, Ziffern und Bindestriche verwenden, z. B. „{suggestion}“",
           "use only lowercase letters, digits and hyphens, e.g. '{suggestion}'"),
          ("Die ID wird Teil von Adressen (…/verwaltung/#id) und Verweisen (slug#id).",
           "The id becomes part of addresses (…/verwaltung/#id) and references (slug#id)."),
          "- id: Glasfaser Ausbau"),
    _rule("DA304", W, ("Fortschritt passt nicht zum Status", "Progress does not match status"),
          ("Status „{status}“, aber Fortschritt {progress} %", "status '{status}' but progress {progress} %"),
          ("{fix}", "{fix}"),
          ("Status und Fortschritt sollen einander nicht widersprechen.",
           "Status and progress should not contradict each other."),
          "status: abgeschlossen\nfortschritt: 60"),
    _rule("DA305", E, ("Ende vor Beginn", "End before start"),
          ("Geplantes Ende {end} liegt vor dem Beginn {start}", "planned end {end} is before start {start}"),
          ("Beginn und Ende prüfen", "check start and end"),
          ("Ein Zeitraum endet nicht, bevor er beginnt.", "A period does not end before it starts."),
          "beginn: 2026-05\nende: 2025-12"),
    _rule("DA306", W, ("Maßnahme überfällig", "Measure overdue"),
          ("Geplantes Ende {end} ist überschritten, Status ist noch „{status}“",
           "planned end {end} has passed, status is still '{status}'"),
          ("Status aktualisieren (z. B. „abgeschlossen“ oder „verzoegert“) oder das Ende verschieben",
           "update the status (e.g. 'abgeschlossen' or 'verzoegert') or move the end date"),
          ("Veraltete Status untergraben das Vertrauen in die Agenda.",
           "Outdated statuses undermine trust in the agenda."),
          "status: in-umsetzung\nende: 2021-12"),
    # --- DA4xx: cross-references ------------------------------------------------------------------
    _rule("DA401", E, ("Unbekannte Kommune", "Unknown municipality"),
          ("„{slug}“ ist keine Agenda in diesem Verzeichnis", "'{slug}' is not an agenda in this directory"),
          ("{suggestion}den Slug (Ordnernamen) der Agenda verwenden",
           "{suggestion}use the slug (folder name) of the agenda"),
          ("Verweise auf Kommunen nutzen den Ordnernamen der Agenda, damit die Website sie verlinken kann.",
           "References to municipalities use the agenda's folder name so the site can link them."),
          "partner: [musterdorff]"),
    _rule("DA402", E, ("Verweis auf unbekannte Maßnahme", "Reference to unknown measure"),
          ("Verweis „{ref}“ führt ins Leere: {problem}", "reference '{ref}' is dangling: {problem}"),
          ("{suggestion}Verweise haben die Form „slug#id“", "{suggestion}references have the form 'slug#id'"),
          ("Verweise verbinden Maßnahmen verschiedener Kommunen und müssen auf eine vorhandene Maßnahme "
           "zeigen.", "References connect measures of different municipalities and must point to an "
                      "existing measure."),
          "bezuege: [\"musterdorf#glasfaser-ortsteil\"]"),
    _rule("DA403", W, ("Partnerschaft einseitig", "One-sided partnership"),
          ("„{other}“ nennt „{slug}“ nicht als Partner", "'{other}' does not list '{slug}' as a partner"),
          ("in „{other}/agenda.yml“ unter „partner“ „{slug}“ ergänzen oder den Eintrag hier entfernen",
           "add '{slug}' to 'partner' in '{other}/agenda.yml' or remove the entry here"),
          ("Partnerschaften werden auf der Website in beide Richtungen verlinkt.",
           "Partnerships are linked both ways on the site."),
          "# musterdorf nennt beispielstadt, beispielstadt nennt musterdorf nicht"),
    _rule("DA404", E, ("Verweis auf sich selbst", "Self-reference"),
          ("„{ref}“ verweist auf sich selbst", "'{ref}' refers to itself"),
          ("den Eintrag entfernen", "remove the entry"),
          ("Eine Kommune ist nicht ihr eigener Partner, eine Maßnahme nicht ihr eigener Bezug.",
           "A municipality is not its own partner, a measure not its own reference."),
          "# in agendas/musterdorf/agenda.yml\npartner: [musterdorf]"),
    _rule("DA405", E, ("Kreiszugehörigkeit stimmt nicht", "County membership inconsistent"),
          ("Kreis „{kreis}“: {problem}", "county '{kreis}': {problem}"),
          ("„kreis“ auf den Slug des zuständigen Landkreises setzen; dessen Schlüssel beginnt mit "
           "denselben fünf Ziffern", "set 'kreis' to the slug of the responsible Landkreis; its key starts "
                                    "with the same five digits"),
          ("Die Seiten je Kreis fassen die kreisangehörigen Gemeinden zusammen.",
           "The county pages aggregate the municipalities of the county."),
          "kreis: musterstadt   # musterstadt ist kein Landkreis"),
    _rule("DA406", E, ("Initiative unstimmig", "Initiative inconsistent"),
          ("Initiative: {problem}", "initiative: {problem}"),
          ("{fix}", "{fix}"),
          ("Eine gemeinsame Initiative hat mindestens zwei Mitglieder, eine federführende Kommune aus "
           "ihrem Kreis und verweist nur auf Maßnahmen ihrer Mitglieder.",
           "A joint initiative has at least two members, a lead among them, and refers only to measures "
           "of its members."),
          "mitglieder: [musterdorf]\nfederfuehrung: landkreis-beispielland"),
    # --- DA5xx: framework -------------------------------------------------------------------------
    _rule("DA501", E, ("Rahmen ungültig", "Framework invalid"),
          ("Rahmen ungültig: {problem}", "framework invalid: {problem}"),
          ("die Rahmendatei korrigieren; Vorlage: der Referenzrahmen im Paket",
           "correct the framework file; template: the reference framework in the package"),
          ("Ohne gültigen Rahmen kann keine Agenda geprüft werden.",
           "Without a valid framework no agenda can be checked."),
          "handlungsfelder:\n  - id: verwaltung\n  - id: verwaltung"),
    # --- DA6xx: legal information of the site ----------------------------------------------------
    _rule("DA601", E, ("Rechtliche Angaben fehlen", "Legal information missing"),
          ("Die Datei „_rechtliches.yml“ mit Impressum, Datenschutz und Barrierefreiheit fehlt",
           "the file '_rechtliches.yml' with imprint, privacy and accessibility information is missing"),
          ("die Vorlage „agendas/_rechtliches.yml“ aus dem Projekt in den Agenda-Ordner kopieren und ausfüllen",
           "copy the template 'agendas/_rechtliches.yml' of the project into the agendas folder and fill it in"),
          ("Eine Website einer Behörde braucht ein Impressum (§ 5 DDG), eine Datenschutzerklärung "
           "(Art. 13 DSGVO) und eine Erklärung zur Barrierefreiheit (§ 7 BITV 2.0). Ohne sie wird "
           "die Website nicht gebaut.",
           "A public body's website needs an imprint, a privacy notice and an accessibility statement; "
           "without them the site is not built."),
          "agendas/\n  _rechtliches.yml   # fehlt"),
    _rule("DA602", E, ("Rechtlich vorgeschriebene Angabe fehlt", "Legally required information missing"),
          ("Pflichtangabe „{key}“ fehlt ({basis})", "required information '{key}' is missing ({basis})"),
          ("„{key}: …“ ergänzen: {hint}", "add '{key}: …': {hint}"),
          ("Diese Angabe schreibt das Gesetz für die Website einer Behörde vor; ohne sie wird die "
           "Website nicht gebaut.",
           "The law requires this information on a public body's website; without it the site is not built."),
          "anbieter:\n  name: Landkreis Beispielland\n  # vertreten_durch fehlt"),
    _rule("DA603", E, ("Nicht barrierefreie Inhalte nicht benannt", "Inaccessible content not named"),
          ("Die Erklärung zur Barrierefreiheit nennt den Stand „{stand}“, aber keine Inhalte, die nicht "
           "barrierefrei sind", "the accessibility statement says '{stand}' but names no inaccessible content"),
          ("unter „nicht_barrierefrei:“ jeden Inhalt mit „inhalt:“ und „grund:“ aufführen, oder den Stand "
           "auf „vollstaendig“ setzen",
           "list each item under 'nicht_barrierefrei:' with 'inhalt:' and 'grund:', or set the status to "
           "'vollstaendig'"),
          ("Wer nur teilweise barrierefrei ist, muss sagen, was nicht zugänglich ist und warum (§ 7 Abs. 1 "
           "BITV 2.0).", "A partly accessible site must say what is not accessible and why."),
          "barrierefreiheit:\n  stand: teilweise\n  # nicht_barrierefrei fehlt"),
]

RULES: dict[str, Rule] = {rule.code: rule for rule in _ALL}


def render(diagnostic: Diagnostic, lang: str = "de") -> tuple[str, str]:
    """Return (message, help) for a diagnostic in the given language.

    An argument ``x_en`` replaces ``x`` in English, for arguments that are themselves prose.
    """
    rule = RULES[diagnostic.code]
    args = _Defaults(diagnostic.args)
    if lang != "de":
        args.update({key[:-3]: value for key, value in diagnostic.args.items() if key.endswith("_" + lang)})
    return rule.message[lang].format_map(args), rule.help[lang].format_map(args)


class _Defaults(dict):
    """Format arguments where an absent optional part (``{where}``, ``{suggestion}``) is empty."""

    def __missing__(self, key: str) -> str:
        return ""
