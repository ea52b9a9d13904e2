"""Start-up and first-token benchmark for careercoach (issue 2).

Prints a Markdown section for docs/PERFORMANCE.md:
- the median wall time of `careercoach --help` against the `--help` of a minimal two-command
  Typer app (bench/minimal_typer_app.py, the floor of any Typer CLI), same interpreter, same run;
- `careercoach chat` against a local fake OpenAI-compatible server: time to the first streamed
  byte and to the end, and the same path split into imports, store and request, each measured
  in a fresh process.

Run: python bench/bench_startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))


def _median_wall(cmd: list[str], runs: int, env: dict[str, str]) -> float:
    subprocess.run(cmd, capture_output=True, env=env, check=True)  # warm-up (page cache, pyc)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, env=env, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _first_byte(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert proc.stdout is not None
    first = proc.stdout.read(1)
    t_first = time.perf_counter() - start
    proc.communicate()
    total = time.perf_counter() - start
    if proc.returncode != 0 or not first:
        raise RuntimeError(f"{cmd} failed with {proc.returncode}")
    return t_first, total


PHASE_SCRIPT = r"""
import sys, time, json
t0 = time.perf_counter()
import careercoach.cli
t1 = time.perf_counter()
from careercoach.llm.litellm_setup import load_litellm
load_litellm()
t2 = time.perf_counter()
from careercoach.store.db import open_store
from careercoach.store.ledger import StoreLedger
store = open_store()
t3 = time.perf_counter()
from careercoach.config import Config
from careercoach.services.model import ModelChoice, open_gateway
gw = open_gateway("chat", ModelChoice(no_cache=True), store=store)
first = []
def on_text(delta):
    if not first:
        first.append(time.perf_counter())
gw.complete([{"role": "user", "content": "hello"}], on_text=on_text)
t4 = time.perf_counter()
print(json.dumps({"cli_imports": t1 - t0, "litellm_import": t2 - t1, "store": t3 - t2,
                  "request_first_token": first[0] - t3, "request_total": t4 - t3}))
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    from fakellm import FakeLLM

    py = sys.executable
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "CAREERCOACH_HOME": home, "NO_COLOR": "1"}
        floor = _median_wall([py, str(ROOT / "bench" / "minimal_typer_app.py"), "--help"], args.runs, env)
        ours = _median_wall([py, "-m", "careercoach", "--help"], args.runs, env)
        version = _median_wall([py, "-m", "careercoach", "--version"], args.runs, env)

        server = FakeLLM(default_text="Learn SQL, then Python; build one pipeline end to end. " * 4)
        try:
            env_chat = {
                **env,
                "CAREERCOACH_MODEL": "openai/bench-model",
                "CAREERCOACH_API_BASE": server.base_url,
                "OPENAI_API_KEY": "sk-bench",
                "CAREERCOACH_NO_WORKER": "1",
            }
            cmd = [py, "-m", "careercoach", "chat", "--no-cache", "hello"]
            _first_byte(cmd, env_chat)  # warm-up
            samples = [_first_byte(cmd, env_chat) for _ in range(5)]
            phases = []
            import json

            for _ in range(5):
                out = subprocess.run([py, "-c", PHASE_SCRIPT], capture_output=True, text=True,
                                     env=env_chat, check=True).stdout
                phases.append(json.loads(out))
        finally:
            server.stop()

    first_med = statistics.median(s[0] for s in samples)
    total_med = statistics.median(s[1] for s in samples)
    ratio = ours / floor
    print("## Start-up and first token (issue 2)\n")
    print("Method: wall time of whole processes, median of "
          f"{args.runs} runs after one warm-up, same interpreter, in one run of "
          "`bench/bench_startup.py`. The floor is `bench/minimal_typer_app.py --help`, a "
          "two-command Typer app.\n")
    print("| command | median | ratio to floor | target |")
    print("| --- | --- | --- | --- |")
    print(f"| minimal Typer app `--help` (floor) | {floor * 1000:.0f} ms | 1.00 | |")
    status = "met" if ratio <= 1.3 else "NOT met"
    print(f"| `careercoach --help` | {ours * 1000:.0f} ms | {ratio:.2f} | <= 1.3 ({status}) |")
    print(f"| `careercoach --version` | {version * 1000:.0f} ms | {version / floor:.2f} | |")
    print()
    print("`careercoach chat --no-cache hello` against a local fake OpenAI-compatible server "
          "(in-process transport, median of 5 after a warm-up):\n")
    print("| measure | median |")
    print("| --- | --- |")
    print(f"| first streamed byte on stdout | {first_med:.2f} s |")
    print(f"| whole command | {total_med:.2f} s |")
    for key, label in [
        ("cli_imports", "import careercoach's CLI"),
        ("litellm_import", "import and tame LiteLLM"),
        ("store", "open the store (SQLite, migrations checked)"),
        ("request_first_token", "request to first token (LiteLLM's first call included)"),
        ("request_total", "request to last token"),
    ]:
        print(f"| part: {label} | {statistics.median(p[key] for p in phases):.3f} s |")
    print()


if __name__ == "__main__":
    main()
