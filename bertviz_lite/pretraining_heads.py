"""What BERT's two pretraining heads compute: the MLM + NSP loss, held-out evaluation, fill-mask and P(IsNext).

Taught in 04_pretraining_mlm_nsp (each function marked so is a copy of the notebook cell that writes it).
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from typing import Any

import torch
import torch.nn.functional as F
from torch import nn

from .pretraining_data import NSPPair, make_batch

__all__ = [
    "tiny_bert_config", "pretraining_losses", "pretraining_loss", "evaluate_pretraining", "unigram_top_k",
    "fill_mask", "is_next_probability", "load_with_info", "plot_pretraining_curves",
]

_NOT_ENCODER_INPUTS = ("labels", "next_sentence_label")


def tiny_bert_config(vocab_size: int, hidden_size: int = 128, num_hidden_layers: int = 2,
                     num_attention_heads: int = 4, max_position_embeddings: int = 128, **kwargs: Any) -> Any:
    """A small `BertConfig` (feed-forward 4 × hidden) that pretrains on a laptop CPU in minutes."""
    from transformers import BertConfig

    if not isinstance(vocab_size, int) or vocab_size < 1:
        raise ValueError(f"vocab_size must be an int >= 1, got {vocab_size!r}.")
    if hidden_size < 1 or num_attention_heads < 1 or hidden_size % num_attention_heads:
        raise ValueError(f"hidden_size={hidden_size} must be a positive multiple of num_attention_heads="
                         f"{num_attention_heads} (each head gets hidden_size / num_attention_heads dimensions).")
    return BertConfig(vocab_size=vocab_size, hidden_size=hidden_size, num_hidden_layers=num_hidden_layers,
                      num_attention_heads=num_attention_heads, intermediate_size=4 * hidden_size,
                      max_position_embeddings=max_position_embeddings, **kwargs)


def pretraining_losses(model: nn.Module, batch: dict[str, torch.Tensor]) -> tuple[torch.Tensor, torch.Tensor]:
    """(MLM loss, NSP loss), two scalars, of a `BertForPreTraining` on a `make_batch` batch, in nats.

    Scores the vocabulary only at the masked positions (BERT's original code gathers them too) and gives the same
    values as the model's own loss; a batch with no masked token has MLM loss 0 (the model's own loss is NaN
    then: the mean of nothing). Raises ValueError when the batch lacks `labels` or `next_sentence_label`
    (`make_batch` adds both). Taught in 04_pretraining_mlm_nsp.
    """
    missing = [key for key in ("labels", "next_sentence_label") if key not in batch]
    if missing:
        raise ValueError(f"batch has no {missing}: make_batch adds both (the MLM targets and the NSP labels).")
    out = model.bert(**{k: v for k, v in batch.items() if k not in ("labels", "next_sentence_label")})
    where = batch["labels"] != -100                                           # (B, T)
    scores = model.cls.predictions(out.last_hidden_state[where])              # (n_masked, vocab)
    # sum / count rather than mean: nothing masked adds 0, not NaN
    mlm = F.cross_entropy(scores.float(), batch["labels"][where], reduction="sum") / where.sum().clamp(min=1)
    nsp = F.cross_entropy(model.cls.seq_relationship(out.pooler_output).float(), batch["next_sentence_label"])
    return mlm, nsp


def pretraining_loss(model: nn.Module, batch: dict[str, torch.Tensor]) -> torch.Tensor:
    """BERT's pretraining loss, the plain sum MLM + NSP (a scalar): the `compute_loss` hook of `training.fit`.

    Raises ValueError when the batch lacks `labels` or `next_sentence_label` (`make_batch` adds both).
    Taught in 04_pretraining_mlm_nsp.
    """
    mlm, nsp = pretraining_losses(model, batch)
    return mlm + nsp


@torch.no_grad()
def evaluate_pretraining(model: nn.Module, pairs: Sequence[NSPPair], tokenizer: Any, max_length: int = 128,
                         k: int = 5, seed: int = 1234) -> dict[str, torch.Tensor]:
    """Per-example results on fixed masks of `pairs` (use held-out ones), for intervals and paired tests.

    Returns mlm_target (N,), mlm_top_k (N, k) ids best first, mlm_nll (N,) in nats for the N masked tokens, and
    nsp_label, nsp_prediction, nsp_nll (P,) for the P pairs. N may be 0 (tiny input): the tensors are then
    empty, never a division by zero. Raises ValueError for no pairs or `k` < 1. Taught in 04_pretraining_mlm_nsp.
    """
    if not pairs or k < 1:
        raise ValueError(f"need at least one pair and k >= 1, got {len(pairs)} pairs and k={k}.")
    was_training, generator = model.training, torch.Generator().manual_seed(seed)
    model.eval()
    parts: dict[str, list[torch.Tensor]] = {}
    for i in range(0, len(pairs), 64):
        batch = make_batch(pairs[i:i + 64], tokenizer, max_length, generator=generator)
        out = model(**{key: v for key, v in batch.items() if key not in ("labels", "next_sentence_label")})
        where = batch["labels"] != -100
        scores, targets = out.prediction_logits[where].float(), batch["labels"][where]   # (n, vocab), (n,)
        nsp_logits, nsp_labels = out.seq_relationship_logits.float(), batch["next_sentence_label"]
        found = {"mlm_target": targets, "mlm_top_k": scores.topk(min(k, scores.shape[-1]), -1).indices,
                 "mlm_nll": F.cross_entropy(scores, targets, reduction="none"), "nsp_label": nsp_labels,
                 "nsp_prediction": nsp_logits.argmax(-1),
                 "nsp_nll": F.cross_entropy(nsp_logits, nsp_labels, reduction="none")}
        for name, value in found.items():
            parts.setdefault(name, []).append(value)
    model.train(was_training)
    return {name: torch.cat(values) for name, values in parts.items()}


def unigram_top_k(sentences: Sequence[str], tokenizer: Any, k: int = 5) -> torch.Tensor:
    """The `k` most frequent token ids of `sentences` (special tokens aside), most frequent first: (k,).

    The unigram baseline of MLM: a model that ignores the context and always guesses these. Raises ValueError
    for no tokens or `k` < 1. Taught in 04_pretraining_mlm_nsp.
    """
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}.")
    rows = tokenizer(list(sentences), add_special_tokens=False)["input_ids"] if sentences else []
    counts = Counter(i for row in rows for i in row)
    if not counts:
        raise ValueError("sentences hold no token: give the training sentences.")
    return torch.tensor([token_id for token_id, _ in counts.most_common(k)])


@torch.no_grad()
def fill_mask(model: nn.Module, tokenizer: Any, text: str, k: int = 5) -> list[list[tuple[str, float]]]:
    """Top-k (token, probability) for each [MASK] of `text`, best first: one list per [MASK].

    Works with `BertForPreTraining` and `BertForMaskedLM`. Raises ValueError with advice for empty text, no
    [MASK], text longer than the model's positions, or `k` < 1. Taught in 04_pretraining_mlm_nsp.
    """
    if not text.strip():
        raise ValueError("Type a sentence first, with [MASK] where a word should be guessed.")
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}.")
    enc = tokenizer(text, return_tensors="pt")
    limit = model.config.max_position_embeddings
    if enc["input_ids"].shape[1] > limit:
        raise ValueError(f"The text is {enc['input_ids'].shape[1]} tokens long; this model reads at most {limit}.")
    where = enc["input_ids"][0] == tokenizer.mask_token_id
    if not where.any():
        raise ValueError(f"No {tokenizer.mask_token} in the text: write it where a word should be guessed.")
    out = model(**enc)
    logits = out.prediction_logits if hasattr(out, "prediction_logits") else out.logits  # (1, T, vocab)
    top = logits[0, where].softmax(-1).topk(min(k, logits.shape[-1]), dim=-1)             # (n_masks, k)
    return [[(tokenizer.convert_ids_to_tokens(int(i)), float(p)) for p, i in zip(ps, ids)]
            for ps, ids in zip(top.values, top.indices)]


@torch.no_grad()
def is_next_probability(model: nn.Module, tokenizer: Any, a: str, b: str) -> float:
    """P(IsNext) = softmax(NSP logits)[0] for the pair (A, B), a probability in [0, 1].

    Works with `BertForPreTraining` and `BertForNextSentencePrediction`; the pair is truncated longest side first
    to the model's positions. Taught in 04_pretraining_mlm_nsp.
    """
    enc = tokenizer(a, b, truncation="longest_first", max_length=model.config.max_position_embeddings,
                    return_tensors="pt")
    out = model(**enc)
    logits = out.seq_relationship_logits if hasattr(out, "seq_relationship_logits") else out.logits  # (1, 2)
    return float(logits.softmax(-1)[0, 0])


def load_with_info(model_class: type, name: str | None = None, **kwargs: Any) -> tuple[nn.Module, dict[str, list]]:
    """A model of `model_class` from the course checkpoint (eval, eager) and which weights were missing/unexpected."""
    from .models import _from_pretrained

    if not hasattr(model_class, "from_pretrained"):
        raise ValueError(f"model_class must be a transformers model class such as BertForPreTraining, got {model_class!r}.")
    kwargs.setdefault("attn_implementation", "eager")
    model, info = _from_pretrained(model_class, name, output_loading_info=True, **kwargs)
    return model.eval(), {key: sorted(value) for key, value in info.items()}


def plot_pretraining_curves(mlm: Sequence[float], nsp: Sequence[float], vocab_size: int | None = None,
                            window: int = 25) -> Any:
    """MLM and NSP training loss per step (raw and running mean) side by side, with chance lines; a Figure.

    Chance is ln 2 for NSP and, when `vocab_size` is given, ln(vocab_size) for MLM (a uniform guess).
    Raises ValueError if `window` < 1.
    """
    from matplotlib.figure import Figure

    if window < 1:
        raise ValueError(f"window must be at least 1, got {window}.")
    fig = Figure(figsize=(8, 3.2), dpi=100, layout="constrained")
    for ax, name, values, chance in zip(fig.subplots(1, 2), ("MLM", "NSP"), (mlm, nsp),
                                        (math.log(vocab_size) if vocab_size else None, math.log(2))):
        steps = range(1, len(values) + 1)
        sums = [0.0, *torch.tensor(list(values), dtype=torch.float64).cumsum(0).tolist()]
        smooth = [(sums[i + 1] - sums[max(0, i + 1 - window)]) / min(window, i + 1) for i in range(len(values))]
        ax.plot(steps, values, alpha=0.3, color="tab:blue", label="per step")
        ax.plot(steps, smooth, color="tab:blue", label=f"mean of last {window}")
        if chance is not None:
            ax.axhline(chance, color="black", linestyle="--", label="uniform guess")
        ax.set(title=f"{name} loss", xlabel="optimizer step", ylabel="cross-entropy (nats)")
        ax.tick_params(labelsize=9)
        ax.legend(loc="upper right", fontsize=9)
    return fig
