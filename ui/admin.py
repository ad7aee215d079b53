"""Who may add documents from the web chat: the one administrator named in the settings.

Checked on the server for every upload (never trusted from the page), with a constant-time
comparison. Guessing is slowed by a per-client limit on failed logins, not by a pause: a pause
holds one of the web app's workers and lets an attacker delay everyone else. Failures are logged
with the client's address, never with the password tried.
"""

from __future__ import annotations

import base64
import collections
import hashlib
import hmac
import logging
import secrets
import threading
import time

from index_store.settings import FedqaSettings

log = logging.getLogger("fedqa.security")

# scrypt's parameters (RFC 7914): 16 MiB of memory and about 0.1 s a guess on one core.
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}
_PREFIX = "scrypt"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def hash_password(password: str) -> str:
    """`scrypt:N:r:p:salt:key`, for FEDQA_ADMIN_PASSWORD_HASH (standard library only, no `$`
    so that it needs no quoting in a shell or a systemd unit)."""
    salt = secrets.token_bytes(16)
    key = hashlib.scrypt(password.encode(), salt=salt, **_SCRYPT, dklen=32)
    return f"{_PREFIX}:{_SCRYPT['n']}:{_SCRYPT['r']}:{_SCRYPT['p']}:{_b64(salt)}:{_b64(key)}"


def verify_password(password: str, hashed: str) -> bool:
    """Whether `password` matches a `hash_password` string; False for a malformed one."""
    try:
        prefix, n, r, p, salt, key = hashed.strip().split(":")
        if prefix != _PREFIX:
            return False
        expected = _unb64(key)
        actual = hashlib.scrypt(
            password.encode(), salt=_unb64(salt), n=int(n), r=int(r), p=int(p), dklen=len(expected)
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


class LoginLimiter:
    """Counts failed logins per client address over a sliding minute."""

    WINDOW_S = 60.0

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self._failures: dict[str, collections.deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, client: str, now: float) -> collections.deque[float]:
        failures = self._failures.setdefault(client, collections.deque())
        while failures and failures[0] <= now - self.WINDOW_S:
            failures.popleft()
        return failures

    def blocked(self, client: str) -> bool:
        with self._lock:
            now = time.monotonic()
            blocked = len(self._recent(client, now)) >= self.per_minute
            if not self._failures[client]:
                del self._failures[client]  # the table does not grow with every address seen
            return blocked

    def failed(self, client: str) -> None:
        with self._lock:
            now = time.monotonic()
            self._recent(client, now).append(now)


class AdminGate:
    """The administrator's credentials and the limit on guessing them."""

    def __init__(self, settings: FedqaSettings) -> None:
        self._user = settings.admin_user or ""
        plain, hashed = settings.admin_password, settings.admin_password_hash
        self._password = plain.get_secret_value() if plain is not None else ""
        self._hash = hashed.get_secret_value() if hashed is not None else ""
        self.limiter = LoginLimiter(settings.login_attempts_per_minute)

    @property
    def enabled(self) -> bool:
        return bool(self._user and (self._password or self._hash))

    def allows(self, user: str | None, password: str | None) -> bool:
        """Whether the pair is the administrator's (no limit applied: see `login`)."""
        if not self.enabled:
            return False
        user_ok = hmac.compare_digest((user or "").encode(), self._user.encode())
        if self._hash:
            password_ok = verify_password(password or "", self._hash)
        else:
            password_ok = hmac.compare_digest((password or "").encode(), self._password.encode())
        return user_ok and password_ok

    def login(self, user: str | None, password: str | None, client: str) -> str:
        """'ok', 'wrong' or 'blocked' (too many failures from `client` in the last minute)."""
        if self.limiter.blocked(client):
            log.warning("refused login from %s: too many failed logins", client)
            return "blocked"
        if self.allows(user, password):
            return "ok"
        self.limiter.failed(client)
        log.warning("failed login from %s", client)
        return "wrong"
