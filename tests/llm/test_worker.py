"""The warm model worker: lifecycle, robustness, safety, and the same results as in-process.

Most tests share one worker (module scope, in a home of their own) because each new worker
imports LiteLLM for seconds; lifecycle tests use throwaway workers that never finish warming
up. Every worker a test starts is stopped (and, failing that, killed) at teardown.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from careercoach.llm import worker_client, worker_transport
from careercoach.llm.transport import InProcessTransport
from careercoach.llm.worker_protocol import WorkerFiles, worker_files
from worker_helpers import status, stop_everything, usage_rows, wait_for, worker_pids

SENTINEL = "sk-test-SENTINEL-0000"
DEFAULT = "This is the fake model's default answer."

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux /proc")


@pytest.fixture
def worker_on(monkeypatch: pytest.MonkeyPatch):
    """Model calls may use the worker (conftest turns it off), with this process's state reset."""
    monkeypatch.delenv("CAREERCOACH_NO_WORKER", raising=False)
    monkeypatch.setattr(worker_client, "_started", {})
    monkeypatch.setattr(worker_client, "_shared", {})
    monkeypatch.setattr(worker_transport, "_told_fallback", False)
    yield


@pytest.fixture
def private(worker_on, coach_home: Path):
    """This test's own worker directory; whatever runs there is stopped afterwards."""
    files = worker_files()
    yield files
    stop_everything(files)


@pytest.fixture(scope="module")
def shared_home(tmp_path_factory: pytest.TempPathFactory):
    home = tmp_path_factory.mktemp("warm")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CAREERCOACH_HOME", str(home))
        files = worker_files()
    yield home, files
    stop_everything(files)


@pytest.fixture
def shared(shared_home, worker_on, fake_llm, monkeypatch: pytest.MonkeyPatch):
    """The module's warm worker home, with the fake model configured."""
    home, files = shared_home
    monkeypatch.setenv("CAREERCOACH_HOME", str(home))
    return home, files


def _ready(files: WorkerFiles) -> dict:
    assert worker_client.WorkerClient(files, 900).ensure_ready()
    answer = status(files)
    assert answer is not None
    return answer


def _cli_env(home: Path, fake) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("CAREERCOACH_NO_WORKER", None)
    env.update(CAREERCOACH_HOME=str(home), CAREERCOACH_API_BASE=fake.base_url)
    return env


# -- served by the worker, same as in-process -----------------------------------------------


def test_a_model_command_starts_the_worker_and_is_served_by_it(cli, shared) -> None:
    home, files = shared
    result = cli("chat", "--no-cache", "hello from the first command")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == DEFAULT
    assert usage_rows(home)[-1][:2] == ("worker", "ok")
    answer = status(files)
    assert answer is not None and answer["requests"] >= 1 and answer["active"] == 0
    assert cli("worker", "start").stdout.startswith("Worker already running: pid ")


SCENARIOS = {
    "answer": [("text", "Learn SQL first, then Python.")],
    "rejected key": [("fault", "401", {})],
    "rate limit then answer": [("fault", "429", {"retry_after": 0}), ("text", "After a wait.")],
    "server errors past the retries": [("fault", "500", {}), ("fault", "500", {})],
    "too long for the context": [("fault", "context", {})],
    "stream cut mid-answer": [("fault", "cut", {"after_chunks": 2})],
}


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_same_output_exit_code_and_usage_with_and_without_the_worker(
    cli, shared, fake_llm, monkeypatch: pytest.MonkeyPatch, scenario: str
) -> None:
    home, files = shared
    _ready(files)
    monkeypatch.setenv("CAREERCOACH_RETRIES", "1")
    outcomes = {}
    for mode in ("worker", "in-process"):
        if mode == "in-process":
            monkeypatch.setenv("CAREERCOACH_NO_WORKER", "1")
        for item in SCENARIOS[scenario]:
            if item[0] == "text":
                fake_llm.push_text(item[1])
            else:
                fake_llm.push_fault(item[1], **item[2])
        before = len(usage_rows(home))
        result = cli("chat", "--no-cache", f"question about {scenario}")
        rows = usage_rows(home)[before:]
        assert [r[0] for r in rows] == [mode] * len(rows)
        outcomes[mode] = (result.exit_code, result.stdout, result.stderr, [r[1:] for r in rows])
    assert outcomes["worker"] == outcomes["in-process"]
    assert SENTINEL not in outcomes["worker"][2]


