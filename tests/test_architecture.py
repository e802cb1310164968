"""The package is cut along its seams: every module listed, imports one way, each module importable on its own."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import bertviz_lite

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "bertviz_lite"
MODULES = sorted([*(p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__"), "checks"])


def sibling_imports(path: Path) -> set[str]:
    """Top-level package modules that `path` imports (relative or absolute, anywhere in the file)."""
    found: set[str] = set()
    top = 2 if path.parent.name == "checks" else 1  # the relative level that reaches the package itself
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level == top and node.module:
                found.add(node.module.split(".")[0])
            elif node.level == top:
                found.update(alias.name for alias in node.names)
            elif node.module == "bertviz_lite":
                found.update(alias.name for alias in node.names)
            elif node.module and node.module.startswith("bertviz_lite."):
                found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names if a.name.startswith("bertviz_lite."))
    return found & set(MODULES)


def import_graph() -> dict[str, set[str]]:
    graph = {name: sibling_imports(PACKAGE / f"{name}.py") for name in MODULES if name != "checks"}
    graph["checks"] = set().union(*(sibling_imports(p) for p in (PACKAGE / "checks").glob("*.py")))
    return graph


def test_all_lists_every_module() -> None:
    listed = sorted([*bertviz_lite.SUBMODULES, "doctor"])  # `bl.doctor` is the function; its module loads eagerly
    assert listed == MODULES, "bertviz_lite.SUBMODULES must list every module of the package"
    for name in bertviz_lite.__all__:
        assert getattr(bertviz_lite, name) is not None


def test_imports_go_one_way() -> None:
    graph = import_graph()
    state: dict[str, int] = {}

    def visit(name: str, trail: list[str]) -> None:
        state[name] = 1
        for dep in sorted(graph[name] - {name}):
            assert state.get(dep) != 1, f"import cycle: {' -> '.join(trail + [dep])}"
            if dep not in state:
                visit(dep, trail + [dep])
        state[name] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])


def test_checks_never_import_the_lessons_helpers() -> None:
    """Exercise checks keep their own reference answers: no import of what the learner could call instead."""
    allowed = {"runtime", "models", "data", "stats"}
    for path in sorted((PACKAGE / "checks").glob("nb*.py")):
        used = sibling_imports(path) - allowed
        assert not used, f"checks/{path.name} imports {sorted(used)}: keep a private reference answer instead"


def test_import_is_light_and_every_module_imports_in_a_fresh_interpreter() -> None:
    code = (
        "import importlib, sys\n"
        "import bertviz_lite\n"
        "assert 'torch' not in sys.modules, 'import bertviz_lite must not import torch'\n"
        f"for name in {MODULES!r}:\n"
        "    importlib.import_module('bertviz_lite.' + name)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
