"""`$util` core methods: JSON, ids, encoding, errors, null and type checks."""

from __future__ import annotations

import base64
import json
import logging
import os
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote_plus, unquote_plus

from resolvers import java_types as jt
from resolvers.errors import ResolverError
from resolvers.trace import active_trace
from resolvers.util import environment

__all__ = ["CoreUtil", "LogUtil", "from_json", "to_json"]

LOG = logging.getLogger(__name__)


def _json_default(value: Any) -> Any:
    if isinstance(value, jt.Entry):
        return {value.key: value.value}
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    to_dict = getattr(value, "to_json_value", None)
    if callable(to_dict):
        return to_dict()
    return jt.to_java_string(value)


#: One encoder for every call: `json.dumps` with options builds a new one each time.
_ENCODER = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False, default=_json_default)


def to_json(value: Any) -> str:
    """Compact JSON as AppSync's `$util.toJson` prints it."""
    return _ENCODER.encode(value)


#: An unquoted literal, read as AppSync's lenient JSON reader reads one: up to a delimiter.
_BARE_LITERAL = re.compile(r"[^\s{}\[\]:,/\\;#='\"]+")


def from_json(text: Any) -> Any:
    """`$util.parseJson`.

    AppSync reads JSON leniently: text that starts with an unquoted literal is that literal
    (up to the first delimiter, e.g. `:`), which the v2 owner templates rely on:
    `$util.parseJson("<sub>::<username>")` is a string, not a list, and not an error. Not
    emulated: the reader's other lenient forms (single quotes, comments, unquoted keys).

    :raises ValueError: `text` is not JSON.
    """
    if not isinstance(text, str):
        raise ValueError(f"expected a JSON string, got {jt.to_java_string(text)}")
    try:
        return json.loads(text)
    except ValueError:
        literal = _BARE_LITERAL.match(text.strip())
        if literal is not None:
            return literal.group(0)
        raise


_JS_ESCAPES = {
    "'": "\\'",
    '"': '\\"',
    "\\": "\\\\",
    "/": "\\/",
    "\b": "\\b",
    "\n": "\\n",
    "\t": "\\t",
    "\f": "\\f",
    "\r": "\\r",
}


def _escape_js_char(char: str) -> str:
    escaped = _JS_ESCAPES.get(char)
    if escaped is not None:
        return escaped
    code = ord(char)
    if code < 32 or code > 0x7E:
        if code > 0xFFFF:
            high, low = divmod(code - 0x10000, 0x400)
            return f"\\u{0xD800 + high:04X}\\u{0xDC00 + low:04X}"
        return f"\\u{code:04X}"
    return char


_ULID_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_KSUID_EPOCH = 1400000000


class LogUtil:
    """`$util.log.info/error`: into the field's logs when field logging is on (as AppSync
    writes them to CloudWatch), else to this module's logger."""

    vtl_name = "$util.log"

    def info(self, message: Any, *args: Any) -> str:
        trace = active_trace()
        if trace is None:
            LOG.info("%s", _log_text(message, args))
        else:
            trace.message("INFO", _log_text(message, args))
        return jt.VOID

    def error(self, message: Any, *args: Any) -> str:
        trace = active_trace()
        if trace is None:
            LOG.error("%s", _log_text(message, args))
        else:
            trace.message("ERROR", _log_text(message, args))
        return jt.VOID


def _log_text(message: Any, args: tuple[Any, ...]) -> str:
    return " ".join(jt.to_java_string(part) for part in (message, *args))


