"""Twilio SMS adapter: webhook signature, form parsing, TwiML, numbered buttons, sending.

SMS has no buttons, so a reply's buttons become numbered options ("1) Get a quote") and
:func:`resolve_numbered_choice` maps the customer's "2" back to the label.
"""

from __future__ import annotations

import base64
import logging
import re
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

import aiohttp
import phonenumbers
from twilio.base.exceptions import TwilioRestException, TwilioServiceException
from twilio.http.async_http_client import AsyncTwilioHttpClient
from twilio.http.response import Response
from twilio.request_validator import RequestValidator
from twilio.rest import Client
from twilio.twiml.messaging_response import MessagingResponse

from channels.base import (
    ChannelName,
    DeliveryFailed,
    InboundMessage,
    OutboundMessage,
    RecipientOptedOut,
    Reply,
)
from core.redact import mask_phone
from core.text import clean_text

__all__ = [
    "TWILIO_UNSUBSCRIBED_RECIPIENT",
    "DeliveryFailed",
    "RecipientOptedOut",
    "TwilioSmsSender",
    "mask_phone",
    "parse_twilio_form",
    "render_sms_text",
    "render_twiml",
    "resolve_numbered_choice",
    "to_e164",
    "verify_twilio_signature",
]

logger = logging.getLogger(__name__)

TWILIO_UNSUBSCRIBED_RECIPIENT = 21610  # "Attempt to send to unsubscribed recipient"


# --- inbound ---------------------------------------------------------------------------


def verify_twilio_signature(
    auth_token: str, url: str, params: Mapping[str, str], signature: str | None
) -> bool:
    """True only if ``signature`` is Twilio's X-Twilio-Signature for ``url`` + ``params``.

    Fails closed: no token (channel not configured) or no signature is a refusal.
    """
    if not auth_token or not signature:
        return False
    return bool(RequestValidator(auth_token).validate(url, dict(params), signature))


