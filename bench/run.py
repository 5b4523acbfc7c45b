"""`python -m bench.run`: webhook latency and throughput, outbox dispatch rate, per database.

For each database: a fresh, migrated database; an in-process fake Twilio API; real gunicorn
(`returnee web --workers 2`) taking N signed inbound webhooks from C client threads; then real
`returnee worker` processes draining the N replies to the fake. Then (unless --skip-nlu) the
real Rasa server's start-up, parse latency, throughput and memory (bench/nlu.py). Only
127.0.0.1 is contacted. Figures are printed and written to bench/results/latest.json.
"""

import argparse
import json
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import network_guard

from bench.databases import counts, fresh_postgres, fresh_sqlite, probe_engine
from bench.dispatch import drain
from bench.machine import machine_facts, server_version
from bench.nlu import failed as nlu_failed
from bench.nlu import options as nlu_options
from bench.nlu import run_safely as bench_nlu
from bench.nlu import table as nlu_table
from bench.procs import WEB_WORKERS, web_server
from bench.stats import cell
from bench.webhook import LoadResult, fire, signed_requests
from tests.fakes.twilio_api import FakeTwilio
from tests.helpers import live_env

RESULTS = Path(__file__).resolve().parent / "results"
WARMUP_REQUESTS = 20
SENDERS = 300
WARMUP_FIRST_SENDER = 8000
BUDGET_S = 170.0  # the webhook/outbox part, both databases (the NLU part comes on top)
# The highest rate bot.config accepts (0 < rate <= 1000): 1 ms between sends per sender, far
# above what one worker reaches, so the rate limiter is not the bottleneck.
SEND_RATE_PER_SECOND = "1000"


@dataclass(frozen=True)
class Options:
    """Command-line options."""

    pg_url: str | None
    messages: int
    concurrency: int
    nlu: bool = True


def parse_args(argv: list[str] | None = None) -> Options:
    """Read the command line."""
    parser = argparse.ArgumentParser(description="Webhook, outbox and NLU benchmarks.")
    parser.add_argument("--pg-url", default="postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--messages", type=int, default=1000, help="webhooks per batch (N)")
    parser.add_argument("--concurrency", type=int, default=8, help="client threads (C)")
    parser.add_argument("--skip-pg", action="store_true", help="SQLite only")
    parser.add_argument("--skip-nlu", action="store_true", help="no Rasa server benchmark")
    args = parser.parse_args(argv)
    if args.messages < 1 or args.concurrency < 1:
        parser.error("--messages and --concurrency must be positive")
    pg_url = None if args.skip_pg else args.pg_url
    return Options(pg_url, args.messages, args.concurrency, not args.skip_nlu)


def fresh_database(kind: str, options: Options) -> AbstractContextManager[str]:
    """A fresh migrated database of `kind` ('sqlite' or 'postgresql'); its URL."""
    if kind == "sqlite":
        return fresh_sqlite()
    assert options.pg_url is not None
    return fresh_postgres(options.pg_url)


def log_problems(log: Path) -> dict[str, int]:
    """Error-level lines and tracebacks in a process log."""
    text = log.read_text(errors="replace") if log.exists() else ""
    lines = text.splitlines()
    return {
        "error_lines": sum('"level": "error"' in line or "[ERROR]" in line for line in lines),
        "tracebacks": text.count("Traceback (most recent call last)"),
        "lines": len(lines),
    }


def bench_database(
    kind: str, options: Options, fake: FakeTwilio, deadline: float
) -> dict[str, Any]:
    """Every measurement on one fresh database."""
    began = time.monotonic()
    with fresh_database(kind, options) as url:
        probe = probe_engine(url)
        try:
            report = _measure(kind, url, options, fake, probe, deadline)
            report["server_version"] = server_version(probe)
        finally:
            probe.dispose()
    report["elapsed_s"] = round(time.monotonic() - began, 1)
    return report


def _measure(
    kind: str, url: str, options: Options, fake: FakeTwilio, probe: Any, deadline: float
) -> dict[str, Any]:
    """Webhooks through gunicorn, then outbox drains with 1 (and, time permitting, 2) workers."""
    env = live_env(url, fake, LOG_LEVEL="WARNING")
    worker_env = {**env, "SEND_RATE_PER_SECOND": SEND_RATE_PER_SECOND}
    token, n, c = fake.auth_token, options.messages, options.concurrency
    web_log = RESULTS / "logs" / f"{kind}-web.log"
    report: dict[str, Any] = {"database": kind}
    with web_server(env, web_log) as base:
        warm = signed_requests(token, 0, WARMUP_REQUESTS, WARMUP_REQUESTS, WARMUP_FIRST_SENDER)
        report["warmup"] = fire(base, warm, c).summary()
        load = fire(base, signed_requests(token, 1, n, SENDERS), c)
        _show_webhook(kind, load)
        report["webhook"] = load.summary()
        report["after_webhook"] = asdict(counts(probe))
        one = drain(probe, fake, worker_env, 1, RESULTS / "logs", f"{kind}-1w")
        report["outbox_1_worker"] = one.summary()
        _show_drain(kind, report["outbox_1_worker"])
        estimate = (load.wall_seconds + one.total_s) * 1.2
        if time.monotonic() + estimate < deadline:
            fill = fire(base, signed_requests(token, 2, n, SENDERS), c)
            report["webhook_batch_2"] = fill.summary()
            two = drain(probe, fake, worker_env, 2, RESULTS / "logs", f"{kind}-2w")
            report["outbox_2_workers"] = two.summary()
            _show_drain(kind, report["outbox_2_workers"])
        else:
            print(f"[{kind}] skipped the 2-worker drain (time budget)", flush=True)
        report["final"] = asdict(counts(probe))
    report["logs"] = {path.name: log_problems(path) for path in _logs(kind)}
    return report


