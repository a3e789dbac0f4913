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


def render(topology: Topology, workdir: Path, template: str | None = None) -> str:
    """The nginx.conf of ``topology``, with its pid, logs and temporary files in ``workdir``."""
    text = TEMPLATE.read_text(encoding="utf-8") if template is None else template
    ports = topology.ports
    values = {
        "WORKDIR": str(workdir),
        "API_SERVERS": servers(topology.upstream("api")),
        "RASA_SERVERS": servers(topology.upstream("rasa")),
        "ACTIONS_SERVERS": servers(topology.upstream("actions")),
        "PUBLIC_PORT": str(ports.public),
        "INTERNAL_API_PORT": str(ports.internal_api),
        "INTERNAL_RASA_PORT": str(ports.internal_rasa),
        "INTERNAL_ACTIONS_PORT": str(ports.internal_actions),
    }
    for name, value in values.items():
        text = text.replace(f"@{name}@", value)
    if PLACEHOLDER.search(text):
        raise ValueError("a placeholder of the nginx template was left unfilled")
    return text
