"""Auth challenges handed out and not answered yet (PASSWORD_VERIFIER, NEW_PASSWORD_REQUIRED).

Kept in memory only: a challenge does not survive a mock restart, as a Cognito session does not
survive its three minutes.
"""

from __future__ import annotations

import base64
import secrets
from dataclasses import dataclass

from amplify_mock.simulators.cognito import srp
from amplify_mock.simulators.cognito.errors import NotAuthorizedException

__all__ = ["Pending", "PendingChallenges"]

#: Unanswered challenges are dropped once they are this many and have expired.
_PRUNE_ABOVE = 1000
_LIFETIME_BOUND = 180.0


@dataclass
class Pending:
    challenge: str
    username: str
    client_id: str
    expires: float
    secret_block: bytes = b""
    srp_session: srp.SrpServerSession | None = None


class PendingChallenges:
    """Challenges handed out and not answered yet, by Session (kept in memory only)."""

    def __init__(self) -> None:
        self._by_session: dict[str, Pending] = {}

    def add(self, pending: Pending) -> str:
        if len(self._by_session) > _PRUNE_ABOVE:
            now = pending.expires
            self._by_session = {
                k: v for k, v in self._by_session.items() if v.expires > now - _LIFETIME_BOUND
            }
        session = base64.b64encode(secrets.token_bytes(96)).decode()
        self._by_session[session] = pending
        return session

    def take(self, session: str | None, challenge: str, now: float) -> Pending:
        """:raises NotAuthorizedException: unknown, used, expired or for another challenge."""
        pending = self._by_session.pop(session or "", None)
        if pending is None or pending.challenge != challenge:
            raise NotAuthorizedException("Invalid session for the user.")
        if pending.expires < now:
            raise NotAuthorizedException("Invalid session for the user, session is expired.")
        return pending
