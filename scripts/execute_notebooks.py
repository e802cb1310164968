"""Execute notebooks top to bottom in a fresh kernel (learner mode unless BERT_LAB_FAST=1) and store outputs.

Usage: python scripts/execute_notebooks.py notebooks/01_tokenization.ipynb [...]
Cells run with notebooks/ as the working directory; widget state and timing metadata are stripped. A learner-mode
run also records the notebook's time, peak memory and headline metrics in benchmarks/results.{json,md}, as
`make bench` does for that notebook.
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]


def clean_metadata(nb: nbformat.NotebookNode) -> None:
    """Keep only the metadata a reader needs: kernel, language, the page title (Voilà shows it), and per-cell tags /
    hidden sources."""
    nb.metadata = {key: nb.metadata[key] for key in ("kernelspec", "language_info", "title") if key in nb.metadata}
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("scrolled", None)


def execute(path: Path, timeout: int = 1800) -> float:
    """Run one notebook in place and return its wall time in seconds."""
    nb = nbformat.read(path, as_version=4)
    env_note = "fast" if os.environ.get("BERT_LAB_FAST") == "1" else "learner"
    print(f"executing {path.relative_to(ROOT)} ({env_note} mode) ...", flush=True)
    from bench import PROBE, probe_result, row_for, save  # bench imports this module: import it late

    nb.cells.append(nbformat.v4.new_code_cell(PROBE))
    start = time.perf_counter()
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    seconds = time.perf_counter() - start
    probe = probe_result(nb.cells.pop())
    clean_metadata(nb)
    nbformat.write(nb, path)
    if env_note == "learner":
        save("learner", [row_for(path.name, seconds, probe)], partial=True)
    return seconds


def main(paths: list[str]) -> int:
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    for name in paths:
        seconds = execute(Path(name).resolve())
        print(f"  done in {seconds:.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
