"""What the CLI and the warm model worker say to each other, and where the worker lives.

Frames on a Unix domain socket: a 4-byte big-endian length, then that many bytes of UTF-8
JSON. One connection carries one exchange:

    client: {"op": "ping", "version": V}       worker: {"t": "ready", "pid": ...}
    client: {"op": "call", "version": V,        worker: {"t": "text", "text": ...}  (streaming)
             "request": {...}, "stream": bool,          then {"t": "reply", "reply": {...}}
             "timeout": seconds | null}                   or {"t": "error", "error": {...}}
                                                          or {"t": "failed", "detail": ...}
    client: {"op": "status"}                    worker: {"t": "status", ...}
    client: {"op": "stop"}                      worker: {"t": "stopping", "pid": ...}

A ping or call from a CLI of another version gets {"t": "mismatch", "version": ...} and the
worker leaves: the next command starts one of its own version. Nothing here imports litellm.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import socket
import struct
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from careercoach import __version__, paths
from careercoach.llm.failures import ModelCallFailed
from careercoach.llm.transport import ModelReply, ModelRequest

VERSION = __version__
SOCKET_NAME = "worker.sock"
LOCK_NAME = "worker.lock"
LOG_NAME = "worker.log"
# sun_path holds 108 bytes on Linux, 104 on macOS, the terminating NUL included.
MAX_SOCKET_PATH = 100
MAX_FRAME = 64 * 1024 * 1024
_HEADER = struct.Struct(">I")


class ProtocolError(Exception):
    """The other side closed the connection or sent something that is not a frame."""


def supported() -> bool:
    """True where Unix domain sockets exist (not on Windows builds without AF_UNIX)."""
    return hasattr(socket, "AF_UNIX") and os.name == "posix"


@dataclass(frozen=True)
class WorkerFiles:
    """The worker's socket, lock and log, in one private directory."""

    directory: Path

    @property
    def socket(self) -> Path:
        return self.directory / SOCKET_NAME

    @property
    def lock(self) -> Path:
        return self.directory / LOCK_NAME

    @property
    def log(self) -> Path:
        return self.directory / LOG_NAME


def worker_files() -> WorkerFiles:
    """The runtime directory (0700), or a short private one under /tmp when its path is too long.

    OSError when no private directory can be had (then the worker is not used).
    """
    preferred, short = candidate_dirs(paths.runtime_dir())
    if len(os.fsencode(preferred / SOCKET_NAME)) <= MAX_SOCKET_PATH:
        try:
            return WorkerFiles(_private_dir(preferred))
        except OSError:
            pass  # e.g. no /run/user/UID outside a login session: use /tmp below
    return WorkerFiles(_private_dir(short))


def candidate_dirs(runtime: Path) -> tuple[Path, Path]:
    """Where the worker of `runtime` may live: there, or a short private directory in /tmp."""
    digest = hashlib.sha256(os.fsencode(runtime)).hexdigest()[:12]
    return runtime, Path(tempfile.gettempdir()) / f"careercoach-{os.getuid()}-{digest}"


def _private_dir(path: Path) -> Path:
    paths.ensure_private_dir(path)
    info = path.lstat()
    # In a shared /tmp someone else may have made the directory first: never use theirs.
    if info.st_uid != os.getuid() or info.st_mode & 0o077 or not path.is_dir() or path.is_symlink():
        raise PermissionError(f"{path} is not a private directory of this user")
    return path


def send_frame(sock: socket.socket, message: dict[str, Any]) -> None:
    data = json.dumps(message, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    sock.sendall(_HEADER.pack(len(data)) + data)


def recv_frame(sock: socket.socket) -> dict[str, Any]:
    """The next frame; ProtocolError when the peer closed or sent garbage."""
    (length,) = _HEADER.unpack(_recv_exactly(sock, _HEADER.size))
    if length > MAX_FRAME:
        raise ProtocolError(f"frame of {length} bytes is too large")
    try:
        message = json.loads(_recv_exactly(sock, length).decode("utf-8"))
    except ValueError as exc:
        raise ProtocolError(f"not a JSON frame: {exc}") from None
    if not isinstance(message, dict):
        raise ProtocolError("a frame must be a JSON object")
    return message


def _recv_exactly(sock: socket.socket, size: int) -> bytes:
    parts: list[bytes] = []
    remaining = size
    while remaining:
        try:
            chunk = sock.recv(remaining)
        except (ConnectionResetError, BrokenPipeError) as exc:
            raise ProtocolError(f"connection lost: {exc}") from None
        if not chunk:
            raise ProtocolError("connection closed")
        parts.append(chunk)
        remaining -= len(chunk)
    return b"".join(parts)


def request_to_wire(request: ModelRequest) -> dict[str, Any]:
    return dataclasses.asdict(request)


def request_from_wire(data: dict[str, Any]) -> ModelRequest:
    fields = {f.name for f in dataclasses.fields(ModelRequest)}
    return ModelRequest(**{k: v for k, v in data.items() if k in fields})


def reply_to_wire(reply: ModelReply) -> dict[str, Any]:
    return dataclasses.asdict(reply)


def reply_from_wire(data: dict[str, Any]) -> ModelReply:
    fields = {f.name for f in dataclasses.fields(ModelReply)}
    return ModelReply(**{k: v for k, v in data.items() if k in fields})


def failure_to_wire(failure: ModelCallFailed) -> dict[str, Any]:
    return {
        "message": failure.message,
        "hint": failure.hint,
        "kind": failure.kind,
        "retry_after": failure.retry_after,
        "status": failure.status,
    }


def failure_from_wire(data: dict[str, Any]) -> ModelCallFailed:
    return ModelCallFailed(
        str(data.get("message") or "the model call failed"),
        data.get("hint"),
        kind=str(data.get("kind") or "server"),
        retry_after=data.get("retry_after"),
        status=data.get("status"),
    )
