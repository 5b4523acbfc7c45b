"""`python -m bench.nlu`: the real Rasa server's start-up, latency, throughput and memory.

Starts `returnee nlu-serve` with the newest nlu/models/nlu-*.tar.gz on a free 127.0.0.1 port,
waits for it to be ready, warms it up, then times sequential parses, parses from several client
threads (one RasaClient each) and the full `understand()` stack, over messages drawn round-robin
from nlu/eval/heldout.tsv. The server's resident memory is read from /proc. Figures are printed
and stored under "nlu" in bench/results/latest.json (also by `python -m bench.run`).
"""

import json
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import network_guard

from bench.machine import machine_facts
from bench.stats import LoadRun, cell
from nlu.client import CircuitBreaker, NluUnavailable, RasaClient
from nlu.evaluate import load_labelled
from nlu.understand import understand
from tests.helpers import REPO, free_port, start_process, stop_process

RESULTS = Path(__file__).resolve().parent / "results"
MODELS = REPO / "nlu" / "models"
HELDOUT = REPO / "nlu" / "eval" / "heldout.tsv"
TOKEN = "bench-nlu-token"
READ_TIMEOUT = 5.0
START_TIMEOUT = 240.0
READY_POLL_S = 0.25
MODEL_WAIT_S = 600.0  # a model being trained elsewhere may still be on its way
MODEL_POLL_S = 15.0
WARMUP_PARSES = 20
LATENCY_PARSES = 500
LOAD_PARSES = 1000
LOAD_THREADS = 4
UNDERSTAND_MESSAGES = 300
RUN_TIMEOUT = 150.0  # no single timed run takes longer than this


class ParseRun(LoadRun):
    """What the NLU clients saw: 'ok' or why a parse had no model answer."""

    NOUN = "parses"


def newest_model(wait_s: float = MODEL_WAIT_S) -> Path:
    """The newest finished nlu/models/nlu-*.tar.gz; waits (bounded) while there is none."""
    deadline = time.monotonic() + wait_s
    while True:
        model = _settled(_newest())
        if model is not None:
            return model
        if time.monotonic() + MODEL_POLL_S > deadline:
            raise RuntimeError(f"no trained model in {MODELS} after {wait_s:.0f} s")
        print(f"[nlu] no finished model in {MODELS} yet; waiting {MODEL_POLL_S:.0f} s", flush=True)
        time.sleep(MODEL_POLL_S)


def _newest() -> Path | None:
    """The most recently written model file, if any."""
    models = sorted(MODELS.glob("nlu-*.tar.gz"), key=lambda p: (p.stat().st_mtime, p.name))
    return models[-1] if models else None


def _settled(model: Path | None) -> Path | None:
    """`model`, unless it is still being written (its size changes within a second)."""
    if model is None:
        return None
    try:
        size = model.stat().st_size
        time.sleep(1.0)
        return model if size > 0 and model.stat().st_size == size else None
    except FileNotFoundError:
        return None


def messages() -> list[str]:
    """The held-out messages, in file order."""
    texts = [item.text for item in load_labelled(HELDOUT)]
    if not texts:
        raise RuntimeError(f"no examples in {HELDOUT}")
    return texts


def round_robin(texts: list[str], count: int, start: int = 0) -> list[str]:
    """`count` messages taken in turn from `texts`, beginning at `start`."""
    return [texts[(start + index) % len(texts)] for index in range(count)]


def bench_client(url: str) -> RasaClient:
    """A client for timing the server: read timeout 5 s, and a breaker that never opens, so a
    failing server shows up as errors instead of instant 'circuit open' answers."""
    return RasaClient(url, TOKEN, read_timeout=READ_TIMEOUT, breaker=CircuitBreaker(10**9))


