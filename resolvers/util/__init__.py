"""`$util` / `$utils`: one module per AppSync namespace, assembled into one object per render."""

from __future__ import annotations

import builtins
from collections.abc import Mapping
from typing import Any

from resolvers.util.core import CoreUtil, LogUtil
from resolvers.util.dynamodb import DynamoDBUtil
from resolvers.util.environment import Environment, frozen, set_environment
from resolvers.util.http import HttpUtil
from resolvers.util.list import ListUtil
from resolvers.util.map import MapUtil
from resolvers.util.math import MathUtil
from resolvers.util.rds import RdsUtil
from resolvers.util.str import StrUtil
from resolvers.util.time import TimeUtil
from resolvers.util.transform import TransformUtil
from resolvers.util.xml import XmlUtil

__all__ = ["Environment", "Util", "frozen", "set_environment"]

_TIME = TimeUtil()
_DYNAMODB = DynamoDBUtil()
_STR = StrUtil()
_LIST = ListUtil()
_MAP = MapUtil()
_MATH = MathUtil()
_TRANSFORM = TransformUtil()
_RDS = RdsUtil()
_XML = XmlUtil()
_LOG = LogUtil()


class Util(CoreUtil):
    """`$util`: core methods plus the stateless namespaces (shared) and `http` (per render)."""

    time = _TIME
    dynamodb = _DYNAMODB
    str = _STR
    list = _LIST
    map = _MAP
    math = _MATH
    transform = _TRANSFORM
    rds = _RDS
    xml = _XML
    log = _LOG

    def __init__(self, context: Mapping[builtins.str, Any] | None = None) -> None:
        super().__init__(context)
        self.http = HttpUtil()
