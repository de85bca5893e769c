"""Web chat hub: JSON frames to the session's open sockets, none open is fine."""

from __future__ import annotations

import json

from channels.base import ChannelName, OutboundMessage, Reply
from channels.webchat import WebchatHub


def _message(session_id: str, reply: Reply) -> OutboundMessage:
    return OutboundMessage(ChannelName.WEBCHAT, session_id, reply, idempotency_key="k")


async def test_delivers_json_to_every_socket_of_the_session() -> None:
    hub = WebchatHub()
    tab1: list[str] = []
    tab2: list[str] = []
    other: list[str] = []

    async def send1(frame: str) -> None:
        tab1.append(frame)

    async def send2(frame: str) -> None:
        tab2.append(frame)

    async def send_other(frame: str) -> None:
        other.append(frame)

    hub.connect("s1", send1)
    hub.connect("s1", send2)
    hub.connect("s2", send_other)
    delivery_id = await hub.send(
        _message("s1", Reply("Deposit received — see you Saturday!", ("Thanks",), "deposit_paid"))
    )
    assert delivery_id
    expected = {
        "text": "Deposit received — see you Saturday!",
        "buttons": ["Thanks"],
        "kind": "deposit_paid",
    }
    assert [json.loads(f) for f in tab1] == [expected]
    assert [json.loads(f) for f in tab2] == [expected]
    assert other == []


async def test_no_socket_is_fine_and_dead_sockets_are_dropped() -> None:
    hub = WebchatHub()
    assert await hub.send(_message("nobody", Reply("hi")))

    async def dead(frame: str) -> None:
        raise ConnectionResetError

    hub.connect("s1", dead)
    assert hub.connected("s1") == 1
    assert await hub.send(_message("s1", Reply("hi")))
    assert hub.connected("s1") == 0
    hub.disconnect("s1", dead)  # a second close is harmless
