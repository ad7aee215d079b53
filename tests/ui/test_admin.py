"""Who may upload: nobody unless both credentials are set, then exactly that pair."""

from __future__ import annotations

import pytest

from tests.conftest import make_settings
from ui.admin import AdminGate


@pytest.mark.parametrize(
    "configured",
    [
        {},
        {"admin_user": "admin"},
        {"admin_password": "pw"},
        {"admin_user": "", "admin_password": ""},
    ],
)
def test_uploads_are_disabled_unless_both_are_set(tmp_path, configured):
    gate = AdminGate(make_settings(tmp_path, **configured))
    assert not gate.enabled
    assert not gate.allows("admin", "pw") and not gate.allows("", "")


def test_only_the_configured_pair_is_allowed(tmp_path, monkeypatch):
    monkeypatch.setattr("ui.admin.WRONG_PASSWORD_PAUSE_S", 0)
    gate = AdminGate(make_settings(tmp_path, admin_user="admin", admin_password="s3cret"))
    assert gate.enabled and gate.allows("admin", "s3cret")
    for user, password in [("admin", "S3cret"), ("Admin", "s3cret"), ("admin", ""), (None, None)]:
        assert not gate.allows(user, password)
