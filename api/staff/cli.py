"""Create staff accounts: ``python -m api.staff.cli create-user --email … --name … --role agent --territory …``.

The password is read from the STAFF_PASSWORD environment variable or asked for, never given on the command line
(it would stay in the shell history).
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import os
import sys

from api.core.config import get_settings
from api.db import create_engine, create_sessionmaker
from api.staff.accounts import create_user
from api.staff.models import StaffRole
from api.territories import load_territories


async def _create(args: argparse.Namespace, password: str) -> None:
    engine = create_engine(get_settings().database_url)
    try:
        async with create_sessionmaker(engine)() as session:
            await create_user(session, email=args.email, display_name=args.name, password=password,
                              role=StaffRole(args.role), territory=args.territory)
            await session.commit()
    finally:
        await engine.dispose()


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and create the account; exit status 2 on bad input."""
    parser = argparse.ArgumentParser(prog="python -m api.staff.cli")
    commands = parser.add_subparsers(dest="command", required=True)
    create = commands.add_parser("create-user", help="create a staff account")
    create.add_argument("--email", required=True)
    create.add_argument("--name", required=True)
    create.add_argument("--role", choices=[role.value for role in StaffRole], default=StaffRole.AGENT.value)
    create.add_argument("--territory", required=True)
    args = parser.parse_args(argv)
    territories = load_territories(get_settings().territories_dir)
    if args.territory not in territories:
        # An account of a territory that does not exist would see nothing, or the callbacks of a future namesake.
        known = ", ".join(sorted(territories)) or "none"
        print(f"error: territory {args.territory!r} does not exist (known: {known})", file=sys.stderr)
        return 2
    password = os.environ.get("STAFF_PASSWORD") or getpass.getpass("Mot de passe (12 caractères minimum) : ")
    try:
        asyncio.run(_create(args, password))
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"created {args.role} account for territory {args.territory}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
