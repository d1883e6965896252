"""`$util.str.*`: case, replacement and Unicode normalization."""

from __future__ import annotations

import unicodedata
from typing import Any, Literal

__all__ = ["StrUtil"]

_FORMS: dict[str, Literal["NFC", "NFD", "NFKC", "NFKD"]] = {
    "nfc": "NFC",
    "nfd": "NFD",
    "nfkc": "NFKC",
    "nfkd": "NFKD",
}


class StrUtil:
    """`$util.str`."""

    vtl_name = "$util.str"

    def toUpper(self, text: str) -> str:
        return text.upper()

    def toLower(self, text: str) -> str:
        return text.lower()

    def toReplace(self, text: str, target: str, replacement: str) -> str:
        return text.replace(target, replacement)

    def normalize(self, text: str, form: Any) -> str:
        """:raises ValueError: `form` is not one of nfc, nfd, nfkc, nfkd."""
        normal = _FORMS.get(str(form).lower())
        if normal is None:
            raise ValueError(f"unknown normalization form {form!r} (nfc, nfd, nfkc, nfkd)")
        return unicodedata.normalize(normal, text)