class CoreUtil:
    """The methods directly on `$util`; one instance per render (it collects appended errors)."""

    vtl_name = "$util"

    def __init__(self, context: Mapping[str, Any] | None = None) -> None:
        self.errors: list[ResolverError] = []
        self._context = context

    # -- output helpers
    def qr(self, _value: Any) -> str:
        """Evaluates its argument and prints nothing (`$util.qr($map.put(...))`)."""
        return jt.VOID

    def quiet(self, _value: Any) -> str:
        return jt.VOID

    # -- JSON and ids
    def toJson(self, value: Any) -> str:
        return to_json(value)

    def parseJson(self, text: Any) -> Any:
        return from_json(text)

    def autoId(self) -> str:
        return environment.current().auto_id()

    def autoUlid(self) -> str:
        millis = int(environment.current().now().timestamp() * 1000)
        value = (millis << 80) | int.from_bytes(os.urandom(10), "big")
        return "".join(_ULID_ALPHABET[(value >> shift) & 31] for shift in range(125, -1, -5))

    def autoKsuid(self) -> str:
        seconds = int(environment.current().now().timestamp()) - _KSUID_EPOCH
        value = int.from_bytes(seconds.to_bytes(4, "big") + os.urandom(16), "big")
        digits = []
        while value:
            value, digit = divmod(value, 62)
            digits.append(_BASE62[digit])
        return "".join(reversed(digits)).rjust(27, "0")

    # -- encodings
    def escapeJavaScript(self, text: str) -> str:
        return "".join(_escape_js_char(char) for char in text)

    def urlEncode(self, text: str) -> str:
        return quote_plus(text, safe="*", encoding="utf-8").replace("~", "%7E")

    def urlDecode(self, text: str) -> str:
        return unquote_plus(text, encoding="utf-8")

    def base64Encode(self, text: str) -> str:
        return base64.b64encode(text.encode("utf-8")).decode("ascii")

    def base64Decode(self, text: str) -> str:
        return base64.b64decode(text).decode("utf-8")

    # -- errors
    def error(
        self, message: Any, error_type: Any = None, data: Any = None, error_info: Any = None
    ) -> str:
        """Ends the template with a field error (AppSync `$util.error`).

        :raises ResolverError: always.
        """
        raise ResolverError(
            jt.to_java_string(message), error_type=error_type, data=data, error_info=error_info
        )

    def appendError(
        self, message: Any, error_type: Any = None, data: Any = None, error_info: Any = None
    ) -> str:
        """Adds a field error and carries on rendering."""
        self.errors.append(
            ResolverError(
                jt.to_java_string(message), error_type=error_type, data=data, error_info=error_info
            )
        )
        return jt.VOID

    def unauthorized(self) -> str:
        """:raises ResolverError: always, with errorType `Unauthorized`."""
        info = self._context.get("info") if self._context else None
        field = info.get("fieldName") if isinstance(info, Mapping) else None
        parent = info.get("parentTypeName") if isinstance(info, Mapping) else None
        raise ResolverError(
            f"Not Authorized to access {field} on type {parent}", error_type="Unauthorized"
        )

    def validate(
        self, condition: Any, message: Any, error_type: Any = None, data: Any = None
    ) -> str:
        """:raises ResolverError: when `condition` is false."""
        if not jt.truthy(condition):
            self.error(message, error_type, data)
        return jt.VOID

    # -- null checks
    def isNull(self, value: Any) -> bool:
        return value is None

    def isNullOrEmpty(self, value: Any) -> bool:
        if value is None:
            return True
        if isinstance(value, str | list | dict):
            return len(value) == 0
        return False

    def isNullOrBlank(self, value: Any) -> bool:
        if value is None:
            return True
        return isinstance(value, str) and value.strip() == ""

    def defaultIfNull(self, value: Any, default: Any) -> Any:
        return default if value is None else value

    def defaultIfNullOrEmpty(self, value: Any, default: Any) -> Any:
        return default if self.isNullOrEmpty(value) else value

    def defaultIfNullOrBlank(self, value: Any, default: Any) -> Any:
        return default if self.isNullOrBlank(value) else value

    # -- type checks
    def isString(self, value: Any) -> bool:
        return isinstance(value, str)

    def isNumber(self, value: Any) -> bool:
        return type(value) is int or type(value) is float

    def isBoolean(self, value: Any) -> bool:
        return type(value) is bool

    def isList(self, value: Any) -> bool:
        return isinstance(value, list | tuple)

    def isMap(self, value: Any) -> bool:
        return isinstance(value, dict)

    def typeOf(self, value: Any) -> str:
        if value is None:
            return "Null"
        if type(value) is bool:
            return "Boolean"
        if type(value) is int or type(value) is float:
            return "Number"
        if isinstance(value, str):
            return "String"
        if isinstance(value, dict):
            return "Map"
        if isinstance(value, list | tuple):
            return "List"
        return "Object"

    def matches(self, pattern: str, text: str) -> bool:
        return jt.java_regex(pattern).fullmatch(text) is not None

    def authType(self) -> str:
        """The request's auth mode as AppSync names it, read from `$ctx.identity`'s shape."""
        auth_type = str(getattr(self._context, "auth_type", "") or "")
        if auth_type:
            return _AUTH_TYPE_NAMES.get(auth_type, auth_type)
        identity = self._context.get("identity") if self._context else None
        if not isinstance(identity, Mapping):
            return _AUTH_TYPE_NAMES["API_KEY"]
        if "resolverContext" in identity:
            return _AUTH_TYPE_NAMES["AWS_LAMBDA"]
        if "claims" in identity:
            issuer = str(identity.get("issuer") or "")
            if issuer.startswith("https://cognito-idp.") or "cognito:username" in identity:
                return _AUTH_TYPE_NAMES["AMAZON_COGNITO_USER_POOLS"]
            return _AUTH_TYPE_NAMES["OPENID_CONNECT"]
        return _AUTH_TYPE_NAMES["AWS_IAM"]


_AUTH_TYPE_NAMES = {
    "API_KEY": "API Key Authorization",
    "AWS_IAM": "IAM Authorization",
    "AMAZON_COGNITO_USER_POOLS": "User Pool Authorization",
    "OPENID_CONNECT": "Open ID Connect Authorization",
    "AWS_LAMBDA": "Lambda Authorization",
}
