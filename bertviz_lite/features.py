"""Frozen BERT as a feature extractor: sentences → fixed-size vectors for a linear classifier.

`pool` turns token vectors into one vector per sentence ([CLS], masked mean or masked max); `encode_views`
runs the encoder once (batched, no grad, sorted by length) and pools several layers at once; `encode` is the
one-call version that returns a feature matrix. `BEST_RECIPE` + `best_classifier()` are the winner of 05's
pooling ladder (chosen on dev). Taught in 05_feature_extraction.
"""
from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np
import torch

__all__ = [
    "POOLINGS",
    "BEST_RECIPE",
    "BEST_C",
    "BEST_STANDARDISE",
    "C_GRID",
    "TruncationNote",
    "pool",
    "resolve_layers",
    "encode_views",
    "encode",
    "make_classifier",
    "best_classifier",
]

POOLINGS = ("cls", "mean", "max")

# The best frozen recipe: the winner of the pooling ladder of 05_feature_extraction, chosen by dev accuracy on
# the course SST-2 data (ties go to the simpler, earlier rung). 05 computes the ladder and, in learner mode,
# asserts that these values are the ones it chose; change them only together with that run.
BEST_RECIPE: dict[str, Any] = {"pooling": "mean", "layers": (-6, -5, -4, -3, -2, -1)}
BEST_C = 0.03
BEST_STANDARDISE = True
C_GRID = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0)


class TruncationNote(UserWarning):
    """Some inputs were longer than `max_length` tokens and were cut (only their start was encoded)."""


def pool(hidden: torch.Tensor, attention_mask: torch.Tensor, pooling: str = "cls") -> torch.Tensor:
    """Token vectors → one vector per sentence: the [CLS] vector, or the mean / max over REAL tokens only.

    Args:
        hidden: `(batch, tokens, hidden_size)` token vectors of one layer (e.g. `last_hidden_state`).
        attention_mask: `(batch, tokens)`, 1 for a real token, 0 for padding (the tokenizer's `attention_mask`).
        pooling: "cls" (position 0; no mask needed), "mean" or "max" (padding skipped).

    Returns:
        `(batch, hidden_size)`, same dtype as `hidden`.

    Raises:
        ValueError: unknown `pooling`; shapes that do not match; for "mean"/"max" an `attention_mask` row with no
        real token (a mean or max over nothing is undefined; sentence-transformers returns zeros there instead).

    Source: masked mean pooling as in sentence-transformers' `Pooling` (Reimers & Gurevych 2019), which 05 checks
    it against. Taught in 05_feature_extraction.
    """
    if pooling not in POOLINGS:
        raise ValueError(f"unknown pooling {pooling!r}: choose one of {', '.join(POOLINGS)}.")
    if hidden.dim() != 3 or tuple(attention_mask.shape) != tuple(hidden.shape[:2]):
        raise ValueError(f"need hidden (batch, tokens, hidden_size) and attention_mask (batch, tokens); "
                         f"got {tuple(hidden.shape)} and {tuple(attention_mask.shape)}.")
    if pooling == "cls":
        return hidden[:, 0]  # (B, H): position 0 is [CLS] in every row
    mask = attention_mask.unsqueeze(-1).to(hidden.dtype)  # (B, T, 1): 1 = real token, 0 = padding
    counts = mask.sum(dim=1)  # (B, 1): real tokens per row
    if bool((counts == 0).any()):
        empty = (counts.flatten() == 0).nonzero().flatten().tolist()
        raise ValueError(f"attention_mask rows {empty} have no real token: {pooling} pooling over nothing is undefined.")
    if pooling == "mean":
        return (hidden * mask).sum(dim=1) / counts
    return hidden.masked_fill(mask == 0, float("-inf")).max(dim=1).values  # padding can never win


def resolve_layers(layers: Sequence[int] | int, num_hidden_layers: int) -> list[int]:
    """Layer indices into `hidden_states` (0 = embeddings, L = last layer); negatives count from the end."""
    chosen = [layers] if isinstance(layers, int) else list(layers)
    if not chosen:
        raise ValueError("layers is empty: give at least one layer, e.g. layers=(-1,) for the last one.")
    total = num_hidden_layers + 1  # the embedding output plus one entry per encoder layer
    resolved = []
    for layer in chosen:
        if not -total <= int(layer) < total:
            raise ValueError(f"layer {layer} does not exist: this model has hidden states 0..{num_hidden_layers} "
                             f"(0 = embeddings) or -1..-{total} counted from the end.")
        resolved.append(int(layer) % total)
    return resolved


def _as_text_list(texts: Sequence[str] | str) -> list[str]:
    """Validate the input texts: one string or a non-empty sequence of strings (else ValueError / TypeError)."""
    if isinstance(texts, str):
        texts = [texts]
    texts = list(texts)
    if not texts:
        raise ValueError("no texts to encode: pass a non-empty list of sentences.")
    bad = [i for i, t in enumerate(texts) if not isinstance(t, str)]
    if bad:
        raise TypeError(f"texts must be strings; item {bad[0]} is {type(texts[bad[0]]).__name__}.")
    return texts


