"""Our store against DynamoDB Local 1.25.1's recorded answers: same outcome, result and error
code for every generated operation (documented departures of Local aside; see normalise.py)."""

from __future__ import annotations

import json

import pytest

from tests.simulators.dynamodb.differential.replay import replay_seed, seeds_recorded

SEEDS = seeds_recorded()


def test_recording_covers_40_seeds_of_400_operations() -> None:
    assert len(SEEDS) >= 40
    for seed in SEEDS[:3]:
        assert replay_seed(seed).operations == 402  # two CreateTable calls, then 400


@pytest.mark.parametrize("seed", SEEDS)
def test_store_behaves_as_dynamodb_local_recorded(seed: int) -> None:
    report = replay_seed(seed)
    assert report.stale == [], "generator changed: rerun record.py"
    differences = [
        f"step {d.step} {d.operation} {json.dumps(d.request)[:300]}\n"
        f"  expected {json.dumps(d.expected)[:300]}\n  actual   {json.dumps(d.actual)[:300]}"
        for d in report.behaviour
    ]
    assert differences == []
