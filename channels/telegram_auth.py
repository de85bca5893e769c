"""The Telegram webhook's secret-token check, apart from the aiogram adapter.

aiogram's import costs seconds at start-up (its pydantic types), so the app loads it
only when Telegram is configured; this check must work without it.
"""

from __future__ import annotations

import hmac


def verify_telegram_secret(expected: str | None, got: str | None) -> bool:
    """Constant-time check of X-Telegram-Bot-Api-Secret-Token; no secret set = refuse."""
    if not expected or not got:
        return False
    return hmac.compare_digest(expected.encode("utf-8"), got.encode("utf-8"))
