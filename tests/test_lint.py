"""Code quality gates: no removed or deprecated APIs, no CDN, ruff clean, a documented and typed package."""
from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = sorted((ROOT / "bertviz_lite").rglob("*.py"))
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))

FORBIDDEN = {
    r"from transformers import[^\n]*\bAdamW\b|transformers\.AdamW\(": "transformers.AdamW was removed: torch.optim.AdamW",
    r"\bevaluation_strategy\s*=": "renamed to eval_strategy",
    r"\bload_metric\(": "datasets.load_metric was removed",
    r"\.(batch_)?encode_plus\(": "removed in transformers 5: call the tokenizer",
    r"pad_to_max_length\s*=": "ignored in transformers 5: padding='max_length'",
    r"DataCollatorForWholeWordMask|TextDatasetForNextSentencePrediction|\bTextDataset\(": "removed in transformers 5",
    r"Trainer\([^)]*\btokenizer\s*=": "Trainer(tokenizer=) is now processing_class=",
    r"https?://(cdn\.|cdnjs\.|unpkg\.com|d3js\.org|ajax\.googleapis)|require(js)?\.config\(": "views must be self-contained",
    r"\bno_cuda\s*=|\boverwrite_output_dir\s*=": "removed TrainingArguments option",
}


def notebook_code(path: Path) -> str:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")


SOURCES = [(p.relative_to(ROOT).as_posix(), p.read_text(encoding="utf-8")) for p in PACKAGE] + \
          [(p.relative_to(ROOT).as_posix(), notebook_code(p)) for p in NOTEBOOKS]


@pytest.mark.parametrize(("name", "text"), SOURCES, ids=[name for name, _ in SOURCES])
def test_no_removed_or_deprecated_api_and_no_cdn(name: str, text: str) -> None:
    for pattern, why in FORBIDDEN.items():
        match = re.search(pattern, text)
        assert not match, f"{name}: `{match.group(0)}` — {why}"


def test_ruff_is_clean_on_package_and_tests() -> None:
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "bertviz_lite", "tests", "scripts"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", PACKAGE, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_modules_are_small(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 400, "split modules over ~400 lines"


@pytest.mark.parametrize("path", PACKAGE, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_public_functions_have_docstrings_and_type_hints(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert ast.get_docstring(tree), f"{path.name}: module docstring"
    top_level = list(tree.body) + [n for c in tree.body if isinstance(c, ast.ClassDef) for n in c.body]
    for node in top_level:  # module functions and methods; closures inside them are private details
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and not node.name.startswith("_"):
            where = f"{path.name}:{node.lineno} {node.name}"
            assert ast.get_docstring(node), f"{where}: one-line docstring"
            args = [a for a in node.args.args + node.args.kwonlyargs if a.arg not in {"self", "cls"}]
            assert all(a.annotation is not None for a in args), f"{where}: annotate every argument"
            assert node.returns is not None, f"{where}: annotate the return type"


@pytest.mark.parametrize("path", PACKAGE, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_helpers_do_not_print(path: Path) -> None:
    if path.name in {"doctor.py"}:  # doctor's job is to print its report
        return
    tree = ast.parse(path.read_text(encoding="utf-8"))
    calls = [n.lineno for n in ast.walk(tree)
             if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "print"]
    assert not calls, f"{path.name}: print() at lines {calls}: return values or figures instead"
