"""`python -m bench.report`: the monthly programme report on a large PostgreSQL programme.

Fills the database at --pg-url (created if missing; emptied first, migrated to head) with
--returnees returnees over six offices and --messages texts (60 % sent, 40 % received) over
the 23 months before December 2026, with check-ins (six per returnee), alerts (2.5 % of the
texts received), partners, referrals, services, plan goals and surveys in proportion, using
INSERT ... SELECT generate_series (the database makes the rows). Then times the November 2026
report of one office (JM) and of every office (best and median of --repeat runs, each in a
fresh session) and prints the figures. Only 127.0.0.1 is contacted. Results go to
bench/results/report.json.
"""

import argparse
import json
import statistics
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import network_guard
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from bench.machine import machine_facts, server_version
from bot.content import load_catalogue
from bot.reports import monthly
from storage import migrate
from storage.db import make_engine, normalise_url
from storage.models import Base

RESULTS = Path(__file__).resolve().parent / "results"
DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/test_bench_report"
NOW = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)
MONTH = "2026-11"
OFFICES = ["JM", "GY", "HT", "DO", "BS", "TT"]
START = datetime(2025, 1, 1, tzinfo=UTC)
MINUTES = 700 * 24 * 60  # the span rows are spread over: 2025-01-01 to 2026-12-01

