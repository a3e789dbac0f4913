"""Which process holds a TCP connection to a port (Linux /proc), to kill the worker that is mid-delivery."""

from __future__ import annotations

import os
from pathlib import Path


def _inodes_connected_to(port: int) -> set[str]:
    """Socket inodes of established TCP connections whose remote port is ``port``."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            remote_port = int(fields[2].rsplit(":", 1)[1], 16)
            if remote_port == port and fields[3] == "01":  # 01: ESTABLISHED
                inodes.add(fields[9])
    return inodes


def pids_connected_to(port: int, candidates: list[int]) -> list[int]:
    """The processes among ``candidates`` (and their children) with an open connection to ``port``."""
    inodes = _inodes_connected_to(port)
    found = []
    for pid in candidates:
        for member in _group_members(pid):
            try:
                links = [os.readlink(fd) for fd in Path(f"/proc/{member}/fd").iterdir()]
            except OSError:
                continue
            if any(link.startswith("socket:[") and link[8:-1] in inodes for link in links):
                found.append(pid)
                break
    return found


def _group_members(pgid: int) -> list[int]:
    """Every live process of process group ``pgid``."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[2]) == pgid:
                members.append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue
    return members
