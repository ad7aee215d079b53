"""Who may add documents from the web chat: the one administrator named in the settings.

Checked on the server for every upload (never trusted from the page), with a constant-time
comparison and a pause after a wrong password to slow guessing.
"""

from __future__ import annotations

import hmac
import time

from index_store.settings import FedqaSettings

WRONG_PASSWORD_PAUSE_S = 1.0


class AdminGate:
    def __init__(self, settings: FedqaSettings) -> None:
        self._user = settings.admin_user or ""
        secret = settings.admin_password
        self._password = secret.get_secret_value() if secret is not None else ""

    @property
    def enabled(self) -> bool:
        return bool(self._user and self._password)

    def allows(self, user: str | None, password: str | None) -> bool:
        if not self.enabled:
            return False
        user_ok = hmac.compare_digest((user or "").encode(), self._user.encode())
        password_ok = hmac.compare_digest((password or "").encode(), self._password.encode())
        if user_ok and password_ok:
            return True
        time.sleep(WRONG_PASSWORD_PAUSE_S)
        return False
