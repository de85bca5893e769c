"""Provider webhooks refuse a streamed (chunked) body over 64 KiB with the 413 JSON too."""

from __future__ import annotations

from tests.core.test_body_limit import OVERSIZED, chunked
from tests.fakes.credentials import TELEGRAM_WEBHOOK_SECRET
from tests.providers.conftest import Wired


async def test_chunked_oversized_webhooks_are_413_json(wired: Wired) -> None:
    posts = {
        "/webhooks/twilio/sms": {"Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": "x"},
        "/webhooks/telegram": {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": TELEGRAM_WEBHOOK_SECRET},
        "/webhooks/stripe": {"Content-Type": "application/json", "Stripe-Signature": "t=1,v1=00"},
    }
    for path, headers in posts.items():
        r = await wired.http.post(path, content=chunked(OVERSIZED), headers=headers)
        assert r.status_code == 413, (path, r.status_code, r.text)
        assert r.json()["error"] == "too_large", path
    assert (await wired.counts())["inbox"] == 0
