class OutOfStock(Exception):
    """Raised when more items are taken than are in stock."""


class Stock:
    def __init__(self):
        self._counts = {}

    def add(self, sku, quantity=1):
        if quantity <= 0:
            raise ValueError("quantity must be positive")
        self._counts[sku] = self._counts.get(sku, 0) + quantity

    def take(self, sku, quantity=1):
        available = self._counts.get(sku, 0)
        if quantity > available:
            raise OutOfStock(f"{sku}: wanted {quantity}, have {available}")
        self._counts[sku] = available - quantity

    def count(self, sku):
        return self._counts.get(sku, 0)
