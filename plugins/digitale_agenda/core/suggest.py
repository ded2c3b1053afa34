""""Did you mean" suggestions for misspelled keys, headings, ids and slugs."""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Iterable

from rapidfuzz import fuzz, process

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


class Suggester:
    """Close matches among one set of candidates, for as many words as there are.

    A repository's checks ask for the agenda slug closest to every unknown slug: thousands of
    candidates, and as many questions when a partial checkout or a renamed Landkreis leaves
    thousands of references dangling. Asked afresh each time (every candidate normalised and
    compared with difflib, once for each language of the message), 23,900 dangling references
    among 2,000 agendas took 19 minutes. Here the candidates are normalised once and each word is
    answered once; RapidFuzz's ``ratio`` (in C) drops every candidate whose similarity cannot
    reach the cutoff before difflib judges the rest. RapidFuzz's ratio counts the longest common
    subsequence, of which difflib's matching blocks are one, so it is never below difflib's: the
    answers stay exactly difflib's.
    """

    def __init__(self, candidates: Iterable[str], cutoff: float = 0.75) -> None:
        self._by_norm: dict[str, str] = {}
        for candidate in candidates:
            self._by_norm.setdefault(normalise(candidate), candidate)
        self._norms = list(self._by_norm)
        self._cutoff = cutoff
        self._answers: dict[str, str | None] = {}

    def match(self, word: str) -> str | None:
        """The candidate closest to ``word``, or None if none is close enough."""
        if word not in self._answers:
            self._answers[word] = self._closest(normalise(word))
        return self._answers[word]

    def _closest(self, key: str) -> str | None:
        if key in self._by_norm:
            return self._by_norm[key]
        # a hair below the cutoff: the two libraries round the same fraction differently
        near = process.extract(key, self._norms, scorer=fuzz.ratio, limit=None,
                               score_cutoff=self._cutoff * 100 - 1e-6)
        close = difflib.get_close_matches(key, [choice for choice, _score, _index in near], n=1, cutoff=self._cutoff)
        return self._by_norm[close[0]] if close else None


def did_you_mean(word: str, candidates: Iterable[str], cutoff: float = 0.75) -> str | None:
    """The candidate closest to ``word``, or None if none is close enough."""
    return Suggester(candidates, cutoff).match(word)


def suggestion_text(word: str, candidates: Iterable[str], lang: str = "de") -> str:
    """A help-line prefix such as 'meinten Sie „x“? ', or '' without a close match."""
    return hint(did_you_mean(word, candidates), word, lang)


def hint(match: str | None, word: str, lang: str = "de") -> str:
    """The help-line prefix for a match found for ``word``: '' for none, or for the word itself."""
    if match is None or match == word:
        return ""
    return f"meinten Sie „{match}“? " if lang == "de" else f"did you mean '{match}'? "
