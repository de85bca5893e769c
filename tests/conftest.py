"""Test fixtures: a real embedded PostgreSQL (pgvector), schema from migrations, the
real app over ASGI. Each test starts from the seeded demo configuration."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from core.config import Settings
from core.db.engine import make_engine, make_sessionmaker
from core.db.reset import truncate_volatile
from webhooks.app import build_container, create_app
from webhooks.container import Container

# The loopback provider servers (twilio_fake, telegram_fake, stripe_fake) for every test.
pytest_plugins = ["tests.fakes.fixtures"]

ROOT = Path(__file__).resolve().parent.parent
TEST_DATA = ROOT / ".data" / "test"
LA = ZoneInfo("America/Los_Angeles")
ADMIN_TOKEN = "test-admin-token-0123456789"



def _database_url() -> str:
    from core.db.embedded import recreate_database

    # HIBACHI_TEST_DB lets several pytest runs share the embedded server side by side.
    return recreate_database(TEST_DATA, os.environ.get("HIBACHI_TEST_DB", "hibachi_test"))


@pytest.fixture(scope="session")
def database_url() -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    return url or _database_url()


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        hibachi_admin_token=ADMIN_TOKEN,  # type: ignore[arg-type]
        public_base_url="http://testserver",
        hibachi_data_dir=TEST_DATA,
    )


@pytest.fixture(scope="session")
async def container(settings: Settings, database_url: str) -> AsyncIterator[Container]:
    c = await build_container(settings, url=database_url)
    yield c
    await c.engine.dispose()


async def reset_db(container: Container) -> None:
    """Empty everything but configuration and the FAQ."""
    await truncate_volatile(container.engine)


@pytest.fixture
async def db(container: Container) -> AsyncIterator[Container]:
    """A clean booking core for this test (demo stations kept)."""
    await reset_db(container)
    saved_now = container.now
    yield container
    container.now = saved_now


@pytest.fixture
def set_now(db: Container) -> Callable[[datetime], None]:
    """Freeze the app's clock (station-local wall time when naive)."""

    def _set(at: datetime) -> None:
        fixed = at if at.tzinfo else at.replace(tzinfo=LA)
        db.now = lambda: fixed

    return _set


@pytest.fixture
async def client(db: Container) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(db.settings, container=db)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


@pytest.fixture
def admin_headers() -> dict[str, str]:
    return {"Authorization": f"Bearer {ADMIN_TOKEN}"}


__all__ = ["LA", "make_engine", "make_sessionmaker"]
