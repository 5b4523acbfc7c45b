"""Run a command (`rasa train`) under a watchdog: a run that stops using CPU is stuck.

TensorFlow 2.12 on this machine kind sometimes deadlocks mid-training: threads spin, then
every thread sleeps on a futex, forever. A stall is visible from outside: the epoch progress
stops, or the process group's CPU time stops growing. The guard kills a stalled or overlong
run and starts again, a few times.

    python -m nlu.train_guard --attempts 3 --stall 120 --timeout 1500 -- rasa train nlu ...
"""

import argparse
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO

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


class _Output:
    """Copies the child's output through and remembers when it last said anything."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.last = time.monotonic()
        self.thread = threading.Thread(target=self._copy, args=(stream,), daemon=True)
        self.thread.start()

    def _copy(self, stream: IO[bytes]) -> None:
        for chunk in iter(lambda: stream.read1(4096), b""):  # type: ignore[attr-defined]
            self.last = time.monotonic()
            sys.stdout.buffer.write(chunk)
            sys.stdout.buffer.flush()


def _why(idle: bool, silent: bool, cpu: float) -> str:
    """Why a run is killed: a deadlock sleeps (idle); a slow or spinning run only goes quiet."""
    if idle:
        return f"stalled (idle: no CPU use; {cpu:.0f} CPU s in all)"
    if silent:
        return f"stalled (silent: no output, CPU still growing; {cpu:.0f} CPU s in all)"
    return "timed out"


def run_once(command: list[str], stall: float, timeout: float, every: float = 2.0) -> int:
    """Run `command` in its own session; kill it if it stalls or overruns. Its exit code.

    A stall is `stall` seconds with neither new output (Rasa's epoch progress) nor CPU use:
    a deadlock sleeps, but a livelock spins, so silence counts as much as idleness.
    """
    process = subprocess.Popen(  # noqa: S603
        command, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    assert process.stdout is not None
    output = _Output(process.stdout)
    started = cpu_progress = time.monotonic()
    last_cpu = 0.0
    while process.poll() is None:
        time.sleep(every)
        now, cpu = time.monotonic(), group_cpu_seconds(process.pid)
        if cpu > last_cpu + 0.2:
            last_cpu, cpu_progress = cpu, now
        idle, silent = now - cpu_progress > stall, now - output.last > stall
        if idle or silent or now - started > timeout:
            why = _why(idle, silent, cpu)
            print(f"\ntrain_guard: run {why} after {now - started:.0f}s; killing it", flush=True)
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            return 124
    output.thread.join(timeout=5)
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
