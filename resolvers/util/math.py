"""`$util.math.*`: rounding, min/max and random numbers."""

from __future__ import annotations

import math
import random
from typing import Any

__all__ = ["MathUtil"]


def _number(value: Any) -> float | int:
    if type(value) is bool or not isinstance(value, int | float):
        raise ValueError(f"expected a number, got {value!r}")
    return value


class MathUtil:
    """`$util.math`."""

    vtl_name = "$util.math"

    def roundNum(self, value: Any) -> int:
        """Java `Math.round`: halves round up (2.5 -> 3, -2.5 -> -2)."""
        return math.floor(_number(value) + 0.5)

    def minVal(self, left: Any, right: Any) -> float:
        return float(min(_number(left), _number(right)))

    def maxVal(self, left: Any, right: Any) -> float:
        return float(max(_number(left), _number(right)))

    def randomDouble(self) -> float:
        return random.random()

    def randomWithinRange(self, low: Any, high: Any) -> int:
        return random.randint(int(_number(low)), int(_number(high)))
