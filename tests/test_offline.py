"""Ingest and ask work with the network blocked, and never even try to reach it."""

from __future__ import annotations

import json
import textwrap

from tests.conftest import run_fedqa, store_env

SOCKET_GUARD = textwrap.dedent(
    """
    import os, socket

    _LOG = os.environ["FEDQA_TEST_NET_LOG"]
    # In server mode the suite's own Chroma server on 127.0.0.1 is the one allowed address.
    _ALLOWED = os.environ.get("FEDQA_TEST_NET_ALLOW", "")
    _HOST, _, _PORT = _ALLOWED.rpartition(":")

    def _blocked(what, target):
        with open(_LOG, "a") as handle:
            handle.write(f"{what} {target!r}\\n")
        raise OSError(f"network blocked by test: {what} {target!r}")

    _connect = socket.socket.connect

    _getaddrinfo = socket.getaddrinfo

    def _allowed(address):
        return _ALLOWED and tuple(address[:2]) == (_HOST, int(_PORT))

    def connect(self, address):
        if self.family == socket.AF_UNIX or _allowed(address):
            return _connect(self, address)
        _blocked("connect", address)

    def connect_ex(self, address):
        if self.family == socket.AF_UNIX or _allowed(address):
            return _connect(self, address)
        _blocked("connect_ex", address)

    def getaddrinfo(host, *args, **kwargs):
        if _ALLOWED and host == _HOST:
            return _getaddrinfo(host, *args, **kwargs)
        _blocked("getaddrinfo", host)

    socket.socket.connect = connect
    socket.socket.connect_ex = connect_ex
    socket.getaddrinfo = getaddrinfo
    _create_connection = socket.create_connection

    def create_connection(address, *args, **kwargs):
        if _allowed(address):
            return _create_connection(address, *args, **kwargs)
        _blocked("create_connection", address)

    socket.create_connection = create_connection
    """
)


def test_ingest_and_ask_without_network(tmp_path, shared_corpus):
    guard_dir = tmp_path / "guard"
    guard_dir.mkdir()
    (guard_dir / "sitecustomize.py").write_text(SOCKET_GUARD)
    net_log = tmp_path / "net.log"
    data_dir = tmp_path / "data"
    env = {"PYTHONPATH": str(guard_dir), "FEDQA_TEST_NET_LOG": str(net_log)}
    server = store_env(data_dir).get("FEDQA_CHROMA_URL")
    if server:
        env["FEDQA_TEST_NET_ALLOW"] = server.removeprefix("http://")

    ingest = run_fedqa("ingest", str(shared_corpus), "--json", data_dir=data_dir, env=env)
    assert ingest.returncode == 0, ingest.stderr
    assert json.loads(ingest.stdout.splitlines()[-1])["added"] == 2
    ask = run_fedqa("ask", "Who is Eduard Vokhmin?", "--json", data_dir=data_dir, env=env)
    assert ask.returncode == 0, ask.stderr
    assert json.loads(ask.stdout)["answered"]

    attempts = net_log.read_text() if net_log.exists() else ""
    assert attempts == "", f"fedqa tried to reach the network:\n{attempts}"


def test_guard_really_blocks(tmp_path):
    """The guard itself works, so the test above can fail."""
    import subprocess
    import sys

    guard_dir = tmp_path / "guard"
    guard_dir.mkdir()
    (guard_dir / "sitecustomize.py").write_text(SOCKET_GUARD)
    net_log = tmp_path / "net.log"
    code = "import urllib.request; urllib.request.urlopen('http://example.org', timeout=2)"
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={"PYTHONPATH": str(guard_dir), "FEDQA_TEST_NET_LOG": str(net_log)},
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0 and "example.org" in net_log.read_text()