def encode_views(
    texts: Sequence[str] | str,
    poolings: Sequence[str] = POOLINGS,
    layers: Sequence[int] | int = (-1,),
    *,
    batch_size: int = 64,
    max_length: int = 128,
    name: str | None = None,
    model: Any = None,
    tokenizer: Any = None,
    progress: bool = True,
) -> tuple[dict[str, np.ndarray], list[str]]:
    """One encoder pass → ({pooling: array (n, len(layers), hidden_size)} in input order, notes).

    Sentences are sorted by length and encoded in batches of `batch_size` without gradients; every pooling of
    `poolings` is taken at every layer of `layers` (0 = embedding output, negatives from the end). `notes` lists
    inputs longer than `max_length` tokens (only their start is encoded). Raises ValueError for no texts, an
    unknown pooling or layer, `batch_size` < 1 or `max_length` < 2 (room for [CLS] and [SEP]).
    Taught in 05_feature_extraction.
    """
    from tqdm.auto import tqdm

    from .models import load_model, load_tokenizer

    texts = _as_text_list(texts)
    if int(batch_size) < 1:
        raise ValueError(f"batch_size must be >= 1, got {batch_size!r}.")
    if int(max_length) < 2:
        raise ValueError(f"max_length must be >= 2 (room for [CLS] and [SEP]), got {max_length!r}.")
    if not poolings:
        raise ValueError(f"poolings is empty: give at least one of {', '.join(POOLINGS)}.")
    for p in poolings:
        if p not in POOLINGS:
            raise ValueError(f"unknown pooling {p!r}: choose one of {', '.join(POOLINGS)}.")
    model = load_model(name=name) if model is None else model
    tokenizer = load_tokenizer(name) if tokenizer is None else tokenizer
    chosen = resolve_layers(layers, model.config.num_hidden_layers)
    lengths = [len(ids) for ids in tokenizer(texts, add_special_tokens=True)["input_ids"]]
    notes = []
    too_long = [i for i, n in enumerate(lengths) if n > max_length]
    if too_long:
        notes.append(f"{len(too_long)} of {len(texts)} texts are longer than max_length={max_length} tokens "
                     f"(longest: {max(lengths)}); only their first {max_length} tokens were encoded.")
    order = np.argsort(lengths, kind="stable")  # similar lengths share a batch → little padding
    out = {p: np.zeros((len(texts), len(chosen), model.config.hidden_size), dtype=np.float32) for p in poolings}
    batches = range(0, len(texts), batch_size)
    with torch.no_grad():
        for start in tqdm(batches, desc="encode", unit="batch", disable=not progress, leave=False):
            rows = order[start:start + batch_size]
            batch = tokenizer([texts[i] for i in rows], padding=True, truncation=True,
                              max_length=max_length, return_tensors="pt")
            hidden_states = model(**batch, output_hidden_states=True).hidden_states  # L + 1 tensors (B, T, H)
            for j, layer in enumerate(chosen):
                for p in poolings:
                    out[p][rows, j] = pool(hidden_states[layer], batch["attention_mask"], p).float().numpy()
    return out, notes


def encode(
    texts: Sequence[str] | str,
    pooling: str = "cls",
    layers: Sequence[int] | int = (-1,),
    batch_size: int = 64,
    max_length: int = 128,
    name: str | None = None,
    *,
    model: Any = None,
    tokenizer: Any = None,
    progress: bool = True,
    return_notes: bool = False,
) -> np.ndarray | tuple[np.ndarray, list[str]]:
    """Texts → features (n, H · len(layers)), layers concatenated in the order given.

    Inputs longer than `max_length` are truncated: the note is returned with `return_notes=True`, otherwise
    it is issued once as a `TruncationNote` warning. Taught in 05_feature_extraction.
    """
    views, notes = encode_views(texts, (pooling,), layers, batch_size=batch_size, max_length=max_length,
                                name=name, model=model, tokenizer=tokenizer, progress=progress)
    features = views[pooling].reshape(views[pooling].shape[0], -1)  # (n, len(layers) · H)
    if return_notes:
        return features, notes
    for note in notes:
        warnings.warn(note, TruncationNote, stacklevel=2)
    return features


def make_classifier(C: float, standardise: bool = True) -> Any:
    """A logistic regression with inverse regularisation strength `C` (> 0), standardised columns first or not.

    The classifier every rung of 05's pooling ladder fits, so the packaged best recipe is the same model.
    Raises ValueError for C <= 0 or not finite. Source: scikit-learn `LogisticRegression` (L2, lbfgs).
    """
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    if not (0.0 < float(C) < float("inf")):
        raise ValueError(f"C must be a finite float > 0 (inverse regularisation strength), got {C!r}.")
    classifier = LogisticRegression(C=float(C), max_iter=3000)
    return make_pipeline(StandardScaler(), classifier) if standardise else make_pipeline(classifier)


def best_classifier(C: float | None = BEST_C, cv: int = 5, n_jobs: int | None = None) -> Any:
    """The classifier of the best frozen recipe: `make_classifier(C, BEST_STANDARDISE)`, by default C = BEST_C.

    `C=None` returns a `GridSearchCV` over `C_GRID` with `cv` folds instead (for data larger than the course's).
    Use: `clf = best_classifier().fit(encode(train, **BEST_RECIPE), y)`. Taught in 05_feature_extraction.
    """
    from sklearn.model_selection import GridSearchCV

    if C is not None:
        return make_classifier(C, BEST_STANDARDISE)
    if int(cv) < 2:
        raise ValueError(f"cv must be >= 2 folds, got {cv!r}.")
    return GridSearchCV(make_classifier(BEST_C, BEST_STANDARDISE), {"logisticregression__C": list(C_GRID)},
                        cv=cv, n_jobs=n_jobs)