def test_structured_answers_and_their_repair_match(shared, fake_llm) -> None:
    from pydantic import BaseModel

    from llm_helpers import make_gateway, user

    class Verdict(BaseModel):
        verdict: str
        confidence: int

    home, files = shared
    _ready(files)
    results = []
    for transport in (worker_transport.choose_transport(_config()), InProcessTransport()):
        fake_llm.push_fault("prose")
        fake_llm.push_json({"verdict": "FIT", "confidence": 80})
        gateway, ledger = make_gateway(use_cache=False)
        gateway.transport = transport
        answer = gateway.structured(user("Am I a fit?"), Verdict)
        results.append((answer.parsed, answer.text, answer.prompt_tokens, ledger.outcomes,
                        [e.transport for e in ledger.events]))
    assert results[0][:4] == results[1][:4]
    assert results[0][3] == ["invalid_answer", "ok"]
    assert results[0][4] == ["worker", "worker"] and results[1][4] == ["in-process"] * 2


def _config():
    from careercoach.config import Config

    return Config.load()


def test_a_warm_command_never_imports_litellm_itself(shared, fake_llm) -> None:
    home, files = shared
    _ready(files)
    probe = (
        "import sys\n"
        "from careercoach.cli import app\n"
        "try:\n"
        "    app(['chat', '--no-cache', 'is litellm here?'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stderr.write('LITELLM=%s' % ('litellm' in sys.modules))\n"
    )
    proc = subprocess.run([sys.executable, "-c", probe], env=_cli_env(home, fake_llm),
                          capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip() == DEFAULT, proc.stderr
    assert "LITELLM=False" in proc.stderr


def test_a_warm_chat_imports_neither_litellm_nor_sqlalchemy(shared, fake_llm) -> None:
    """Served by the worker, one-shot chats read and write the store in plain SQL: the coach's
    context, the history, both turns, the cache, the budget and the usage rows."""
    from careercoach.store.db import open_store
    from careercoach.store.models import Analysis, Goal, Job, Profile

    home, files = shared
    _ready(files)
    with open_store().session() as session:
        if session.get(Profile, 1) is None:
            session.add(Profile(id=1, headline="Analyst moving into data engineering"))
        job = Job(title="Data Engineer", company="Northwind", text="posting")
        session.add_all([job, Goal(title="Pass the warm-worker exam")])
        session.flush()
        session.add(Analysis(kind="gap", job_id=job.id, mode="offline", verdict="UNFIT",
                             score=58.0, report={"missing_skills": [{"skill": "Airflow"}]}))
    probe = (
        "import sys\n"
        "from careercoach.cli import app\n"
        "codes = []\n"
        "for args in (['chat', '--with', 'journal', 'what next?'],\n"
        "             ['chat', '--continue', 'and then?']):\n"
        "    try:\n"
        "        app(args)\n"
        "    except SystemExit as exit:\n"
        "        codes.append(exit.code)\n"
        "top = {name.split('.')[0] for name in sys.modules}\n"
        "heavy = sorted(top & {'litellm', 'sqlalchemy', 'sqlmodel'})\n"
        "sys.stderr.write('HEAVY=%r CODES=%r' % (heavy, codes))\n"
    )
    env = {**_cli_env(home, fake_llm), "CAREERCOACH_BUDGET_MONTHLY_USD": "100"}
    before = len(usage_rows(home))
    proc = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True,
                          text=True, timeout=60)
    assert proc.stdout == f"{DEFAULT}\n{DEFAULT}\n", proc.stderr
    assert "HEAVY=[] CODES=[0, 0]" in proc.stderr
    assert [row[:2] for row in usage_rows(home)[before:]] == [("worker", "ok")] * 2
    system, *_, question = fake_llm.chat_requests[-1].body["messages"]
    for fact in ("Pass the warm-worker exam", "Data Engineer at Northwind", "Airflow"):
        assert fact in system["content"], fact
    assert question == {"role": "user", "content": "and then?"}
    assert {"role": "user", "content": "what next?"} in fake_llm.chat_requests[-1].body["messages"]


