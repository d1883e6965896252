"""Seeded generator of DynamoDB operations (wire JSON) for the differential harness.

One seed gives a fixed sequence: CreateTable of two tables (hash/range keys of S/N/B, GSIs and
LSIs with ALL, KEYS_ONLY and INCLUDE projections), then item writes with every update action,
conditions, queries (Select, Limit, ExclusiveStartKey, filters), scans, batches, transactions,
table operations and invalid inputs. Small value domains make keys collide, so conditions,
overwrites and pagination are exercised on real data.
"""

from __future__ import annotations

import base64
import json
import random
from typing import Any

__all__ = ["Generator", "operations"]

Op = tuple[str, dict[str, Any]]

_PROJECTIONS = ("ALL", "KEYS_ONLY", "INCLUDE")
_PLAIN = ("a", "b", "c", "d", "size", "m", "l", "ss", "ns", "bo", "nu", "bs")
_NUMBERS = ("1", "2", "3", "10", "1000", "1E+3", "-0.5", "0", "7.50", "100")
_STRINGS = ("a", "b", "ab", "abc", "b\u00e9", "z", "\U0001f600x", "A")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


_BINARIES = tuple(_b64(b) for b in (b"\x00", b"\x01", b"\x00\x01", b"\xff", b"ab", b"\x80\x00"))


