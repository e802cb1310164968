"""Frozen BERT as a feature extractor: sentences → fixed-size vectors for a linear classifier.

`pool` turns token vectors into one vector per sentence ([CLS], masked mean or masked max); `encode_views`
runs the encoder once (batched, no grad, sorted by length) and pools several layers at once; `encode` is the
one-call version that returns a feature matrix. `BEST_RECIPE` + `best_classifier()` are the strongest frozen
recipe found in the course. Taught in 05_feature_extraction.
"""
from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np

__all__ = [
    "POOLINGS",
    "BEST_RECIPE",
    "BEST_C",
    "TruncationNote",
    "pool",
    "resolve_layers",
    "encode_views",
    "encode",
    "best_classifier",
]

POOLINGS = ("cls", "mean", "max")

# The best frozen recipe of 05_feature_extraction, chosen by dev accuracy on the course SST-2 data:
# mean-pooled token vectors of the last six layers (all of MiniLM-L6's), concatenated; then standardise + LR.
BEST_RECIPE: dict[str, Any] = {"pooling": "mean", "layers": (-6, -5, -4, -3, -2, -1)}
# C of the logistic regression on standardised features: the middle of the plateau of dev accuracy
# (0.003-0.1 lie within noise on the course dev set); `best_classifier(C=None)` searches it on larger data.
BEST_C = 0.01
C_GRID = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0)


class TruncationNote(UserWarning):
    """Some inputs were longer than `max_length` tokens and were cut (only their start was encoded)."""


def pool(hidden: Any, attention_mask: Any, pooling: str = "cls") -> Any:
    """(B, T, H) token vectors + (B, T) mask → (B, H): [CLS] vector, or mean / max over real tokens only."""
    import torch

    if pooling == "cls":
        return hidden[:, 0]
    mask = attention_mask.unsqueeze(-1).to(hidden.dtype)  # (B, T, 1): 1 for real tokens, 0 for padding
    if pooling == "mean":
        return (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1.0)
    if pooling == "max":
        return hidden.masked_fill(mask == 0, torch.finfo(hidden.dtype).min).max(dim=1).values
    raise ValueError(f"unknown pooling {pooling!r}: choose one of {', '.join(POOLINGS)}.")


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
    """Validate the input texts: one string or a non-empty sequence of strings."""
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
    """One encoder pass → {pooling: array (n, len(layers), H)} in input order, plus notes (truncated inputs)."""
    import torch
    from tqdm.auto import tqdm

    from .models import load_model, load_tokenizer

    texts = _as_text_list(texts)
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


def best_classifier(C: float | None = BEST_C, cv: int = 5, n_jobs: int | None = None) -> Any:
    """Standardise + logistic regression for `BEST_RECIPE` features; `C=None` searches C by `cv`-fold CV.

    Use: `clf = best_classifier().fit(encode(train, **BEST_RECIPE), y)`. Taught in 05_feature_extraction.
    """
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GridSearchCV
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    pipeline = make_pipeline(StandardScaler(), LogisticRegression(C=BEST_C if C is None else C, max_iter=2000))
    if C is not None:
        return pipeline
    return GridSearchCV(pipeline, {"logisticregression__C": list(C_GRID)}, cv=cv, n_jobs=n_jobs)