# Each statement makes one table's rows from generate_series; :n is the returnees, :m the
# texts. A row's time is :t0 plus a pseudo-random number of minutes (a multiplicative hash)
# below :span; :offices are the offices' codes.
FILL = [
    """INSERT INTO contacts (id, name, country, office, language, consent, consent_at,
        return_type, deporting_country, erased_at, merged_into_id, created_at, updated_at)
      SELECT g, CASE WHEN g % 200 = 0 THEN NULL ELSE 'Returnee ' || g END,
        (CAST(:offices AS text[]))[1 + g % 6], (CAST(:offices AS text[]))[1 + g % 6], 'en',
        CASE WHEN g % 20 = 0 THEN 'unknown' ELSE 'given' END,
        CASE WHEN g % 20 = 0 THEN NULL ELSE t + INTERVAL '5 minutes' END,
        (ARRAY['forced','forced','forced','voluntary',NULL])[1 + g % 5],
        (ARRAY['US','US','GB','CA',NULL,'US'])[1 + g % 6],
        CASE WHEN g % 200 = 0 THEN t + INTERVAL '40 days' END,
        CASE WHEN g % 500 = 0 AND g > 1 THEN g - 1 END, t, t
      FROM (SELECT g, :t0 + ((g::bigint * 7919) % :span) * INTERVAL '1 minute' AS t
            FROM generate_series(1, :n) g) s""",
    """INSERT INTO contact_numbers (contact_id, e164, first_seen_at, last_seen_at, last_channel,
        opted_out_at)
      SELECT id, '+1876' || lpad(id::text, 9, '0'), created_at, created_at, 'sms',
        CASE WHEN id % 33 = 0 THEN created_at + INTERVAL '30 days'
             WHEN id % 200 = 0 THEN erased_at END
      FROM contacts""",
    """INSERT INTO outbound_messages (idempotency_key, purpose, contact_id, channel, to_e164,
        body, encoding, segments, created_at, dispatch_state, attempts, next_attempt_at,
        needs_reconcile, status, sent_at)
      SELECT 'bench:' || g, 'checkin', c, 'sms', '+1876' || lpad(c::text, 9, '0'),
        'How are things going this month? Reply 1 good, 2 okay, 3 hard', 'GSM-7', 1, t,
        CASE WHEN (g / 6) % 50 = 0 THEN 'failed' ELSE 'sent' END, 1, t, false,
        (ARRAY['delivered','delivered','delivered','sent','undelivered'])[1 + (g / 6) % 5],
        CASE WHEN (g / 6) % 50 = 0 THEN NULL ELSE t END
      FROM (SELECT g, 1 + (g::bigint * 7907) % :n AS c,
              :t0 + ((g::bigint * 104729) % :span) * INTERVAL '1 minute' AS t
            FROM generate_series(1, (:m * 3) / 5) g) s""",
    """INSERT INTO inbound_messages (message_sid, channel, from_e164, to_address, body,
        num_media, contact_id, received_at, handling_attempts, handled_at)
      SELECT 'SM' || lpad(g::text, 32, '0'), 'sms', '+1876' || lpad(c::text, 9, '0'),
        '+18765550000', 'thank you, things are okay', 0, c, t, 1, t
      FROM (SELECT g, 1 + (g::bigint * 6151) % :n AS c,
              :t0 + ((g::bigint * 130363) % :span) * INTERVAL '1 minute' AS t
            FROM generate_series(1, (:m * 2) / 5) g) s""",
    """INSERT INTO checkins (contact_id, asked_at, answered_at, answer, occurrence)
      SELECT c, t, CASE WHEN (g / 6) % 10 < 7 THEN t + INTERVAL '3 hours' END,
        CASE WHEN (g / 6) % 10 < 7 THEN (ARRAY['good','okay','struggling'])[1 + (g / 6) % 3] END,
        to_char(t, 'YYYY-MM')
      FROM (SELECT g, 1 + (g::bigint * 4099) % :n AS c,
              :t0 + ((g::bigint * 15485863) % :span) * INTERVAL '1 minute' AS t
            FROM generate_series(1, :n * 6) g) s""",
    """INSERT INTO alerts (code, kind, status, reason, contact_id, e164, office, created_at,
        sla_due_at, acknowledged_at)
      SELECT 'B' || g, (ARRAY['crisis','request_human','struggling','missed_checkins',
          'undeliverable'])[1 + (g / 6) % 5], 'acknowledged', 'bench', c.id,
        '+1876' || lpad(c.id::text, 9, '0'), c.country, t, t + INTERVAL '15 minutes',
        CASE WHEN (g / 6) % 7 <> 0 THEN t + (g % 240) * INTERVAL '1 minute' END
      FROM (SELECT g, 1 + (g::bigint * 3571) % :n AS returnee,
              :t0 + ((g::bigint * 179424673) % :span) * INTERVAL '1 minute' AS t
            FROM generate_series(1, :m / 40) g) s JOIN contacts c ON c.id = s.returnee""",
    """INSERT INTO partners (id, name, kind, country, areas, services, languages, verified,
        active, created_at, updated_at)
      SELECT g, 'Partner ' || g, (ARRAY['government','ngo','church','private','iom',
          'community'])[1 + g % 6], (CAST(:offices AS text[]))[1 + (g / 6) % 6], '[]', '[]', '[]',
        true, true,
        :t0, :t0
      FROM generate_series(1, 60) g""",
    """INSERT INTO referrals (contact_id, partner_id, service, status, share, created_at,
        updated_at)
      SELECT c, 1 + (c % 6) + 6 * (g % 10),
        (ARRAY['counselling','vocational_training','job_placement','documents',
          'housing'])[1 + (g / 6) % 5],
        (ARRAY['made','contacted','in_progress','completed','completed',
          'declined'])[1 + (g / 6) % 6],
        'unknown', t, t + (g % 60) * INTERVAL '1 day'
      FROM (SELECT g, 1 + (g::bigint * 2203) % :n AS c,
              :t0 + ((g::bigint * 86028121) % :span) * INTERVAL '1 minute' AS t
            FROM generate_series(1, :n / 2) g) s""",
    """INSERT INTO services_delivered (contact_id, kind, delivered_on, business_type,
        created_at)
      SELECT c, k, t::date, CASE WHEN k LIKE 'grant%' THEN
          (ARRAY['hen_rearing','phone_cards','transport',
            'food_and_drink_sales'])[1 + (g / 6) % 4] END,
        t
      FROM (SELECT g, 1 + (g::bigint * 1777) % :n AS c,
              (ARRAY['counselling_session','training_enrolled','training_completed',
                'job_placed','documents_obtained','grant_approved',
                'grant_disbursed'])[1 + (g / 6) % 7] AS k,
              :t0 + ((g::bigint * 49979687) % :span) * INTERVAL '1 minute' AS t
            FROM generate_series(1, (:n * 4) / 5) g) s""",
    """INSERT INTO plan_goals (contact_id, dimension, goal, status, created_at, updated_at)
      SELECT id, (ARRAY['economic','social','psychosocial'])[1 + id % 3], 'a goal',
        (ARRAY['open','achieved','achieved','dropped'])[1 + id % 4], created_at,
        created_at + (id % 200) * INTERVAL '1 day'
      FROM contacts WHERE id % 5 < 3""",
    """INSERT INTO surveys (key, contact_id, occasion, status, answers, sent_at, completed_at,
        economic, social, psychosocial, overall, created_at)
      SELECT 'bench:' || g, c, 'quarterly',
        (ARRAY['complete','complete','partial','open'])[1 + (g / 6) % 4],
        '{}', t, CASE WHEN (g / 6) % 4 < 2 THEN t + INTERVAL '1 day' END,
        (g / 6 % 5) / 4.0, (g / 6 % 3) / 2.0, (g / 6 % 9) / 8.0, (g / 6 % 7) / 6.0, t
      FROM (SELECT g, 1 + (g::bigint * 5413) % :n AS c,
              :t0 + ((g::bigint * 67867967) % :span) * INTERVAL '1 minute' AS t
            FROM generate_series(1, (:n * 2) / 5) g) s""",
]
TABLES = ["contacts", "contact_numbers", "outbound_messages", "inbound_messages", "checkins",
          "alerts", "partners", "referrals", "services_delivered", "plan_goals",
          "surveys"]  # fmt: skip
