import math


def circle_area(radius):
    return math.pi * radius * radius


def rectangle_area(width, height):
    # Bug: the perimeter, not the area.
    return 2 * (width + height)
