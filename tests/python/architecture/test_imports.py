"""The import contract of the package (``docs/architecture.md``, "Import rules").

The layers, each importing only the layers below it (and its own):
``data`` < ``model`` < ``baselines`` < ``analysis`` < ``scenarios`` < ``report`` < ``cli``.

Checked here, on the installed package's source (module-level imports; ``if TYPE_CHECKING:`` blocks are for type
checkers only and left out):

1. import-linter's contracts in ``pyproject.toml`` hold (``lint-imports``);
2. a module imports only modules of its own layer or of lower layers (the same rule, by our own reading of the
   source, so a misconfigured contract cannot pass silently);
3. only ``kommunbudget/model/core.py`` imports the compiled core ``kommunbudget._core``;
4. nothing inside the package imports the package face (``kommunbudget/__init__.py``) or a sub-package's face (its
   ``__init__.py``): modules import the module that defines a name; only the faces re-export;
5. no ``import`` statement inside a function, except of the optional heavy dependencies (matplotlib, openpyxl);
   the lazy doors (the package face, the data layer's face and the CLI's dispatch) use
   ``importlib.import_module`` and nothing else does;
6. zero import circles between the package's modules.
"""
from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import pytest

PACKAGE = Path(str(resources.files("kommunbudget")))
LAYERS = ("data", "model", "baselines", "analysis", "scenarios", "report", "cli")
#: Imports allowed inside a function: optional heavy dependencies, imported where they are used.
LAZY_ALLOWED = ("matplotlib", "openpyxl")
#: The modules that may call importlib.import_module: the lazy faces (the package's and the data layer's, whose
#: light modules the command line's ``--help`` reads without pandas) and the CLI's dispatch.
DYNAMIC_IMPORTERS = {"kommunbudget", "kommunbudget.data", "kommunbudget.cli.main"}


@dataclass
class Module:
    name: str
    path: Path
    is_package: bool
    imports: list[tuple[str, int]] = field(default_factory=list)        # (imported module or name, line)
    from_names: list[tuple[str, str, int]] = field(default_factory=list)  # (module, name, line)
    function_imports: list[tuple[str, int]] = field(default_factory=list)
    dynamic_imports: list[int] = field(default_factory=list)


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _resolve(module: Module, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    base = module.name.split(".") if module.is_package else module.name.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _scan(path: Path) -> Module:
    module = Module(_module_name(path), path, path.name == "__init__.py")
    tree = ast.parse(path.read_text(encoding="utf-8"))

    def visit(nodes, in_function: bool) -> None:
        for node in nodes:
            if isinstance(node, ast.If) and _is_type_checking(node):
                visit(node.orelse, in_function)
                continue
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                         else [_resolve(module, node)])
                for name in names:
                    if in_function:
                        module.function_imports.append((name, node.lineno))
                    else:
                        module.imports.append((name, node.lineno))
                if isinstance(node, ast.ImportFrom) and not in_function:
                    for alias in node.names:
                        module.from_names.append((names[0], alias.name, node.lineno))
            if isinstance(node, ast.Call):
                func = node.func
                if (isinstance(func, ast.Attribute) and func.attr == "import_module") or (
                        isinstance(func, ast.Name) and func.id in ("__import__", "import_module")):
                    module.dynamic_imports.append(node.lineno)
            inner = isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            visit(ast.iter_child_nodes(node), in_function or inner)

    visit(tree.body, False)
    return module


@pytest.fixture(scope="module")
def modules() -> dict[str, Module]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        module = _scan(path)
        found[module.name] = module
    assert len(found) > 40, f"expected the package's modules under {PACKAGE}, found {len(found)}"
    return found


def _layer(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else None


def _internal(name: str, modules: dict[str, Module]) -> str | None:
    """The package module an import names (a name imported from a module resolves to that module)."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def test_every_module_lives_in_a_layer(modules):
    outside = [name for name in modules if _layer(name) is None
               and name not in ("kommunbudget", "kommunbudget.__main__")]
    assert not outside, f"modules outside the layers {LAYERS}: {outside}"


@pytest.mark.skipif(shutil.which("lint-imports", path=str(Path(sys.executable).parent)) is None,
                    reason="import-linter is part of the test extra")
def test_import_linter_contracts_hold(root):
    result = subprocess.run([str(Path(sys.executable).parent / "lint-imports"), str(root / "pyproject.toml")],
                            capture_output=True, text=True, cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: " in result.stdout and " broken" not in result.stdout.replace("0 broken", ""), result.stdout


def test_each_layer_imports_only_layers_below_it(modules):
    rank = {layer: i for i, layer in enumerate(LAYERS)}
    wrong = []
    for module in modules.values():
        own = _layer(module.name)
        if own is None:
            continue
        for name, line in module.imports:
            target = _layer(name) if name.startswith("kommunbudget.") else None
            if target is not None and rank[target] > rank[own]:
                wrong.append(f"{module.name}:{line} imports {name} ({target} is above {own})")
    assert not wrong, "\n".join(wrong)


def test_only_the_models_door_imports_the_core(modules):
    importers = sorted({m.name for m in modules.values() for name, _ in m.imports + m.function_imports
                        if name == "kommunbudget._core" or name.startswith("kommunbudget._core.")}
                       | {m.name for m in modules.values() for mod, alias, _ in m.from_names
                          if mod == "kommunbudget" and alias == "_core"})
    assert importers == ["kommunbudget.model.core"], importers


def test_nothing_imports_a_package_face(modules):
    packages = {name for name, m in modules.items() if m.is_package}
    wrong = []
    for module in modules.values():
        for name, line in module.imports:
            if name == "kommunbudget":
                wrong.append(f"{module.name}:{line} imports the package face (import kommunbudget)")
        if module.is_package:
            continue  # a face may re-export its own sub-package's modules
        for source, alias, line in module.from_names:
            if source in packages and f"{source}.{alias}" not in modules:
                wrong.append(f"{module.name}:{line} takes {alias!r} from the face of {source}; import the module "
                             f"that defines it")
    assert not wrong, "\n".join(wrong)


def test_no_imports_inside_functions(modules):
    wrong = [f"{m.name}:{line} imports {name} inside a function"
             for m in modules.values() for name, line in m.function_imports
             if name.split(".")[0] not in LAZY_ALLOWED]
    wrong += [f"{m.name}:{line} imports dynamically" for m in modules.values() for line in m.dynamic_imports
              if m.name not in DYNAMIC_IMPORTERS]
    assert not wrong, "\n".join(wrong)


def test_no_import_circles(modules):
    graph = {name: {t for n, _ in m.imports if (t := _internal(n, modules)) and t != name and t != "kommunbudget"}
             for name, m in modules.items()}
    # An import of a.b.c also runs the faces a and a.b; the contract is about the edges written in the code.
    circles: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                circles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name)
    assert not circles, "import circles:\n" + "\n".join(" -> ".join(c) for c in circles)
