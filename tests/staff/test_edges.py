"""Odd input to the staff API and pages: always a 4xx (or the page), never a 5xx."""

from __future__ import annotations

import httpx
import pytest

from tests.staff.conftest import Person


@pytest.mark.parametrize(
    ("method", "url", "body"),
    [
        ("GET", "/api/conversations?cursor=2020-01-01T00:00:00|00000000-0000-0000-0000-000000000000", None),
        ("GET", "/api/conversations?cursor=%7C", None),
        ("GET", "/api/conversations?limit=100000", None),
        ("GET", f"/api/staff/changes?after={10**30}", None),
        ("GET", "/api/staff/changes?after=-5", None),
        ("POST", "/api/conversations/00000000-0000-0000-0000-000000000000/claim", None),
        ("POST", "/api/conversations/xyz/messages", {"text": "hi"}),
        ("POST", "/api/conversations/00000000-0000-0000-0000-000000000000/messages", {"text": 5}),
        ("DELETE", f"/api/tokens/{'9' * 40}", None),
        ("POST", "/api/bookings/xyz/reschedule", {"date": "2026-13-40", "time": "25:99"}),
        ("POST", "/api/bookings/00000000-0000-0000-0000-000000000000/reschedule", {"date": "9999-12-31", "time": "12:00"}),
        ("GET", "/api/kpis?days=100000", None),
    ],
)
async def test_bad_input_is_a_4xx_json_error(
    client: httpx.AsyncClient, boss: Person, method: str, url: str, body: object
) -> None:
    r = await client.request(method, url, json=body, headers=boss.headers)
    assert 400 <= r.status_code < 500, (url, r.status_code, r.text)
    assert set(r.json()) >= {"error", "message"}


async def test_pages_shrug_off_mangled_links(client: httpx.AsyncClient, boss: Person) -> None:
    for url in (
        "/staff?view=nope&channel=fax&c=not-a-uuid&cursor=garbage",
        "/staff?c=00000000-0000-0000-0000-000000000000",
        "/admin?b_date=2026-02-30&b_status=weird&l_source=fax&l_cursor=zzz",
    ):
        r = await client.get(url, headers=boss.headers)
        assert r.status_code == 200, url
