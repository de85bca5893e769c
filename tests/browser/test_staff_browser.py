"""A staff member's Saturday, in a real browser: an SMS conversation escalates live,
they claim it, reply (it reaches the customer's phone through Twilio), hand it back
and the bot answers again. An admin edits an FAQ answer and the bot uses it."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable
from typing import Any

import httpx
from playwright.async_api import expect
from sqlalchemy import text

from tests.browser.conftest import LiveServer, log_in, make_user
from tests.conftest import ADMIN_TOKEN
from tests.providers.conftest import twiml_messages
from webhooks.container import Container

CUSTOMER = "+14085550177"
XSS = "<script>alert(1)</script>"


async def until(check: Callable[[], bool], seconds: float = 8.0) -> None:
    """Poll `check` (it reads state another thread's event loop writes)."""
    for _ in range(int(seconds / 0.05)):
        if check():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("timed out")


async def outbox_rows(db: Container) -> list[tuple[Any, ...]]:
    async with db.uow() as uow:
        rows = await uow.session.execute(text(
            "SELECT channel, kind, status, attempts, last_error, next_attempt_at, now() FROM outbox"
        ))
        return [tuple(r) for r in rows.all()]


async def test_sms_escalates_live_staff_reply_reaches_phone_and_bot_resumes(
    page: Any, live_server: LiveServer, db: Container
) -> None:
    live = live_server
    await log_in(page, live, await make_user(db, "ana@example.com", "staff"))
    await expect(page.locator("#live-state")).to_have_text("live")

    # The customer asks for a person: the conversation appears without a reload.
    r = await live.sms("hi, can I talk to a real person please?", CUSTOMER)
    assert r.status_code == 200 and twiml_messages(r.text)
    item = page.locator("#conversations li", has_text=CUSTOMER)
    await expect(item).to_be_visible()
    await expect(item).to_contain_text("asked_for_person")
    await item.click()
    await expect(page.locator("#thread h1")).to_have_text(CUSTOMER)

    await page.click("#btn-claim")
    await expect(page.locator("#thread-status")).to_have_text("staff")
    # The customer's next message streams into the open thread, as text.
    r = await live.sms(XSS, CUSTOMER)
    assert twiml_messages(r.text) == []  # the bot stays silent while staff hold it
    await expect(page.locator("#messages li.author-customer").last).to_contain_text(XSS)

    reply = f"Hi! This is Ana from the team ({uuid.uuid4().hex[:6]})."
    await page.fill("#reply-text", reply)
    await page.click("#reply button[type=submit]")
    await expect(page.locator("#messages li.author-staff").last).to_contain_text(reply)
    # ``messages`` is a fresh list on every read: poll it, not a copy taken before the
    # outbox delivered (that copy made this test flaky in sessions 6 and 8).
    try:
        await until(lambda: any(m.get("Body") == reply for m in live.twilio.messages))
    except AssertionError:
        raise AssertionError(
            f"the staff reply never reached Twilio; outbox rows: {await outbox_rows(db)}; "
            f"Twilio received: {[m.get('Body') for m in live.twilio.messages]}"
        ) from None
    [out] = [m for m in live.twilio.messages if m.get("Body") == reply]
    assert out["To"] == CUSTOMER

    await page.click("#btn-release")
    await expect(page.locator("#thread-status")).to_have_text("bot")
    r = await live.sms("how much for 10 adults at 95112?", CUSTOMER)
    said = twiml_messages(r.text)
    assert any("$660.00" in s for s in said), said
    await expect(page.locator("#messages li.author-bot").last).to_contain_text("$660.00")

    # Reloaded, the whole history renders as text; no script ever ran.
    await page.reload()
    await expect(page.locator("#messages li.author-customer", has_text=XSS)).to_have_count(1)
    assert page.dialogs == []


async def test_admin_edits_an_faq_answer_and_the_bot_uses_it(
    page: Any, live_server: LiveServer, db: Container
) -> None:
    live = live_server
    admin = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    async with httpx.AsyncClient(base_url=live.url, headers=admin) as http:
        entries = (await http.get("/api/faqs")).json()["items"]
        # An entry the bot answers word for word when asked its own question.
        chosen = None
        for e in entries[:12]:
            r = await http.post("/api/chat", json={"text": e["question"]})
            if [x["text"] for x in r.json()["replies"]][:1] == [e["answer"]]:
                chosen = e
                break
        assert chosen is not None, "no FAQ entry the bot answers directly"
        new_answer = f"Yes — our chef brings everything ({uuid.uuid4().hex[:8]})."
        try:
            await log_in(page, live, await make_user(db, "boss@example.com", "admin"), "/admin/faqs")
            entry = page.locator(f'article.faq[data-id="{chosen["id"]}"]')
            await entry.locator("[data-edit]").click()
            await entry.locator("textarea[name=answer]").fill(new_answer)
            await entry.locator("form.edit button[type=submit]").click()
            await expect(page.locator("#faq-notice")).to_contain_text("Saved")
            await expect(entry.locator(".a")).to_have_text(new_answer)

            # "Try a question" shows the new answer and the score.
            await page.fill("#try-q", chosen["question"])
            await page.click("#try-form button")
            await expect(page.locator("#try-result .answer")).to_have_text(new_answer)
            await expect(page.locator("#try-result")).to_contain_text("score")

            # A customer asking now gets the new answer.
            r = await http.post("/api/chat", json={"text": chosen["question"]})
            assert new_answer in [x["text"] for x in r.json()["replies"]]
            assert page.dialogs == []
        finally:
            restored = await http.put(f"/api/faqs/{chosen['id']}", json={"answer": chosen["answer"]})
            assert restored.status_code == 200
