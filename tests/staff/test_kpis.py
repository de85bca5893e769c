"""GET /api/kpis: the KPIs of DOMAIN.md from real activity, and daily snapshots."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import httpx
import pytest
from sqlalchemy import select

from core.models import Customer, KpiSnapshot, Lead
from tests.staff.conftest import Person, chat
from webhooks.container import Container

LA = ZoneInfo("America/Los_Angeles")


async def _past_lead(db: Container, days_ago: int, source: str = "sms") -> None:
    at = datetime.now(LA) - timedelta(days=days_ago)
    async with db.uow() as uow:
        cust = Customer(station_id="sj", name="Past")
        uow.session.add(cust)
        await uow.session.flush()
        uow.session.add(Lead(station_id="sj", customer_id=cust.id, source=source, status="new", created_at=at, last_activity_at=at))
        await uow.commit()


async def test_kpis_from_real_activity(
    client: httpx.AsyncClient, db: Container, admin_headers: dict[str, str], ana: Person
) -> None:
    # A contained quote, an escalation answered by staff, a booking taken over the API.
    _sid, said = await chat(client, "how much for 10 adults in 95112?", None)
    assert any("$" in s for s in said)
    _esc_sid, _ = await chat(client, "can I talk to a person?", None)
    [conv] = (await client.get("/api/conversations", params={"status": "escalated"}, headers=ana.headers)).json()["items"]
    await client.post(f"/api/conversations/{conv['id']}/messages", json={"text": "Hi!"}, headers=ana.headers)
    day = (datetime.now(LA) + timedelta(days=20)).date().isoformat()
    booking = {
        "adults": 12, "kids": 3, "zip": "95112", "date": day, "time": "18:00",
        "address": "1 Main St", "customer": {"name": "Kim", "phone": "+14085550100"},
    }
    assert (await client.post("/api/bookings", json=booking, headers=admin_headers)).status_code == 201

    r = await client.get("/api/kpis", params={"days": 7}, headers=admin_headers)
    assert r.status_code == 200, r.text
    body = r.json()
    k = body["kpis"]
    assert k["leads"] == 3 and k["leads_by_source"] == {"api": 1, "webchat": 2}
    assert k["contact_rate"] == round(1 / 3, 4)  # only the API customer gave a phone
    assert k["escalation_rate"] == 0.5 and k["bot_containment_rate"] == 0.5
    assert k["deposit_paid_rate"] == 0.0
    assert k["median_first_response_seconds"] is not None and 0 <= k["median_first_response_seconds"] < 60
    assert k["funnel"]["quote_viewed"] >= 1 and k["funnel"]["escalated"] == 1
    assert k["funnel"]["booking_created"] == 1
    assert len(body["daily"]) == 7 and body["daily"][-1]["leads"] == 3
    assert body["to"] == datetime.now(LA).date().isoformat()
    # Per station, and unknown stations.
    per_station = [
        (await client.get("/api/kpis", params={"station": st, "days": 7}, headers=admin_headers)).json()
        for st in ("sj", "sac")
    ]
    assert [p["station"] for p in per_station] == ["sj", "sac"]
    assert sum(p["kpis"]["leads"] for p in per_station) == 3
    assert sum(p["kpis"]["counts"]["conversations"] for p in per_station) == 2
    assert (await client.get("/api/kpis", params={"station": "mars"}, headers=admin_headers)).status_code == 404
    assert (await client.get("/api/kpis", params={"days": 0}, headers=admin_headers)).status_code == 422
    # CONTRACT.md lists the KPIs among the staff endpoints (only the FAQ is admin-only).
    assert (await client.get("/api/kpis", headers=ana.headers)).status_code == 200
    assert (await client.get("/api/kpis")).status_code == 401


async def test_past_days_are_snapshotted_once(
    client: httpx.AsyncClient, db: Container, admin_headers: dict[str, str]
) -> None:
    await _past_lead(db, 2)
    body = (await client.get("/api/kpis", params={"days": 5}, headers=admin_headers)).json()
    assert [d["leads"] for d in body["daily"]] == [0, 0, 1, 0, 0]
    async with db.uow() as uow:
        snaps = (await uow.session.scalars(select(KpiSnapshot).order_by(KpiSnapshot.day))).all()
    assert len(snaps) == 4 and all(s.station_id == "*" for s in snaps)  # today stays live
    # A late-arriving row for that day changes the period's totals, not the stored day.
    await _past_lead(db, 2, source="telegram")
    again = (await client.get("/api/kpis", params={"days": 5}, headers=admin_headers)).json()
    assert [d["leads"] for d in again["daily"]] == [0, 0, 1, 0, 0]
    assert again["kpis"]["leads"] == 2
    assert again["kpis"]["leads_by_source"] == {"sms": 1, "telegram": 1}


def test_cli_stores_snapshots(
    database_url: str, monkeypatch: pytest.MonkeyPatch, db: Container
) -> None:
    from typer.testing import CliRunner

    from core.cli import app
    from core.config import get_settings

    monkeypatch.setenv("DATABASE_URL", database_url)
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(app, ["kpis", "snapshot", "--days", "2"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    assert "stored 6 snapshots" in result.output  # 2 days × (all, sj, sac)
