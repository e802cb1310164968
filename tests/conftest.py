"""Test-run settings: fast mode, quiet libraries, a headless plot backend and no network beyond loopback."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Set before any kernel starts: nbval kernels inherit this environment.
os.environ.setdefault("BERT_LAB_FAST", "1")
os.environ["TRANSFORMERS_VERBOSITY"] = "error"
os.environ["HF_HUB_DISABLE_PROGRESS_BARS"] = "1"
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TOKENIZERS_PARALLELISM"] = "false"
os.environ["MPLBACKEND"] = "Agg"
os.environ["IPYTHONDIR"] = str(ROOT / "tests" / "ipython")
os.environ["BERT_LAB_BLOCK_NETWORK"] = "1"
_NETWORK_LOG = Path(tempfile.gettempdir()) / f"bert-lab-network-{os.getpid()}.log"
os.environ["BERT_LAB_NETWORK_LOG"] = str(_NETWORK_LOG)

from offline_guard import block_network  # noqa: E402

block_network()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run if any code (even code that caught the error) tried to leave the machine."""
    if _NETWORK_LOG.exists():
        tried = sorted(set(_NETWORK_LOG.read_text().split()))
        _NETWORK_LOG.unlink()
        if tried:
            print(f"\nNetwork access was attempted during the tests: {', '.join(tried)}")
            session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "notebook: runs a notebook (nbval items, determinism); `make test-unit` skips them")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Every nbval cell item carries the `notebook` marker, so `-m "not notebook"` leaves unit tests only."""
    for item in items:
        if str(item.path).endswith(".ipynb"):
            item.add_marker(pytest.mark.notebook)
