"""``python -m rules.legislation_report [date]`` (``make legislation``): every parameter the engine reads for a set
of varied households, with its latest dated value, the date from which it applies, and its currency status (see
rules/parameters/currency.yml). Apart from rules/legislation.py, which the engine imports, so the two never cycle.
"""

from __future__ import annotations

import sys
from datetime import date

from rules.engine import Engine
from rules.legislation import OPENFISCA_FRANCE_VERSION, load_currency, table
from rules.samples import SAMPLE_SITUATIONS


def main(argv: list[str] | None = None) -> None:
    """Print the parameters the engine reads today (or at the ISO date given) and their currency."""
    args = sys.argv[1:] if argv is None else argv
    on = date.fromisoformat(args[0]) if args else date.today()
    engine = Engine()
    used = engine.parameters_used(SAMPLE_SITUATIONS, on=on)
    _, registry = load_currency()
    rows = table(engine.system, [*used, *registry], on)
    width = max(len(row[0]) for row in rows)
    print(f"Paramètres lus par le moteur au {on.isoformat()} "
          f"(OpenFisca-France {OPENFISCA_FRANCE_VERSION} + rules/parameters/overlay.yml)")
    for path, value, since, state in rows:
        print(f"{path:<{width}}  {since}  {value[:60]:<60}  {state}")
    stale = [row[0] for row in rows if row[3].startswith(("PÉRIMÉ", "NON"))]
    doubtful = [row[0] for row in rows if row[3].startswith("À VÉRIFIER")]
    print(f"\n{len(rows)} paramètres ; {len(stale)} périmé(s) ou non vérifié(s), résultats « uncertain » près de "
          f"leurs seuils : " + ", ".join(stale))
    print(f"{len(doubtful)} dont OpenFisca-France n'atteste pas la valeur depuis plus d'un an : " + ", ".join(doubtful))


if __name__ == "__main__":
    main()
