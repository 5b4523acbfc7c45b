"""`python -m bench.schedule`: time and memory of planning monthly check-ins for N returnees.

For each database (SQLite, PostgreSQL) and size N: a fresh migrated database seeded with N
contacts (1 in 20 not eligible: declined, opted out, merged, back this month, back too long
ago), then, in a fresh subprocess, `plan_checkins` (which must add one entry per eligible
contact; entries deleted between runs), its idempotent re-run (what the clock does every
hour), best wall time of --repeat runs each, with the CPU time of this process plus the local
PostgreSQL backend; then one more run under tracemalloc. RSS is read before planning, and
its peak while planning. Only 127.0.0.1 is contacted. Results go to bench/results/schedule.json.
"""

import argparse
import gc
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import network_guard
from sqlalchemy import Engine, delete, func, insert, select, text

from bench.databases import fresh_postgres, fresh_sqlite
from bench.machine import machine_facts
from bot.bootstrap import Services, bootstrap
from bot.config import load_settings
from bot.logs import configure_logging
from bot.schedule.planning import plan_checkins
from storage.models import Contact, ContactNumber
from storage.schedule import ScheduleEntry

RESULTS = Path(__file__).resolve().parent / "results"
NOW = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)
CHUNK = 5000
MARK = "@@schedule-result "
COUNTRIES = [  # ISO code, time zone, dialling prefix, language
    ("JM", "America/Jamaica", "1876", "en"), ("GY", "America/Guyana", "592", "en"),
    ("HT", "America/Port-au-Prince", "509", "ht"), ("DO", "America/Santo_Domingo", "1809", "es"),
    ("BS", "America/Nassau", "1242", "en"), ("TT", "America/Port_of_Spain", "1868", "en"),
]  # fmt: skip
# Contacts with id % 20 == 0 are not eligible, for one of these reasons in turn.
NOT_ELIGIBLE = ["declined", "opted_out", "merged", "back_this_month", "back_too_long_ago"]


def services_for(url: str, folder: str) -> Services:
    """The app's services on `url` (demo channel, instance files in `folder`)."""
    return bootstrap(load_settings({"DATABASE_URL": url}, instance_path=Path(folder)))