def test_four_clients_share_one_worker_and_each_gets_its_own_answer(shared, fake_llm) -> None:
    from fakellm import FakeLLM

    from careercoach.llm.transport import ModelRequest

    home, files = shared
    pid = _ready(files)["pid"]
    servers = [FakeLLM(default_text=f"Answer number {n} for you.") for n in range(4)]
    for server in servers:  # each answer waits a moment, so all four are in flight together
        server.push_fault("hang", after_chunks=1, seconds=1.5,
                          text=server.default_text)
    answers: dict[int, str] = {}
    most_at_once = [0]

    def ask(n: int) -> None:
        transport = worker_transport.choose_transport(_config())
        request = ModelRequest(model="openai/test-model", messages=[{"role": "user",
                               "content": f"question {n}"}], timeout=30,
                               api_base=servers[n].base_url, api_key=SENTINEL)
        transport.prepare()
        pieces: list[str] = []
        reply = transport.send(request, pieces.append)
        assert transport.name == "worker"
        answers[n] = reply.text if reply.text == "".join(pieces) else "streamed text differs"

    def watch() -> None:
        while len(answers) < 4:
            most_at_once[0] = max(most_at_once[0], (status(files) or {}).get("active", 0))
            time.sleep(0.02)

    try:
        threads = [threading.Thread(target=ask, args=(n,)) for n in range(4)]
        watcher = threading.Thread(target=watch, daemon=True)
        for thread in [*threads, watcher]:
            thread.start()
        for thread in threads:
            thread.join(60)
    finally:
        for server in servers:
            server.stop()
    assert answers == {n: f"Answer number {n} for you." for n in range(4)}
    assert most_at_once[0] == 4
    assert status(files)["pid"] == pid and worker_pids(files.directory) == {pid}


def test_ctrl_c_in_the_cli_cancels_the_request_in_the_worker(cli, shared, fake_llm) -> None:
    home, files = shared
    _ready(files)
    fake_llm.push_fault("hang", after_chunks=1, seconds=20)
    returned = threading.Event()

    def press_ctrl_c() -> None:
        wait_for(lambda: (status(files) or {}).get("active") == 1, 20, "the running request")
        time.sleep(0.3)  # the first chunk is through; the stream now stalls for 20 s
        if not returned.is_set():
            os.kill(os.getpid(), signal.SIGINT)

    presser = threading.Thread(target=press_ctrl_c)
    presser.start()
    try:
        result = cli("chat", "--no-cache", "a long answer please")
    finally:
        returned.set()
        presser.join()
    assert result.exit_code == 130, result.stderr
    assert result.stdout.startswith("This is")
    # Cut at once, as in-process: not at the stalled provider's next chunk, 20 s away.
    wait_for(lambda: "cancelled by the client" in files.log.read_text(), 3, "the cancellation")
    assert status(files)["active"] == 0
    assert usage_rows(home)[-1][:2] == ("worker", "interrupted")


def test_the_worker_holds_no_key_and_logs_no_prompt(cli, shared) -> None:
    home, files = shared
    pid = _ready(files)["pid"]
    assert cli("chat", "--no-cache", "my secret career plan").exit_code == 0
    environ = Path(f"/proc/{pid}/environ").read_bytes()
    assert b"OPENAI_API_KEY" not in environ and SENTINEL.encode() not in environ
    log = files.log.read_text()
    assert SENTINEL not in log and "secret career plan" not in log and "request" in log


def test_the_socket_is_private_and_there_is_no_network_listener(shared) -> None:
    home, files = shared
    pid = _ready(files)["pid"]
    assert stat.S_IMODE(files.directory.stat().st_mode) == 0o700
    assert stat.S_IMODE(files.socket.stat().st_mode) == 0o600
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        with contextlib.suppress(OSError):
            target = os.readlink(fd)
            if target.startswith("socket:["):
                inodes.add(target[8:-1])
    for table in ("tcp", "tcp6", "udp", "udp6"):
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{pid}/net/{table}").read_text().splitlines()[1:]:
                fields = line.split()
                assert fields[9] not in inodes, f"the worker has a {table} socket: {line}"


def test_peer_credentials_of_another_user_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from careercoach.llm import worker

    left, right = socket.socketpair(socket.AF_UNIX)
    with left, right:
        assert worker._same_user(left)
        monkeypatch.setattr(worker.os, "getuid", lambda: os.geteuid() + 4242)
        assert not worker._same_user(left)


def test_the_log_is_kept_small(tmp_path: Path) -> None:
    from careercoach.llm.worker import Worker

    files = WorkerFiles(tmp_path)
    files.log.write_text("x" * 100)
    Worker(files, 1)._rotate_log(limit=50)
    assert not files.log.exists() and (tmp_path / "worker.log.1").read_text() == "x" * 100


# -- lifecycle -----------------------------------------------------------------------------


def test_an_idle_worker_exits_and_removes_its_socket(private: WorkerFiles) -> None:
    worker_client.spawn(private, 1)
    wait_for(lambda: worker_client.connect(private), 10, "the socket")
    [pid] = worker_pids(private.directory)
    wait_for(lambda: worker_client.process_gone(pid), 15, "the idle exit")
    assert not private.socket.exists()
    assert "leaving: idle" in private.log.read_text()


