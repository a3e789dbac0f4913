"""Renders the committed reverse-proxy configuration (ops/nginx.conf.template) for a topology. Pure."""

from __future__ import annotations

import re
from pathlib import Path

from ops.topology import Topology

TEMPLATE = Path(__file__).with_name("nginx.conf.template")
# A replica that failed once is skipped for this long, then tried again (nginx's passive health check).
PLACEHOLDER = re.compile(r"@[A-Z_]+@")
SERVER_OPTIONS = "max_fails=1 fail_timeout=5s"


def servers(addresses: list[str]) -> str:
    """The ``server`` lines of one upstream block."""
    return "\n".join(f"        server {address} {SERVER_OPTIONS};" for address in addresses)


def render(topology: Topology, workdir: Path) -> str:
    """The nginx.conf of ``topology`` on loopback, with its pid, logs and temporary files in ``workdir``."""
    ports = topology.ports
    return fill(workdir=str(workdir), listen_host="127.0.0.1", upstreams={
        entry: topology.upstream(entry) for entry in ("api", "rasa", "actions")},
        ports=(ports.public, ports.internal_api, ports.internal_rasa, ports.internal_actions))


def fill(*, workdir: str, listen_host: str, upstreams: dict[str, list[str]], ports: tuple[int, int, int, int],
         template: str | None = None) -> str:
    """The template with every placeholder filled: public, internal api, internal rasa, internal actions ports."""
    text = TEMPLATE.read_text(encoding="utf-8") if template is None else template
    values = {
        "WORKDIR": workdir,
        "LISTEN_HOST": listen_host,
        "API_SERVERS": servers(upstreams["api"]),
        "RASA_SERVERS": servers(upstreams["rasa"]),
        "ACTIONS_SERVERS": servers(upstreams["actions"]),
        "PUBLIC_PORT": str(ports[0]),
        "INTERNAL_API_PORT": str(ports[1]),
        "INTERNAL_RASA_PORT": str(ports[2]),
        "INTERNAL_ACTIONS_PORT": str(ports[3]),
    }
    for name, value in values.items():
        text = text.replace(f"@{name}@", value)
    if PLACEHOLDER.search(text):
        raise ValueError("a placeholder of the nginx template was left unfilled")
    return text


COMPOSE_CONFIG = Path(__file__).resolve().parents[1] / "deploy" / "compose" / "nginx.conf"
"""The same template for docker-compose.yml: replicas by service name, listening on the container's interfaces."""


def compose() -> str:
    """nginx.conf of docker-compose.yml (committed; `python -m ops.nginx` writes it, a test keeps it equal)."""
    return fill(workdir="/var/cache/nginx", listen_host="0.0.0.0",  # noqa: S104 - in its container, port published
                upstreams={"api": ["api:8000"], "rasa": ["rasa:5005"], "actions": ["actions:5055"]},
                ports=(8080, 8001, 5005, 5055))


if __name__ == "__main__":
    COMPOSE_CONFIG.parent.mkdir(parents=True, exist_ok=True)
    COMPOSE_CONFIG.write_text(compose(), encoding="utf-8")