def reason_of(contact_id: int) -> str | None:
    """Why this seeded contact gets no check-in, or None if it is eligible."""
    return NOT_ELIGIBLE[(contact_id // 20) % 5] if contact_id % 20 == 0 else None


def contact_row(contact_id: int) -> dict[str, Any]:
    """One seeded contact: back some day between 2026-01 and 2026-11 unless said otherwise."""
    country, zone, _prefix, language = COUNTRIES[contact_id % len(COUNTRIES)]
    reason = reason_of(contact_id)
    back = datetime(2026, 1, 2, 14, tzinfo=UTC) + timedelta(hours=(contact_id * 37) % 7800)
    if reason == "back_this_month":
        back = datetime(2026, 12, 1, 16, tzinfo=UTC)
    elif reason == "back_too_long_ago":
        back = datetime(2025, 10, 15, 16, tzinfo=UTC)
    only_consent = contact_id % 3 == 1  # returned_at unknown: the consent date counts
    return {
        "id": contact_id, "country": country, "language": language, "time_zone": zone,
        "consent": "declined" if reason == "declined" else "given", "consent_at": back,
        "returned_at": None if only_consent else back,
        "merged_into_id": contact_id - 1 if reason == "merged" else None,
        "created_at": back, "updated_at": back,
    }  # fmt: skip


def number_rows(contact_id: int) -> list[dict[str, Any]]:
    """A contact's numbers: one, or two with the older opted out; all opted out if said so."""
    prefix = COUNTRIES[contact_id % len(COUNTRIES)][2]
    seen = datetime(2026, 1, 1, tzinfo=UTC)
    rows = [{"contact_id": contact_id, "e164": f"+{prefix}{contact_id:08d}", "first_seen_at": seen,
             "last_seen_at": seen, "last_channel": "sms", "opted_out_at": None}]  # fmt: skip
    if contact_id % 7 == 0:
        rows.append({**rows[0], "e164": f"+{prefix}9{contact_id:08d}", "opted_out_at": seen})
    if reason_of(contact_id) == "opted_out":
        rows = [{**row, "opted_out_at": seen} for row in rows]
    return rows


def seed(engine: Engine, size: int) -> int:
    """Insert `size` contacts and their numbers in chunks; return how many are eligible."""
    for start in range(1, size + 1, CHUNK):
        ids = range(start, min(start + CHUNK, size + 1))
        with engine.begin() as connection:
            connection.execute(insert(Contact), [contact_row(i) for i in ids])
            numbers = [row for i in ids for row in number_rows(i)]
            connection.execute(insert(ContactNumber), numbers)
    if engine.dialect.name == "postgresql":
        with engine.begin() as connection:
            connection.execute(text("ANALYZE contacts, contact_numbers"))
    return sum(reason_of(i) is None for i in range(1, size + 1))


def memory_mb(field: str) -> float:
    """VmRSS (now) or VmHWM (peak) of this process from /proc/self/status, in MB."""
    lines = Path("/proc/self/status").read_text().splitlines()
    line = next(line for line in lines if line.startswith(field + ":"))
    return round(int(line.split()[1]) / 1024, 1)


def backend_pid(engine: Engine) -> int | None:
    """The PostgreSQL server process behind the engine's one pooled connection (None: SQLite)."""
    if engine.dialect.name != "postgresql":
        return None
    with engine.connect() as connection:
        return int(connection.execute(text("SELECT pg_backend_pid()")).scalar_one())


def cpu_s(pid: int | None) -> float:
    """CPU seconds of this process, plus of the local PostgreSQL backend `pid` if any."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split() if pid else []
    server = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK") if fields else 0.0
    return time.process_time() + server


def prepare(engine: Engine, clear: bool) -> None:
    """Optionally delete the entries; on PostgreSQL, VACUUM ANALYZE as autovacuum would."""
    if clear:
        with engine.begin() as connection:
            connection.execute(delete(ScheduleEntry))
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE schedule_entries"))
    gc.collect()


def best_plan(services: Services, repeat: int, clear: bool) -> tuple[list[int], list[float]]:
    """plan_checkins `repeat` times: rows added each time; best wall s, its CPU s, every wall s."""
    pid, added, runs = backend_pid(services.engine), [], []
    for index in range(repeat):
        prepare(services.engine, clear and index > 0)
        wall, cpu = time.perf_counter(), cpu_s(pid)
        added.append(plan_checkins(services.desk, NOW))
        runs.append((round(time.perf_counter() - wall, 3), round(cpu_s(pid) - cpu, 3)))
    return added, [*min(runs), *(wall for wall, _cpu in runs)]


def traced_plan(services: Services) -> tuple[int, float]:
    """Delete the entries, then plan again under tracemalloc: (rows added, peak MB)."""
    prepare(services.engine, clear=True)
    tracemalloc.start()
    added = plan_checkins(services.desk, NOW)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return added, round(peak / 2**20, 1)


def measure_one(kind: str, size: int, expected: int, url: str, repeat: int) -> dict[str, Any]:
    """The child's measurements on an already seeded database."""
    configure_logging("WARNING")
    with tempfile.TemporaryDirectory(prefix="returnee-bench-") as folder:
        services = services_for(url, folder)
        with services.engine.connect() as connection:  # connect before the baseline
            rows = connection.execute(select(func.count()).select_from(Contact)).scalar_one()
        # VmHWM, not ru_maxrss: that can't be reset, and a child started by subprocess (vfork
        # + exec) inherits its parent's, which hides what planning adds. "5" resets VmHWM.
        Path("/proc/self/clear_refs").write_text("5")
        rss_before = memory_mb("VmRSS")
        added, plan = best_plan(services, repeat, clear=True)
        rss_after, max_rss = memory_mb("VmHWM"), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        again, rerun = best_plan(services, repeat, clear=False)
        with services.engine.connect() as connection:
            stored = connection.execute(select(func.count()).select_from(ScheduleEntry))
            entries = stored.scalar_one()
        traced, traced_peak = traced_plan(services)
        services.engine.dispose()
    ok = rows == size and set(added) == {expected} and entries == traced == expected
    return {"database": kind, "size": size, "eligible": expected, "added": added[0],
            "rerun_added": max(again), "ok": ok and set(again) == {0}, "plan_s": plan[0],
            "plan_cpu_s": plan[1], "plan_runs_s": plan[2:], "rerun_s": rerun[0],
            "rerun_cpu_s": rerun[1], "rerun_runs_s": rerun[2:],
            "rss_before_plan_mb": rss_before, "rss_peak_plan_mb": rss_after,
            "rss_growth_mb": round(rss_after - rss_before, 1),
            "ru_maxrss_mb": round(max_rss / 1024, 1),
            "tracemalloc_peak_mb": traced_peak}  # fmt: skip


def run_size(kind: str, size: int, args: argparse.Namespace) -> dict[str, Any]:
    """Seed a fresh database in this process, then measure it in a fresh subprocess."""
    fresh = fresh_sqlite() if kind == "sqlite" else fresh_postgres(args.pg_url)
    with fresh as url, tempfile.TemporaryDirectory() as folder:
        services = services_for(url, folder)
        began = time.perf_counter()
        expected = seed(services.engine, size)
        seed_s = time.perf_counter() - began
        services.engine.dispose()
        command = [sys.executable, "-m", "bench.schedule", "--one", f"{kind}:{size}:{expected}",
                   "--url", url, "--repeat", str(args.repeat)]  # fmt: skip
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    lines = [line for line in done.stdout.splitlines() if line.startswith(MARK)]
    if done.returncode or not lines:
        sys.stderr.write(done.stdout + done.stderr)
        return {"database": kind, "size": size, "ok": False, "error": f"rc {done.returncode}"}
    return {**json.loads(lines[-1].removeprefix(MARK)), "seed_s": round(seed_s, 1)}


def per_k(result: dict[str, Any], key: str) -> float:
    """Seconds per 1,000 seeded returnees."""
    return float(result[key]) / float(result["size"]) * 1000


HEADER = (
    f"{'database':<11}{'N':>7}{'added':>7}{'plan s':>8}{'s/1k':>7}{'cpu/1k':>7}{'rerun s':>8}"
    f"{'s/1k':>7}{'cpu/1k':>7}{'RSS0 MB':>8}{'RSS1 MB':>8}{'+MB':>6}{'tm MB':>6}"
)


def show(r: dict[str, Any]) -> str:
    """One row of the table."""
    if "plan_s" not in r:
        return f"{r['database']:<11}{r['size']:>7}  FAILED ({r.get('error')})"
    return (
        f"{r['database']:<11}{r['size']:>7}{r['added']:>7}{r['plan_s']:>8.2f}"
        f"{per_k(r, 'plan_s'):>7.3f}{per_k(r, 'plan_cpu_s'):>7.3f}{r['rerun_s']:>8.2f}"
        f"{per_k(r, 'rerun_s'):>7.3f}{per_k(r, 'rerun_cpu_s'):>7.3f}{r['rss_before_plan_mb']:>8.1f}"
        f"{r['rss_peak_plan_mb']:>8.1f}{r['rss_growth_mb']:>6.1f}{r['tracemalloc_peak_mb']:>6.1f}"
        + ("" if r["ok"] else f"  WRONG COUNT: {r['eligible']} eligible")
    )


def ratios(results: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    """Per database: the largest size's per-returnee cost over the smallest size's."""
    out = {}
    for kind in dict.fromkeys(r["database"] for r in results):
        rows = sorted((r for r in results if r["database"] == kind and "plan_s" in r),
                      key=lambda r: r["size"])  # fmt: skip
        if len(rows) > 1:
            out[kind] = {key: round(per_k(rows[-1], key) / per_k(rows[0], key), 2)
                         for key in ("plan_s", "plan_cpu_s", "rerun_s", "rerun_cpu_s")}  # fmt: skip
    return out


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(description="Check-in planning time and memory.")
    parser.add_argument("--pg-url", default="postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--skip-pg", action="store_true", help="SQLite only")
    parser.add_argument("--sizes", default="25000,50000,100000", help="comma-separated N")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (best is kept)")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # internal: kind:size:eligible
    parser.add_argument("--url", help=argparse.SUPPRESS)  # internal: the seeded database
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run every (database, size), print the table, write bench/results/schedule.json."""
    network_guard.install()
    args = parse_args(argv)
    if args.one:
        kind, size, expected = args.one.split(":")
        print(MARK + json.dumps(measure_one(kind, int(size), int(expected), args.url, args.repeat)))
        return 0
    sizes = sorted(int(s) for s in args.sizes.split(","))
    kinds = ["sqlite"] + ([] if args.skip_pg else ["postgresql"])
    print(
        f"now={NOW.isoformat()}; best of {args.repeat} runs; cpu = this process + the PostgreSQL "
        "backend;\nRSS0 = RSS before planning; RSS1 = peak while planning; tm = tracemalloc peak"
    )
    print(HEADER, flush=True)
    results = []
    for kind, size in ((k, s) for k in kinds for s in sizes):
        results.append(run_size(kind, size, args))
        print(show(results[-1]), flush=True)
    for kind, ratio in ratios(results).items():
        print(
            f"{kind}: per-returnee cost at N={sizes[-1]} / at N={sizes[0]} (1.0 = linear): "
            + ", ".join(f"{key} {value}" for key, value in ratio.items())
        )
    write(results, sizes, args.repeat)
    failed = [f"{r['database']} N={r['size']}" for r in results if not r["ok"]]
    if failed:
        print("FAILED (wrong number of check-ins planned, or an error): " + ", ".join(failed))
    return 1 if failed else 0


def write(results: list[dict[str, Any]], sizes: list[int], repeat: int) -> None:
    """Write the figures as JSON."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    payload = {"taken_at": datetime.now(UTC).isoformat(timespec="seconds"),
               "machine": machine_facts(), "now": NOW.isoformat(), "sizes": sizes,
               "repeat": repeat, "results": results,
               "ratios_largest_over_smallest": ratios(results)}  # fmt: skip
    (RESULTS / "schedule.json").write_text(json.dumps(payload, indent=2) + "\n")


if __name__ == "__main__":
    raise SystemExit(main())
