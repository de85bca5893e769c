"""Provider clients (Twilio, Telegram, Stripe) built once from settings, and the hooks
the dialogue uses to reach Stripe. A missing credential disables that provider with a
clear log line; it never stops the server."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from sqlalchemy.ext.asyncio import AsyncSession

from core.config import secret
from core.models import Booking, Station
from core.services.payments import payment_link, refund_deposit
from core.services.staff import make_staff_alert
from core.stripe_gateway import PaymentGatewayError, StripeGateway
from webhooks.container import Container

log = logging.getLogger(__name__)

def base_url(c: Container) -> str:
    """Where customers and providers reach us (Stripe's return pages, webhooks)."""
    s = c.settings
    return (s.public_base_url or f"http://{s.host}:{s.port}").rstrip("/")


def build_providers(c: Container) -> None:
    """Attach the configured provider clients to the container."""
    s = c.settings
    if s.twilio_enabled:
        from channels.sms import TwilioSmsSender

        c.sms = TwilioSmsSender(
            s.twilio_account_sid or "", secret(s.twilio_auth_token) or "",
            s.twilio_from_number or "", api_base=s.twilio_api_base,
        )
        log.info("sms: Twilio sender ready")
    else:
        log.info("sms: disabled (TWILIO_ACCOUNT_SID/TWILIO_AUTH_TOKEN/TWILIO_FROM_NUMBER unset)")
    token = secret(s.telegram_bot_token)
    if token:
        from channels.telegram import TelegramSender

        try:
            c.telegram = TelegramSender(token, api_base=s.telegram_api_base)
            log.info("telegram: bot ready")
        except Exception as exc:  # aiogram refuses a malformed token
            log.error("telegram: disabled, TELEGRAM_BOT_TOKEN is not valid (%s)", type(exc).__name__)
    else:
        log.info("telegram: disabled (TELEGRAM_BOT_TOKEN unset)")
    alert = make_staff_alert(
        sms_to=s.staff_alert_sms, telegram_chat=s.staff_alert_telegram_chat, base_url=base_url(c)
    )
    if alert is not None:
        c.extras["notify_staff"] = alert
        log.info("staff alerts on escalation: %s", ", ".join(
            n for n, v in (("sms", s.staff_alert_sms), ("telegram", s.staff_alert_telegram_chat)) if v))
    key = secret(s.stripe_secret_key)
    if key:
        c.stripe = StripeGateway(key, secret(s.stripe_webhook_secret) or "", s.stripe_api_base)
        c.extras["payment_link"] = _payment_link_hook(c)
        c.extras["refund"] = _refund_hook(c)
        log.info("stripe: deposits enabled")
    else:
        log.info("stripe: disabled (STRIPE_SECRET_KEY unset); bookings wait for staff to collect")


def _payment_link_hook(c: Container) -> Callable[[AsyncSession, Booking], Awaitable[str | None]]:
    async def hook(session: AsyncSession, booking: Booking) -> str | None:
        station = await session.get(Station, booking.station_id)
        name = station.business_name if station else "Hibachi"
        try:
            return await payment_link(c.stripe, booking, base_url(c), name)
        except PaymentGatewayError as exc:
            # The booking stands; the maintenance loop retries the link and texts it.
            log.warning("stripe: no checkout link for booking %s yet: %s", booking.id, exc)
            return None

    return hook


def _refund_hook(c: Container) -> Callable[[AsyncSession, Booking], Awaitable[bool]]:
    async def hook(session: AsyncSession, booking: Booking) -> bool:
        try:
            return await refund_deposit(session, c.stripe, booking)
        except PaymentGatewayError as exc:
            log.error("stripe: refund for booking %s failed: %s", booking.id, exc)
            return False

    return hook


async def close_providers(c: Container) -> None:
    for client in (c.sms, c.telegram, c.stripe):
        if client is not None:
            await client.close()
