"""Seeded random v2 schemas for the golden suite (`regen_golden.py --generate N`).

Each seed gives the same schema every time: 1-4 @model types with random scalar, enum, list
and non-model fields, random @model arguments (renamed or disabled operations, timestamps,
subscription levels), an optional @primaryKey (with 0-2 sort key fields), 0-2 @index
(named or not, with or without sortKeyFields / queryField), @default values that fit the
field type, and random auth modes. Only directives transformer/v2 implements are used, so a
mismatch is a transformer bug, not a missing feature.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

__all__ = ["generate_schema", "write_generated_cases"]

_SCALARS = ["String", "Int", "Float", "Boolean", "AWSDateTime", "AWSDate", "AWSJSON", "ID"]
_KEY_SCALARS = ["String", "Int", "Float", "AWSDateTime", "ID"]
_DEFAULTS = {
    "String": '"hello"',
    "Int": '"42"',
    "Float": '"1.5"',
    "Boolean": '"true"',
    "AWSDateTime": '"2024-01-01T00:00:00.000Z"',
    "AWSDate": '"2024-02-29"',
    "AWSJSON": '"{\\"a\\": 1}"',
    "ID": '"id-1"',
}
_AUTH_MODES = [["apiKey"], ["userPools", "apiKey"], ["iam"], ["apiKey", "iam", "userPools"]]
_WORDS = ["alpha", "beta", "gamma", "delta", "omega", "kappa", "sigma", "theta", "zeta"]


def _model_arguments(rng: random.Random, name: str) -> str:
    parts: list[str] = []
    roll = rng.random()
    if roll < 0.15:
        parts.append(f'queries: {{ get: "fetch{name}" }}')
    elif roll < 0.25:
        parts.append("queries: null")
    roll = rng.random()
    if roll < 0.15:
        parts.append(f'mutations: {{ create: "make{name}", update: "edit{name}", delete: null }}')
    elif roll < 0.2:
        parts.append("mutations: null")
    roll = rng.random()
    if roll < 0.1:
        parts.append("subscriptions: null")
    elif roll < 0.2:
        parts.append("subscriptions: { level: public }")
    elif roll < 0.3:
        parts.append("subscriptions: { level: off }")
    roll = rng.random()
    if roll < 0.1:
        parts.append("timestamps: null")
    elif roll < 0.2:
        parts.append('timestamps: { createdAt: "born", updatedAt: "touched" }')
    return f"({', '.join(parts)})" if parts else ""


def generate_schema(seed: int) -> tuple[str, list[str]]:
    """(schema text, auth modes) for `seed`."""
    rng = random.Random(seed)
    enums: list[str] = []
    blocks: list[str] = []
    if rng.random() < 0.6:
        enums.append("Kind")
        values = rng.sample(["SMALL", "MEDIUM", "LARGE", "HUGE"], rng.randint(2, 4))
        blocks.append("enum Kind {\n" + "".join(f"  {v}\n" for v in values) + "}")
    non_model = rng.random() < 0.5
    if non_model:
        blocks.append("type Detail {\n  note: String\n  score: Int!\n  tags: [String]\n}")
    for index in range(rng.randint(1, 4)):
        name = f"{rng.choice(_WORDS).capitalize()}{index}"
        fields: list[tuple[str, str, bool]] = []  # (name, type, is key-capable)
        has_id = rng.random() < 0.8
        pk_fields: list[str] = []
        lines: list[str] = []
        if has_id:
            lines.append("  id: ID!")
        for field_index in range(rng.randint(1, 6)):
            field_name = f"{rng.choice(_WORDS)}{field_index}"
            roll = rng.random()
            if roll < 0.6:
                scalar = rng.choice(_SCALARS)
                required = rng.random() < 0.4
                fields.append((field_name, scalar, True))
                lines.append(f"  {field_name}: {scalar}{'!' if required else ''}")
            elif roll < 0.75 and enums:
                fields.append((field_name, "Kind", True))
                lines.append(f"  {field_name}: Kind")
            elif roll < 0.85:
                scalar = rng.choice(["String", "Int", *enums])
                lines.append(f"  {field_name}: [{scalar}{'!' if rng.random() < 0.5 else ''}]")
            elif non_model:
                lines.append(f"  {field_name}: Detail")
            else:
                lines.append(f"  {field_name}: String")
        key_capable = [(n, t) for n, t, ok in fields if ok and t in (*_KEY_SCALARS, "Kind")]
        # @primaryKey on a new non-null field (and sort keys among new non-null fields)
        if rng.random() < 0.4:
            pk = f"pk{index}"
            sort_count = rng.randint(0, 2)
            sort_names = [f"sk{index}x{s}" for s in range(sort_count)]
            sort_arg = (
                f"(sortKeyFields: [{', '.join(json.dumps(s) for s in sort_names)}])"
                if sort_names
                else ""
            )
            lines.append(f"  {pk}: {rng.choice(['ID', 'String'])}! @primaryKey{sort_arg}")
            for sort_name in sort_names:
                lines.append(f"  {sort_name}: {rng.choice(['String', 'Int', 'AWSDateTime'])}!")
            pk_fields = [pk, *sort_names]
        # @index on key-capable fields
        for index_number in range(rng.randint(0, 2)):
            if not key_capable:
                break
            hash_name, _ = rng.choice(key_capable)
            others = [n for n, _ in key_capable if n != hash_name and n not in pk_fields]
            args: list[str] = []
            if rng.random() < 0.7:
                args.append(f'name: "by{hash_name.capitalize()}{index_number}"')
            if others and rng.random() < 0.5:
                args.append(f'sortKeyFields: ["{rng.choice(others)}"]')
            if rng.random() < 0.4:
                args.append(f'queryField: "q{name}{index_number}"')
            directive = f"@index({', '.join(args)})" if args else "@index"
            for position, line in enumerate(lines):
                if line.startswith(f"  {hash_name}:") and "@index" not in line:
                    lines[position] = f"{line} {directive}"
                    break
        # @default on scalar fields without other directives
        for position, line in enumerate(lines):
            field_name, _, rest = line.strip().partition(": ")
            base = rest.split(" ")[0].rstrip("!")
            if "@" in rest or field_name == "id" or base not in _DEFAULTS:
                continue
            if rng.random() < 0.25:
                lines[position] = f"{line} @default(value: {_DEFAULTS[base]})"
        blocks.append(
            f"type {name} @model{_model_arguments(rng, name)} {{\n" + "\n".join(lines) + "\n}"
        )
    return "\n\n".join(blocks) + "\n", rng.choice(_AUTH_MODES)


def write_generated_cases(golden: Path, count: int, first_seed: int = 1) -> list[str]:
    """Write `generated-<seed>` case folders (schema.graphql + options.json); their names."""
    names = []
    for seed in range(first_seed, first_seed + count):
        schema, modes = generate_schema(seed)
        folder = golden / f"generated-{seed:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "schema.graphql").write_text(schema, encoding="utf-8")
        options: dict[str, Any] = {"authModes": modes, "line": "gen1"}
        (folder / "options.json").write_text(json.dumps(options, indent=2) + "\n")
        names.append(folder.name)
    return names
