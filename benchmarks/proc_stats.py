"""CPU seconds and resident memory of process groups, read from /proc (Linux), for the load bench."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Usage:
    """What a process group used so far: CPU seconds (user + system) and resident memory now."""

    cpu_seconds: float
    rss_mb: float


def group_usage(pgid: int) -> Usage:
    """Sum over every live process of process group ``pgid``."""
    cpu, rss_kb = 0.0, 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[2]) != pgid:
                continue
            cpu += (int(fields[11]) + int(fields[12])) / TICKS
            for line in (stat.parent / "status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    rss_kb += int(line.split()[1])
        except (OSError, IndexError, ValueError):
            continue
    return Usage(cpu_seconds=cpu, rss_mb=rss_kb / 1024)


def usage_between(before: dict[str, Usage], after: dict[str, Usage], seconds: float,
                  messages: int) -> dict[str, dict[str, float]]:
    """Per process: share of one core, CPU ms per message, RSS at the end."""
    table = {}
    for name, end in after.items():
        used = end.cpu_seconds - before.get(name, Usage(0.0, 0.0)).cpu_seconds
        table[name] = {"cpu_pct": round(100 * used / seconds, 1) if seconds else 0.0,
                       "cpu_ms_per_msg": round(1000 * used / messages, 1) if messages else 0.0,
                       "rss_mb": round(end.rss_mb)}
    return table
