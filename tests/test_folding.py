"""Names and sentences are compared folded: case, accents, quote marks and standard equivalents."""

import pytest

from data_prep.folding import fold, words


@pytest.mark.parametrize(
    "a, b",
    [
        ("James O'Brien", "James O\u2019Brien"),
        ("U.S.", "United States"),
        ("US", "United States"),
        ("State Department", "U.S. Department of State"),
        ("Türkiye", "Turkiye"),
    ],
)
def test_fold_treats_standard_equivalents_as_one_name(a, b):
    assert fold(a) == fold(b)


def test_words_straightens_quotes_and_spacing():
    assert words("Baku  \n rejected  the \u201coffer\u201d") == 'baku rejected the "offer"'
