"""Notebook asserts state claims that can fail: no tautologies of the kinds found in earlier versions of the course.

Flagged: a non-negative quantity asserted >= 0 (an entropy, a count, a length, a norm, a probability); the same
expression on both sides of a comparison; max(xs) compared with a member of xs; a similarity of a thing with
itself (cosine(v, v)); a share sum asserted <= 1.
"""
from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
NON_NEGATIVE = ("entropy", "count", "len(", "norm", "prob", "numel", "size")


def _is_zero(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and node.value == 0


def tautologies(code: str) -> list[str]:
    """The asserts in `code` that cannot fail, each as its source text with the reason."""
    found = []
    try:
        tree = ast.parse("\n".join(line for line in code.splitlines() if not line.lstrip().startswith(("%", "!"))))
    except SyntaxError:
        return found
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and len(node.args) == 2 and ast.dump(node.args[0]) == ast.dump(node.args[1]):
            name = ast.unparse(node.func).lower()
            if "cos" in name or "similar" in name:
                found.append(f"{ast.unparse(node)}: a similarity of a thing with itself")
        if not isinstance(node, ast.Assert):
            continue
        for compare in (n for n in ast.walk(node.test) if isinstance(n, ast.Compare)):
            left, op, right = compare.left, compare.ops[0], compare.comparators[0]
            text = ast.unparse(compare)
            if ast.dump(left) == ast.dump(right):
                found.append(f"{text}: the same expression on both sides")
            elif isinstance(op, ast.GtE) and _is_zero(right) and any(k in ast.unparse(left).lower() for k in NON_NEGATIVE):
                found.append(f"{text}: a non-negative quantity is always >= 0")
            elif (isinstance(op, (ast.GtE, ast.LtE)) and isinstance(left, ast.Call) and ast.unparse(left.func) in ("max", "min")
                  and left.args and isinstance(right, ast.Subscript) and ast.dump(right.value) == ast.dump(left.args[0])):
                found.append(f"{text}: max/min of a collection against one of its members")
            elif (isinstance(op, ast.LtE) and isinstance(right, ast.Constant) and right.value == 1
                  and isinstance(left, ast.BinOp) and any(k in ast.unparse(left) for k in ("to_cls", "share", "prob"))):
                found.append(f"{text}: shares of one distribution always sum to at most 1")
    return found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_asserts_can_fail(path: Path) -> None:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    flagged = [(i, t) for i, c in enumerate(cells) if c["cell_type"] == "code" for t in tautologies("".join(c["source"]))]
    assert not flagged, f"asserts that cannot fail: {flagged}"


@pytest.mark.parametrize("code", [
    "assert stats.entropy.min() >= 0",
    "assert len(text) >= 0",
    "assert x == x",
    "assert max(scores) >= scores[best]",
    "assert (stats.to_cls + stats.to_sep <= 1).all()",
    "curve = cosine(v, v)",
])
def test_the_detector_flags_known_tautologies(code: str) -> None:
    assert tautologies(code)


@pytest.mark.parametrize("code", [
    "assert accuracy.low > baseline",
    "assert stats.entropy.max() - stats.entropy.min() > 1.0",
    "assert max(scores) > 0.5",
    "curve = cosine(v, w)",
])
def test_the_detector_leaves_real_claims_alone(code: str) -> None:
    assert not tautologies(code)
