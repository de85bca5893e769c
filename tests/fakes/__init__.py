"""Loopback fakes of the providers (Twilio, Telegram Bot API, Stripe) for tests.

Each is an aiohttp server on 127.0.0.1 with an OS-chosen port, started inside the test's
event loop; point the real SDK at ``server.base_url`` (``*_API_BASE``) and inspect
``server.received``. Fixtures live in :mod:`tests.fakes.fixtures`.
"""

from tests.fakes.stripe_server import (
    FakeStripe,
    checkout_completed_event,
    nested_form,
    signed_event,
)
from tests.fakes.telegram_server import FakeTelegram, callback_update, photo_update, text_update
from tests.fakes.twilio_server import FakeTwilio, twilio_signature

__all__ = [
    "FakeStripe",
    "FakeTelegram",
    "FakeTwilio",
    "callback_update",
    "checkout_completed_event",
    "nested_form",
    "photo_update",
    "signed_event",
    "text_update",
    "twilio_signature",
]