class Generator:
    """The operations of one seed; `tables` tracks the schemas it created."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.seed = seed
        self.tables: dict[str, dict[str, Any]] = {}

    # -- values ------------------------------------------------------------------------------
    def scalar(self, tag: str) -> dict[str, Any]:
        rng = self.rng
        if tag == "S":
            return {"S": rng.choice(_STRINGS)}
        if tag == "N":
            return {"N": rng.choice(_NUMBERS)}
        return {"B": rng.choice(_BINARIES)}

    def value(self, depth: int = 0) -> dict[str, Any]:
        rng = self.rng
        kind = rng.choice(
            ["S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS"]
            if depth < 2
            else ["S", "N", "B", "BOOL", "NULL"]
        )
        if kind in ("S", "N", "B"):
            return self.scalar(kind)
        if kind == "BOOL":
            return {"BOOL": rng.random() < 0.5}
        if kind == "NULL":
            return {"NULL": True}
        if kind == "M":
            names = rng.sample(["x", "y", "z", "size"], rng.randrange(0, 4))
            return {"M": {n: self.value(depth + 1) for n in names}}
        if kind == "L":
            return {"L": [self.value(depth + 1) for _ in range(rng.randrange(0, 4))]}
        if kind == "SS":
            return {"SS": rng.sample(list(_STRINGS[:6]), rng.randrange(1, 4))}
        if kind == "NS":
            return {"NS": rng.sample(["1", "2", "3", "10", "-0.5"], rng.randrange(1, 4))}
        return {"BS": rng.sample(list(_BINARIES[:4]), rng.randrange(1, 3))}

    def attr_value(self, name: str) -> dict[str, Any]:
        """A value for a non-key attribute: mostly its usual type, sometimes anything."""
        rng = self.rng
        if rng.random() < 0.2:
            return self.value()
        usual = {
            "a": lambda: self.scalar("N"),
            "b": lambda: self.scalar("S"),
            "c": lambda: self.scalar("B"),
            "d": lambda: self.scalar(rng.choice("SN")),
            "size": lambda: self.scalar("N"),
            "m": lambda: {"M": {"x": self.scalar("N"), "y": {"L": [self.scalar("S")]}}},
            "l": lambda: {"L": [self.scalar("N") for _ in range(rng.randrange(0, 4))]},
            "ss": lambda: {"SS": rng.sample(list(_STRINGS[:5]), rng.randrange(1, 4))},
            "ns": lambda: {"NS": rng.sample(["1", "2", "3", "10"], rng.randrange(1, 3))},
            "bs": lambda: {"BS": rng.sample(list(_BINARIES[:4]), rng.randrange(1, 3))},
            "bo": lambda: {"BOOL": rng.random() < 0.5},
            "nu": lambda: {"NULL": True},
        }
        return usual[name]() if name in usual else self.value()

    # -- tables ------------------------------------------------------------------------------
    def create_table(self, name: str) -> Op:
        rng = self.rng
        types = {"pk": rng.choice("SNB")}
        key = [{"AttributeName": "pk", "KeyType": "HASH"}]
        if rng.random() < 0.75:
            types["sk"] = rng.choice("SNB")
            key.append({"AttributeName": "sk", "KeyType": "RANGE"})
        params: dict[str, Any] = {"TableName": name, "KeySchema": key}
        gsis = []
        for i in range(rng.randrange(0, 3)):
            hash_name, range_name = f"g{i}h", f"g{i}r"
            types.setdefault(hash_name, rng.choice("SNB"))
            schema = [{"AttributeName": hash_name, "KeyType": "HASH"}]
            if rng.random() < 0.7:
                types.setdefault(range_name, rng.choice("SNB"))
                schema.append({"AttributeName": range_name, "KeyType": "RANGE"})
            gsis.append({"IndexName": f"gsi{i}", "KeySchema": schema, **self.projection()})
        lsis = []
        if "sk" in types:
            for i in range(rng.randrange(0, 3)):
                range_name = f"l{i}r"
                types[range_name] = rng.choice("SNB")
                lsis.append(
                    {
                        "IndexName": f"lsi{i}",
                        "KeySchema": [
                            {"AttributeName": "pk", "KeyType": "HASH"},
                            {"AttributeName": range_name, "KeyType": "RANGE"},
                        ],
                        **self.projection(),
                    }
                )
        params["AttributeDefinitions"] = [
            {"AttributeName": n, "AttributeType": t} for n, t in types.items()
        ]
        if gsis:
            params["GlobalSecondaryIndexes"] = gsis
        if lsis:
            params["LocalSecondaryIndexes"] = lsis
        params["BillingMode"] = "PAY_PER_REQUEST"
        self.tables[name] = {"types": types, "gsis": gsis, "lsis": lsis}
        return "CreateTable", params

    def projection(self) -> dict[str, Any]:
        kind = self.rng.choice(_PROJECTIONS)
        if kind == "INCLUDE":
            attrs = self.rng.sample(["a", "b", "m", "ss"], self.rng.randrange(1, 3))
            return {"Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": attrs}}
        return {"Projection": {"ProjectionType": kind}}

    def table(self) -> tuple[str, dict[str, Any]]:
        name = self.rng.choice(sorted(self.tables))
        return name, self.tables[name]

    # -- keys and items ----------------------------------------------------------------------
    def key(self, info: dict[str, Any]) -> dict[str, Any]:
        key = {"pk": self.key_value(info["types"]["pk"])}
        if "sk" in info["types"]:
            key["sk"] = self.key_value(info["types"]["sk"])
        return key

    def key_value(self, tag: str) -> dict[str, Any]:
        rng = self.rng
        if tag == "S":
            return {"S": rng.choice(["a", "b", "c", "ab", "\u00e9"])}
        if tag == "N":
            return {"N": rng.choice(["1", "2", "3", "1000", "1E+3", "-1", "2.5"])}
        return {"B": rng.choice(_BINARIES[:4])}

    def item(self, info: dict[str, Any]) -> dict[str, Any]:
        rng = self.rng
        item = self.key(info)
        for name, tag in info["types"].items():
            if name not in item and rng.random() < 0.7:
                item[name] = self.key_value(tag) if rng.random() < 0.9 else self.value()
        for name in rng.sample(_PLAIN, rng.randrange(0, 6)):
            item[name] = self.attr_value(name)
        return item

    def bad_key(self, info: dict[str, Any]) -> dict[str, Any]:
        """A key DynamoDB rejects: missing/extra/wrongly typed parts, empty, unnormalised."""
        rng = self.rng
        key = self.key(info)
        kind = rng.randrange(8)
        tag = info["types"]["pk"]
        if kind == 0:
            key.pop("pk")
        elif kind == 1:
            key["a"] = {"N": "1"}
        elif kind == 2:
            key["pk"] = {"S": "x"} if tag != "S" else {"N": "1"}
        elif kind == 3:
            key["pk"] = {tag: ""} if tag != "N" else {"N": " 1"}
        elif kind == 4:
            key["pk"] = {"S": "p" * 2049} if tag == "S" else {tag: "x" * 3000}
        elif kind == 5 and "sk" in key:
            key["sk"] = {"S": "s" * 1025}
        elif kind == 6:
            key["pk"] = {"SS": ["a"]}
        else:
            key["pk"] = {tag: {"S": "x"}}
        return key

    # -- expressions -------------------------------------------------------------------------
    def path(self, names: dict[str, str], info: dict[str, Any]) -> str:
        rng = self.rng
        pool = list(_PLAIN) + sorted(info["types"])
        name = rng.choice(pool)
        text = name
        if name == "size" or rng.random() < 0.2:
            placeholder = f"#n{len(names)}"
            names[placeholder] = name
            text = placeholder
            if name == "size" and rng.random() < 0.3:
                text = "size"  # the function name used as an attribute name
                names.pop(placeholder)
        roll = rng.random()
        if name == "m" and roll < 0.6:
            text += "." + rng.choice(["x", "y", "z"])
            if rng.random() < 0.3:
                text += "[0]"
        elif name == "l" and roll < 0.6:
            text += f"[{rng.randrange(0, 4)}]"
        return text

    def placeholder_value(self, values: dict[str, Any], value: dict[str, Any]) -> str:
        key = f":v{len(values)}"
        values[key] = value
        return key

    def operand(self, values: dict[str, Any], names: dict[str, str], info: dict[str, Any]) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.25:
            return self.path(names, info)
        if roll < 0.35:
            return f"size({self.path(names, info)})"
        if roll < 0.8:
            return self.placeholder_value(values, self.scalar(rng.choice("SNNB")))
        return self.placeholder_value(values, self.value())

    def condition(
        self,
        values: dict[str, Any],
        names: dict[str, str],
        info: dict[str, Any],
        depth: int = 0,
    ) -> str:
        rng = self.rng
        roll = rng.random()
        if depth < 2 and roll < 0.25:
            joiner = rng.choice([" AND ", " OR "])
            left = self.condition(values, names, info, depth + 1)
            right = self.condition(values, names, info, depth + 1)
            text = left + joiner + right
            return f"({text})" if rng.random() < 0.3 else text
        if depth < 2 and roll < 0.32:
            return "NOT " + self.condition(values, names, info, depth + 1)
        if roll < 0.35:
            inner = self.condition(values, names, info, depth + 2)
            return self.balanced_parens(inner)
        kind = rng.randrange(9)
        if kind == 0:
            op = rng.choice(["=", "<>", "<", "<=", ">", ">="])
            return f"{self.operand(values, names, info)} {op} {self.operand(values, names, info)}"
        if kind == 1:
            low, high = self.scalar(rng.choice("SNNB")), self.scalar("N")
            if rng.random() < 0.7:
                high = self.scalar(next(iter(low)))
            if rng.random() < 0.1:
                low = self.value()
            return (
                f"{self.path(names, info)} BETWEEN {self.placeholder_value(values, low)} "
                f"AND {self.placeholder_value(values, high)}"
            )
        if kind == 2:
            options = ", ".join(
                self.placeholder_value(values, self.scalar(rng.choice("SNB")))
                for _ in range(rng.randrange(1, 4))
            )
            return f"{self.path(names, info)} IN ({options})"
        if kind == 3:
            return f"attribute_exists({self.path(names, info)})"
        if kind == 4:
            return f"attribute_not_exists({self.path(names, info)})"
        if kind == 5:
            tag = rng.choice(["S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS", "X", "s"])
            return (
                f"attribute_type({self.path(names, info)}, "
                f"{self.placeholder_value(values, {'S': tag})})"
            )
        if kind == 6:
            prefix = self.scalar(rng.choice("SSB")) if rng.random() < 0.9 else self.value()
            return (
                f"begins_with({self.path(names, info)}, {self.placeholder_value(values, prefix)})"
            )
        if kind == 7:
            what = self.scalar(rng.choice("SNB")) if rng.random() < 0.8 else self.value()
            return f"contains({self.path(names, info)}, {self.placeholder_value(values, what)})"
        op = rng.choice(["=", "<", ">=", "<>"])
        return (
            f"size({self.path(names, info)}) {op} "
            f"{self.placeholder_value(values, self.scalar('N' if rng.random() < 0.9 else 'S'))}"
        )

    def balanced_parens(self, text: str) -> str:
        count = self.rng.randrange(1, 4)
        return "(" * count + text + ")" * count

    def update(self, values: dict[str, Any], names: dict[str, str], info: dict[str, Any]) -> str:
        rng = self.rng
        clauses: dict[str, list[str]] = {}
        targets: set[str] = set()
        for _ in range(rng.randrange(1, 4)):
            action = rng.choice(["SET", "SET", "SET", "REMOVE", "ADD", "DELETE"])
            target = self.path(names, info) if rng.random() < 0.9 else rng.choice(["pk", "sk"])
            if target in targets and rng.random() < 0.8:
                continue  # overlapping paths stay, but rarer
            targets.add(target)
            index_key = info["types"].get(names.get(target, target))
            if index_key and target not in ("pk", "sk"):
                # DynamoDB Local lets an update give an index key attribute another type (the
                # service rejects it: "Type mismatch for Index Key"); only well-typed values.
                value = self.placeholder_value(values, self.key_value(index_key))
                if action in ("SET", "REMOVE"):
                    clauses.setdefault(action, []).append(
                        f"{target} = {value}" if action == "SET" else target
                    )
                else:
                    values.pop(value)
                continue
            if action == "SET":
                roll = rng.random()
                if roll < 0.4:
                    expr = self.placeholder_value(values, self.attr_value(rng.choice(_PLAIN)))
                elif roll < 0.55:
                    expr = (
                        f"{self.path(names, info)} {rng.choice('+-')} "
                        f"{self.placeholder_value(values, self.scalar('N'))}"
                    )
                elif roll < 0.7:
                    expr = (
                        f"if_not_exists({self.path(names, info)}, "
                        f"{self.placeholder_value(values, self.attr_value('a'))})"
                    )
                elif roll < 0.85:
                    listed = {"L": [self.scalar("N")]} if rng.random() < 0.85 else self.value()
                    first, second = "l", self.placeholder_value(values, listed)
                    if rng.random() < 0.5:
                        first, second = second, first
                    expr = f"list_append({first}, {second})"
                else:
                    expr = self.path(names, info)
                clauses.setdefault("SET", []).append(f"{target} = {expr}")
            elif action == "REMOVE":
                clauses.setdefault("REMOVE", []).append(target)
            else:
                roll = rng.random()
                if roll < 0.45:
                    operand = self.scalar("N") if action == "ADD" else {"SS": ["a", "b"]}
                elif roll < 0.8:
                    operand = rng.choice(
                        [{"SS": ["a", "zz"]}, {"NS": ["1", "5"]}, {"BS": [_BINARIES[0]]}]
                    )
                else:
                    operand = self.value()
                clauses.setdefault(action, []).append(
                    f"{target} {self.placeholder_value(values, operand)}"
                )
        return " ".join(f"{action} {', '.join(parts)}" for action, parts in clauses.items())

    def with_expressions(
        self, params: dict[str, Any], names: dict[str, str], values: dict[str, Any]
    ) -> dict[str, Any]:
        rng = self.rng
        if names:
            params["ExpressionAttributeNames"] = dict(names)
        if values:
            params["ExpressionAttributeValues"] = dict(values)
        if rng.random() < 0.03:
            params.setdefault("ExpressionAttributeValues", {})[":unused"] = {"S": "u"}
        if rng.random() < 0.02:
            params.setdefault("ExpressionAttributeNames", {})["#unused"] = "u"
        return params

    # -- operations --------------------------------------------------------------------------
    def put_item(self) -> Op:
        rng = self.rng
        name, info = self.table()
        params: dict[str, Any] = {"TableName": name, "Item": self.item(info)}
        names: dict[str, str] = {}
        values: dict[str, Any] = {}
        if rng.random() < 0.4:
            params["ConditionExpression"] = self.condition(values, names, info)
        if rng.random() < 0.4:
            params["ReturnValues"] = rng.choice(["ALL_OLD", "ALL_OLD", "NONE", "ALL_NEW"])
        if rng.random() < 0.1:
            params["ReturnValuesOnConditionCheckFailure"] = "ALL_OLD"
        return "PutItem", self.with_expressions(params, names, values)

    def update_item(self) -> Op:
        rng = self.rng
        name, info = self.table()
        params: dict[str, Any] = {"TableName": name, "Key": self.key(info)}
        names: dict[str, str] = {}
        values: dict[str, Any] = {}
        params["UpdateExpression"] = self.update(values, names, info)
        if rng.random() < 0.3:
            params["ConditionExpression"] = self.condition(values, names, info)
        params["ReturnValues"] = rng.choice(
            ["NONE", "ALL_OLD", "ALL_NEW", "UPDATED_OLD", "UPDATED_NEW"]
        )
        return "UpdateItem", self.with_expressions(params, names, values)

    def delete_item(self) -> Op:
        rng = self.rng
        name, info = self.table()
        params: dict[str, Any] = {"TableName": name, "Key": self.key(info)}
        names: dict[str, str] = {}
        values: dict[str, Any] = {}
        if rng.random() < 0.4:
            params["ConditionExpression"] = self.condition(values, names, info)
        if rng.random() < 0.5:
            params["ReturnValues"] = "ALL_OLD"
        return "DeleteItem", self.with_expressions(params, names, values)

    def get_item(self) -> Op:
        rng = self.rng
        name, info = self.table()
        params: dict[str, Any] = {"TableName": name, "Key": self.key(info)}
        names: dict[str, str] = {}
        if rng.random() < 0.4:
            params["ProjectionExpression"] = ", ".join(
                self.path(names, info) for _ in range(rng.randrange(1, 4))
            )
        if rng.random() < 0.2:
            params["ConsistentRead"] = True
        return "GetItem", self.with_expressions(params, names, {})

    def query(self) -> Op:
        rng = self.rng
        name, info = self.table()
        params: dict[str, Any] = {"TableName": name}
        names: dict[str, str] = {}
        values: dict[str, Any] = {}
        hash_name, range_name = "pk", "sk" if "sk" in info["types"] else None
        indexes = info["gsis"] + info["lsis"]
        index = None
        if indexes and rng.random() < 0.5:
            index = rng.choice(indexes)
            params["IndexName"] = index["IndexName"]
            schema = {k["KeyType"]: k["AttributeName"] for k in index["KeySchema"]}
            hash_name, range_name = schema["HASH"], schema.get("RANGE")
        types = info["types"]
        hash_value = self.key_value(types[hash_name])
        if rng.random() < 0.04:
            hash_value = {types[hash_name]: ""} if types[hash_name] != "N" else {"S": "x"}
        parts = [f"{hash_name} = {self.placeholder_value(values, hash_value)}"]
        if range_name and rng.random() < 0.6:
            tag = types[range_name]
            op = rng.choice(["=", "<", "<=", ">", ">=", "BETWEEN", "begins_with"])
            if op == "BETWEEN":
                low, high = self.key_value(tag), self.key_value(tag)
                parts.append(
                    f"{range_name} BETWEEN {self.placeholder_value(values, low)} AND "
                    f"{self.placeholder_value(values, high)}"
                )
            elif op == "begins_with":
                parts.append(
                    f"begins_with({range_name}, "
                    f"{self.placeholder_value(values, self.key_value(tag))})"
                )
            else:
                parts.append(
                    f"{range_name} {op} {self.placeholder_value(values, self.key_value(tag))}"
                )
        if len(parts) == 2 and rng.random() < 0.15:
            parts.reverse()
        params["KeyConditionExpression"] = " AND ".join(parts)
        if rng.random() < 0.35:
            params["FilterExpression"] = self.condition(values, names, info)
        roll = rng.random()
        if roll < 0.15:
            params["Select"] = rng.choice(
                ["ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES", "COUNT", "SPECIFIC_ATTRIBUTES"]
            )
        if rng.random() < 0.2:
            params["ProjectionExpression"] = ", ".join(
                self.path(names, info) for _ in range(rng.randrange(1, 3))
            )
        if rng.random() < 0.5:
            params["Limit"] = rng.randrange(1, 5)
        if rng.random() < 0.4:
            params["ScanIndexForward"] = False
        if rng.random() < 0.2:
            start = self.key(info)
            if index is not None:
                for k in index["KeySchema"]:
                    start[k["AttributeName"]] = self.key_value(types[k["AttributeName"]])
            if rng.random() < 0.6:
                start[hash_name] = hash_value
            params["ExclusiveStartKey"] = start
        return "Query", self.with_expressions(params, names, values)

    def scan(self) -> Op:
        rng = self.rng
        name, info = self.table()
        params: dict[str, Any] = {"TableName": name}
        names: dict[str, str] = {}
        values: dict[str, Any] = {}
        indexes = info["gsis"] + info["lsis"]
        if indexes and rng.random() < 0.3:
            params["IndexName"] = rng.choice(indexes)["IndexName"]
        if rng.random() < 0.6:
            params["FilterExpression"] = self.condition(values, names, info)
        if rng.random() < 0.2:
            params["ProjectionExpression"] = ", ".join(
                self.path(names, info) for _ in range(rng.randrange(1, 3))
            )
        if rng.random() < 0.15:
            params["Select"] = rng.choice(["COUNT", "ALL_PROJECTED_ATTRIBUTES"])
        if rng.random() < 0.2:
            params["Limit"] = rng.randrange(1, 6)
        return "Scan", self.with_expressions(params, names, values)

    def batch_write(self) -> Op:
        rng = self.rng
        name, info = self.table()
        requests = []
        for _ in range(rng.randrange(1, 6)):
            if rng.random() < 0.7:
                requests.append({"PutRequest": {"Item": self.item(info)}})
            else:
                requests.append({"DeleteRequest": {"Key": self.key(info)}})
        if rng.random() < 0.1:
            requests.append({"DeleteRequest": {"Key": self.bad_key(info)}})
        return "BatchWriteItem", {"RequestItems": {name: requests}}

    def batch_get(self) -> Op:
        rng = self.rng
        name, info = self.table()
        keys = [self.key(info) for _ in range(rng.randrange(1, 5))]
        request: dict[str, Any] = {"Keys": keys}
        if rng.random() < 0.3:
            names: dict[str, str] = {}
            request["ProjectionExpression"] = ", ".join(
                self.path(names, info) for _ in range(rng.randrange(1, 3))
            )
            if names:
                request["ExpressionAttributeNames"] = names
        return "BatchGetItem", {"RequestItems": {name: request}}

    def transact_write(self) -> Op:
        rng = self.rng
        actions = []
        for _ in range(rng.randrange(1, 4)):
            name, info = self.table()
            kind = rng.choice(["Put", "Update", "Delete", "ConditionCheck"])
            names: dict[str, str] = {}
            values: dict[str, Any] = {}
            action: dict[str, Any] = {"TableName": name}
            if kind == "Put":
                action["Item"] = self.item(info)
            else:
                action["Key"] = self.key(info) if rng.random() < 0.95 else self.bad_key(info)
            if kind == "Update":
                action["UpdateExpression"] = self.update(values, names, info)
            if kind == "ConditionCheck" or rng.random() < 0.5:
                action["ConditionExpression"] = self.condition(values, names, info)
            if rng.random() < 0.2:
                action["ReturnValuesOnConditionCheckFailure"] = "ALL_OLD"
            actions.append({kind: self.with_expressions(action, names, values)})
        return "TransactWriteItems", {"TransactItems": actions}

    def transact_get(self) -> Op:
        rng = self.rng
        actions = []
        for _ in range(rng.randrange(1, 4)):
            name, info = self.table()
            get: dict[str, Any] = {"TableName": name, "Key": self.key(info)}
            if rng.random() < 0.3:
                names: dict[str, str] = {}
                get["ProjectionExpression"] = self.path(names, info)
                if names:
                    get["ExpressionAttributeNames"] = names
            actions.append({"Get": get})
        return "TransactGetItems", {"TransactItems": actions}

    def table_operation(self) -> Op:
        rng = self.rng
        roll = rng.random()
        if roll < 0.3:
            name, _info = self.table()
            return "DescribeTable", {"TableName": name if rng.random() < 0.8 else "Missing"}
        if roll < 0.45:
            return "ListTables", {"Limit": rng.randrange(1, 4)} if rng.random() < 0.5 else {}
        op, params = self.create_table(f"Scratch{rng.randrange(3)}")
        self.tables.pop(params["TableName"])
        mutation = rng.randrange(9)
        if mutation == 0:
            params.pop("BillingMode")
        elif mutation == 1:
            params.pop("BillingMode")
            params["ProvisionedThroughput"] = {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}
        elif mutation == 2:
            params["AttributeDefinitions"].append({"AttributeName": "zz", "AttributeType": "S"})
        elif mutation == 3 and params.get("GlobalSecondaryIndexes"):
            params["GlobalSecondaryIndexes"][0]["IndexName"] = rng.choice(["ab", "x" * 256])
        elif mutation == 4:
            params["AttributeDefinitions"] = params["AttributeDefinitions"][:1]
        elif mutation == 5:
            params["KeySchema"] = list(reversed(params["KeySchema"]))
        if rng.random() < 0.5:
            return "DeleteTable", {"TableName": params["TableName"]}
        return op, params

    def invalid(self) -> Op:
        """A request with a wrong field type, a bad expression or an impossible value."""
        rng = self.rng
        name, info = self.table()
        kind = rng.randrange(16)
        if kind == 0:
            return "GetItem", {"TableName": name, "Key": self.bad_key(info)}
        if kind == 1:
            return "PutItem", {"TableName": name, "Item": {**self.item(info), **self.bad_key(info)}}
        if kind == 2:
            return "DeleteItem", {"TableName": name, "Key": self.bad_key(info)}
        if kind == 3:
            return "UpdateItem", {
                "TableName": name,
                "Key": self.bad_key(info),
                "UpdateExpression": "SET a = :v",
                "ExpressionAttributeValues": {":v": {"N": "1"}},
            }
        if kind == 4:
            return "GetItem", {"TableName": "Missing", "Key": self.key(info)}
        if kind == 5:
            nested: dict[str, Any] = {"S": "leaf"}
            for _ in range(rng.choice([31, 32, 33, 40])):
                nested = {"L": [nested]}
            return "PutItem", {"TableName": name, "Item": {**self.key(info), "deep": nested}}
        if kind == 6:
            expression = rng.choice(
                [
                    "a = ",
                    "a === :v",
                    "attribute_exists()",
                    "size(a)",
                    ":v",
                    "a BETWEEN :v",
                    "a IN ()",
                    "foo(a)",
                    "a = :v AND",
                    "(a = :v",
                    "a.#",
                    "l[x] = :v",
                    "a = :missing",
                    "#missing = :v",
                ]
            )
            return "DeleteItem", {
                "TableName": name,
                "Key": self.key(info),
                "ConditionExpression": expression,
                "ExpressionAttributeValues": {":v": {"N": "1"}},
            }
        if kind == 7:
            expression = rng.choice(
                [
                    "SET a = :v, a = :v",
                    "SET m.x = :v, m = :v",
                    "SET a = :v REMOVE a",
                    "SET a :v",
                    "REMOVE",
                    "ADD a",
                    "SET a = :v SET b = :v",
                    "DELETE ss :v",
                    "SET l[0] = :v, l[0].x = :v",
                    "ADD m.x :v",
                    "SET a = :v + :v",
                    "SET a = size(b)",
                ]
            )
            return "UpdateItem", {
                "TableName": name,
                "Key": self.key(info),
                "UpdateExpression": expression,
                "ExpressionAttributeValues": {":v": {"N": "1"}},
            }
        if kind == 8:
            return "ListTables", rng.choice(
                [{"Limit": "x"}, {"Limit": 0}, {"Limit": 101}, {"ExclusiveStartTableName": 5}]
            )
        if kind == 9:
            return "BatchWriteItem", rng.choice(
                [
                    {"RequestItems": True},
                    {"RequestItems": {}},
                    {"RequestItems": {name: []}},
                    {"RequestItems": {name: [{"PutRequest": {"Item": self.key(info)}}] * 2}},
                    {"RequestItems": {name: [{}]}},
                ]
            )
        if kind == 10:
            key = self.key(info)
            return "TransactGetItems", {
                "TransactItems": [
                    {"Get": {"TableName": name, "Key": key}},
                    {"Get": {"TableName": name, "Key": json.loads(json.dumps(key))}},
                ]
            }
        if kind == 11:
            key = self.key(info)
            return "TransactWriteItems", {
                "TransactItems": [
                    {
                        "ConditionCheck": {
                            "TableName": name,
                            "Key": key,
                            "ConditionExpression": "attribute_exists(pk)",
                        }
                    },
                    {"Delete": {"TableName": name, "Key": key}},
                ]
            }
        if kind == 12:
            return "Query", {
                "TableName": name,
                "KeyConditionExpression": rng.choice(
                    ["a = :v", "pk > :v", "pk = :v OR pk = :v", "pk = :v AND pk = :v", "sk = :v"]
                ),
                "ExpressionAttributeValues": {":v": self.key_value(info["types"]["pk"])},
            }
        if kind == 13:
            return "Scan", rng.choice(
                [
                    {"TableName": name, "Limit": 0},
                    {"TableName": name, "Segment": 1},
                    {"TableName": name, "Segment": 0, "TotalSegments": 2},
                    {"TableName": name, "Select": "SPECIFIC_ATTRIBUTES"},
                    {"TableName": name, "IndexName": "nope"},
                ]
            )
        if kind == 14:
            return "PutItem", {
                "TableName": name,
                "Item": {
                    **self.key(info),
                    "n": {"N": rng.choice([" 1", "1 ", "0x1", "1e400", "", "NaN"])},
                },
            }
        return "UpdateItem", {
            "TableName": name,
            "Key": self.key(info),
            "UpdateExpression": "SET big = :v",
            "ExpressionAttributeValues": {":v": {"S": "x" * rng.choice([1000, 409_000])}},
        }

    def next(self) -> Op:
        rng = self.rng
        roll = rng.random()
        for limit, make in (
            (0.17, self.put_item),
            (0.34, self.update_item),
            (0.40, self.delete_item),
            (0.48, self.get_item),
            (0.62, self.query),
            (0.68, self.scan),
            (0.73, self.batch_write),
            (0.77, self.batch_get),
            (0.84, self.transact_write),
            (0.88, self.transact_get),
            (0.92, self.table_operation),
        ):
            if roll < limit:
                return make()
        return self.invalid()


def operations(seed: int, count: int) -> list[Op]:
    """The two CreateTable calls of `seed`, then its `count` operations."""
    generator = Generator(seed)
    ops = [generator.create_table("Tab0"), generator.create_table("Tab1")]
    while len(ops) < count + 2:
        ops.append(generator.next())
    return ops
