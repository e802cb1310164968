"""bertviz_lite: the small helper package behind the BERT Lab notebooks.

One module per idea; ARCHITECTURE.md maps each to the notebook that teaches it. Submodules load on first use
(`bl.training`, `from bertviz_lite import qa`), so `import bertviz_lite` stays light: torch and transformers are
imported only by the modules that need them.
"""
from __future__ import annotations

import importlib
from typing import Any

from .doctor import diagnose, doctor
from .runtime import (
    by_mode,
    fast_mode,
    headline,
    headlines,
    quiet_libraries,
    seed_everything,
    version_line,
    versions,
)

__version__ = "0.1.0"

# Submodules, imported on first attribute access (PEP 562).
SUBMODULES = (
    "attention", "attention_inputs", "attention_plots", "basic_tokenizer", "batches", "checks", "course_mlm", "data",
    "explorer", "explorer_app", "explorer_render", "features", "head_stats", "models", "monitor", "ner", "optim",
    "pretraining", "pretraining_data", "pretraining_heads", "qa", "runtime", "schedules", "stats", "tasks",
    "tokens", "train", "training",
)
# Functions re-exported at the top level, with the submodule that defines them.
_LAZY_FUNCTIONS = {"head_view": "attention", "model_view": "attention"}

__all__ = [
    "__version__",
    *SUBMODULES,
    *_LAZY_FUNCTIONS,
    "diagnose", "doctor",
    "by_mode", "fast_mode", "headline", "headlines", "quiet_libraries", "seed_everything", "version_line", "versions",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY_FUNCTIONS:
        value = getattr(importlib.import_module(f".{_LAZY_FUNCTIONS[name]}", __name__), name)
    elif name in SUBMODULES:
        value = importlib.import_module(f".{name}", __name__)
    else:
        raise AttributeError(f"module 'bertviz_lite' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
