"""Settings from the environment or `.env` — exactly the variables of CONTRACT.md."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str | None = None
    public_base_url: str | None = None
    host: str = "127.0.0.1"
    port: int = 8000

    twilio_account_sid: str | None = None
    twilio_auth_token: SecretStr | None = None
    twilio_from_number: str | None = None
    twilio_api_base: str | None = None

    telegram_bot_token: SecretStr | None = None
    telegram_webhook_secret: SecretStr | None = None
    telegram_api_base: str | None = None

    stripe_secret_key: SecretStr | None = None
    stripe_webhook_secret: SecretStr | None = None
    stripe_api_base: str | None = None

    openai_api_key: SecretStr | None = None
    openai_base_url: str | None = None
    embeddings: Literal["local", "openai"] = "local"

    # Optional staff alerts on escalation (besides the live /staff inbox): an on-call
    # phone (E.164) texted through Twilio, and/or a staff Telegram chat id.
    staff_alert_sms: str | None = None
    staff_alert_telegram_chat: str | None = None
    # Reverse proxies whose X-Forwarded-For/-Proto we trust (uvicorn's forwarded_allow_ips).
    forwarded_allow_ips: str = "127.0.0.1"

    hibachi_admin_token: SecretStr | None = None
    hibachi_data_dir: Path = Path(".data")

    @property
    def twilio_enabled(self) -> bool:
        return bool(self.twilio_account_sid and self.twilio_auth_token and self.twilio_from_number)

    @property
    def telegram_enabled(self) -> bool:
        return self.telegram_bot_token is not None

    @property
    def stripe_enabled(self) -> bool:
        return self.stripe_secret_key is not None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


def secret(value: SecretStr | None) -> str | None:
    """The plain value of an optional secret (empty counts as unset)."""
    if value is None:
        return None
    raw = value.get_secret_value()
    return raw or None
