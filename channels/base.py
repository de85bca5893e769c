"""The typed contract between transports and the rest of the product.

Adapters turn a provider payload into an :class:`InboundMessage` and render an
:class:`OutboundMessage` in the provider's format. They never touch the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Protocol


class ChannelName(StrEnum):
    SMS = "sms"
    TELEGRAM = "telegram"
    WEBCHAT = "webchat"


@dataclass(frozen=True, slots=True)
class InboundMessage:
    """One customer message as the engine sees it, whatever the channel."""

    channel: ChannelName
    sender: str  # E.164 phone, Telegram chat id, or web-chat session id
    text: str
    provider_message_id: str
    received_at: datetime
    media_count: int = 0
    display_name: str | None = None  # what the provider tells us (Telegram first name)
    button_payload: str | None = None  # a pressed button (Telegram callback data)
    callback_query_id: str | None = None  # Telegram: answer it so the button stops spinning


@dataclass(frozen=True, slots=True)
class Reply:
    """One bot/staff message: text plus optional buttons, rendered per channel."""

    text: str
    buttons: tuple[str, ...] = ()
    kind: str = "text"  # the template that produced it (stable, for tests and analytics)


@dataclass(frozen=True, slots=True)
class OutboundMessage:
    """A reply addressed to one recipient on one channel."""

    channel: ChannelName
    recipient: str
    reply: Reply
    idempotency_key: str
    metadata: dict[str, str] = field(default_factory=dict)


class Channel(Protocol):
    """A transport able to deliver an outbound message; returns the provider's id."""

    name: ChannelName

    async def send(self, message: OutboundMessage) -> str: ...


class DeliveryError(Exception):
    """A channel could not deliver an outbound message."""


class RecipientOptedOut(DeliveryError):
    """The recipient refuses messages (SMS STOP: Twilio 21610; Telegram: bot blocked).

    Never retry: the outbox marks the message undeliverable and honours the opt-out.
    """


class DeliveryFailed(DeliveryError):
    """Any other delivery failure; ``retryable`` says whether a later attempt may work."""

    def __init__(self, message: str, *, retryable: bool, retry_after: float | None = None):
        super().__init__(message)
        self.retryable = retryable
        self.retry_after = retry_after  # seconds the provider asked us to wait, if any
