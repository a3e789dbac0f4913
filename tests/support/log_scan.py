"""A pytest plugin: after the whole run, no log line may hold a phone number, an amount of money or a name.

Personal data never goes into logs. The plugin records every log record of the test process at INFO and above (the
production level) and reads the log files of the processes the end-to-end tests started; any finding fails the
run, with the offending lines shown. Loaded with ``-p tests.support.log_scan`` (see the Makefile).

500 paths too (issue 13): the log files of our own processes (api, worker) may hold no raw Python traceback, since
a traceback prints exception messages, which may quote a request's body; api.core.log_redaction reduces each one to
types and frames, and the security suite makes the api fail on purpose with a resident's words in the exception.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

# Not inside a longer word: hexadecimal ids such as "0123456789abcdef" are not phone numbers.
PHONE = re.compile(r"(?<![0-9A-Za-z/])(?:\+33[\s.]?|0033[\s.]?|0)[1-9](?:[\s.-]?\d{2}){4}(?![0-9A-Za-z])")
MONEY = re.compile(r"\d[\d\s\u202f\xa0.]*(?:,\d{1,2})?\s?(?:€|euros?\b)", re.IGNORECASE)
# First names and surnames the tests give residents and staff; a log line naming one leaks a person.
NAMES = re.compile(r"\b(?:Camille|Dupont|Martin|Nadia|Karim|Sophie|Mohamed|Fatima|Durand|Lefebvre)\b")
PATTERNS = {"phone number": PHONE, "amount": MONEY, "name": NAMES}

RAW_TRACEBACK = "Traceback (most recent call last)"

_records: list[str] = []
_log_files: list[Path] = []
_redacted_files: list[Path] = []


class _Collector(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        try:
            _records.append(self.format(record))
        except Exception:  # noqa: BLE001 - a record that cannot be formatted is not a leak to report
            _records.append(str(record.msg))


def register_log_file(path: Path, *, redacted: bool = False) -> None:
    """Have the plugin read a process's log file at the end of the run; ``redacted``: one of our processes, whose
    log must hold no raw traceback either."""
    _log_files.append(path)
    if redacted:
        _redacted_files.append(path)


def raw_tracebacks(path: Path, lines: list[str]) -> list[str]:
    """A finding per raw traceback in the log of one of our processes."""
    return [f"raw traceback (exception messages unredacted) in {path.name}" for line in lines
            if RAW_TRACEBACK in line]


def findings(lines: list[str]) -> list[str]:
    """Each line that holds personal data, with what was found."""
    found = []
    for line in lines:
        for kind, pattern in PATTERNS.items():
            match = pattern.search(line)
            if match:
                found.append(f"{kind} {match.group(0)!r} in: {line[:300]}")
    return found


def pytest_configure(config: pytest.Config) -> None:
    """Collect every record at INFO and above, whatever the test does with its own handlers."""
    collector = _Collector(level=logging.INFO)
    collector.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
    root = logging.getLogger()
    root.addHandler(collector)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run if any log line leaked personal data."""
    lines = list(_records)
    leaks: list[str] = []
    for path in _log_files:
        if path.exists():
            file_lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
            lines.extend(file_lines)
            if path in _redacted_files:
                leaks.extend(raw_tracebacks(path, file_lines))
    leaks.extend(findings(lines))
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_sep("-", f"log scan: {len(lines)} log lines read, {len(leaks)} with personal data")
        for leak in leaks[:50]:
            reporter.write_line(f"  {leak}", red=True)
    if leaks:
        if reporter is not None:
            reporter.write_sep("!", "FAILED: personal data in the logs (the run exits non-zero)", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
