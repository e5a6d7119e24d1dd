"""Price calculations for the shop."""
from .discounts import apply_discount, Coupon

__all__ = ["apply_discount", "Coupon"]
