"""Brings the scaled topology up and down: databases, migrations, replicas, reverse proxy, health.

`make run-scaled` (ops/run_scaled.py), the topology tests and `make bench-load` all start it through `scaled_stack`.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import psycopg
import redis

from ops.nginx import render
from ops.procfile import ROOT, read_procfile
from ops.supervisor import Supervisor
from ops.topology import Ports, Stores, Topology, plan

NGINX = "nginx"


class MissingService(RuntimeError):
    """PostgreSQL, Redis or nginx is not there; the message says how to get it."""


POSTGRES_HELP = (
    "PostgreSQL does not answer at {url}. Start it (on this machine kind: "
    "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start), or point SCALED_POSTGRES_URL at "
    "a server where this user may create databases."
)
REDIS_HELP = (
    "Redis does not answer at {host}:{port}. Start it (on this machine kind: redis-server --daemonize yes "
    "--bind 127.0.0.1 -::1 --port 6379 --save \"\" --appendonly no --dir /var/lib/redis "
    "--logfile /var/log/redis/ci.log), or set SCALED_REDIS_HOST / SCALED_REDIS_PORT."
)
NGINX_HELP = "nginx is missing: apt-get install nginx-light (Debian), or set SCALED_NGINX to its path."


def free_port_base(span: int = 81, tries: int = 50) -> int:
    """A port base (a multiple of 100 in 19000–28900) whose ``span`` ports nobody listens on now, on loopback."""
    for _ in range(tries):
        base = 19000 + secrets.randbelow(100) * 100
        try:
            for port in range(base, base + span):
                with socket.socket() as sock:
                    sock.bind(("127.0.0.1", port))
        except OSError:
            continue
        return base
    raise RuntimeError("no free range of loopback ports")


def check_services(admin_url: str, redis_host: str, redis_port: int, nginx: str) -> None:
    """Fail with what to do when a service the topology needs is absent."""
    try:
        with psycopg.connect(admin_url, connect_timeout=3):
            pass
    except psycopg.Error as error:
        raise MissingService(POSTGRES_HELP.format(url=admin_url)) from error
    try:
        redis.Redis(host=redis_host, port=redis_port, socket_timeout=3).ping()
    except redis.RedisError as error:
        raise MissingService(REDIS_HELP.format(host=redis_host, port=redis_port)) from error
    if shutil.which(nginx) is None and not Path(nginx).is_file():
        raise MissingService(NGINX_HELP)


def ensure_database(admin_url: str, name: str, *, fresh: bool = False) -> str:
    """Create database ``name`` on the server of ``admin_url`` if missing (dropped first if ``fresh``); its URL."""
    with psycopg.connect(admin_url, autocommit=True) as admin:
        if fresh:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            admin.execute(f'CREATE DATABASE "{name}"')
    return f"{admin_url.rsplit('/', 1)[0]}/{name}"


def drop_database(admin_url: str, name: str) -> None:
    """Drop database ``name`` (test topologies clean up after themselves)."""
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@dataclass
class ScaledStack:
    """A running topology: its plan, its processes, and the settings of each."""

    topology: Topology
    supervisor: Supervisor
    envs: dict[str, dict[str, str]]

    @property
    def url(self) -> str:
        return self.topology.public_url

    def restart(self, name: str) -> None:
        """Start replica ``name`` again with its own settings (after a failover test killed it)."""
        replica = next(r for r in self.topology.replicas if r.name == name)
        self.supervisor.start(name, read_procfile()[replica.entry], self.envs[name])

    def wait_healthy(self, timeout: float, path: str = "/healthz") -> None:
        """Wait until /healthz answers 200 through the proxy and from every api replica not killed on purpose;
        fail early if a process died by itself."""
        deadline = time.monotonic() + timeout
        last = ""
        while time.monotonic() < deadline:
            if dead := self.supervisor.dead():
                name = next(iter(dead))
                raise RuntimeError(f"{name} exited with {dead[name]}:\n{self.supervisor.log(name)[-3000:]}")
            try:
                answers = [httpx.get(f"http://127.0.0.1:{replica.port}{path}", timeout=5).status_code
                           for replica in self.topology.replicas
                           if replica.entry == "api" and replica.name not in self.supervisor.killed]
                proxy = httpx.get(f"{self.url}{path}", timeout=5)
                last = f"replicas {answers}, proxy {proxy.status_code}: {proxy.text}"
                if proxy.status_code == 200 and set(answers) == {200}:
                    return
            except httpx.HTTPError as error:
                last = repr(error)
            time.sleep(2)
        raise TimeoutError(f"scaled topology not healthy after {timeout:.0f} s: {last}")


def migrate(env: Mapping[str, str]) -> None:
    """Bring the api database to the newest revision, as `make migrate` does."""
    subprocess.run([str(ROOT / ".venv/bin/alembic"), "-c", "api/alembic.ini", "upgrade", "head"],  # noqa: S603
                   cwd=ROOT, env=dict(env), check=True, capture_output=True)


@contextmanager
def scaled_stack(workdir: Path, ports: Ports, stores: Stores, *, base_env: Mapping[str, str] | None = None,
                 replicas: int = 2, nginx: str = NGINX) -> Iterator[ScaledStack]:
    """Start the topology (databases must exist); stop every process on exit. Not yet healthy when yielded."""
    topology = plan(ports, stores, replicas)
    base = dict(os.environ if base_env is None else base_env)
    envs = {replica.name: {**base, **replica.env} for replica in topology.replicas}
    supervisor = Supervisor(workdir)
    migrate(next(iter(envs.values())))
    commands = read_procfile()
    (workdir / "nginx.conf").write_text(render(topology, workdir), encoding="utf-8")
    try:
        for replica in topology.replicas:
            supervisor.start(replica.name, commands[replica.entry], envs[replica.name])
        supervisor.start("proxy", f"{nginx} -p {workdir} -c {workdir / 'nginx.conf'}", base)
        yield ScaledStack(topology, supervisor, envs)
    finally:
        supervisor.stop()