@contextmanager
def rasa_server(model: Path, log: Path) -> Iterator[tuple[str, subprocess.Popen[bytes], float]]:
    """The real Rasa server (`returnee nlu-serve`); its URL, process and start-up seconds."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {"RASA_URL": url, "RASA_AUTH_TOKEN": TOKEN, "RASA_TELEMETRY_ENABLED": "false"}
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_bytes(b"")  # start_process appends
    began = time.perf_counter()
    process = start_process(["returnee", "nlu-serve", "--models", str(model)], env, log)
    try:
        client = bench_client(url)
        deadline = time.monotonic() + START_TIMEOUT
        while not client.ready():
            if process.poll() is not None:
                raise RuntimeError(f"the Rasa server exited with {process.returncode}; see {log}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"the Rasa server was not ready in {START_TIMEOUT:.0f} s")
            time.sleep(READY_POLL_S)
        yield url, process, time.perf_counter() - began
    finally:
        stop_process(process, timeout=20)


def parse_all(client: RasaClient, texts: list[str], deadline: float) -> ParseRun:
    """Parse every text in turn with one client."""
    run = ParseRun(planned=len(texts))
    began = time.perf_counter()
    _parse_into(run, lambda text: client.parse(text).intent, texts, deadline)
    run.wall_seconds = time.perf_counter() - began
    return run


def understand_all(
    client: RasaClient, texts: list[str], deadline: float
) -> tuple[ParseRun, Counter[str]]:
    """Run every text through the full stack (lexicon, rules, model); also who decided."""
    run = ParseRun(planned=len(texts))
    sources: Counter[str] = Counter()
    began = time.perf_counter()
    for text in texts:
        if time.perf_counter() > deadline:
            break
        start = time.perf_counter()
        source = understand(text, client).source
        run.latencies.append(time.perf_counter() - start)
        run.outcomes["ok" if source != "unavailable" else "unavailable"] += 1
        sources[source] += 1
    run.wall_seconds = time.perf_counter() - began
    return run, sources


def parse_threaded(url: str, texts: list[str], threads: int) -> ParseRun:
    """Parse every text using `threads` client threads, one RasaClient each."""
    run = ParseRun(planned=len(texts))
    lock = threading.Lock()
    start = threading.Barrier(threads + 1)
    deadline = time.perf_counter() + RUN_TIMEOUT
    workers = [
        threading.Thread(
            target=_client, args=(url, texts[offset::threads], start, deadline, run, lock),
            daemon=True,
        )
        for offset in range(threads)
    ]  # fmt: skip
    for worker in workers:
        worker.start()
    start.wait(timeout=30)
    began = time.perf_counter()
    for worker in workers:
        worker.join(max(0.0, deadline + READ_TIMEOUT + 1 - time.perf_counter()))
    run.wall_seconds = time.perf_counter() - began
    with lock:
        latencies, outcomes = list(run.latencies), Counter[str](run.outcomes)
        return ParseRun(run.planned, latencies, outcomes, run.wall_seconds, run.first_error)


def _client(
    url: str,
    share: list[str],
    start: threading.Barrier,
    deadline: float,
    run: ParseRun,
    lock: threading.Lock,
) -> None:
    """One client thread: parse its share sequentially over one keep-alive session."""
    client = bench_client(url)
    mine = ParseRun(planned=len(share))
    start.wait(timeout=30)
    _parse_into(mine, lambda text: client.parse(text).intent, share, deadline)
    with lock:
        run.latencies.extend(mine.latencies)
        run.outcomes.update(mine.outcomes)
        run.first_error = run.first_error or mine.first_error


def _parse_into(
    run: ParseRun, parse: Callable[[str], str], texts: list[str], deadline: float
) -> None:
    """Time `parse` on each text until the deadline; record latencies and outcomes."""
    for text in texts:
        if time.perf_counter() > deadline:
            break
        began = time.perf_counter()
        try:
            parse(text)
            outcome = "ok"
        except NluUnavailable as error:
            outcome = str(error) or "NluUnavailable"
            if run.first_error is None:
                run.first_error = repr(error.__cause__ or error)[:300]
        run.latencies.append(time.perf_counter() - began)
        run.outcomes[outcome] += 1


def memory(pid: int) -> dict[str, Any]:
    """Resident memory of process `pid` and its descendants, from /proc (MB)."""
    tree = [pid, *_descendants(pid)]
    rss = [_status_kb(p, "VmRSS") for p in tree]
    peak = [_status_kb(p, "VmHWM") for p in tree]
    return {
        "rss_mb": round(sum(rss) / 1024, 1),
        "server_rss_mb": round(rss[0] / 1024, 1),
        "peak_rss_mb": round(sum(peak) / 1024, 1),
        "processes": sum(kb > 0 for kb in rss),
    }


def _status_kb(pid: int, key: str) -> int:
    """One kB field of /proc/<pid>/status (0 when the process or field is gone)."""
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    for line in text.splitlines():
        if line.startswith(f"{key}:"):
            return int(line.split()[1])
    return 0


def _descendants(pid: int) -> list[int]:
    """Every live descendant of `pid`, found by scanning /proc/*/stat for parent ids."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    found: list[int] = []
    frontier = [pid]
    while frontier and len(found) < len(parents):
        children = [child for child, parent in parents.items() if parent in frontier]
        found.extend(children)
        frontier = children
    return found


def bench_nlu(model: Path | None = None) -> dict[str, Any]:
    """Every NLU measurement, against one freshly started Rasa server."""
    model = model or newest_model()
    texts = messages()
    log = RESULTS / "logs" / "nlu-rasa.log"
    report: dict[str, Any] = {"model": model.name, "heldout_messages": len(texts)}
    print(f"[nlu] starting the Rasa server with {model.name}", flush=True)
    began = time.monotonic()
    with rasa_server(model, log) as (url, process, startup_s):
        pid = process.pid
        report["startup_s"] = round(startup_s, 1)
        print(f"[nlu] ready after {report['startup_s']} s (pid {pid})", flush=True)
        client = bench_client(url)
        now = time.perf_counter
        warm = parse_all(client, round_robin(texts, WARMUP_PARSES), now() + RUN_TIMEOUT)
        report["warmup"] = warm.summary()
        report["memory_idle"] = memory(pid)
        latency = parse_all(client, round_robin(texts, LATENCY_PARSES), now() + RUN_TIMEOUT)
        report["latency"] = latency.summary()
        _show("sequential parses", report["latency"])
        load = parse_threaded(url, round_robin(texts, LOAD_PARSES), LOAD_THREADS)
        report["throughput"] = {"threads": LOAD_THREADS, **load.summary()}
        _show(f"parses from {LOAD_THREADS} threads", report["throughput"])
        full, sources = understand_all(
            client, round_robin(texts, UNDERSTAND_MESSAGES), now() + RUN_TIMEOUT
        )
        report["understand"] = {**full.summary(), "sources": dict(sorted(sources.items()))}
        _show("understand() full stack", report["understand"])
        report["memory_after"] = memory(pid)
        report["server_exit_code_after_load"] = process.poll()  # None: still running
        _show_memory(report)
    report["elapsed_s"] = round(time.monotonic() - began, 1)
    return report


def failed(report: dict[str, Any]) -> bool:
    """Whether the NLU bench did not get every answer it asked for."""
    if "error" in report:
        return True
    return any(report[key]["errors"] for key in ("latency", "throughput", "understand"))


def _show(label: str, s: dict[str, Any]) -> None:
    """Print one timed run's figures."""
    print(
        f"[nlu] {label}: {s['parses']} messages, {s['errors']} errors {s['outcomes']}, "
        f"{s['parses_per_s']}/s over {s['wall_s']} s; latency ms p50 {s['p50_ms']} "
        f"p90 {s['p90_ms']} p99 {s['p99_ms']} max {s['max_ms']}"
        + (f"; first error: {s['first_error']}" if s["first_error"] else ""),
        flush=True,
    )


def _show_memory(report: dict[str, Any]) -> None:
    """Print the server's memory figures."""
    idle, after = report["memory_idle"], report["memory_after"]
    print(
        f"[nlu] Rasa server RSS: {idle['rss_mb']} MB after warm-up, {after['rss_mb']} MB after "
        f"the load (peak {after['peak_rss_mb']} MB; {after['processes']} process(es))",
        flush=True,
    )


def table(report: dict[str, Any]) -> str:
    """The compact NLU summary block."""
    header = (
        f"{'nlu':<6}{'start-up s':>11}{'p50 ms':>9}{'p90 ms':>9}{'p99 ms':>9}{'max ms':>9}"
        f"{f'parses/s ({LOAD_THREADS} threads)':>22}{'understand p50/p99 ms':>23}"
        f"{'RSS MB (idle/after)':>21}"
    )
    if "error" in report:
        return f"{header}\n{'rasa':<6}  failed: {report['error']}"
    startup = report.get("startup_s")
    understood = f"{cell(report, 'understand', 'p50_ms')}/{cell(report, 'understand', 'p99_ms')}"
    rss = f"{cell(report, 'memory_idle', 'rss_mb')}/{cell(report, 'memory_after', 'rss_mb')}"
    row = (
        f"{'rasa':<6}{'-' if startup is None else startup:>11}"
        f"{cell(report, 'latency', 'p50_ms'):>9}{cell(report, 'latency', 'p90_ms'):>9}"
        f"{cell(report, 'latency', 'p99_ms'):>9}{cell(report, 'latency', 'max_ms'):>9}"
        f"{cell(report, 'throughput', 'parses_per_s'):>22}{understood:>23}{rss:>21}"
    )
    return f"{header}\n{row}"


def run_safely() -> dict[str, Any]:
    """bench_nlu, or {'error': ...} when there is no model or the server would not start."""
    try:
        return bench_nlu()
    except RuntimeError as error:
        print(f"[nlu] failed: {error}", flush=True)
        return {"error": str(error)}


def options() -> dict[str, Any]:
    """The NLU bench's settings, for the JSON."""
    return {
        "warmup": WARMUP_PARSES,
        "latency_parses": LATENCY_PARSES,
        "load_parses": LOAD_PARSES,
        "load_threads": LOAD_THREADS,
        "understand_messages": UNDERSTAND_MESSAGES,
        "read_timeout_s": READ_TIMEOUT,
    }


def main() -> int:
    """Run the NLU bench alone; print it and store it under "nlu" in latest.json."""
    network_guard.install()
    facts = machine_facts()
    print(f"machine: nproc={facts['nproc']} cpu={facts['cpu_model']} mem={facts['memory_gb']} GB "
          f"python={facts['python']}", flush=True)  # fmt: skip
    report = {**run_safely(), "options": options()}
    print("\n" + table(report))
    latest = RESULTS / "latest.json"
    payload = json.loads(latest.read_text()) if latest.exists() else {}
    payload["nlu"] = report
    RESULTS.mkdir(parents=True, exist_ok=True)
    latest.write_text(json.dumps(payload, indent=2) + "\n")
    print(f'\ndetails in {latest} (under "nlu")')
    return 1 if failed(report) else 0


if __name__ == "__main__":
    raise SystemExit(main())
