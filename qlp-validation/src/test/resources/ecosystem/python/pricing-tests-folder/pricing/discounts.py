from dataclasses import dataclass
from decimal import Decimal, ROUND_HALF_UP


@dataclass(frozen=True)
class Coupon:
    code: str
    percent: int

    def __post_init__(self):
        if not 0 < self.percent <= 100:
            raise ValueError(f"percent must be in 1..100, got {self.percent}")


def apply_discount(price: Decimal, coupon: Coupon | None = None) -> Decimal:
    if price < 0:
        raise ValueError("price must not be negative")
    if coupon is None:
        return price
    reduced = price * (Decimal(100 - coupon.percent) / Decimal(100))
    return reduced.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
