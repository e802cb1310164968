"""A network guard for test runs: any connection beyond loopback fails loudly with the address it tried."""
from __future__ import annotations

import ipaddress
import os
import socket
from typing import Any

__all__ = ["NetworkBlocked", "block_network", "is_loopback"]

_LOCAL_NAMES = {"localhost", "ip6-localhost", "ip6-loopback", ""}
_original: dict[str, Any] = {}


class NetworkBlocked(OSError):
    """Raised instead of opening a connection to a non-loopback address."""


def is_loopback(host: Any) -> bool:
    """True for localhost names, 127.0.0.0/8, ::1 and Unix-socket paths."""
    if not isinstance(host, str):
        return True  # AF_UNIX addresses are bytes paths: local by definition
    if host.lower() in _LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


def _refuse(address: Any) -> None:
    shown = ":".join(str(part) for part in address[:2]) if isinstance(address, tuple) else str(address)
    log = os.environ.get("BERT_LAB_NETWORK_LOG")
    if log:
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(shown + "\n")
    raise NetworkBlocked(f"network access blocked in BERT Lab tests: tried to reach {shown}")


def block_network() -> None:
    """Patch `socket` so only loopback connections and lookups work (idempotent)."""
    if _original:
        return
    _original.update(connect=socket.socket.connect, connect_ex=socket.socket.connect_ex,
                     getaddrinfo=socket.getaddrinfo)

    def connect(self: socket.socket, address: Any) -> Any:
        if self.family in (socket.AF_INET, socket.AF_INET6) and not is_loopback(address[0]):
            _refuse(address)
        return _original["connect"](self, address)

    def connect_ex(self: socket.socket, address: Any) -> Any:
        if self.family in (socket.AF_INET, socket.AF_INET6) and not is_loopback(address[0]):
            _refuse(address)
        return _original["connect_ex"](self, address)

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        name = host.decode() if isinstance(host, bytes) else host
        if name is not None and not is_loopback(name):
            _refuse((name, port))
        return _original["getaddrinfo"](host, port, *args, **kwargs)

    socket.socket.connect = connect  # type: ignore[method-assign]
    socket.socket.connect_ex = connect_ex  # type: ignore[method-assign]
    socket.getaddrinfo = getaddrinfo
