import pytest

from ledger import InsufficientFunds


def test_deposit_records_history(bob):
    bob.deposit(25)
    assert bob.balance == 25
    assert bob.history == [("deposit", 25)]


def test_transfer_moves_money(alice, bob):
    alice.transfer(bob, 40)
    assert (alice.balance, bob.balance) == (60, 40)


def test_overdraft_is_refused(alice, bob):
    with pytest.raises(InsufficientFunds, match="alice has 100, needs 150"):
        alice.transfer(bob, 150)
    assert alice.balance == 100 and bob.balance == 0
