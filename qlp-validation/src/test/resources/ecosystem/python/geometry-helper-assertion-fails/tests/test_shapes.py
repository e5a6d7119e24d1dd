from geometry.shapes import circle_area, rectangle_area
from tests.helpers import assert_close


def test_circle_area():
    assert_close(circle_area(2), 12.566370614359172)


def test_rectangle_area():
    assert_close(rectangle_area(3, 4), 12)
