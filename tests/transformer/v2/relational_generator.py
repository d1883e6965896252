"""Seeded random schemas of related @model types for the v2 golden suite (`rel-gen-<seed>`).

    python -m tests.transformer.v2.relational_generator FIRST_SEED LAST_SEED
    python -m tests.transformer.v2.regen_golden rel-gen-1 ... rel-gen-12

Each schema has 3-5 models with an `id`, a custom or a composite primary key (one or two sort
key fields), and 2-5 relations drawn from: implicit @hasMany / @hasOne, each with or without
its @belongsTo, @manyToMany, `references` pairs (@hasMany or @hasOne with @belongsTo) and
@hasMany over a named @index (with or without a sort key). One seed in three runs with
`respectPrimaryKeyAttributesOnConnectionField: false`. The oracle's build of each is the
expected output, like any other case; this module only writes the inputs.
"""

from __future__ import annotations

import json
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent / "golden"
_NAMES = [
    "Blog",
    "Post",
    "Comment",
    "Author",
    "Tag",
    "Team",
    "Member",
    "Project",
    "Task",
    "Owner",
    "Order",
    "Item",
    "Shelf",
    "Book",
]
_KINDS = ("id", "id", "custom", "composite1", "composite2")
_RELATIONS = (
    "hasMany",
    "hasOne",
    "hasManyBelongsTo",
    "hasOneBelongsTo",
    "manyToMany",
    "referencesMany",
    "referencesOne",
    "hasManyIndex",
)


@dataclass
class _Model:
    key: list[str]
    fields: list[str] = field(default_factory=list)


def _model(rng: random.Random) -> _Model:
    kind = rng.choice(_KINDS)
    if kind == "id":
        return _Model(["id"], ["  id: ID!"])
    if kind == "custom":
        return _Model(["code"], ["  code: String! @primaryKey"])
    if kind == "composite1":
        return _Model(
            ["code", "rank"],
            ['  code: String! @primaryKey(sortKeyFields: ["rank"])', "  rank: Int!"],
        )
    return _Model(
        ["code", "region", "zone"],
        [
            '  code: String! @primaryKey(sortKeyFields: ["region", "zone"])',
            "  region: String!",
            "  zone: String!",
        ],
    )


def _key_type(key_field: str) -> str:
    return {"id": "ID", "rank": "Int"}.get(key_field, "String")


def schema(seed: int) -> str:
    """The schema of case `rel-gen-<seed>`."""
    rng = random.Random(seed)
    names = rng.sample(_NAMES, rng.randint(3, 5))
    models = {name: _model(rng) for name in names}
    for model in models.values():
        model.fields.append("  title: String")
    for i in range(rng.randint(2, 5)):
        a, b = rng.sample(names, 2)
        kind = rng.choice(_RELATIONS)
        parent, child = models[a], models[b]
        to_child, to_parent = f"{b.lower()}Rel{i}", f"{a.lower()}Rel{i}"
        if kind in ("hasMany", "hasManyBelongsTo"):
            parent.fields.append(f"  {to_child}s: [{b}] @hasMany")
        if kind in ("hasOne", "hasOneBelongsTo"):
            parent.fields.append(f"  {to_child}: {b} @hasOne")
        if kind in ("hasManyBelongsTo", "hasOneBelongsTo"):
            child.fields.append(f"  {to_parent}: {a} @belongsTo")
        if kind == "manyToMany":
            relation = f'relationName: "{a}{b}Link{i}"'
            parent.fields.append(f"  {to_child}s: [{b}] @manyToMany({relation})")
            child.fields.append(f"  {to_parent}s: [{a}] @manyToMany({relation})")
        if kind in ("referencesMany", "referencesOne"):
            references = [f"{a.lower()}{k.capitalize()}{i}" for k in parent.key]
            for key_field, reference in zip(parent.key, references, strict=True):
                child.fields.append(f"  {reference}: {_key_type(key_field)}")
            listed = ", ".join(f'"{r}"' for r in references)
            if kind == "referencesMany":
                parent.fields.append(f"  {to_child}s: [{b}] @hasMany(references: [{listed}])")
            else:
                parent.fields.append(f"  {to_child}: {b} @hasOne(references: [{listed}])")
            child.fields.append(f"  {to_parent}: {a} @belongsTo(references: [{listed}])")
        if kind == "hasManyIndex":
            index, key = f"by{a}{i}", f"{a.lower()}Key{i}"
            sort = rng.choice([False, True])
            sort_argument = f', sortKeyFields: ["{key}Sort"]' if sort else ""
            child.fields.append(
                f'  {key}: {_key_type(parent.key[0])} @index(name: "{index}"{sort_argument})'
            )
            if sort:
                child.fields.append(f"  {key}Sort: String")
            parent.fields.append(
                f'  {to_child}s: [{b}] @hasMany(indexName: "{index}", fields: ["{parent.key[0]}"])'
            )
    return "\n".join(
        f"type {name} @model {{\n" + "\n".join(model.fields) + "\n}\n"
        for name, model in models.items()
    )


def write_case(seed: int, golden: Path = GOLDEN) -> str:
    name = f"rel-gen-{seed}"
    folder = golden / name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "schema.graphql").write_text(schema(seed), encoding="utf-8")
    options = {
        "authModes": ["apiKey"],
        "transformParameters": {"respectPrimaryKeyAttributesOnConnectionField": seed % 3 != 0},
        "line": "gen1",
    }
    (folder / "options.json").write_text(json.dumps(options, indent=2) + "\n", encoding="utf-8")
    return name


def main(argv: list[str]) -> int:
    first, last = int(argv[0]), int(argv[1])
    for seed in range(first, last + 1):
        print(write_case(seed))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
