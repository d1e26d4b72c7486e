"""The package keeps the layout README "Opbouw" and docs/ARCHITECTURE.md describe: five wings over a ground floor, in
which arrows run one way. A newcomer who follows a figure finds it where the docs say, and a module that breaks the
layout (an import circle, a chart shaper that reads the content, a second module of the same name) fails here.

The imports are read from the source with ``ast`` (nothing is run); an import inside a function counts too."""

from __future__ import annotations

import ast
from collections import defaultdict

from ivb import config

PACKAGE = config.PROJECT_ROOT / "ivb"
WINGS = ("sources", "queries", "content", "views", "ui")
MAX_LINES = 300


def _modules() -> dict[str, object]:
    """Every module of the package by its dotted name, with its path."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(config.PROJECT_ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _imports(path, name: str, modules) -> set[str]:
    """The modules of the package that ``path`` imports (a package's __init__ is not counted as a step)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {m for m in found if m in modules and m != name and not _is_package(modules[m])}


def _is_package(path) -> bool:
    return path.name == "__init__.py"


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(path, name, modules) for name, path in modules.items()}


def _wing(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 2 and parts[1] in WINGS else "ground"


def test_the_package_has_no_import_circle():
    graph = _graph()
    state: dict[str, int] = {}
    circles = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                circles.append(trail[trail.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for start in sorted(graph):
        if start not in state:
            visit(start, [start])
    assert not circles, f"import circles: {circles}"


def test_no_two_modules_share_a_name():
    names = defaultdict(list)
    for name, path in _modules().items():
        if not _is_package(path) and path.stem != "__main__":
            names[path.stem].append(name)
    assert {stem: where for stem, where in names.items() if len(where) > 1} == {}


def test_arrows_run_one_way_between_the_wings():
    # pages -> ui -> content -> views and queries -> sources -> ground: the sources wing writes data/ and describes it
    # (its schema and geometry are read above it); it reads only the ground floor. views never reads content.
    allowed = {"sources": {"sources", "ground"}, "queries": {"queries", "sources", "ground"},
               "views": {"views", "queries", "sources", "ground"},
               "content": {"content", "views", "queries", "sources", "ground"},
               "ui": {"ui", "content", "views", "queries", "sources", "ground"}}
    wrong = [(name, other) for name, targets in _graph().items() for other in targets
             if _wing(name) in allowed and _wing(other) not in allowed[_wing(name)]]
    assert wrong == []


def test_views_content_and_queries_do_not_draw_with_streamlit():
    drawing = [name for name, path in _modules().items() if _wing(name) in ("views", "content", "queries", "sources")
               and "streamlit" in {alias.name.split(".")[0] for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                                   if isinstance(node, ast.Import | ast.ImportFrom)
                                   for alias in (node.names if isinstance(node, ast.Import) else [ast.alias(node.module or "")])}]
    assert drawing == []


def test_every_module_is_small_and_says_what_it_is():
    long = {name: n for name, path in _modules().items() if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}, f"modules over {MAX_LINES} lines: {long}"
    silent = [name for name, path in _modules().items()
              if path.stat().st_size and ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) is None]
    assert silent == [], f"modules without a docstring: {silent}"
