""""Did you mean" suggestions for misspelled keys, headings, ids and slugs."""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Iterable

_TRANSLIT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def normalise(text: str) -> str:
    """Fold case, umlauts, Unicode forms and punctuation, so 'Massnahmen' equals 'Maßnahmen'."""
    folded = unicodedata.normalize("NFC", text).casefold().translate(_TRANSLIT)
    return _NON_ALNUM.sub("", folded)


@functools.lru_cache(maxsize=4096)  # headings, Länder and field titles recur on every page
def slugify(text: str) -> str:
    """Turn a name into a slug: 'Beispielstadt am See' -> 'beispielstadt-am-see'."""
    folded = unicodedata.normalize("NFC", text).casefold().translate(_TRANSLIT)
    folded = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
    return _NON_ALNUM.sub("-", folded).strip("-")


def did_you_mean(word: str, candidates: Iterable[str], cutoff: float = 0.75) -> str | None:
    """The candidate closest to ``word``, or None if none is close enough."""
    by_norm: dict[str, str] = {}
    for candidate in candidates:
        by_norm.setdefault(normalise(candidate), candidate)
    key = normalise(word)
    if key in by_norm:
        return by_norm[key]
    close = difflib.get_close_matches(key, list(by_norm), n=1, cutoff=cutoff)
    return by_norm[close[0]] if close else None


def suggestion_text(word: str, candidates: Iterable[str], lang: str = "de") -> str:
    """A help-line prefix such as 'meinten Sie „x“? ', or '' without a close match."""
    match = did_you_mean(word, candidates)
    if match is None or match == word:
        return ""
    return f"meinten Sie „{match}“? " if lang == "de" else f"did you mean '{match}'? "