SEQUENCES = ["contacts", "partners"]  # rows given their ids: move the sequences past them


def ensure_database(url: str) -> None:
    """Create the database of `url` if it does not exist (from the server's postgres one)."""
    target = make_url(normalise_url(url))
    admin = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        found = connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :name"),
                                   {"name": target.database}).first()  # fmt: skip
        if found is None:
            connection.execute(text(f'CREATE DATABASE "{target.database}"'))
    admin.dispose()


def fill(engine: Engine, returnees: int, messages: int) -> dict[str, float]:
    """Empty every table, then make the rows; seconds per table."""
    timings: dict[str, float] = {}
    sizes = {"n": returnees, "m": messages, "t0": START, "span": MINUTES, "offices": OFFICES}
    with engine.begin() as connection:
        names = ", ".join(table.name for table in Base.metadata.sorted_tables)
        connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    for table, statement in zip(TABLES, FILL, strict=True):
        began = time.perf_counter()
        with engine.begin() as connection:
            connection.execute(text(statement), sizes)
        timings[table] = round(time.perf_counter() - began, 1)
        print(f"  {table:<20} {timings[table]:>6.1f} s", flush=True)
    with engine.begin() as connection:
        for table in SEQUENCES:
            # the table names are this module's constants
            connection.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                                    f"(SELECT max(id) FROM {table}))"))  # fmt: skip
    return timings


