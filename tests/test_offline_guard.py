"""The test run itself is offline: anything beyond loopback is refused with the address it tried."""
from __future__ import annotations

import socket

import pytest
from offline_guard import NetworkBlocked, is_loopback


def test_loopback_addresses_are_allowed() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("8.8.8.8") and not is_loopback("huggingface.co")


def test_outside_connections_are_refused_with_the_address(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("BERT_LAB_NETWORK_LOG", str(tmp_path / "log"))  # keep this deliberate attempt out of the run log
    with pytest.raises(NetworkBlocked, match="tried to reach 93.184.216.34:443"):
        socket.create_connection(("93.184.216.34", 443), timeout=1)
    with pytest.raises(NetworkBlocked, match="huggingface.co"):
        socket.getaddrinfo("huggingface.co", 443)
    assert (tmp_path / "log").read_text().splitlines() == ["93.184.216.34:443", "huggingface.co:443"]


def test_loopback_connections_still_work() -> None:
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]
    client = socket.create_connection(("127.0.0.1", port), timeout=1)
    client.close()
    server.close()
