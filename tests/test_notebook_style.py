"""Every notebook follows the course layout (STYLE.md): headings, cell budgets, exercises, executed outputs."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
MACHINE_PATH = re.compile(r"(/work/|/root/|/tmp/|/home/[a-z])")


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def source(cell: dict) -> str:
    return "".join(cell["source"])


def markdown_text(nb: dict) -> str:
    return "\n".join(source(c) for c in nb["cells"] if c["cell_type"] == "markdown")


@pytest.fixture(params=NOTEBOOKS, ids=lambda p: p.name)
def nb(request: pytest.FixtureRequest) -> dict:
    return load(request.param)


def test_the_course_has_its_notebooks_in_order() -> None:
    numbers = [int(p.name[:2]) for p in NOTEBOOKS]
    assert numbers and numbers == list(range(len(numbers))), f"notebooks must be numbered 00, 01, ...: {numbers}"


def test_first_cell_is_title_objectives_and_time(nb: dict) -> None:
    first = source(nb["cells"][0])
    assert first.startswith("# "), "the first cell is an H1 title"
    text = markdown_text(nb)
    assert "You will learn" in text and "Time on a 2-core laptop" in text


def test_ends_with_summary_exercises_and_next(nb: dict) -> None:
    text = markdown_text(nb)
    assert "## Summary" in text
    assert "## Exercises" in text or "## Exercise" in text
    assert re.search(r"\*\*Next:?\*\*|^Next:", text, re.M), "a 'Next:' pointer ends the notebook"


def test_code_cells_stay_small(nb: dict) -> None:
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code":
            continue
        code = source(cell)
        limit = 40 if re.search(r"^class ", code, re.M) else 25
        assert len(code.splitlines()) <= limit, f"code cell {i} has {len(code.splitlines())} lines (> {limit})"


def test_markdown_cells_stay_small(nb: dict) -> None:
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "markdown":
            lines = [line for line in source(cell).splitlines() if line.strip()]
            assert len(lines) <= 8, f"markdown cell {i} has {len(lines)} non-empty lines (> 8)"


def test_no_more_than_three_code_cells_in_a_row(nb: dict) -> None:
    run = 0
    for i, cell in enumerate(nb["cells"]):
        run = run + 1 if cell["cell_type"] == "code" else 0
        assert run <= 3, f"cells up to {i}: more than 3 code cells without a markdown cell"


def test_solutions_are_hidden_tagged_and_checked(nb: dict) -> None:
    solutions = [c for c in nb["cells"] if "solution" in c.get("metadata", {}).get("tags", [])]
    if "## Exercises" not in markdown_text(nb):
        return
    assert solutions, "exercises come with worked solutions (tag 'solution')"
    for cell in solutions:
        assert cell["metadata"].get("jupyter", {}).get("source_hidden") is True, "solution source is collapsed"
        assert re.search(r"assert\s+checks\.ex\d+_\d+\(", source(cell)), "a solution asserts its own check"


def test_executed_top_to_bottom_without_errors(nb: dict) -> None:
    code = [c for c in nb["cells"] if c["cell_type"] == "code" and source(c).strip()]
    counts = [c["execution_count"] for c in code]
    assert counts == list(range(1, len(code) + 1)), "executed once, top to bottom, in a fresh kernel"
    for cell in code:
        for out in cell["outputs"]:
            assert out["output_type"] != "error", f"stored error: {out.get('ename')}"


def test_outputs_show_no_machine_paths(nb: dict) -> None:
    for i, cell in enumerate(nb["cells"]):
        for out in cell.get("outputs", []):
            match = MACHINE_PATH.search(json.dumps(out))
            assert not match, f"cell {i} output shows a machine path ({match.group(0)}...)"


def test_metadata_is_stripped(nb: dict) -> None:
    assert set(nb["metadata"]) <= {"kernelspec", "language_info"}, "no widget state or editor metadata"


def test_every_notebook_proves_something(nb: dict) -> None:
    code = "\n".join(source(c) for c in nb["cells"] if c["cell_type"] == "code")
    assert "assert" in code


def test_no_remote_images(nb: dict) -> None:
    assert not re.search(r"<img[^>]+src=[\"']https?:", markdown_text(nb))
