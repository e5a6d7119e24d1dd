def test_total_sums_orders(repository):
    repository.add("ada", 10)
    repository.add("ada", 5)
    assert repository.total_for("ada") == 15


def test_total_of_unknown_customer_is_zero(repository):
    assert repository.total_for("nobody") == 0