def analyse(engine: Engine) -> None:
    """VACUUM ANALYZE, as autovacuum would after a bulk load."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE"))


def row_counts(engine: Engine) -> dict[str, int]:
    """Rows per filled table."""
    with engine.connect() as connection:
        return {table: int(connection.execute(text(f"SELECT count(*) FROM {table}"))  # noqa: S608
                           .scalar_one()) for table in TABLES}  # fmt: skip


def time_report(engine: Engine, office: str, repeat: int) -> tuple[list[float], dict[str, Any]]:
    """The report of `office` for MONTH, `repeat` times, each in a fresh session: wall seconds."""
    asked = monthly.ask(load_catalogue(), None, office, MONTH, NOW)
    runs, found = [], {}
    for _ in range(repeat):
        with Session(engine) as session:
            began = time.perf_counter()
            found = monthly.monthly_report(session, asked)
            runs.append(round(time.perf_counter() - began, 3))
    return runs, found


def summary(report: dict[str, Any]) -> str:
    """The headline figures of a report, on a few lines."""
    alerts = ", ".join(f"{a['kind']} {a['raised']} ({a['median_minutes_to_acknowledge']} min)"
                       for a in report["alerts"])  # fmt: skip
    return (f"  registered {report['registered']['total']} {report['registered']['by_return_type']}"
            f"; consented {report['consented']}; reached {report['reached']}; wrote in "
            f"{report['wrote_in']}; texts {report['messages']}; opt-outs {report['opt_outs']}; "
            f"erasures {report['erasures']}\n  check-ins {report['checkins']}\n  alerts {alerts}"
            f"\n  referrals {len(report['referrals'])} rows, made "
            f"{sum(r['made'] for r in report['referrals'])}, completed "
            f"{sum(r['completed'] for r in report['referrals'])}; services "
            f"{sum(s['delivered'] for s in report['services'])}; grants {report['grants']}"
            f"\n  sustainability {report['sustainability']}\n  funnel {report['funnel']}"
            f"\n  trend of reached {report['trends']['reached']}")  # fmt: skip


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(description="Monthly report time on a large programme.")
    parser.add_argument("--pg-url", default=DEFAULT_URL)
    parser.add_argument("--returnees", type=int, default=100_000)
    parser.add_argument("--messages", type=int, default=2_000_000)
    parser.add_argument("--repeat", type=int, default=5, help="runs per report")
    parser.add_argument("--reuse", action="store_true",
                        help="keep the rows already there when the counts match")  # fmt: skip
    return parser.parse_args(argv)


def prepare(engine: Engine, args: argparse.Namespace) -> dict[str, float]:
    """Fill the database, unless --reuse and it already holds this many returnees and texts."""
    if args.reuse:
        counts = row_counts(engine)
        texts = counts["outbound_messages"] + counts["inbound_messages"]
        if counts["contacts"] == args.returnees and texts == args.messages:
            print("reusing the rows already there", flush=True)
            return {}
    print(f"filling {args.returnees} returnees and {args.messages} texts", flush=True)
    timings = fill(engine, args.returnees, args.messages)
    analyse(engine)
    return timings


def main(argv: list[str] | None = None) -> int:
    """Fill, time the reports, print and write bench/results/report.json."""
    network_guard.install()
    args = parse_args(argv)
    ensure_database(args.pg_url)
    migrate.upgrade(args.pg_url)
    engine = make_engine(args.pg_url)
    timings = prepare(engine, args)
    results = {}
    for office in ("JM", "all"):
        runs, found = time_report(engine, office, args.repeat)
        median = round(statistics.median(runs), 3)
        results[office] = {"runs_s": runs, "best_s": min(runs), "median_s": median,
                           "report": found}  # fmt: skip
        print(f"report {office} {MONTH}: best {min(runs):.3f} s, median "
              f"{statistics.median(runs):.3f} s of {args.repeat} ({runs})\n{summary(found)}",
              flush=True)  # fmt: skip
    write(engine, args, timings, results)
    engine.dispose()
    slowest = max(result["median_s"] for result in results.values())
    print(f"target < 5 s: {'met' if slowest < 5 else 'NOT MET'} (slowest median {slowest} s)")
    return 0 if slowest < 5 else 1


def write(engine: Engine, args: argparse.Namespace, timings: dict[str, float],
          results: dict[str, Any]) -> None:  # fmt: skip
    """The figures as JSON."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    payload = {"taken_at": datetime.now(UTC).isoformat(timespec="seconds"),
               "machine": machine_facts(), "server": server_version(engine),
               "returnees": args.returnees, "messages": args.messages, "month": MONTH,
               "rows": row_counts(engine), "fill_s": timings, "repeat": args.repeat,
               "results": results}  # fmt: skip
    (RESULTS / "report.json").write_text(json.dumps(payload, indent=2) + "\n")


if __name__ == "__main__":
    raise SystemExit(main())
