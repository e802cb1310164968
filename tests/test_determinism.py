"""Running a training notebook twice (fast mode) gives identical outputs, as nbval compares them."""
from __future__ import annotations

import configparser
import multiprocessing
import os
import re
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
TRAINING = ("04", "06", "07", "08", "09", "10")  # the notebooks that train or fine-tune a model
pytestmark = pytest.mark.notebook
NOTEBOOKS = [p for p in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")) if p.name[:2] in TRAINING]


def sanitizers() -> list[tuple[re.Pattern[str], str]]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(ROOT / "tests" / "sanitize.cfg")
    return [(re.compile(parser[s]["regex"]), parser[s]["replace"]) for s in parser.sections()]


def compared_outputs(nb: nbformat.NotebookNode) -> list[str]:
    """The text nbval would compare, one string per code cell, sanitized; ignored cells and images left out.

    A cell's outputs are joined first: the kernel may split one printed text into several stream messages.
    """
    rules, texts = sanitizers(), []
    for cell in nb.cells:
        if cell.cell_type != "code" or re.search(r"^# NBVAL_(IGNORE_OUTPUT|SKIP)", cell.source, re.M):
            continue
        parts = []
        for out in cell.outputs:
            data = out.get("data", {})
            parts.append(out.get("text") or data.get("text/plain") or data.get("text/html") or out.get("evalue") or "")
        text = "".join(parts)
        for pattern, replacement in rules:
            text = pattern.sub(replacement, text)
        texts.append(text)
    return texts


def run_once(path: Path) -> list[str]:
    """Execute the notebook in a fresh one-thread kernel and return its compared outputs."""
    nb = nbformat.read(path, as_version=4)
    env = {**os.environ, "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    client = NotebookClient(nb, timeout=900, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    client.execute(env=env)
    return compared_outputs(nb)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_training_notebook_is_deterministic(path: Path) -> None:
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=2, mp_context=spawn) as pool:  # the two runs side by side, one core each
        first, second = pool.map(run_once, [path, path])
    differing = [(a, b) for a, b in zip(first, second) if a != b]
    assert len(first) == len(second) and not differing, f"outputs differ between two runs: {differing[:2]}"


def test_training_notebooks_are_covered() -> None:
    assert len(NOTEBOOKS) == len(TRAINING), "every training notebook is checked for determinism"