def test_worker_stop_ends_it_and_status_says_so(cli, private: WorkerFiles) -> None:
    worker_client.spawn(private, 600)
    wait_for(lambda: status(private), 10, "the worker")
    pid = status(private)["pid"]
    result = cli("worker", "status")
    assert result.stdout.startswith(f"Worker running: pid {pid}")
    assert cli("worker", "stop").stdout.strip() == f"Worker stopped (pid {pid})."
    assert worker_client.process_gone(pid)
    assert cli("worker", "status").stdout.startswith("No worker running")


def test_a_cli_of_another_version_makes_the_worker_leave(
    private: WorkerFiles, monkeypatch: pytest.MonkeyPatch
) -> None:
    worker_client.spawn(private, 600)
    wait_for(lambda: status(private), 10, "the worker")
    old = status(private)["pid"]
    monkeypatch.setattr(worker_client, "CLIENT_VERSION", "0.0.0-another")
    # The old worker leaves; the fresh one started for us is of the installed version, which
    # this pretend CLI does not match either, so it leaves too and the call runs in-process.
    assert not worker_client.WorkerClient(private, 600).ensure_ready()
    wait_for(lambda: worker_client.process_gone(old), 10, "the old worker to leave")
    wait_for(lambda: not worker_pids(private.directory), 10, "every worker to leave")
    assert "a CLI of version 0.0.0-another asked" in private.log.read_text()
    transport = worker_transport.WorkerTransport(worker_client.WorkerClient(private, 600))
    with monkeypatch.context() as mp:
        mp.setattr(transport.fallback, "prepare", lambda: None)
        transport.prepare()
    assert transport.name == "in-process"


def test_a_stale_socket_is_replaced(private: WorkerFiles) -> None:
    dead = socket.socket(socket.AF_UNIX)
    dead.bind(str(private.socket))
    dead.close()  # the file stays, as after a crash: connecting is refused
    assert private.socket.exists() and worker_client.connect(private) is None
    worker_client.spawn(private, 600)
    wait_for(lambda: status(private), 10, "a worker on the stale socket's path")


def test_worker_stop_removes_a_stale_socket(cli, private: WorkerFiles) -> None:
    dead = socket.socket(socket.AF_UNIX)
    dead.bind(str(private.socket))
    dead.close()
    result = cli("worker", "stop")
    assert "removed a dead worker's socket" in result.stdout
    assert not private.socket.exists()


def test_two_starting_at_once_end_with_one_worker(private: WorkerFiles) -> None:
    command = [sys.executable, "-m", "careercoach.llm.worker", "--dir", str(private.directory),
               "--idle-seconds", "600"]
    procs = [subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL) for _ in range(2)]
    try:
        wait_for(lambda: status(private), 10, "a worker")
        wait_for(lambda: any(p.poll() is not None for p in procs), 10, "the second to give up")
        loser = next(p for p in procs if p.poll() is not None)
        assert loser.returncode == 0
        assert status(private)["pid"] == next(p.pid for p in procs if p is not loser)
    finally:
        for p in procs:
            with contextlib.suppress(Exception):
                p.kill()
                p.wait(5)


def test_turned_off_or_unsupported_means_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    from careercoach.config import Config

    config = Config({}, {})
    monkeypatch.setenv("CAREERCOACH_NO_WORKER", "1")
    assert isinstance(worker_transport.choose_transport(config), InProcessTransport)
    monkeypatch.delenv("CAREERCOACH_NO_WORKER")
    assert isinstance(worker_transport.choose_transport(config), worker_transport.WorkerTransport)
    assert isinstance(
        worker_transport.choose_transport(Config({"worker": False}, {})), InProcessTransport
    )
    monkeypatch.setattr(worker_client, "supported", lambda: False)
    assert isinstance(worker_transport.choose_transport(config), InProcessTransport)


# -- last: this one kills the shared worker ------------------------------------------------


def test_a_worker_dying_mid_answer_is_retried_in_process_once_said(cli, shared, fake_llm) -> None:
    home, files = shared
    pid = _ready(files)["pid"]
    fake_llm.push_fault("hang", after_chunks=1, seconds=2)

    def kill_when_streaming() -> None:
        wait_for(lambda: (status(files) or {}).get("active") == 1, 20, "the running request")
        time.sleep(0.2)
        os.kill(pid, signal.SIGKILL)

    killer = threading.Thread(target=kill_when_streaming)
    killer.start()
    result = cli("chat", "--no-cache", "tell me everything")
    killer.join()
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == DEFAULT  # the part already shown is not shown twice
    assert result.stderr.count("the model worker stopped during the request") == 1
    assert usage_rows(home)[-1][:2] == ("in-process", "ok")
