"""The `hibachi` command line."""

from __future__ import annotations

import asyncio
import getpass
import logging
import logging.config

import typer

from core.config import get_settings

app = typer.Typer(help="Hibachi booking bot.", no_args_is_help=True)
db_app = typer.Typer(help="Database commands.", no_args_is_help=True)
users_app = typer.Typer(help="Staff users.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(users_app, name="users")


def _logging() -> None:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )


@app.command()
def serve(host: str | None = None, port: int | None = None) -> None:
    """Serve the product (embedded PostgreSQL when DATABASE_URL is unset)."""
    import uvicorn

    from core.logging import log_config
    from webhooks.app import create_app

    logging.config.dictConfig(log_config())  # JSON lines, phones and emails masked
    settings = get_settings()
    uvicorn.run(
        create_app(settings),
        host=host or settings.host,
        port=port or settings.port,
        log_config=log_config(),
        # Behind a proxy the login rate limit must see the client's address, not the proxy's.
        proxy_headers=True,
        forwarded_allow_ips=settings.forwarded_allow_ips,
        # Live staff streams end on their own; don't make Ctrl-C wait for them.
        timeout_graceful_shutdown=5,
    )


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply migrations."""
    from core.db.engine import make_engine, resolve_database_url
    from core.db.migrate import upgrade

    async def run() -> None:
        engine = make_engine(resolve_database_url(get_settings()))
        await upgrade(engine)
        await engine.dispose()

    _logging()
    asyncio.run(run())
    typer.echo("database is up to date")


@users_app.command("create")
def users_create(
    email: str,
    name: str = typer.Option("", help="Display name"),
    role: str = typer.Option("staff", help="staff or admin"),
    password: str | None = typer.Option(None, help="Prompted when omitted"),
    token: bool = typer.Option(False, help="Also print a personal API token"),
) -> None:
    """Create a staff or admin user."""
    from core.db.engine import make_engine, make_sessionmaker, resolve_database_url
    from core.db.migrate import upgrade
    from core.db.uow import UnitOfWork
    from core.errors import DomainError
    from core.repositories.users import UserRepository
    from core.services.auth import create_user, issue_token

    pw = password or getpass.getpass("Password: ")

    async def run() -> str | None:
        engine = make_engine(resolve_database_url(get_settings()))
        await upgrade(engine)
        try:
            async with UnitOfWork(make_sessionmaker(engine)) as uow:
                repo = UserRepository(uow.session)
                user = await create_user(repo, email, name or email, pw, role)
                tok = await issue_token(repo, user, "api", "cli") if token else None
                await uow.commit()
                return tok
        finally:
            await engine.dispose()

    try:
        tok = asyncio.run(run())
    except DomainError as exc:
        typer.echo(f"error: {exc.message}", err=True)
        raise typer.Exit(2) from exc
    typer.echo(f"created {role} {email}")
    if tok:
        typer.echo(f"token: {tok}")


eval_app = typer.Typer(help="Evaluations.", no_args_is_help=True)
faq_app = typer.Typer(help="FAQ admin.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")
app.add_typer(faq_app, name="faq")


async def _container():
    from webhooks.app import build_container

    return await build_container(get_settings())


@app.command()
def chat(channel: str = typer.Option("webchat", help="webchat, sms or telegram identity")) -> None:
    """Talk to the bot in the terminal, against the same database."""
    import uuid

    from channels.base import ChannelName, InboundMessage

    async def run() -> None:
        from webhooks.turns import process_message

        c = await _container()
        sender = "+14085550000" if channel == "sms" else f"cli-{uuid.uuid4().hex[:8]}"
        typer.echo("Type a message (Ctrl-D to quit).")
        try:
            while True:
                try:
                    text = await asyncio.to_thread(input, "you> ")
                except EOFError:
                    break
                msg = InboundMessage(ChannelName(channel), sender, text, uuid.uuid4().hex, c.now())
                for r in (await process_message(c, msg)).replies:
                    typer.echo(f"bot> {r.text}")
                    for i, b in enumerate(r.buttons, 1):
                        typer.echo(f"     {i}) {b}")
        finally:
            await c.engine.dispose()

    asyncio.run(run())


@eval_app.command("stories")
def eval_stories(path: str = typer.Argument("tests/stories")) -> None:
    """Run story files against a scratch copy of the product; print the success rate."""
    from pathlib import Path

    from rich.progress import track

    from bot.stories import in_process_sender, load_stories, run_story
    from core.config import Settings
    from core.db.embedded import recreate_database
    from core.db.reset import truncate_volatile
    from webhooks.app import build_container

    async def run() -> float:
        settings = get_settings()
        url = recreate_database(settings.hibachi_data_dir, "hibachi_eval")
        c = await build_container(Settings(_env_file=None, hibachi_data_dir=settings.hibachi_data_dir), url=url)  # type: ignore[call-arg]
        stories = load_stories(Path(path))
        ok = 0
        try:
            for file, story in track(stories, description="stories"):
                await truncate_volatile(c.engine)
                res = await run_story(c, story, file, in_process_sender(c))
                ok += res.ok
                if not res.ok:
                    typer.echo(f"FAIL {file}: {res.name}")
                    for f in res.failures:
                        typer.echo(f"   {f}")
        finally:
            await c.engine.dispose()
        rate = ok / max(1, len(stories))
        typer.echo(f"task success: {ok}/{len(stories)} = {rate:.1%}")
        return rate

    asyncio.run(run())


@eval_app.command("faq")
def eval_faq(faq_file: str, questions_file: str) -> None:
    """Top-1 accuracy, right-or-declined share and latency of the FAQ on a question set."""
    from pathlib import Path

    from knowledge.embedder import get_embedder
    from knowledge.evaluate import run_faq_eval

    report = run_faq_eval(Path(faq_file), Path(questions_file), get_embedder("local"))
    typer.echo(report.render())


def _faq_run(fn):
    async def run():
        from knowledge.service import FaqService

        c = await _container()
        try:
            async with c.uow() as uow:
                from core.repositories.stations import StationRepository

                station = (await StationRepository(uow.session).list())[0].id
                out = await fn(FaqService(uow.session, c.embedder), station)
                await uow.commit()
                return out
        finally:
            await c.engine.dispose()

    return asyncio.run(run())


@faq_app.command("list")
def faq_list() -> None:
    """List FAQ entries."""

    async def fn(svc, station):
        entries, _ = await svc.list_entries(station, limit=500)
        for e in entries:
            typer.echo(f"{e.id}  {e.question}")

    _faq_run(fn)


@faq_app.command("import")
def faq_import(path: str, replace: bool = typer.Option(False, help="Replace existing entries")) -> None:
    """Import a CSV, JSON or YAML FAQ (a bad row imports nothing)."""
    from pathlib import Path

    from rich.progress import Progress

    from core.errors import DomainError
    from knowledge.io import load_faq_file

    try:
        records = load_faq_file(Path(path))
    except DomainError as exc:
        typer.echo(f"error: {exc.message}", err=True)
        raise typer.Exit(2) from exc

    async def fn(svc, station):
        with Progress() as bar:
            task = bar.add_task("importing", total=len(records))
            entries = await svc.import_records(
                station, records, updated_by="cli", replace=replace,
                progress=lambda done, total: bar.update(task, completed=done, total=total),
            )
        return len(entries)

    typer.echo(f"imported {_faq_run(fn)} entries")


@faq_app.command("export")
def faq_export(fmt: str = typer.Option("yaml", help="yaml, json or csv")) -> None:
    """Print the FAQ as YAML, JSON or CSV."""
    from knowledge.io import FORMATS, dump_faq

    if fmt not in FORMATS:  # refused before touching the database
        raise typer.BadParameter(f"{fmt!r} is not one of {', '.join(FORMATS)}.", param_hint="'--fmt'")

    async def fn(svc, station):
        return dump_faq(await svc.export_records(station), fmt)

    typer.echo(_faq_run(fn))


@faq_app.command("reembed")
def faq_reembed() -> None:
    """Re-embed every entry with the configured model (after switching EMBEDDINGS)."""
    from rich.progress import Progress

    async def fn(svc, station):
        with Progress() as bar:
            task = bar.add_task("embedding", total=None)
            return await svc.reembed_all(progress=lambda done, total: bar.update(task, completed=done, total=total))

    typer.echo(f"re-embedded {_faq_run(fn)} entries")


kpis_app = typer.Typer(help="KPIs.", no_args_is_help=True)
app.add_typer(kpis_app, name="kpis")


@kpis_app.command("snapshot")
def kpis_snapshot(days: int = typer.Option(1, help="Past days to (re)store, ending yesterday")) -> None:
    """Store daily KPI snapshots (all stations, and each) — e.g. nightly from cron.
    `GET /api/kpis` also stores missing past days on demand."""
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    from core.db.engine import make_engine, make_sessionmaker, resolve_database_url
    from core.db.migrate import upgrade
    from core.db.uow import UnitOfWork
    from core.repositories.stations import StationRepository
    from core.services.kpis import snapshot_day

    async def run() -> int:
        engine = make_engine(resolve_database_url(get_settings()))
        await upgrade(engine)
        stored = 0
        try:
            async with UnitOfWork(make_sessionmaker(engine)) as uow:
                stations = await StationRepository(uow.session).list()
                tz = ZoneInfo(stations[0].timezone)
                yesterday = datetime.now(tz).date() - timedelta(days=1)
                for i in range(max(1, days)):
                    day = yesterday - timedelta(days=i)
                    for sid in [None, *(s.id for s in stations)]:
                        await snapshot_day(uow.session, day, ZoneInfo(next((s.timezone for s in stations if s.id == sid), str(tz))), sid)
                        stored += 1
                await uow.commit()
        finally:
            await engine.dispose()
        return stored

    _logging()
    typer.echo(f"stored {asyncio.run(run())} snapshots")
