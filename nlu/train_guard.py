"""Run a command (`rasa train`) under a watchdog: a run that stops using CPU is stuck.

TensorFlow 2.12 on this machine kind sometimes deadlocks mid-training, every thread asleep on
a futex, and waits forever. A stall is visible from outside: the process group's CPU time
stops growing. The guard kills a stalled or overlong run and starts again, a few times.

    python -m nlu.train_guard --attempts 3 --stall 120 --timeout 1500 -- rasa train nlu ...
"""

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


def group_cpu_seconds(session_id: int) -> float:
    """CPU time (user + system) of every process in the session, from /proc."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended while we looked
        if int(fields[3]) == session_id:  # field 6 of stat: the session id
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / TICKS


def run_once(command: list[str], stall: float, timeout: float, every: float = 2.0) -> int:
    """Run `command` in its own session; kill it if it stalls or overruns. Its exit code."""
    process = subprocess.Popen(command, start_new_session=True)  # noqa: S603
    started = last_progress = time.monotonic()
    last_cpu = 0.0
    while process.poll() is None:
        time.sleep(every)
        now, cpu = time.monotonic(), group_cpu_seconds(process.pid)
        if cpu > last_cpu + 0.2:
            last_cpu, last_progress = cpu, now
        if now - last_progress > stall or now - started > timeout:
            why = "stalled (no CPU use)" if now - last_progress > stall else "timed out"
            print(f"train_guard: run {why} after {now - started:.0f}s; killing it", flush=True)
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            return 124
    return process.returncode


def main(argv: list[str] | None = None) -> int:
    """Parse the options; run the command until it succeeds or the attempts are used up."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attempts", type=int, default=3)
    parser.add_argument("--stall", type=float, default=120.0, help="seconds without CPU use")
    parser.add_argument("--timeout", type=float, default=1500.0, help="seconds per attempt")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    options = parser.parse_args(argv)
    command = options.command[1:] if options.command[:1] == ["--"] else options.command
    if not command:
        parser.error("no command given")
    for attempt in range(1, options.attempts + 1):
        code = run_once(command, options.stall, options.timeout)
        if code == 0:
            return 0
        print(f"train_guard: attempt {attempt} of {options.attempts} failed ({code})", flush=True)
    return 1


if __name__ == "__main__":
    sys.exit(main())
