"""`amplify mock` itself: the session that starts the simulators, a project adapter per kind.

`simulators/` holds one package per AWS service; this package decides what to start for a
project and wires them together: `session.py` (start, reload, stop), `options.py`, `watcher.py`
and `reload.py` (hot reload), `seed.py`, `auth.py` (the project's Cognito settings),
`functions.py` and `storage_triggers.py` (Lambda wiring), `frontend/` (the config rewrite and
its restore), and `gen1/` (what a Gen 1 project gives the mock: its API build, storage and
hosting).
"""
