"""Print the known vulnerabilities of both locked runtimes (pip-audit against PyPI's advisory data).

`make test` prints this report; it never fails the build: the shipped packages with advisories that cannot be
upgraded are explained in docs/security.md, and a machine that cannot reach the vulnerability database says so and
goes on (CI may run without that network). Run it alone with `make audit`.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOCKS = ("requirements/api.lock", "requirements/bot.lock")
TIMEOUT_SECONDS = 300
NOT_AUDITED = "could not be audited"
UNREACHABLE_SIGNS = ("ConnectionError", "Max retries exceeded", "Name or service not known", "timed out",
                     "Temporary failure in name resolution", "Connection refused", "ConnectTimeout")


def audit(lock: str) -> str:
    """The pip-audit report of one lock (pinned, so pip is not needed to resolve it)."""
    command = [str(ROOT / ".venv/bin/pip-audit"), "--requirement", lock, "--no-deps", "--disable-pip",
               "--progress-spinner", "off", "--timeout", "20", "--desc", "off"]
    try:
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=TIMEOUT_SECONDS,  # noqa: S603 - fixed command
                                check=False)
    except subprocess.TimeoutExpired:
        return f"{lock}: the vulnerability database did not answer within {TIMEOUT_SECONDS} s: audit skipped"
    output = "\n".join(line for line in (result.stdout + result.stderr).splitlines()
                       if not line.startswith("WARNING:pip_audit")).strip()
    pinned = sum(1 for line in (ROOT / lock).read_text(encoding="utf-8").splitlines() if "==" in line
                 and not line.startswith("#"))
    unaudited = output.count(NOT_AUDITED)
    if result.returncode not in (0, 1) or any(sign in output for sign in UNREACHABLE_SIGNS) or (
            pinned and unaudited * 2 > pinned):
        # PyPI's JSON API answers 404 for every package when only the package index is reachable.
        return (f"{lock}: the vulnerability database cannot be reached from this machine "
                f"({unaudited} of {pinned} packages could not be looked up): audit skipped, not failed")
    return f"{lock}:\n{output or 'no known vulnerability'}"


def main() -> int:
    """Print one report per lock; always 0 (a report, not a gate)."""
    print("== dependency audit (pip-audit; see docs/security.md for what cannot be upgraded and why)")
    for lock in LOCKS:
        print(audit(lock), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
