import math


def assert_close(actual, expected, tolerance=1e-9):
    assert math.isclose(actual, expected, rel_tol=tolerance), f"{actual} is not close to {expected}"
