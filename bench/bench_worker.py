"""The warm model worker against in-process calls, the `llm` tool and a raw httpx stream (issue 9).

Prints a Markdown section for docs/PERFORMANCE.md. Against one local fake OpenAI-compatible
server (tests/fakellm.py), in one run: time to the first streamed byte on stdout and to the
end of the process, median of N runs after one warm-up, for

- `careercoach chat --no-cache hello` cold: no worker running (stopped before every run), the
  worker enabled, so the command starts it and its LiteLLM import overlaps the command's work;
- the same warm: the worker already running;
- the same in-process: CAREERCOACH_NO_WORKER=1, LiteLLM imported by the command itself;
- Simon Willison's `llm` tool on the same server, pip-installed into a temporary venv (if the
  package registry cannot be reached, the row says it was not available);
- a raw httpx stream in a fresh interpreter: the floor of any Python client.

`--no-cache` so that every run reaches the server. Run: python bench/bench_worker.py [--runs N]
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

ANSWER = "Learn SQL, then Python; build one pipeline end to end. " * 4

HTTPX_SCRIPT = r"""
import sys, httpx
url = sys.argv[1] + "/chat/completions"
body = {"model": "test-model", "stream": True, "messages": [{"role": "user", "content": "hello"}]}
with httpx.stream("POST", url, json=body, headers={"Authorization": "Bearer sk-bench"}) as r:
    for line in r.iter_lines():
        if line.startswith("data: ") and line != "data: [DONE]":
            sys.stdout.write(line[6:]); sys.stdout.flush()
"""


def _first_byte(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds to the first byte on stdout and to the end of the process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert proc.stdout is not None
    first = proc.stdout.read(1)
    t_first = time.perf_counter() - start
    _, err = proc.communicate()
    total = time.perf_counter() - start
    if proc.returncode != 0 or not first:
        raise RuntimeError(f"{cmd} failed with {proc.returncode}: {err.decode()[-500:]}")
    return t_first, total


def _measure(cmd: list[str], env: dict[str, str], runs: int, before=None) -> tuple[float, float]:
    """Median (first byte, total) of `runs` runs after one warm-up; `before` runs before each."""
    samples = []
    for index in range(runs + 1):
        if before is not None:
            before()
        sample = _first_byte(cmd, env)
        if index:  # the first run only warms the page cache and the .pyc files
            samples.append(sample)
    return statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples)


def _install_llm(workdir: Path) -> Path | None:
    """The `llm` executable in a fresh venv, or None when it cannot be installed."""
    venv = workdir / "llm-venv"
    try:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True,
                       capture_output=True, timeout=300)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "llm"], check=True,
                       capture_output=True, timeout=600)
    except (subprocess.SubprocessError, OSError):
        return None
    exe = venv / "bin" / "llm"
    return exe if exe.exists() else None


def _llm_env(base: dict[str, str], workdir: Path, api_base: str) -> dict[str, str]:
    user_dir = workdir / "llm-user"
    user_dir.mkdir(exist_ok=True)
    (user_dir / "extra-openai-models.yaml").write_text(
        f"- model_id: fake\n  model_name: test-model\n  api_base: \"{api_base}\"\n",
        encoding="utf-8",
    )
    return {**base, "LLM_USER_PATH": str(user_dir), "OPENAI_API_KEY": "sk-bench"}


def _row(label: str, figures: tuple[float, float] | None, note: str = "") -> str:
    if figures is None:
        return f"| {label} | not available | | {note} |"
    return f"| {label} | {figures[0]:.2f} s | {figures[1]:.2f} s | {note} |"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from fakellm import FakeLLM

    py = sys.executable
    server = FakeLLM(default_text=ANSWER)
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        base = {k: v for k, v in os.environ.items() if not k.startswith("CAREERCOACH_")}
        env = {
            **base,
            "CAREERCOACH_HOME": str(workdir / "home"),
            "CAREERCOACH_MODEL": "openai/test-model",
            "CAREERCOACH_API_BASE": server.base_url,
            "OPENAI_API_KEY": "sk-bench",
            "NO_COLOR": "1",
        }
        chat = [py, "-m", "careercoach", "chat", "--no-cache", "hello"]

        def stop_worker() -> None:
            subprocess.run([py, "-m", "careercoach", "worker", "stop"], env=env,
                           capture_output=True, check=True)

        try:
            cold = _measure(chat, env, args.runs, before=stop_worker)
            warm = _measure(chat, env, args.runs)
            stop_worker()
            in_process = _measure(chat, {**env, "CAREERCOACH_NO_WORKER": "1"}, args.runs)
            floor = _measure([py, "-c", HTTPX_SCRIPT, server.base_url], env, args.runs)
            llm_exe = _install_llm(workdir)
            llm_tool = None
            if llm_exe is not None:
                llm_tool = _measure([str(llm_exe), "-m", "fake", "hello"],
                                    _llm_env(base, workdir, server.base_url), args.runs)
        finally:
            stop_worker()
            server.stop()

    print("## Warm model worker (issue 9)\n")
    print(f"Method: whole processes against one local fake OpenAI-compatible server, time to the "
          f"first byte on stdout and to the end, median of {args.runs} runs after one warm-up, "
          "in one run of `bench/bench_worker.py`. careercoach runs `chat --no-cache hello`; "
          "cold stops the worker before every run.\n")
    print("| client | first streamed byte | whole process | |")
    print("| --- | --- | --- | --- |")
    print(_row("raw httpx stream (floor)", floor))
    print(_row("`llm` tool", llm_tool,
               "" if llm_tool else "could not be pip-installed into a temporary venv"))
    print(_row("careercoach in-process (CAREERCOACH_NO_WORKER=1)", in_process))
    print(_row("careercoach cold (no worker running; it is started)", cold))
    print(_row("careercoach warm (worker running)", warm))
    print()
    print("| target | figures | |")
    print("| --- | --- | --- |")
    if llm_tool is not None:
        met = "met" if warm[0] <= llm_tool[0] else "NOT met"
        print(f"| warm first byte <= the `llm` tool's | {warm[0]:.2f} s vs {llm_tool[0]:.2f} s "
              f"| {met} |")
    else:
        print("| warm first byte <= the `llm` tool's | `llm` not available | not measured |")
    ratio = warm[0] / floor[0]
    print(f"| warm first byte within 3x the httpx floor | {ratio:.1f}x "
          f"({warm[0]:.2f} s vs {floor[0]:.2f} s) | {'met' if ratio <= 3 else 'NOT met'} |")
    met = "met" if cold[0] <= in_process[0] else "NOT met"
    print(f"| cold no worse than in-process (first byte) | {cold[0]:.2f} s vs "
          f"{in_process[0]:.2f} s | {met} |")
    print()


if __name__ == "__main__":
    main()
