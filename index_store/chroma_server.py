"""Starting a local Chroma server (`chroma run` from the installed chromadb) and waiting for it.

Used by the test suite's server mode and by the benchmarks; in production the server is a
service of its own (README, "Deployment").
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path


def start_chroma_server(path: Path, port: int, timeout: float = 60.0) -> subprocess.Popen:
    """A `chroma run --path PATH` on 127.0.0.1:PORT that accepts connections, or RuntimeError."""
    chroma = Path(sys.executable).parent / "chroma"
    process = subprocess.Popen(
        [str(chroma), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return process
        time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"chroma run did not start within {timeout:g} s")
