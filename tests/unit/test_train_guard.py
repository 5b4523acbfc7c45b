"""The training watchdog kills a run that stops using CPU, retries, and passes a good run."""

import sys

from nlu.train_guard import main, run_once


def test_a_run_that_stops_using_cpu_is_killed_as_stalled_and_idle(capsys: object) -> None:
    assert run_once([sys.executable, "-c", "import time; time.sleep(30)"], 1.0, 60, 0.2) == 124
    assert "stalled (idle" in capsys.readouterr().out  # type: ignore[attr-defined]


def test_a_run_that_spins_without_printing_is_killed_as_silent(capsys: object) -> None:
    assert run_once([sys.executable, "-c", "while True: pass"], 1.5, 60, 0.2) == 124
    assert "stalled (silent" in capsys.readouterr().out  # type: ignore[attr-defined]


def test_a_run_past_its_timeout_is_killed_even_while_busy_and_talking(capsys: object) -> None:
    talking = "import time\nwhile True: print('epoch', flush=True); time.sleep(0.1)"
    assert run_once([sys.executable, "-c", talking], 30, 1.5, 0.2) == 124
    output = capsys.readouterr().out  # type: ignore[attr-defined]
    assert "epoch" in output and "timed out" in output


def test_a_successful_run_passes_and_a_failing_one_uses_every_attempt(capsys: object) -> None:
    assert main(["--attempts", "2", "--", sys.executable, "-c", "pass"]) == 0
    assert main(["--attempts", "2", "--", sys.executable, "-c", "raise SystemExit(3)"]) == 1
    output = capsys.readouterr().out  # type: ignore[attr-defined]
    assert "attempt 1 of 2 failed (3)" in output and "attempt 2 of 2 failed (3)" in output
