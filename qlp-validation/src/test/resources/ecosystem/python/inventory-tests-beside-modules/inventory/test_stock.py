import pytest

from inventory.stock import OutOfStock, Stock


class TestStock:
    def setup_method(self):
        self.stock = Stock()
        self.stock.add("apple", 3)

    def test_add_accumulates(self):
        self.stock.add("apple", 2)
        assert self.stock.count("apple") == 5

    def test_take_reduces(self):
        self.stock.take("apple")
        assert self.stock.count("apple") == 2

    def test_take_too_many_raises(self):
        with pytest.raises(OutOfStock) as raised:
            self.stock.take("apple", 4)
        assert "wanted 4, have 3" in str(raised.value)

    def test_unknown_sku_is_zero(self):
        assert self.stock.count("pear") == 0


class TestValidation:
    @pytest.mark.parametrize("quantity", [0, -1])
    def test_rejects_non_positive_quantity(self, quantity):
        with pytest.raises(ValueError):
            Stock().add("apple", quantity)
