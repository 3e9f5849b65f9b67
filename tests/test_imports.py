"""The modules of gazette_pub import one another without a cycle (the one-way pipeline).

Every import that runs counts, also those inside functions (a lazy import only hides a
cycle); importing ``a.b.c`` also imports the packages ``a.b`` around it. Imports under
``if TYPE_CHECKING:`` never run and are left out.
"""

from __future__ import annotations

import ast
from pathlib import Path

from .conftest import ROOT

PACKAGE = ROOT / "gazette_pub"


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(node: ast.Import | ast.ImportFrom, name: str, is_package: bool) -> list[str]:
    """Dotted names ``node`` may import (module, and module.attribute for ``from`` imports)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level:
        base = name.split(".") if is_package else name.split(".")[:-1]
        base = base[:len(base) - (node.level - 1)]
        module = ".".join(base + ([node.module] if node.module else []))
    else:
        module = node.module or ""
    return [module] + [f"{module}.{alias.name}" for alias in node.names]


def runtime_imports(tree: ast.AST):
    """The import statements of ``tree`` outside ``if TYPE_CHECKING:`` blocks."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        elif isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.orelse:
                yield from runtime_imports(ast.Module([child], []))
        else:
            yield from runtime_imports(node)


def import_graph() -> dict[str, set[str]]:
    """Module → the gazette_pub modules it imports (with their enclosing packages)."""
    files = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        deps: set[str] = set()
        for node in runtime_imports(ast.parse(path.read_text(encoding="utf-8"))):
            for target in imported(node, name, path.name == "__init__.py"):
                parts = target.split(".")
                # a.b.c imports a.b too; a module's own packages are already running
                for i in range(2, len(parts) + 1):
                    dep = ".".join(parts[:i])
                    if dep in files and not name.startswith(dep + ".") and dep != name:
                        deps.add(dep)
        graph[name] = deps
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_graph_sees_lazy_imports():
    graph = import_graph()
    assert "gazette_pub.cache" in graph["gazette_pub.render.fonts"]  # inside a function
    assert {"gazette_pub.render", "gazette_pub.render.pdf"} <= graph["gazette_pub.pipeline"]
    assert "gazette_pub.sources" not in graph["gazette_pub.sources.decode"]  # its own package


def test_type_checking_imports_are_left_out():
    tree = ast.parse("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import a\n"
                     "else:\n    import b\ndef f():\n    import c\n")
    assert [n.names[0].name for n in runtime_imports(tree)] == ["TYPE_CHECKING", "b", "c"]


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_gazette_pub_has_no_import_cycle():
    assert cycles(import_graph()) == []
