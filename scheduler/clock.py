"""The clock: one leader (a database lease) runs the periodic jobs."""

import os
import socket
import threading
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.background import BackgroundScheduler

from bot.alerts import escalate_overdue
from bot.bootstrap import Services
from bot.inbound import resume_unhandled
from bot.logs import get_logger
from bot.outbox import utcnow
from storage.repositories import acquire_lease

log = get_logger("clock")
LEASE_NAME = "clock"


class Clock:
    """Periodic jobs guarded by a lease, so a second clock started by mistake stays idle."""

    def __init__(
        self,
        services: Services,
        *,
        lease_ttl: timedelta = timedelta(seconds=60),
        resume_after: timedelta = timedelta(seconds=30),
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.services = services
        self.lease_ttl = lease_ttl
        self.resume_after = resume_after
        self.clock = clock
        self.holder = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"

    def is_leader(self, now: datetime) -> bool:
        """Take or renew the clock lease."""
        with self.services.sessions.begin() as session:
            return acquire_lease(session, LEASE_NAME, self.holder, now, self.lease_ttl)

    def tick(self) -> bool:
        """Run every job once if this clock leads; False if another clock does."""
        now = self.clock()
        if not self.is_leader(now):
            log.info("clock.standby", holder=self.holder)
            return False
        resume_unhandled(self.services.desk, now, self.resume_after, self.services.nlu)
        escalate_overdue(self.services.sessions, self.services.desk.alerts, now)
        return True

    def run(self, stop: threading.Event, every: float = 15.0) -> None:
        """Tick every `every` seconds until `stop` is set."""
        scheduler = BackgroundScheduler(timezone=UTC)
        scheduler.add_job(
            self._safe_tick, "interval", seconds=every, next_run_time=datetime.now(UTC),
            max_instances=1, coalesce=True, misfire_grace_time=int(every * 2),
        )  # fmt: skip
        scheduler.start()
        log.info("clock.started", holder=self.holder)
        stop.wait()
        scheduler.shutdown(wait=True)

    def _safe_tick(self) -> None:
        try:
            self.tick()
        except Exception:
            log.exception("clock.tick_failed")