def to_e164(raw: str, region: str = "US") -> str:
    """Normalise a phone number to E.164; raise ValueError if it is not a valid number."""
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException as exc:
        raise ValueError("not a phone number") from exc
    if not phonenumbers.is_valid_number(number):
        raise ValueError("not a valid phone number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _normalise_sender(raw: str) -> str:
    # Lenient on purpose: Twilio already sends E.164, and a number our phonenumbers
    # metadata calls invalid (new ranges, test numbers) must still key one conversation.
    try:
        number = phonenumbers.parse(raw, "US")
    except phonenumbers.NumberParseException:
        return raw  # short code or alphanumeric sender id
    if not phonenumbers.is_possible_number(number):
        return raw
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def parse_twilio_form(form: Mapping[str, str], received_at: datetime) -> InboundMessage:
    """Turn Twilio's inbound-SMS webhook form into an :class:`InboundMessage`.

    ``From`` is normalised to E.164 (region US); a sender that is not a phone number
    (short code, alphanumeric id) is kept verbatim so it still keys one conversation.
    """
    sender_raw = (form.get("From") or "").strip()
    message_sid = (form.get("MessageSid") or form.get("SmsSid") or "").strip()
    if not sender_raw or not message_sid:
        raise ValueError("Twilio form lacks From or MessageSid")
    sender = _normalise_sender(sender_raw)
    try:
        media_count = max(0, int(form.get("NumMedia") or "0"))
    except ValueError:
        media_count = 0
    return InboundMessage(
        channel=ChannelName.SMS,
        sender=sender,
        text=clean_text(form.get("Body") or ""),
        provider_message_id=message_sid,
        received_at=received_at,
        media_count=media_count,
    )


# --- buttons as numbered options ---------------------------------------------------------


SMS_MAX_CHARS = 1600  # Twilio refuses longer bodies (error 21617)


def _clamp(text: str, limit: int) -> str:
    """Cut at a word boundary with an ellipsis; a longer answer would not be sent at all."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit - 1)
    return text[: cut if cut > limit // 2 else limit - 1].rstrip() + "…"


def render_sms_text(reply: Reply) -> str:
    """The SMS text of a reply: its text, then its buttons as numbered options,
    within Twilio's 1,600 characters (the options are kept whole), free of characters
    XML cannot carry (TwiML must stay well-formed whatever an admin pasted)."""
    reply = Reply(clean_text(reply.text), tuple(clean_text(b) for b in reply.buttons), reply.kind)
    if not reply.buttons:
        return _clamp(reply.text, SMS_MAX_CHARS)
    if _names_numbers(reply.buttons):  # "3) 6 PM": is "3" the option or 3 PM? Not numbered.
        options = "\n".join(f"• {label}" for label in reply.buttons)
    else:
        options = "\n".join(f"{i}) {label}" for i, label in enumerate(reply.buttons, start=1))
    room = max(SMS_MAX_CHARS - len(options) - 2, 1)
    return f"{_clamp(reply.text, room)}\n\n{options}"


_CHOICE = re.compile(
    r"^\s*(?:(?:option|choice|number|num)\s*)?#?\s*(\d{1,2})\s*[.)!]*\s*$",
    re.IGNORECASE,
)
# "the second one", "2nd option", "last one please": a choice by its place in the list.
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
             "fourth": 4, "4th": 4, "fifth": 5, "5th": 5, "last": -1,
             "earliest": 1, "latest": -1}  # (the times are listed earliest first)
_ORDINAL_CHOICE = re.compile(
    rf"^\s*(?:the\s+)?({'|'.join(_ORDINALS)})(\s+(?:one|option|choice|time))?"
    r"(?:\s+(?:please|pls|plz))?\s*[.!]*\s*$",
    re.IGNORECASE,
)


def _names_numbers(buttons: Sequence[str]) -> bool:
    """Whether some option starts with a number ("12 PM", "3 PM"): then a number sent
    back is that option's own number, and options are not numbered."""
    return any(label[:1].isdigit() for label in buttons)


def resolve_numbered_choice(text: str, buttons: Sequence[str]) -> str | None:
    """Map "2", "#2", "2)", "option 2", "the 2nd one" to the second button's label; None if
    it is not one.

    A number outside the offered range is None too, so "15" (a guest count) stays text.
    Where options start with numbers (start times), "3" is the option "3 PM", never the
    third option: a wrong pick there books the wrong time. "the second one" (or "last")
    is the option in that place in either case: the list is shown in that order.
    """
    ordinal = _ORDINAL_CHOICE.match(text)
    if ordinal is not None and ordinal.group(1)[:1].isdigit() and not ordinal.group(2):
        ordinal = None  # "the 2nd" alone is a day of the month (it picked "Ask a question")
    if ordinal is not None and buttons:
        place = _ORDINALS[ordinal.group(1).lower()]
        if place == -1:
            return buttons[-1]
        return buttons[place - 1] if place <= len(buttons) else None
    match = _CHOICE.match(text)
    if match is None:
        return None
    number = int(match.group(1))
    if _names_numbers(buttons):
        return next((b for b in buttons if re.match(rf"{number}\b", b)), None)
    if 1 <= number <= len(buttons):
        return buttons[number - 1]
    return None


def render_twiml(replies: Sequence[Reply]) -> str:
    """TwiML answering an inbound SMS with one ``<Message>`` per reply (none: empty)."""
    response = MessagingResponse()
    for reply in replies:
        response.message(render_sms_text(reply))
    return str(response)


# --- outbound ---------------------------------------------------------------------------


class _AsyncHttpClient(AsyncTwilioHttpClient):
    """Twilio's async HTTP client, with a base-URL override, a timeout and no deprecations.

    Twilio's SDK hard-codes ``https://<product>.twilio.com`` per domain and documents a
    custom HTTP client as the way to reach another server, so every request is rebased
    here (all domains, and after edge/region rewriting). It also sends the Basic auth as
    a header, because aiohttp >= 3.13 deprecates the ``auth=BasicAuth(...)`` the stock
    client passes (a DeprecationWarning on every request).
    """

    def __init__(self, api_base: str | None, timeout: float) -> None:
        # pool_connections=False: the stock client would open its aiohttp session here,
        # possibly outside an event loop; ours is opened lazily on first use instead.
        super().__init__(pool_connections=False, timeout=timeout)
        self._api_base = api_base.rstrip("/") if api_base else None
        self._client_timeout = aiohttp.ClientTimeout(total=timeout)
        self._own_session: aiohttp.ClientSession | None = None

    def _rebase(self, url: str) -> str:
        if self._api_base is None:
            return url
        parts = urlsplit(url)
        query = f"?{parts.query}" if parts.query else ""
        return f"{self._api_base}{parts.path}{query}"

    async def request(
        self,
        method: str,
        url: str,
        params: dict[str, object] | None = None,
        data: dict[str, object] | None = None,
        headers: dict[str, str] | None = None,
        auth: tuple[str, str] | None = None,
        timeout: float | None = None,  # noqa: ASYNC109 - the SDK's interface
        allow_redirects: bool = False,
    ) -> Response:
        """Send one request; same contract as the SDK's client."""
        if self._own_session is None or self._own_session.closed:
            self._own_session = aiohttp.ClientSession(timeout=self._client_timeout)
        all_headers = dict(headers or {})
        if auth is not None:
            token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode("ascii")
            all_headers["Authorization"] = f"Basic {token}"
        kwargs: dict[str, Any] = {
            "method": method.upper(),
            "url": self._rebase(url),
            "params": params,
            "data": data,
            "headers": all_headers,
            "timeout": self._client_timeout,
            "allow_redirects": allow_redirects,
        }
        if timeout is not None:
            kwargs["timeout"] = aiohttp.ClientTimeout(total=timeout)
        self.log_request(kwargs)  # logs method, URL and headers minus Authorization
        async with self._own_session.request(**kwargs) as resp:
            response = Response(resp.status, await resp.text(), resp.headers)
        self.log_response(response.status_code, response)
        return response

    async def close(self) -> None:
        """Close the pooled aiohttp session."""
        if self._own_session is not None:
            await self._own_session.close()
            self._own_session = None


class TwilioSmsSender:
    """Sends SMS through Twilio's REST API with the SDK's async client."""

    name = ChannelName.SMS

    def __init__(
        self,
        account_sid: str,
        auth_token: str,
        from_number: str,
        *,
        api_base: str | None = None,
        timeout: float = 15.0,
    ) -> None:
        if not account_sid or not auth_token or not from_number:
            raise ValueError("Twilio account SID, auth token and from number are required")
        self._from = from_number
        self._http = _AsyncHttpClient(api_base, timeout)
        # environment={}: configuration comes from our settings only, never implicitly
        # from TWILIO_* variables the SDK would otherwise read (edge, region, ...).
        self._client = Client(account_sid, auth_token, http_client=self._http, environment={})

    async def send(self, message: OutboundMessage) -> str:
        """Send one SMS; returns the Message SID.

        Raises RecipientOptedOut for Twilio error 21610 (the number texted STOP) and
        DeliveryFailed(retryable=...) for anything else.
        """
        body = render_sms_text(message.reply)
        try:
            created = await self._client.messages.create_async(
                to=message.recipient, from_=self._from, body=body
            )
        except (TwilioRestException, TwilioServiceException) as exc:
            code = exc.code
            status = exc.status
            if code == TWILIO_UNSUBSCRIBED_RECIPIENT:
                logger.info("twilio: recipient %s unsubscribed", mask_phone(message.recipient))
                raise RecipientOptedOut(f"Twilio {code}: recipient unsubscribed") from exc
            retryable = status == 429 or status >= 500
            logger.warning(
                "twilio: send to %s failed: HTTP %s code %s",
                mask_phone(message.recipient),
                status,
                code,
            )
            raise DeliveryFailed(f"Twilio HTTP {status} code {code}", retryable=retryable) from exc
        except (aiohttp.ClientError, TimeoutError) as exc:
            logger.warning("twilio: network error sending SMS: %s", type(exc).__name__)
            raise DeliveryFailed(f"network error: {type(exc).__name__}", retryable=True) from exc
        sid = created.sid
        if not sid:
            raise DeliveryFailed("Twilio answered without a message SID", retryable=False)
        return sid

    async def close(self) -> None:
        """Release the HTTP connection pool."""
        await self._http.close()
