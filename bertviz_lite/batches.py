"""Batches for the training loop: dynamic padding of tokenizer output and the DataLoaders `fit` eats.

Used by `bertviz_lite.training` (taught in 07_sequence_classification) and the notebooks after it.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import torch
from torch.utils.data import DataLoader

__all__ = ["pad_collate", "make_loader"]

# Keys a tokenizer may return that the model does not accept.
_NOT_MODEL_INPUTS = ("offset_mapping", "overflow_to_sample_mapping", "special_tokens_mask", "length")


def _pad(rows: Sequence[Any], value: int | float) -> torch.Tensor:
    """Pad nested int/float lists on their last axis to the longest row: (B, T) or (B, C, T)."""
    if rows and isinstance(rows[0], torch.Tensor):
        rows = [r.tolist() for r in rows]
    if not rows or not isinstance(rows[0], (list, tuple)):
        return torch.tensor(rows)
    if rows[0] and isinstance(rows[0][0], (list, tuple)):  # multiple choice: (B, C, T)
        width = max(len(seq) for row in rows for seq in row)
        return torch.tensor([[list(seq) + [value] * (width - len(seq)) for seq in row] for row in rows])
    width = max(len(row) for row in rows)
    return torch.tensor([list(row) + [value] * (width - len(row)) for row in rows])


def pad_collate(features: list[dict], pad_token_id: int = 0) -> dict[str, torch.Tensor]:
    """Dynamic padding of a list of examples: ids with `pad_token_id`, masks/types with 0, list labels with -100."""
    if not features:
        raise ValueError("features is empty: a batch needs at least one example.")
    batch: dict[str, torch.Tensor] = {}
    for key in features[0]:
        rows = [f[key] for f in features]
        if key == "input_ids":
            batch[key] = _pad(rows, pad_token_id)
        elif key == "labels":
            first = rows[0]
            is_float = isinstance(first, float) or (isinstance(first, (list, tuple)) and first
                                                    and isinstance(first[0], float))
            if is_float:  # regression targets or multi-hot vectors: same length, no padding
                batch[key] = torch.tensor(rows, dtype=torch.float32)
            else:  # class ids, or per-token labels padded with -100 (ignored by cross-entropy)
                batch[key] = _pad(rows, -100)
        else:
            batch[key] = _pad(rows, 0)
    return batch


class _Collate:
    """`pad_collate` with a fixed pad id, as a picklable object (DataLoader workers and Trainer can copy it)."""

    def __init__(self, pad_token_id: int) -> None:
        self.pad_token_id = pad_token_id

    def __call__(self, features: list[dict]) -> dict[str, torch.Tensor]:
        return pad_collate(features, self.pad_token_id)


def make_loader(
    encodings: Mapping[str, Sequence[Any]],
    labels: Sequence[Any] | None = None,
    batch_size: int = 16,
    shuffle: bool = False,
    seed: int = 0,
    pad_token_id: int = 0,
    group_by_length: bool = False,
) -> DataLoader:
    """A DataLoader of padded dict batches from unpadded tokenizer output (+ labels); shuffled with its own seed.

    `group_by_length=True` (needs `shuffle=True`) draws batches of similar length with `Trainer`'s own
    `LengthGroupedSampler` (random groups of 50 batches, sorted by length inside; in Trainer 5.23
    `train_sampling_strategy="group_by_length"`), so dynamic padding adds few pad tokens. Raises ValueError when
    `batch_size` < 1, the encodings are empty, labels and encodings differ in length, or `group_by_length` is
    asked without `shuffle`.
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be >= 1, got {batch_size}")
    if group_by_length and not shuffle:
        raise ValueError("group_by_length=True needs shuffle=True (it reorders the training batches)")
    keys = [k for k in encodings if k not in _NOT_MODEL_INPUTS]
    count = len(encodings[keys[0]]) if keys else 0
    if count == 0:
        raise ValueError("encodings hold no example: tokenize at least one text")
    examples = [{k: encodings[k][i] for k in keys} for i in range(count)]
    if labels is not None:
        labels = list(labels.tolist() if hasattr(labels, "tolist") else labels)
        if len(labels) != count:
            raise ValueError(f"{count} encoded examples but {len(labels)} labels: they must match one to one.")
        for example, label in zip(examples, labels):
            example["labels"] = label
    generator = torch.Generator().manual_seed(seed) if shuffle else None
    if group_by_length:
        from transformers.trainer_pt_utils import LengthGroupedSampler

        lengths = [int(torch.tensor(e["input_ids"]).numel()) for e in examples]  # tokens (all choices together)
        sampler = LengthGroupedSampler(batch_size, lengths=lengths, generator=generator)
        return DataLoader(examples, batch_size=batch_size, sampler=sampler, generator=generator,  # type: ignore[arg-type]
                          collate_fn=_Collate(pad_token_id))
    return DataLoader(examples, batch_size=batch_size, shuffle=shuffle, generator=generator,  # type: ignore[arg-type]
                      collate_fn=_Collate(pad_token_id))
