"""Measure the import graph of a package (default: api): modules, internal import edges, cycles and layers.

    python3 scripts/import_graph.py [api] [--features]

Reads the source with ast only (nothing is imported). An edge A → B means module A imports module B of the same
package (``from api.x import y`` counts api.x, or api.x.y when that is a module). Imports under ``if TYPE_CHECKING``
count too. Layers: the length of the longest import chain once each cycle is collapsed into one node.
``--features`` draws the graph a newcomer draws: one node per feature package or top-level module (``api.sms.jobs``
and ``api.sms.inbound`` are both ``api.sms``), an arrow when any module of one imports any module of another.
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass
from pathlib import Path


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path, name: str, modules: set[str]) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
        for target in targets:
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
                break
    return found


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            components.append(component)

    sys.setrecursionlimit(10_000)
    for node in graph:
        if node not in index:
            visit(node)
    return components


def feature_of(module: str) -> str:
    return ".".join(module.split(".")[:2])


@dataclass(frozen=True)
class Measure:
    """The drawn import graph of a package: its nodes, arrows, layers (longest chain) and cycles."""

    nodes: int
    edges: int
    layers: int
    cycles: list[list[str]]


def measure(package: str = "api", *, features: bool = False, root_dir: Path = Path(".")) -> Measure:
    """Modules (or, with ``features``, the packages one level below ``package``) and their import arrows."""
    root = root_dir / package
    files = {module_name(p, root): p for p in sorted(root.rglob("*.py")) if "alembic" not in p.parts}
    modules = set(files)
    graph = {name: imports_of(path, name, modules) for name, path in files.items()}
    if features:
        grouped: dict[str, set[str]] = {}
        for name, targets in graph.items():
            node = feature_of(name)
            grouped.setdefault(node, set()).update(feature_of(t) for t in targets if feature_of(t) != node)
        graph, modules = grouped, set(grouped)
    # A package's __init__ is an ancestor of every module below it: a `from api.x.y import z` also runs api/x,
    # but that is Python's doing, not an arrow someone drew, so it is not counted.
    components = strongly_connected(graph)
    owner = {member: i for i, comp in enumerate(components) for member in comp}
    depth: dict[int, int] = {}
    for i, comp in enumerate(components):  # Tarjan yields components in reverse topological order
        below = {owner[t] for m in comp for t in graph[m]} - {i}
        depth[i] = 1 + max((depth[target] for target in below), default=0)
    return Measure(nodes=len(modules), edges=sum(len(v) for v in graph.values()), layers=max(depth.values()),
                   cycles=[sorted(c) for c in components if len(c) > 1])


def main(package: str = "api", *options: str) -> None:
    features = "--features" in options
    found = measure(package, features=features)
    kind = "features" if features else "modules"
    print(f"{package}: {found.nodes} {kind}, {found.edges} internal import edges, {found.layers} layers "
          f"(longest import chain), {len(found.cycles)} import cycles")
    for cycle in found.cycles:
        print("  cycle:", " ↔ ".join(cycle))


if __name__ == "__main__":
    main(*sys.argv[1:])
