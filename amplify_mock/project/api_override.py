"""What an API's `override.ts` changes, read from its text, for the warning that it is not applied.

The Gen 1 CLI compiles `amplify/backend/api/<api>/override.ts` and runs its
`override(resources)` on the CDK constructs of the v2 stacks before synthesis. The mock does not
run it (that needs the CLI's construct tree under Node); it names, line by line, each assignment
to `resources...` and each CDK escape hatch (`addOverride`, `addPropertyOverride`,
`addDeletionOverride`) it finds, and says whether the local API would differ:

- no local effect: deployment settings the mock has no counterpart for (billing mode and
  throughput, point-in-time recovery, encryption, X-Ray, logging, API key expiry, tags);
- changes what the mock serves: everything else (resolvers, functions, data sources, table keys
  and indexes, the API's auth settings, anything not recognised).

Not emulated: applying any of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

__all__ = ["OverrideChange", "describe_override", "read_override"]

_NAME = r"[A-Za-z_$][\w$]*"
_STEP = rf"(?:\??\.{_NAME}|\[\s*(?:'[^']*'|\"[^\"]*\"|`[^`]*`|\d+)\s*\])"
_SIGNATURE = re.compile(rf"function\s+override\s*\(\s*({_NAME})")
_NO_LOCAL_EFFECT = frozenset(
    {
        "billingmode",
        "provisionedthroughput",
        "pointintimerecoveryspecification",
        "ssespecification",
        "xrayenabled",
        "logconfig",
        "expires",
        "description",
        "tags",
        "deletionprotectionenabled",
        "tableclass",
        "contributorinsightsspecification",
    }
)


@dataclass(frozen=True)
class OverrideChange:
    line: int
    target: str
    local_effect: bool

    def describe(self) -> str:
        effect = "changes what the mock serves" if self.local_effect else "no local effect"
        return f"line {self.line}: {self.target} ({effect})"


def _words(target: str) -> list[str]:
    return [w.lower() for w in re.findall(r"[A-Za-z_$][\w$]*", target)]


def read_override(text: str) -> list[OverrideChange]:
    """The assignments and escape-hatch calls on the `override` function's parameter."""
    signature = _SIGNATURE.search(text)
    root = signature.group(1) if signature else "resources"
    pattern = re.compile(
        rf"\b{re.escape(root)}(?:\s*{_STEP})+(?:\s*=(?![=>])|\s*\.\s*"
        r"(?:addOverride|addPropertyOverride|addDeletionOverride|addPropertyDeletionOverride)\s*\()"
    )
    changes: list[OverrideChange] = []
    for match in pattern.finditer(text):
        target = re.sub(r"\s+", "", match.group(0)).rstrip("=(")
        line = text.count("\n", 0, match.start()) + 1
        words = _words(target)
        hatch = words[-1].startswith("add") and "override" in words[-1]
        props = words[:-1] if hatch else words
        local = not (props and props[-1] in _NO_LOCAL_EFFECT)
        if hatch:
            argument = text[match.end() : match.end() + 200].split(",", 1)[0].split(")")[0]
            target = f"{target}({argument.strip()})"
            local = not any(w in _NO_LOCAL_EFFECT for w in _words(argument))
        changes.append(OverrideChange(line, target, local))
    return changes


def describe_override(path: Path, relative_to: Path | None = None) -> str:
    """The one warning line for an `override.ts` the mock does not apply."""
    shown = path.relative_to(relative_to) if relative_to is not None else path
    try:
        changes = read_override(path.read_text(encoding="utf-8", errors="replace"))
    except OSError as err:
        return f"{shown} is not applied (unreadable: {err.strerror})"
    if not changes:
        return (
            f"{shown} is not applied by the mock (overrides of the v2 API resources are not "
            "emulated); it assigns nothing to the API's resources"
        )
    serving = sum(1 for c in changes if c.local_effect)
    details = "; ".join(c.describe() for c in changes)
    return (
        f"{shown} is not applied by the mock (overrides of the v2 API resources are not "
        f"emulated): {len(changes)} change(s), {serving} of them change what the mock serves: "
        f"{details}"
    )
