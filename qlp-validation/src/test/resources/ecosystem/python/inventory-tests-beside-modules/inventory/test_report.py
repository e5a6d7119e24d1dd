from inventory.report import summary
from inventory.stock import Stock


def test_summary_is_sorted():
    stock = Stock()
    stock.add("pear", 2)
    stock.add("apple")
    assert summary(stock, ["pear", "apple"]) == "apple=1, pear=2"
