"""Timing helpers the benchmark scripts share: medians of in-process calls and of fresh
processes, with CPU time next to wall time (a loaded machine stretches wall time only)."""

from __future__ import annotations

import resource
import statistics
import subprocess
import time


def child_cpu() -> float:
    """User + system CPU seconds of this process's finished children so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def median_call(fn, runs: int) -> tuple[float, float]:
    """Median wall and CPU (this process) time of fn() after one warm-up call."""
    fn()
    walls, cpus = [], []
    for _ in range(runs):
        cpu = time.process_time()
        start = time.perf_counter()
        fn()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def median_walls(
    cmds: dict[str, list[str]], runs: int, env: dict[str, str]
) -> dict[str, tuple[float, float]]:
    """Median wall time and median CPU time (user + system) of each command, fresh processes.

    The commands take turns (one run of each per round), so a change in the machine's load
    during the benchmark touches all of them alike.
    """
    for cmd in cmds.values():
        subprocess.run(cmd, capture_output=True, env=env, check=True)  # warm-up (cache, pyc)
    walls: dict[str, list[float]] = {name: [] for name in cmds}
    cpus: dict[str, list[float]] = {name: [] for name in cmds}
    for _ in range(runs):
        for name, cmd in cmds.items():
            cpu = child_cpu()
            start = time.perf_counter()
            subprocess.run(cmd, capture_output=True, env=env, check=True)
            walls[name].append(time.perf_counter() - start)
            cpus[name].append(child_cpu() - cpu)
    return {name: (statistics.median(walls[name]), statistics.median(cpus[name])) for name in cmds}
