"""The 16 Länder with the two-digit code that starts every official key (AGS/ARS)."""

from __future__ import annotations

LAENDER: dict[str, str] = {
    "01": "Schleswig-Holstein",
    "02": "Hamburg",
    "03": "Niedersachsen",
    "04": "Bremen",
    "05": "Nordrhein-Westfalen",
    "06": "Hessen",
    "07": "Rheinland-Pfalz",
    "08": "Baden-Württemberg",
    "09": "Bayern",
    "10": "Saarland",
    "11": "Berlin",
    "12": "Brandenburg",
    "13": "Mecklenburg-Vorpommern",
    "14": "Sachsen",
    "15": "Sachsen-Anhalt",
    "16": "Thüringen",
}

CODE_BY_NAME: dict[str, str] = {name: code for code, name in LAENDER.items()}

ABBREVIATIONS: dict[str, str] = {
    "SH": "01", "HH": "02", "NI": "03", "HB": "04", "NW": "05", "NRW": "05", "HE": "06", "RP": "07",
    "BW": "08", "BY": "09", "SL": "10", "BE": "11", "BB": "12", "MV": "13", "SN": "14", "ST": "15",
    "TH": "16",
}


def resolve_land(text: str) -> str | None:
    """The Land's name for a name, abbreviation (BY) or code (09); None if unknown."""
    text = text.strip()
    if text in CODE_BY_NAME:
        return text
    code = ABBREVIATIONS.get(text.upper()) or (text if text in LAENDER else None)
    return LAENDER[code] if code else None
