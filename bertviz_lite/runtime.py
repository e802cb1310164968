"""Run-time settings shared by every notebook: fast mode, seeds, quiet libraries, versions.

Taught in 00_start_here.
"""
from __future__ import annotations

import math
import os
import platform
import random
from typing import TypeVar

__all__ = ["fast_mode", "by_mode", "seed_everything", "quiet_libraries", "versions", "version_line",
           "headline", "headlines"]

T = TypeVar("T")
_TRUE = {"1", "true", "yes", "on"}
_HEADLINES: dict[str, float] = {}  # the headline metrics this kernel has recorded (read by `make bench`)


def fast_mode() -> bool:
    """True when `BERT_LAB_FAST` is set (tests: smaller data, fewer steps)."""
    return os.environ.get("BERT_LAB_FAST", "").strip().lower() in _TRUE


def by_mode(full: T, fast: T) -> T:
    """Pick the learner-mode value, or the fast-mode value when `BERT_LAB_FAST=1`."""
    return fast if fast_mode() else full


def seed_everything(seed: int = 0) -> None:
    """Seed Python, NumPy and PyTorch so a notebook gives the same numbers on every run.

    Raises ValueError unless `seed` is an int in 0..2**32 - 1 (NumPy's range).
    """
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < 2**32:
        raise ValueError(f"seed must be an int in 0..{2**32 - 1}, got {seed!r}.")
    import numpy as np
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def quiet_libraries() -> None:
    """Silence load reports and hub progress bars so notebook stderr stays clean and deterministic."""
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    import transformers

    transformers.logging.set_verbosity_error()
    transformers.logging.disable_progress_bar()


def versions() -> dict[str, str]:
    """Versions of Python and the libraries the course depends on."""
    import torch
    import transformers

    from . import __version__

    return {
        "python": platform.python_version(),
        "torch": torch.__version__,
        "transformers": transformers.__version__,
        "bertviz_lite": __version__,
    }


def version_line() -> str:
    """One line such as `python 3.11.7 · torch 2.13.0+cpu · ...` for the first cell of a notebook."""
    return " · ".join(f"{name} {version}" for name, version in versions().items())


def headline(name: str, value: float) -> float:
    """Record one of the notebook's headline metrics (accuracy, F1, loss...) for `make bench`; returns `value`.

    Raises ValueError for an empty name or a value that is not a finite number (NaN would hide a broken run).
    """
    if not str(name).strip():
        raise ValueError("headline name must be a non-empty string.")
    if not math.isfinite(float(value)):
        raise ValueError(f"headline {name!r} must be a finite number, got {value!r}.")
    _HEADLINES[name] = float(value)
    return value


def headlines() -> dict[str, float]:
    """The headline metrics recorded so far in this kernel."""
    return dict(_HEADLINES)
