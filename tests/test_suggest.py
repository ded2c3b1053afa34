"""'Did you mean': the pre-filtered, remembered answers are exactly plain difflib's."""

from __future__ import annotations

import difflib

from hypothesis import given, settings
from hypothesis import strategies as st

from digitale_agenda.core.suggest import Suggester, did_you_mean, normalise

# slugs and keys are made of few letters, so near misses are common, as with real typos
_WORDS = st.text(alphabet="aeinrsß-Ü1", min_size=0, max_size=12)


def _plain_difflib(word: str, candidates: list[str], cutoff: float) -> str | None:
    """How suggestions were found before the pre-filter: every candidate compared by difflib."""
    by_norm: dict[str, str] = {}
    for candidate in candidates:
        by_norm.setdefault(normalise(candidate), candidate)
    key = normalise(word)
    if key in by_norm:
        return by_norm[key]
    close = difflib.get_close_matches(key, list(by_norm), n=1, cutoff=cutoff)
    return by_norm[close[0]] if close else None


@settings(max_examples=400, deadline=None)
@given(st.lists(_WORDS, max_size=30), st.lists(_WORDS, min_size=1, max_size=5),
       st.sampled_from([0.6, 0.75, 0.8]))
def test_the_pre_filter_never_changes_an_answer(candidates: list[str], words: list[str], cutoff: float) -> None:
    suggester = Suggester(candidates, cutoff)
    for word in words + words:  # the second time from memory
        assert suggester.match(word) == _plain_difflib(word, candidates, cutoff)


def test_a_typo_among_thousands_of_slugs() -> None:
    slugs = [f"{prefix}-ort{number}" for prefix in ("muster", "beispiel", "probe") for number in range(4000)]
    suggester = Suggester(slugs)
    assert suggester.match("beispiel-ort1234") == "beispiel-ort1234"
    assert suggester.match("beispeil-ort1234") == "beispiel-ort1234"
    assert suggester.match("ganz-anders") is None
    assert did_you_mean("probe-ort77x", slugs) == "probe-ort77"
