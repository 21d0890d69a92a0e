"""No project module imports a module that imports it back, directly or through others.

Every import counts, including those inside functions: a cycle hidden in a function body is
still a cycle in the design. The graph is read from the source with `ast`, so nothing runs.
"""

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = (
    "api",
    "bench",
    "cases",
    "core",
    "nlc_catalogue",
    "ops",
    "pillars",
    "releases",
    "suggestions",
)


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules():
    return {
        module_name(path): path
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts
    }


def imported_modules(name, source, *, is_package, modules):
    """The project modules `name` imports: `from . import x` names module x when it is one."""
    package = name if is_package else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [f"{base}.{alias.name}" for alias in node.names]
            targets = [target if target in modules else base for target in targets]
        else:
            continue
        for target in targets:
            # `import cases.models.case` imports that module (and its packages, which the
            # package's own __init__ imports, if anything, already show).
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def graph():
    modules = project_modules()
    return {
        name: imported_modules(
            name, path.read_text(), is_package=path.name == "__init__.py", modules=modules
        )
        for name, path in modules.items()
    }


def cycle(edges):
    try:
        tuple(TopologicalSorter(edges).static_order())
    except CycleError as error:
        return error.args[1]
    return None


def test_no_module_imports_a_module_that_imports_it_back():
    assert cycle(graph()) is None


def test_no_app_depends_on_an_app_that_depends_on_it():
    apps = {}
    for name, targets in graph().items():
        app = name.split(".")[0]
        apps.setdefault(app, set()).update(t.split(".")[0] for t in targets)
    for app, targets in apps.items():
        targets.discard(app)
    assert cycle(apps) is None


def test_the_check_finds_a_cycle_when_there_is_one():
    assert cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) is not None


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from ..models import Case", {"cases.models"}),
        ("from . import facets", {"cases.listing.facets"}),
        ("from .. import cache", {"cases.cache"}),
        ("def f():\n    from cases.exports import records", {"cases.exports.records"}),
        ("import cases.models.case", {"cases.models.case"}),
        ("from django.db import models", set()),
    ],
)
def test_the_reader_resolves_relative_and_nested_imports(source, expected):
    modules = project_modules()
    found = imported_modules("cases.listing.probe", source, is_package=False, modules=modules)
    assert found == expected
