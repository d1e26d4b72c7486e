"""Dutch number formats as the reader sees them."""

import pytest

from ivb import formatting


@pytest.mark.parametrize(
    ("amount", "eenheid", "benaderd", "shown"),
    [
        (13939, "aantal", False, "13.939"),
        (7.4, "rapportcijfer", False, "7,4"),
        (8.0, "rapportcijfer", False, "8,0"),
        (26, "procent", False, "26%"),
        (30.8, "procent_verandering", False, "+30,8%"),
        (63857, "euro", False, "€\u00a063.857"),  # no-break space
        (-3374, "aantal", False, "-3.374"),
        (120, "aantal", True, "ca. 120"),
        (None, "aantal", False, "–"),
        (float("nan"), "euro", False, "–"),
    ],
)
def test_value(amount, eenheid, benaderd, shown):
    assert formatting.value(amount, eenheid, benaderd) == shown


def test_number_with_decimals():
    assert formatting.number(1234567.891, 2) == "1.234.567,89"


def test_every_kind_of_missing_value_shows_the_missing_mark():
    import pandas as pd

    assert formatting.number(None) == formatting.number(float("nan")) == formatting.number(pd.NA) == formatting.MISSING
    assert formatting.value(pd.NA, "aantal") == formatting.MISSING
