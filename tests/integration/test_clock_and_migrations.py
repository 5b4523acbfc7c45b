"""The clock's single-leader lease, and migrations that go up and down on this database."""

import uuid
from datetime import timedelta

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from bot.bootstrap import Services
from bot.clock import utcnow
from scheduler.clock import Clock
from storage import migrate
from storage.db import make_engine
from storage.models import Base


class FrozenClock:
    def __init__(self) -> None:
        self.now = utcnow()

    def __call__(self):  # type: ignore[no-untyped-def]
        return self.now


def test_of_two_clocks_only_one_leads_and_the_other_takes_over_when_the_lease_lapses(
    services: Services,
) -> None:
    time = FrozenClock()
    first = Clock(services, lease_ttl=timedelta(seconds=60), clock=time)
    second = Clock(services, lease_ttl=timedelta(seconds=60), clock=time)
    assert first.tick() is True
    assert second.tick() is False
    time.now += timedelta(seconds=30)
    assert first.tick() is True  # renewal
    assert second.tick() is False
    time.now += timedelta(seconds=61)  # the first clock died
    assert second.tick() is True
    assert first.tick() is False


def test_migrations_go_up_down_and_up_again_on_a_fresh_database(
    database_url: str, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    if database_url.startswith("sqlite"):
        _up_down_up(f"sqlite:///{tmp_path / 'migrations.sqlite3'}")
        return
    name = "returnee_migrations_" + uuid.uuid4().hex[:8]
    admin = make_engine(database_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        _up_down_up(database_url.rsplit("/", 1)[0] + "/" + name)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


def _up_down_up(url: str) -> None:
    migrate.upgrade(url)
    engine = make_engine(url)
    expected = set(Base.metadata.tables)
    assert expected <= set(inspect(engine).get_table_names())
    with engine.connect() as connection:  # the migrations build exactly what the models say
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
    migrate.downgrade(url)
    assert not expected & set(inspect(engine).get_table_names())
    migrate.upgrade(url)
    assert expected <= set(inspect(engine).get_table_names())
    engine.dispose()
