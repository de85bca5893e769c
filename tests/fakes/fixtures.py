"""Pytest fixtures that start the provider fakes inside the test's event loop.

Use them from a test module with ``pytest_plugins = ["tests.fakes.fixtures"]`` or from the
root ``tests/conftest.py`` the same way.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.fakes.credentials import (
    STRIPE_SECRET_KEY,
    TELEGRAM_BOT_TOKEN,
    TWILIO_ACCOUNT_SID,
    TWILIO_AUTH_TOKEN,
)
from tests.fakes.stripe_server import FakeStripe
from tests.fakes.telegram_server import FakeTelegram
from tests.fakes.twilio_server import FakeTwilio


@pytest.fixture
async def twilio_fake() -> AsyncIterator[FakeTwilio]:
    """A running fake Twilio Messages API (``.base_url``, ``.messages``, ``.opt_out``)."""
    async with FakeTwilio(TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN) as server:
        yield server


@pytest.fixture
async def telegram_fake() -> AsyncIterator[FakeTelegram]:
    """A running fake Bot API (``.base_url``, ``.calls(method)``, ``.push_update``)."""
    async with FakeTelegram(TELEGRAM_BOT_TOKEN) as server:
        yield server


@pytest.fixture
async def stripe_fake() -> AsyncIterator[FakeStripe]:
    """A running fake Stripe API (``.base_url``, ``.received``, ``.sessions``)."""
    async with FakeStripe(STRIPE_SECRET_KEY) as server:
        yield server
