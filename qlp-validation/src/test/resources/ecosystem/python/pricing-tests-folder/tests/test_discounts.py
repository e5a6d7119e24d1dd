from decimal import Decimal

import pytest

from pricing import Coupon, apply_discount


def test_no_coupon_keeps_price():
    assert apply_discount(Decimal("9.99")) == Decimal("9.99")


def test_coupon_from_fixture(summer_coupon):
    assert apply_discount(Decimal("50.00"), summer_coupon) == Decimal("40.00")


@pytest.mark.parametrize(
    "price, percent, expected",
    [
        ("10.00", 10, "9.00"),
        ("19.99", 15, "16.99"),
        ("0.01", 50, "0.01"),
        ("100", 100, "0.00"),
    ],
)
def test_discount_table(price, percent, expected):
    assert apply_discount(Decimal(price), Coupon("X", percent)) == Decimal(expected)


@pytest.mark.parametrize("percent", [0, 101, -5])
def test_coupon_rejects_bad_percent(percent):
    with pytest.raises(ValueError, match="percent must be in 1..100"):
        Coupon("BAD", percent)
