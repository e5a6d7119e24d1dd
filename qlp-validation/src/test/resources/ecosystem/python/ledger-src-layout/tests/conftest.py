import pytest

from ledger import Account


@pytest.fixture
def alice():
    return Account("alice", 100)


@pytest.fixture
def bob():
    return Account("bob")
