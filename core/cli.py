"""The `hibachi` command line."""

from __future__ import annotations

import asyncio
import getpass
import logging

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

    from webhooks.app import create_app

    _logging()
    settings = get_settings()
    uvicorn.run(
        create_app(settings),
        host=host or settings.host,
        port=port or settings.port,
        log_level="info",
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
