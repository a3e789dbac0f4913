"""`make run-scaled` says what to do when PostgreSQL, Redis or nginx is missing (and passes when all are there)."""

from __future__ import annotations

import pytest

from ops.scaled import MissingService, check_services
from tests.support.databases import POSTGRES_ADMIN_URL
from tests.support.processes import free_port

NOBODY = free_port()  # nothing listens there


def test_missing_postgresql_says_how_to_start_it() -> None:
    with pytest.raises(MissingService, match="pg_ctlcluster"):
        check_services(f"postgresql://postgres@127.0.0.1:{NOBODY}/postgres", "127.0.0.1", 6379, "nginx")


def test_missing_redis_says_how_to_start_it() -> None:
    with pytest.raises(MissingService, match="redis-server --daemonize yes"):
        check_services(POSTGRES_ADMIN_URL, "127.0.0.1", NOBODY, "nginx")


def test_missing_nginx_says_which_package() -> None:
    with pytest.raises(MissingService, match="apt-get install nginx-light"):
        check_services(POSTGRES_ADMIN_URL, "127.0.0.1", 6379, "/nonexistent/nginx")


def test_services_of_this_machine_kind_are_there() -> None:
    check_services(POSTGRES_ADMIN_URL, "127.0.0.1", 6379, "nginx")
