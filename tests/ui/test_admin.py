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


def test_only_the_configured_pair_is_allowed(tmp_path):
    gate = AdminGate(make_settings(tmp_path, admin_user="admin", admin_password="s3cret"))
    assert gate.enabled and gate.allows("admin", "s3cret")
    for user, password in [("admin", "S3cret"), ("Admin", "s3cret"), ("admin", ""), (None, None)]:
        assert not gate.allows(user, password)


def test_failed_logins_are_counted_per_client(tmp_path):
    gate = AdminGate(
        make_settings(
            tmp_path, admin_user="admin", admin_password="s3cret", login_attempts_per_minute=2
        )
    )
    assert gate.login("admin", "no", "10.0.0.1") == "wrong"
    assert gate.login("admin", "no", "10.0.0.1") == "wrong"
    assert gate.login("admin", "s3cret", "10.0.0.1") == "blocked"
    assert gate.login("admin", "s3cret", "10.0.0.2") == "ok"


def test_a_malformed_hash_lets_nobody_in(tmp_path):
    gate = AdminGate(make_settings(tmp_path, admin_user="admin", admin_password_hash="scrypt:x"))
    assert gate.enabled and not gate.allows("admin", "scrypt:x") and not gate.allows("admin", "")


def test_the_upload_form_is_greyed_out_while_uploads_are_off(tmp_path):
    """The form stayed usable, and its message showed literal backticks."""
    from ui.upload_tab import DISABLED
    from ui.web import LazyAssistant, build_app

    settings = make_settings(tmp_path / "data")
    app = build_app(settings, LazyAssistant(settings), None)
    props = {c["props"].get("elem_id"): c["props"] for c in app.config["components"]}
    for elem_id in ("fedqa-upload", "fedqa-upload-button", "fedqa-admin-password"):
        assert props[elem_id]["interactive"] is False, elem_id
    assert "`" not in DISABLED
