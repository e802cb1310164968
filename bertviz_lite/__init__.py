"""bertviz_lite: the small helper package behind the BERT Lab notebooks.

One module per idea: `models` (checkpoint choice and loading), `data` (course and public datasets), `tokens`,
`attention` and `head_stats` (views), `pretraining`, `features`, `schedules`, `training`, `ner`, `qa`,
`explorer`, `checks` (exercise checks) and `runtime` (fast mode, seeds, versions).
"""
from __future__ import annotations

__version__ = "0.1.0"

from . import (  # noqa: E402
    checks,
    data,
    explorer,
    features,
    models,
    ner,
    pretraining,
    qa,
    runtime,
    schedules,
    tokens,
    training,
)
from .attention import head_view, model_view  # noqa: E402
from .doctor import diagnose, doctor  # noqa: E402
from .runtime import (  # noqa: E402
    by_mode,
    fast_mode,
    headline,
    headlines,
    quiet_libraries,
    seed_everything,
    version_line,
    versions,
)

__all__ = [
    "__version__",
    "checks", "data", "explorer", "features", "models", "ner", "pretraining", "qa", "runtime", "schedules", "tokens",
    "training",
    "head_view", "model_view", "diagnose", "doctor",
    "by_mode", "fast_mode", "headline", "headlines", "quiet_libraries", "seed_everything", "version_line", "versions",
]
