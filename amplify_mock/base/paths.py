"""Where the per-user files live: the home directory and the Amplify home (`~/.amplify`)."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["amplify_home", "user_home"]


def user_home() -> Path:
    """The user's home directory: `$HOME` (tests point it at a temp dir)."""
    return Path(os.environ.get("HOME") or Path.home())


def amplify_home() -> Path:
    """The Amplify CLI's per-user folder: `$AMPLIFY_HOME`, else `~/.amplify`.

    Overridable so tests never touch a developer's real `~/.amplify`.
    """
    configured = os.environ.get("AMPLIFY_HOME")
    return Path(configured) if configured else user_home() / ".amplify"
