"""The warm model worker: imports LiteLLM once and serves model requests on a Unix socket.

Run as `python -m careercoach.llm.worker` (the CLI starts it detached; see worker_client).
Each connection carries one request (worker_protocol); each runs on its own thread through the
same InProcessTransport the CLI would use, so answers, errors, tokens and costs are the ones
the CLI would get itself. The worker:

- accepts connections only from its own user (a 0700 directory, a 0600 socket, and the peer's
  uid checked with SO_PEERCRED where the platform has it); it listens on no network;
- keeps no API key: the key arrives with each request, and once no request is running
  LiteLLM's client cache (whose clients hold the key) is emptied;
- logs only its lifecycle and request outcomes (kind, milliseconds), never prompts or keys;
- leaves after `--idle-seconds` without requests, on a stop request, on SIGTERM, and when a
  CLI of another version talks to it.

One worker per runtime directory: the lock file is held for as long as the socket is ours.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import socket
import struct
import sys
import threading
import time
from pathlib import Path
from typing import Any

from careercoach.llm.failures import ModelCallFailed
from careercoach.llm.transport import InProcessTransport, ModelRequest
from careercoach.llm.worker_litellm import cut_stream, forget_clients, lookup, warm_up_litellm
from careercoach.llm.worker_protocol import (
    VERSION,
    ProtocolError,
    WorkerFiles,
    failure_to_wire,
    recv_frame,
    reply_to_wire,
    request_from_wire,
    send_frame,
    worker_files,
)

_POLL_SECONDS = 0.2  # how often the accept loop looks at the idle clock and the stop flag
_STOP_GRACE_SECONDS = 5.0  # how long running requests may finish once the worker leaves


class _Cancelled(Exception):
    """The client hung up (Ctrl-C, or it died): stop streaming to it."""


class Worker:
    """One worker process: the listening socket, its lock, and the requests it serves."""

    def __init__(self, files: WorkerFiles, idle_seconds: float) -> None:
        self.files = files
        self.idle_seconds = idle_seconds
        self.transport = InProcessTransport()
        self.started_wall = time.time()
        self.started = time.monotonic()
        self.last_activity = self.started
        self.requests = 0
        self.active = 0
        self.ready = threading.Event()  # LiteLLM imported and its first-call setup done
        self.wanted = threading.Event()  # a request waits: skip the warm-up call
        self.stopping = threading.Event()
        self._state = threading.Lock()
        self._left = False
        self._lock_fd: int | None = None
        self._socket_inode: int | None = None

    # -- lifecycle ---------------------------------------------------------------------------

    def serve(self) -> int:
        """Own the socket and serve until idle, stopped or replaced; 0 also when another won."""
        if not self._take_lock():
            return 0  # another worker has the socket: this one is not needed
        try:
            listener = self._listen()
        except OSError as exc:
            self._log(f"cannot listen on the socket: {exc.strerror or exc}")
            self._release()
            return 1
        self._rotate_log()
        self._log(f"started pid={os.getpid()} version={VERSION} idle={self.idle_seconds:g}s")
        threading.Thread(target=self._warm_up, name="warm-up", daemon=True).start()
        listener.settimeout(_POLL_SECONDS)
        with listener:
            while not self.stopping.is_set():
                try:
                    conn, _ = listener.accept()
                except TimeoutError:
                    self._leave_if_idle()
                    continue
                except OSError:
                    break
                if not _same_user(conn):
                    self._log("refused a connection from another user")
                    conn.close()
                    continue
                threading.Thread(target=self._handle, args=(conn,), daemon=True).start()
        self.leave("stopped")
        deadline = time.monotonic() + _STOP_GRACE_SECONDS
        while self.active and time.monotonic() < deadline:
            time.sleep(0.05)
        self._log("exited")
        return 0

    def _take_lock(self) -> bool:
        import fcntl

        fd = os.open(self.files.lock, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        self._lock_fd = fd
        return True

    def _listen(self) -> socket.socket:
        path = self.files.socket
        # We hold the lock, so a socket file here is a dead worker's: replace it.
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        old_umask = os.umask(0o177)  # born 0600: no moment where others could connect
        try:
            listener.bind(str(path))
        finally:
            os.umask(old_umask)
        os.chmod(path, 0o600)
        self._socket_inode = path.stat().st_ino
        listener.listen(16)
        return listener

    def leave(self, reason: str) -> None:
        """Stop taking requests: give up the socket path and the lock at once.

        A CLI told to go away can then start a new worker straight after; requests already
        running finish on their own connections.
        """
        with self._state:
            if self._left:
                return
            self._left = True
        self._log(f"leaving: {reason}")
        # Give up the socket path and the lock before the main thread may end the process
        # (it waits on `stopping`): a stop request's thread is a daemon and is not waited for.
        self._release()
        self.stopping.set()

    def _release(self) -> None:
        if self._socket_inode is not None:
            with contextlib.suppress(OSError):
                if self.files.socket.stat().st_ino == self._socket_inode:
                    self.files.socket.unlink()
            self._socket_inode = None
        if self._lock_fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._lock_fd)  # closing the descriptor drops the flock
            self._lock_fd = None

    def _leave_if_idle(self) -> None:
        with self._state:
            idle = time.monotonic() - self.last_activity
            quiet = self.active == 0 and idle >= self.idle_seconds
        if quiet:
            self.leave(f"idle for {idle:.0f}s")
        elif not self._socket_is_ours():
            self.leave("its socket was removed")  # e.g. the runtime directory was deleted

    def _socket_is_ours(self) -> bool:
        try:
            return self.files.socket.stat().st_ino == self._socket_inode
        except OSError:
            return False

    def _warm_up(self) -> None:
        """Import LiteLLM and run its first-call setup against a closed local port."""
        try:
            warm_up_litellm(self.transport, skip_call=self.wanted.is_set)
        except Exception as exc:  # a broken install: every request will say so itself
            self._log(f"warm-up failed: {type(exc).__name__}")
        finally:
            self.ready.set()
            self._log(f"ready after {time.monotonic() - self.started:.2f}s")

    # -- requests ----------------------------------------------------------------------------

    def _handle(self, conn: socket.socket) -> None:
        try:
            conn.settimeout(30)
            message = recv_frame(conn)
            conn.settimeout(None)
            op = message.get("op")
            if op == "status":
                send_frame(conn, self.status())
            elif op == "stop":
                # Answer first: once stopping is set the main thread may end the process
                # (this thread is a daemon) before a later answer is sent, and the CLI would
                # say no worker was running.
                send_frame(conn, {"t": "stopping", "pid": os.getpid()})
                self.leave("stop requested")
            elif op in ("ping", "call", "tokens", "model_info"):
                if message.get("version") != VERSION:
                    self.leave(f"a CLI of version {message.get('version')} asked")
                    send_frame(conn, {"t": "mismatch", "version": VERSION})
                    return
                if op != "ping" or message.get("request"):
                    self.wanted.set()
                self.ready.wait()
                if op == "ping":
                    send_frame(conn, {"t": "ready", "pid": os.getpid(), "version": VERSION})
                elif op == "call":
                    self._call(conn, message)
                else:
                    send_frame(conn, lookup(op, message))
            else:
                send_frame(conn, {"t": "failed", "detail": f"unknown op {op!r}"})
        except (ProtocolError, OSError):
            pass  # the client went away; nothing to answer
        finally:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)  # also wakes the cancellation watcher
            conn.close()

    def _call(self, conn: socket.socket, message: dict[str, Any]) -> None:
        request: ModelRequest | None = request_from_wire(message["request"])
        with self._state:
            self.active += 1
            number = self.requests + self.active
        cancelled = threading.Event()
        streams: list[Any] = []  # the LiteLLM stream of this request, once it is open
        transport = InProcessTransport(on_stream=streams.append)
        threading.Thread(
            target=_watch_hangup, args=(conn, cancelled, streams), daemon=True
        ).start()

        def on_text(piece: str) -> None:
            if cancelled.is_set():
                raise _Cancelled
            try:
                send_frame(conn, {"t": "text", "text": piece})
            except OSError:
                cancelled.set()
                raise _Cancelled from None

        started = time.monotonic()
        outcome = "ok"
        try:
            assert request is not None
            reply = transport.send(
                request, on_text if message.get("stream") else None, timeout=message.get("timeout")
            )
            if cancelled.is_set():
                raise _Cancelled
            send_frame(conn, {"t": "reply", "reply": reply_to_wire(reply)})
        except ModelCallFailed as failure:
            if cancelled.is_set():  # the stream we cut ourselves
                outcome = "cancelled by the client"
                return
            outcome = failure.kind
            with contextlib.suppress(OSError):
                send_frame(conn, {"t": "error", "error": failure_to_wire(failure)})
        except _Cancelled:
            outcome = "cancelled by the client"
        except Exception as exc:  # a bug here must not take the worker down
            outcome = f"failed ({type(exc).__name__})"
            with contextlib.suppress(OSError):
                send_frame(conn, {"t": "failed", "detail": type(exc).__name__})
        finally:
            request = None  # the key goes with it
            self._finish(number, outcome, started)

    def _finish(self, number: int, outcome: str, started: float) -> None:
        with self._state:
            self.active -= 1
            self.requests += 1
            self.last_activity = time.monotonic()
            if self.active == 0:
                forget_clients()
        self._log(f"request {number}: {outcome} in {(time.monotonic() - started) * 1000:.0f}ms")

    def status(self) -> dict[str, Any]:
        now = time.monotonic()
        with self._state:
            return {
                "t": "status",
                "pid": os.getpid(),
                "version": VERSION,
                "started_at": self.started_wall,
                "uptime_s": now - self.started,
                "requests": self.requests,
                "active": self.active,
                "idle_s": 0.0 if self.active else now - self.last_activity,
                "idle_limit_s": self.idle_seconds,
                "ready": self.ready.is_set(),
                "socket": str(self.files.socket),
            }

    def _rotate_log(self, limit: int = 256 * 1024) -> None:
        """Keep the log small: past `limit` bytes it becomes worker.log.1 (one generation)."""
        with contextlib.suppress(OSError):
            if self.files.log.stat().st_size > limit:
                os.replace(self.files.log, self.files.log.with_name(self.files.log.name + ".1"))

    def _log(self, line: str) -> None:
        """One lifecycle line in worker.log (0600): never a prompt, an answer or a key."""
        stamp = time.strftime("%Y-%m-%dT%H:%M:%S%z")
        with contextlib.suppress(OSError):
            fd = os.open(self.files.log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            with os.fdopen(fd, "a", encoding="utf-8") as fh:
                fh.write(f"{stamp} {line}\n")


def _watch_hangup(conn: socket.socket, cancelled: threading.Event, streams: list[Any]) -> None:
    """The client sends nothing after its request: any read returning means it hung up.

    Then the provider's stream is cut at once, as Ctrl-C cuts it in-process; otherwise the
    request would run on until the provider's next chunk (or its timeout, if it stalls).
    """
    with contextlib.suppress(OSError):
        conn.recv(1)
    cancelled.set()
    for stream in streams:
        cut_stream(stream)


def _same_user(conn: socket.socket) -> bool:
    """Whether the peer runs as our uid, where the platform tells (else the 0600 socket guards)."""
    try:
        if hasattr(socket, "SO_PEERCRED"):  # Linux
            raw = conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
            _pid, uid, _gid = struct.unpack("3i", raw)
            return uid == os.getuid()
        if sys.platform == "darwin":  # LOCAL_PEERCRED: struct xucred {u_int version; uid_t uid; ...}
            raw = conn.getsockopt(0, 0x001, 76)
            _version, uid = struct.unpack("Ii", raw[:8])
            return uid == os.getuid()
    except OSError:
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m careercoach.llm.worker")
    parser.add_argument("--dir", help="the private directory of the socket, lock and log")
    parser.add_argument("--idle-seconds", type=float, default=15 * 60)
    args = parser.parse_args(argv)
    files = WorkerFiles(Path(args.dir)) if args.dir else worker_files()
    worker = Worker(files, args.idle_seconds)
    # Only a flag: the handler may run while the main thread holds the state lock.
    signal.signal(signal.SIGTERM, lambda *_: worker.stopping.set())
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the CLI's Ctrl-C is the CLI's, not ours
    return worker.serve()


if __name__ == "__main__":
    sys.exit(main())
