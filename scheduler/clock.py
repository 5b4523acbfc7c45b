"""The clock: one leader (a database lease) runs the periodic jobs."""

import os
import socket
import threading
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.background import BackgroundScheduler

from bot.bootstrap import Services
from bot.casework.alerts import escalate_overdue
from bot.casework.erasure import finish_erasures, redact_old_messages
from bot.casework.handoffs import end_expired
from bot.clock import utcnow
from bot.conversations.inbound import resume_unhandled
from bot.logs import get_logger
from bot.schedule.milestones import replan_upcoming
from bot.schedule.planning import fire_due, plan_checkins
from bot.schedule.surveys import plan_surveys
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
        self.rules_applied = False
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
        desk = self.services.desk
        resume_unhandled(desk, now, self.resume_after, self.services.nlu)
        escalate_overdue(self.services.sessions, desk.alerts, now)
        end_expired(self.services.sessions, desk, now)
        fire_due(desk, now)
        finish_erasures(self.services.sessions, desk.pseudonym_key, now)
        return True

    def plan(self) -> bool:
        """Plan this month's check-ins for every active returnee, if this clock leads.

        The first time this clock leads, it also re-plans the milestones still to come, so
        reminder rules edited since they were recorded apply to them.
        """
        now = self.clock()
        if not self.is_leader(now):
            return False
        if not self.rules_applied:
            replan_upcoming(self.services.desk, now)
            self.rules_applied = True
        plan_checkins(self.services.desk, now)
        plan_surveys(self.services.desk, now)
        desk = self.services.desk
        redact_old_messages(self.services.sessions, now, desk.retention_months)  # retention
        return True

    def run(self, stop: threading.Event, every: float = 15.0, plan_every: float = 3600) -> None:
        """Tick every `every` seconds and plan every `plan_every` seconds until `stop` is set.

        Both jobs coalesce (a backlog of missed runs is one run) and both start at once, so a
        clock that was down catches up on start; what is stale is dropped by the schedule.
        """
        scheduler = BackgroundScheduler(timezone=UTC)
        scheduler.add_job(
            self._safe(self.plan), "interval", seconds=plan_every, next_run_time=datetime.now(UTC),
            max_instances=1, coalesce=True, misfire_grace_time=int(plan_every),
        )  # fmt: skip
        scheduler.add_job(
            self._safe(self.tick), "interval", seconds=every, next_run_time=datetime.now(UTC),
            max_instances=1, coalesce=True, misfire_grace_time=int(every * 2),
        )  # fmt: skip
        scheduler.start()
        log.info("clock.started", holder=self.holder)
        stop.wait()
        scheduler.shutdown(wait=True)

    @staticmethod
    def _safe(job: Callable[[], bool]) -> Callable[[], None]:
        def run() -> None:
            try:
                job()
            except Exception:
                log.exception("clock.job_failed", job=job.__name__)

        return run
