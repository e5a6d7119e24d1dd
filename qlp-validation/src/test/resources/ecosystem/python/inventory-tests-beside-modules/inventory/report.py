from .stock import Stock


def summary(stock: Stock, skus):
    return ", ".join(f"{sku}={stock.count(sku)}" for sku in sorted(skus))
