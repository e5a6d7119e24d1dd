import sys

import pytest

from textutils.slug import slugify, truncate


def test_slugify_lowercases_and_joins():
    assert slugify("Hello, World!") == "hello-world"


def test_slugify_drops_accents():
    assert slugify("Crème Brûlée") == "creme-brulee"


@pytest.mark.skip(reason="transliteration of CJK text is not supported yet")
def test_slugify_cjk():
    assert slugify("東京") == "dong-jing"


@pytest.mark.skipif(sys.platform == "linux", reason="exercises Windows path separators only")
def test_windows_only_behaviour():
    assert slugify("C:\\temp") == "c-temp"


@pytest.mark.xfail(reason="emoji are dropped instead of named, see issue #12")
def test_slugify_names_emoji():
    assert slugify("I \u2764 tea") == "i-heart-tea"


def test_truncate_adds_ellipsis():
    assert truncate("abcdef", 4) == "abc\u2026"


def test_truncate_runtime_skip():
    if sys.maxsize < 2**40:
        pytest.skip("needs a 64-bit interpreter")
    assert truncate("x" * 10, 10) == "x" * 10
