"""`make bench`: prints the speed of the rule engine, then of the whole stack (start-up, memory, latency)."""

from __future__ import annotations

from benchmarks import engine, stack


def main() -> None:
    """Measure and print; the figures go into the closing notes of issues."""
    engine.main()
    stack.main()


if __name__ == "__main__":
    main()
