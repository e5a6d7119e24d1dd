import pytest

from pricing import Coupon


@pytest.fixture
def summer_coupon():
    return Coupon("SUMMER", 20)
