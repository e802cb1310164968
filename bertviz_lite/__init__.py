"""bertviz_lite: the small helper package behind the BERT Lab notebooks."""
from __future__ import annotations

__version__ = "0.1.0"

from . import checks, data, models, runtime  # noqa: E402
from .doctor import diagnose, doctor  # noqa: E402
from . import training  # noqa: E402
from . import tokens  # noqa: E402
from . import explorer  # noqa: E402
from . import ner, qa  # noqa: E402
from . import pretraining  # noqa: E402
from . import features, schedules  # noqa: E402
from .attention import head_view, model_view  # noqa: E402
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
    "__version__", "checks", "data", "models", "runtime", "tokens", "training", "explorer", "ner", "qa", "pretraining",
    "features", "schedules", "head_view", "model_view",
    "diagnose", "doctor", "by_mode", "fast_mode", "headline", "headlines", "quiet_libraries", "seed_everything", "version_line", "versions",
]
