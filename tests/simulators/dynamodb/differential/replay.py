"""Replays a seed's recorded operations against our store (in process, through the wire handler).

    python -m tests.simulators.dynamodb.differential.replay [--seeds 0-39] [--wording]

prints the behaviour differences (and with --wording the message differences) per seed.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from amplify_mock.simulators.dynamodb import Store
from amplify_mock.simulators.dynamodb.server import handle_wire
from tests.simulators.dynamodb.differential.generator import operations
from tests.simulators.dynamodb.differential.normalise import behaviour, compact, outcome
from tests.simulators.dynamodb.differential.record import EXPECTED, request_digest

__all__ = ["Difference", "Replay", "replay_seed", "seeds_recorded"]


@dataclass
class Difference:
    step: int
    operation: str
    request: dict[str, Any]
    expected: dict[str, Any]
    actual: dict[str, Any]


@dataclass
class Replay:
    operations: int = 0
    behaviour: list[Difference] = field(default_factory=list)
    wording: list[Difference] = field(default_factory=list)
    departures: int = 0
    stale: list[int] = field(default_factory=list)


def seeds_recorded() -> list[int]:
    return sorted(int(p.stem.split("-")[1]) for p in EXPECTED.glob("seed-*.jsonl"))


def replay_seed(seed: int) -> Replay:
    """Run `seed`'s operations on a fresh in-memory store and compare with the recording."""
    lines = [json.loads(line) for line in (EXPECTED / f"seed-{seed:03d}.jsonl").open()]
    ops = operations(seed, len(lines) - 2)
    report = Replay()
    with Store.open(None) as store:
        for step, ((operation, params), expected) in enumerate(zip(ops, lines, strict=True)):
            report.operations += 1
            if expected.pop("req") != request_digest(operation, params):
                report.stale.append(step)
                continue
            expected.pop("op")
            status, body = handle_wire(
                store, f"DynamoDB_20120810.{operation}", json.dumps(params).encode()
            )
            actual = compact(outcome(operation, params, status, json.loads(body)))
            departure = expected.get("departure")
            if departure:
                report.departures += 1
                if departure == "client error" and status == 400:
                    continue
                if actual.get("error") in departure.split("|"):
                    continue
            if behaviour(actual) != behaviour(expected):
                report.behaviour.append(Difference(step, operation, params, expected, actual))
            elif actual.get("message") != expected.get("message"):
                report.wording.append(Difference(step, operation, params, expected, actual))
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", default="")
    parser.add_argument("--wording", action="store_true")
    parser.add_argument("--brief", action="store_true")
    args = parser.parse_args()
    if args.seeds:
        first, _, last = args.seeds.partition("-")
        seeds = list(range(int(first), int(last or first) + 1))
    else:
        seeds = seeds_recorded()
    total = Counter[str]()
    for seed in seeds:
        report = replay_seed(seed)
        total["operations"] += report.operations
        total["behaviour"] += len(report.behaviour)
        total["wording"] += len(report.wording)
        total["departures"] += report.departures
        total["stale"] += len(report.stale)
        shown = report.behaviour + (report.wording if args.wording else [])
        for diff in shown:
            if args.brief:
                print(
                    f"seed {seed} step {diff.step} {diff.operation}: "
                    f"{diff.expected.get('error', 'ok')} / {diff.actual.get('error', 'ok')}"
                    f" | {str(diff.expected.get('message', ''))[:90]}"
                    f" | {str(diff.actual.get('message', ''))[:90]}"
                )
                continue
            print(f"--- seed {seed} step {diff.step} {diff.operation}")
            print("request: ", json.dumps(diff.request)[:1500])
            print("expected:", json.dumps(diff.expected)[:1500])
            print("actual:  ", json.dumps(diff.actual)[:1500])
    print(dict(total))


if __name__ == "__main__":
    main()