def _logs(kind: str) -> Iterator[Path]:
    """This database's process logs."""
    return iter(sorted((RESULTS / "logs").glob(f"{kind}-*.log")))


def _show_webhook(kind: str, load: LoadResult) -> None:
    """Print the webhook figures as they come."""
    s = load.summary()
    print(
        f"[{kind}] webhook: {s['requests']} requests, {s['errors']} errors {s['statuses']}, "
        f"{s['requests_per_s']} req/s over {s['wall_s']} s; latency ms p50 {s['p50_ms']} "
        f"p90 {s['p90_ms']} p99 {s['p99_ms']} max {s['max_ms']}",
        flush=True,
    )


def _show_drain(kind: str, s: dict[str, Any]) -> None:
    """Print one outbox drain's figures."""
    state = "done" if s["finished"] else "NOT FINISHED"
    print(
        f"[{kind}] outbox, {s['workers']} worker(s): {s['sent_rows']}/{s['expected']} sent, "
        f"fake has {s['fake_messages']}, {state} in {s['total_s']} s = {s['msg_per_s']} msg/s "
        f"(first send after {s['first_sent_after_s']} s; {s['steady_msg_per_s']} msg/s after)",
        flush=True,
    )


def table(reports: list[dict[str, Any]]) -> str:
    """The compact summary table."""
    header = (
        f"{'database':<11}{'webhook req/s':>14}{'p50 ms':>9}{'p90 ms':>9}{'p99 ms':>9}"
        f"{'max ms':>9}{'errors':>8}{'outbox msg/s (1 worker)':>25}{'(2 workers)':>13}"
    )
    rows = [header]
    for r in reports:
        rows.append(
            f"{r['database']:<11}{cell(r, 'webhook', 'requests_per_s'):>14}"
            f"{cell(r, 'webhook', 'p50_ms'):>9}{cell(r, 'webhook', 'p90_ms'):>9}"
            f"{cell(r, 'webhook', 'p99_ms'):>9}{cell(r, 'webhook', 'max_ms'):>9}"
            f"{cell(r, 'webhook', 'errors'):>8}{cell(r, 'outbox_1_worker', 'msg_per_s'):>25}"
            f"{cell(r, 'outbox_2_workers', 'msg_per_s'):>13}"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks, print the figures, write bench/results/latest.json."""
    network_guard.install()
    options = parse_args(argv)
    kinds = ["sqlite"] + (["postgresql"] if options.pg_url else [])
    facts = machine_facts()
    print(f"machine: nproc={facts['nproc']} cpu={facts['cpu_model']} mem={facts['memory_gb']} GB "
          f"python={facts['python']}; N={options.messages} C={options.concurrency} "
          f"gunicorn workers={WEB_WORKERS}", flush=True)  # fmt: skip
    started = time.monotonic()
    reports = []
    with FakeTwilio() as fake:
        for index, kind in enumerate(kinds):
            share = (BUDGET_S - (time.monotonic() - started)) / (len(kinds) - index)
            reports.append(bench_database(kind, options, fake, time.monotonic() + share))
    nlu = {**bench_nlu(), "options": nlu_options()} if options.nlu else None
    print("\n" + table(reports))
    if nlu is not None:
        print("\n" + nlu_table(nlu))
    print(f"\ntotal {time.monotonic() - started:.1f} s; details in {RESULTS / 'latest.json'}")
    _write(facts, options, reports, nlu)
    failed = any(r["webhook"]["errors"] or not r["outbox_1_worker"]["finished"] for r in reports)
    return 1 if failed or (nlu is not None and nlu_failed(nlu)) else 0


def _write(
    facts: dict[str, Any],
    options: Options,
    reports: list[dict[str, Any]],
    nlu: dict[str, Any] | None,
) -> None:
    """Write the figures as JSON."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    payload = {
        "taken_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": facts,
        "options": {
            "messages": options.messages,
            "concurrency": options.concurrency,
            "senders": SENDERS,
            "warmup": WARMUP_REQUESTS,
            "web_workers": WEB_WORKERS,
            "send_rate_per_second": float(SEND_RATE_PER_SECOND),
            "pg": options.pg_url is not None,
        },
        "results": reports,
        "nlu": nlu,  # None with --skip-nlu
    }
    (RESULTS / "latest.json").write_text(json.dumps(payload, indent=2) + "\n")


if __name__ == "__main__":
    raise SystemExit(main())
