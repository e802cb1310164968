"""BERT's two pretraining tasks: 80/10/10 masked-LM masking, next-sentence pairs, a tiny BERT and its training loop.

Taught in 04_pretraining_mlm_nsp; `load_course_mlm()` gives later notebooks (11_explorer) a model with an MLM head.
"""
from __future__ import annotations

import json
import math
import random
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import torch
import torch.nn.functional as F
from torch import nn

__all__ = [
    "split_documents", "corpus_tokenizer", "mask_tokens", "masking_counts", "wilson_interval", "NSPPair",
    "make_nsp_pairs", "truncate_pair", "encode_pair", "tiny_bert_config", "PretrainConfig", "make_batch",
    "pretraining_losses", "PretrainHistory", "plot_history", "pretrain", "evaluate_pretraining", "fill_mask",
    "is_next_probability", "load_with_info", "course_mlm_dir", "save_course_mlm", "train_course_mlm", "load_course_mlm",
]


def split_documents(documents: Sequence[Sequence[str]], heldout_every: int = 10) -> tuple[list, list]:
    """Documents → (train, held out): every `heldout_every`-th document is held out, never trained on."""
    train = [list(d) for i, d in enumerate(documents) if i % heldout_every != heldout_every - 1]
    heldout = [list(d) for i, d in enumerate(documents) if i % heldout_every == heldout_every - 1]
    return train, heldout


def corpus_tokenizer(tokenizer: Any, sentences: Sequence[str]) -> Any:
    """The same uncased WordPiece with a smaller vocabulary: the pieces `sentences` use, every single character, specials.

    Greedy longest-match-first then splits every one of `sentences` exactly as `tokenizer` does.
    """
    from transformers import BertTokenizer

    vocab = tokenizer.get_vocab()
    used = {i for row in tokenizer(list(sentences), add_special_tokens=False)["input_ids"] for i in row}
    keep = used | set(tokenizer.all_special_ids) | {i for t, i in vocab.items() if len(t.removeprefix("##")) == 1}
    pieces = [t for t, i in sorted(vocab.items(), key=lambda item: item[1]) if i in keep]  # original order
    return BertTokenizer(vocab={t: n for n, t in enumerate(pieces)}, do_lower_case=True,
                         model_max_length=tokenizer.model_max_length)


def mask_tokens(input_ids: torch.Tensor, special_tokens_mask: torch.Tensor, mask_token_id: int, vocab_size: int,
                mlm_probability: float = 0.15, mask_replace_prob: float = 0.8, random_replace_prob: float = 0.1,
                generator: torch.Generator | None = None) -> tuple[torch.Tensor, torch.Tensor]:
    """(B, T) ids → (masked ids, labels), both (B, T); labels are -100 except at the selected tokens.

    BERT paper §3.1: select `mlm_probability` of the non-special tokens; replace 80 % of them by [MASK], 10 % by a
    random token, keep 10 %. `special_tokens_mask` (B, T) is True (or 1) at [CLS], [SEP] and [PAD].
    """
    special = special_tokens_mask.bool()
    # 1. select each real token with probability mlm_probability
    selected = (torch.rand(input_ids.shape, generator=generator) < mlm_probability) & ~special
    # 2. one uniform draw per token decides between [MASK], random token and unchanged
    u = torch.rand(input_ids.shape, generator=generator)
    to_mask = selected & (u < mask_replace_prob)
    to_random = selected & (u >= mask_replace_prob) & (u < mask_replace_prob + random_replace_prob)
    masked = input_ids.clone()
    masked[to_mask] = mask_token_id
    masked[to_random] = torch.randint(vocab_size, input_ids.shape, generator=generator)[to_random]
    # 3. the loss looks only at the selected tokens: CrossEntropyLoss ignores -100
    labels = torch.where(selected, input_ids, torch.full_like(input_ids, -100))
    return masked, labels


def masking_counts(original: torch.Tensor, masked: torch.Tensor, labels: torch.Tensor,
                   special_tokens_mask: torch.Tensor, mask_token_id: int) -> dict[str, tuple[int, int]]:
    """What a masker did to (B, T) ids, as (count, out of): selected/real tokens, then [MASK]/random/kept/selected."""
    real = ~special_tokens_mask.bool()
    selected = labels != -100
    n_selected = int(selected.sum())
    as_mask = selected & (masked == mask_token_id)
    kept = selected & (masked == original)
    as_random = selected & ~as_mask & ~kept
    return {"selected": (n_selected, int(real.sum())), "[MASK]": (int(as_mask.sum()), n_selected),
            "random": (int(as_random.sum()), n_selected), "unchanged": (int(kept.sum()), n_selected)}


def wilson_interval(count: int, total: int, z: float = 1.96) -> tuple[float, float, float]:
    """Proportion `count/total` with its Wilson score interval: (p, low, high); z=1.96 for 95 %."""
    if total <= 0:
        return 0.0, 0.0, 1.0
    p = count / total
    centre = (p + z * z / (2 * total)) / (1 + z * z / total)
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / (1 + z * z / total)
    return p, centre - half, centre + half


@dataclass(frozen=True)
class NSPPair:
    """One next-sentence example: sentence B follows A (label 0, IsNext) or comes from another document (1)."""

    a: str
    b: str
    label: int
    doc_a: int
    doc_b: int


def make_nsp_pairs(documents: Sequence[Sequence[str]], seed: int = 0, random_prob: float = 0.5,
                   segment_sentences: int = 1) -> list[NSPPair]:
    """One pair per position of A: B is the true continuation (label 0) or text of another document (label 1).

    A and B are `segment_sentences` consecutive sentences each (BERT's "sentences" are spans of text).
    """
    rng, k = random.Random(seed), segment_sentences
    pairs: list[NSPPair] = []
    for d, doc in enumerate(documents):
        for i in range(len(doc) - k):
            a = " ".join(doc[i:i + k])
            if rng.random() < random_prob and len(documents) > 1:
                other = rng.choice([j for j in range(len(documents)) if j != d])
                start = rng.randrange(max(1, len(documents[other]) - k + 1))
                pairs.append(NSPPair(a, " ".join(documents[other][start:start + k]), 1, d, other))
            else:
                pairs.append(NSPPair(a, " ".join(doc[i + k:i + 2 * k]), 0, d, d))
    return pairs


def truncate_pair(ids_a: Sequence[int], ids_b: Sequence[int], max_tokens: int) -> tuple[list[int], list[int]]:
    """Cut the longer side first until len(a) + len(b) <= max_tokens (the tokenizer's `"longest_first"` rule).

    When both sides must be cut, the shorter keeps max_tokens // 2 and the longer the rest.
    """
    a, b = list(ids_a), list(ids_b)
    if len(a) + len(b) <= max_tokens:
        return a, b
    a_is_short = len(a) <= len(b)
    short, long_ = (a, b) if a_is_short else (b, a)
    keep_short = min(len(short), max_tokens // 2)
    short, long_ = short[:keep_short], long_[:max_tokens - keep_short]
    return (short, long_) if a_is_short else (long_, short)


def encode_pair(ids_a: Sequence[int], ids_b: Sequence[int], max_length: int, cls_id: int,
                sep_id: int) -> dict[str, list[int]]:
    """[CLS] A [SEP] B [SEP] with token_type_ids 0…0 1…1, at most `max_length` ids (3 of them special)."""
    a, b = truncate_pair(ids_a, ids_b, max_length - 3)
    return {"input_ids": [cls_id, *a, sep_id, *b, sep_id], "token_type_ids": [0] * (len(a) + 2) + [1] * (len(b) + 1)}


def tiny_bert_config(vocab_size: int, hidden_size: int = 128, num_hidden_layers: int = 2,
                     num_attention_heads: int = 4, max_position_embeddings: int = 128, **kwargs: Any) -> Any:
    """A small `BertConfig` (feed-forward 4 × hidden) that pretrains on a laptop CPU in minutes."""
    from transformers import BertConfig

    return BertConfig(vocab_size=vocab_size, hidden_size=hidden_size, num_hidden_layers=num_hidden_layers,
                      num_attention_heads=num_attention_heads, intermediate_size=4 * hidden_size,
                      max_position_embeddings=max_position_embeddings, **kwargs)


@dataclass
class PretrainConfig:
    """The recipe of one pretraining run (AdamW, warmup then `schedule`, gradient clipping at 1.0)."""

    steps: int = 500
    batch_size: int = 32
    max_length: int = 64
    lr: float = 1e-3
    weight_decay: float = 0.01
    warmup_ratio: float = 0.06
    schedule: str = "linear"
    mlm_probability: float = 0.15
    segment_sentences: int = 1
    seed: int = 0
    log_every: int = 25


def make_batch(pairs: Sequence[NSPPair], tokenizer: Any, max_length: int = 64, mlm_probability: float = 0.15,
               generator: torch.Generator | None = None) -> dict[str, torch.Tensor]:
    """NSP pairs → a padded, masked batch for `BertForPreTraining`: ids/types/mask/labels (B, T), next_sentence_label (B,)."""
    enc = tokenizer([p.a for p in pairs], [p.b for p in pairs], truncation="longest_first", max_length=max_length,
                    padding=True, return_special_tokens_mask=True, return_tensors="pt")
    special = enc.pop("special_tokens_mask").bool() | (enc["attention_mask"] == 0)
    enc["input_ids"], enc["labels"] = mask_tokens(enc["input_ids"], special, tokenizer.mask_token_id, len(tokenizer),
                                                  mlm_probability, generator=generator)
    return {**enc, "next_sentence_label": torch.tensor([p.label for p in pairs])}


def pretraining_losses(model: nn.Module, batch: dict[str, torch.Tensor]) -> tuple[torch.Tensor, torch.Tensor]:
    """(MLM loss, NSP loss) of a `BertForPreTraining`, scoring the vocabulary only at the masked positions.

    Same values as the model's own loss without its (B, T, vocab) logits; BERT's original code gathers them too.
    """
    out = model.bert(**{k: v for k, v in batch.items() if k not in ("labels", "next_sentence_label")})
    where = batch["labels"] != -100                                         # (B, T)
    scores = model.cls.predictions(out.last_hidden_state[where])            # (n_masked, vocab)
    mlm = F.cross_entropy(scores, batch["labels"][where])
    nsp = F.cross_entropy(model.cls.seq_relationship(out.pooler_output), batch["next_sentence_label"])
    return mlm, nsp


@dataclass
class PretrainHistory:
    """Losses per optimizer step of a pretraining run, plus its wall time."""

    steps: list[int] = field(default_factory=list)
    mlm: list[float] = field(default_factory=list)
    nsp: list[float] = field(default_factory=list)
    seconds: float = 0.0

    def smoothed(self, name: str, window: int = 25) -> list[float]:
        """Running mean over the last `window` steps of the 'mlm' or 'nsp' loss."""
        values = getattr(self, name)
        return [sum(values[max(0, i - window + 1): i + 1]) / (i + 1 - max(0, i - window + 1))
                for i in range(len(values))]


def plot_history(history: PretrainHistory, total_steps: int | None = None) -> Any:
    """MLM and NSP loss curves (raw and smoothed) side by side; returns the Figure."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(8, 3), layout="constrained")
    for ax, name, chance in zip(fig.subplots(1, 2), ("mlm", "nsp"), (None, math.log(2))):
        ax.plot(history.steps, getattr(history, name), alpha=0.3, color="tab:blue", label="per step")
        ax.plot(history.steps, history.smoothed(name), color="tab:blue", label="running mean")
        if chance is not None:
            ax.axhline(chance, color="gray", linestyle="--", label="chance (ln 2)")
        if total_steps:
            ax.set_xlim(0, total_steps)
        ax.set(title=f"{name.upper()} loss", xlabel="optimizer step", ylabel="cross-entropy (nats)")
        ax.legend(loc="upper right", fontsize=8)
    return fig


def pretrain(model: nn.Module, documents: Sequence[Sequence[str]], tokenizer: Any, config: PretrainConfig,
             callback: Callable[[PretrainHistory], None] | None = None, progress: bool = True) -> PretrainHistory:
    """Train a `BertForPreTraining` on MLM + NSP with fresh pairs and fresh masks each epoch; ends in eval mode."""
    from tqdm.auto import tqdm
    from transformers import get_scheduler

    from .training import param_groups

    torch.manual_seed(config.seed)
    generator = torch.Generator().manual_seed(config.seed)
    # 1. AdamW without decay on biases and LayerNorm; 2. linear warmup, then `config.schedule` (linear decay...)
    optimizer = torch.optim.AdamW(param_groups(model, config.weight_decay), lr=config.lr)
    scheduler = get_scheduler(config.schedule, optimizer, num_warmup_steps=round(config.warmup_ratio * config.steps),
                              num_training_steps=config.steps)
    history, start, epoch, order = PretrainHistory(), time.perf_counter(), 0, []
    model.train()
    for step in tqdm(range(1, config.steps + 1), desc="pretraining", unit="step", disable=not progress):
        if len(order) < config.batch_size:  # 3. a new epoch: new random partners for NSP, reshuffled
            pairs = make_nsp_pairs(documents, seed=config.seed + epoch, segment_sentences=config.segment_sentences)
            order = random.Random(config.seed + epoch).sample(pairs, len(pairs))
            epoch += 1
        chunk, order = order[:config.batch_size], order[config.batch_size:]
        batch = make_batch(chunk, tokenizer, config.max_length, config.mlm_probability, generator)  # fresh masks
        mlm, nsp = pretraining_losses(model, batch)
        (mlm + nsp).backward()  # BERT's loss is the plain sum of both
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        scheduler.step()
        optimizer.zero_grad(set_to_none=True)
        history.steps.append(step)
        history.mlm.append(mlm.item())
        history.nsp.append(nsp.item())
        if callback is not None and (step % config.log_every == 0 or step == config.steps):
            callback(history)
    history.seconds = time.perf_counter() - start
    model.eval()
    return history


@torch.no_grad()
def evaluate_pretraining(model: nn.Module, documents: Sequence[Sequence[str]], tokenizer: Any, max_length: int = 64,
                         segment_sentences: int = 1, seed: int = 1234) -> dict[str, float]:
    """MLM and NSP loss and accuracy on fixed pairs and fixed masks of `documents` (use held-out ones)."""
    was_training = model.training
    model.eval()
    pairs = make_nsp_pairs(documents, seed=seed, segment_sentences=segment_sentences)
    generator = torch.Generator().manual_seed(seed)
    totals = {"mlm_loss": 0.0, "mlm_accuracy": 0.0, "nsp_loss": 0.0, "nsp_accuracy": 0.0}
    n_masked = n_pairs = 0
    for i in range(0, len(pairs), 64):
        batch = make_batch(pairs[i:i + 64], tokenizer, max_length, generator=generator)
        out = model(**{k: v for k, v in batch.items() if k not in ("labels", "next_sentence_label")})
        where = batch["labels"] != -100
        scores, targets = out.prediction_logits[where], batch["labels"][where]
        totals["mlm_loss"] += F.cross_entropy(scores, targets, reduction="sum").item()
        totals["mlm_accuracy"] += (scores.argmax(-1) == targets).sum().item()
        nsp_labels = batch["next_sentence_label"]
        totals["nsp_loss"] += F.cross_entropy(out.seq_relationship_logits, nsp_labels, reduction="sum").item()
        totals["nsp_accuracy"] += (out.seq_relationship_logits.argmax(-1) == nsp_labels).sum().item()
        n_masked, n_pairs = n_masked + int(where.sum()), n_pairs + len(nsp_labels)
    model.train(was_training)
    return {k: v / (n_masked if k.startswith("mlm") else n_pairs) for k, v in totals.items()}


@torch.no_grad()
def fill_mask(model: nn.Module, tokenizer: Any, text: str, k: int = 5) -> list[list[tuple[str, float]]]:
    """Top-k (token, probability) for each [MASK] of `text`; raises ValueError with advice on unusable input."""
    if not text.strip():
        raise ValueError("Type a sentence first, with [MASK] where a word should be guessed.")
    enc = tokenizer(text, return_tensors="pt")
    limit = model.config.max_position_embeddings
    if enc["input_ids"].shape[1] > limit:
        raise ValueError(f"The text is {enc['input_ids'].shape[1]} tokens long; this model reads at most {limit}.")
    where = enc["input_ids"][0] == tokenizer.mask_token_id
    if not where.any():
        raise ValueError(f"No {tokenizer.mask_token} in the text: write it where a word should be guessed.")
    out = model(**enc)
    logits = out.prediction_logits if hasattr(out, "prediction_logits") else out.logits  # (1, T, vocab)
    probs = logits[0, where].softmax(-1)                                                   # (n_masks, vocab)
    top = probs.topk(k, dim=-1)
    return [[(tokenizer.convert_ids_to_tokens(int(i)), float(p)) for p, i in zip(ps, ids)]
            for ps, ids in zip(top.values, top.indices)]


@torch.no_grad()
def is_next_probability(model: nn.Module, tokenizer: Any, a: str, b: str) -> float:
    """P(IsNext) = softmax(NSP logits)[0] for the pair (A, B), from `BertForPreTraining` or `...NextSentencePrediction`."""
    out = model(**tokenizer(a, b, truncation="longest_first", max_length=model.config.max_position_embeddings,
                            return_tensors="pt"))
    logits = out.seq_relationship_logits if hasattr(out, "seq_relationship_logits") else out.logits
    return float(logits.softmax(-1)[0, 0])


def load_with_info(model_class: type, name: str | None = None, **kwargs: Any) -> tuple[nn.Module, dict[str, list]]:
    """A model of `model_class` from the course checkpoint (eval, eager) and which weights were missing/unexpected."""
    from .models import _from_pretrained

    kwargs.setdefault("attn_implementation", "eager")
    model, info = _from_pretrained(model_class, name, output_loading_info=True, **kwargs)
    return model.eval(), {key: sorted(value) for key, value in info.items()}


def course_mlm_dir() -> Path:
    """Folder of the course's own pretrained tiny BERT: `bertviz_lite.data.cache_dir() / "course-mlm"`."""
    from .data import cache_dir

    return cache_dir() / "course-mlm"


def save_course_mlm(model: nn.Module, tokenizer: Any, info: dict[str, Any], overwrite: bool = True) -> bool:
    """Write model, tokenizer and `info` (recipe, losses) to `course_mlm_dir()`; False if kept an existing one."""
    folder = course_mlm_dir()
    if folder.exists() and not overwrite:
        return False
    staging = folder.with_name(folder.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    model.save_pretrained(staging)
    tokenizer.save_pretrained(staging)
    (staging / "course_mlm.json").write_text(json.dumps(info, indent=2), encoding="utf-8")
    shutil.rmtree(folder, ignore_errors=True)
    staging.replace(folder)  # readers never see a half-written folder
    return True


def train_course_mlm(config: PretrainConfig | None = None,
                     progress: bool = False) -> tuple[nn.Module, Any, PretrainHistory]:
    """Pretrain the course's tiny BERT (`BertForPreTraining`, corpus vocabulary) on the corpus minus held-out documents."""
    from transformers import BertForPreTraining

    from .data import load_corpus
    from .models import load_tokenizer

    config = config or PretrainConfig(steps=60, max_length=128, segment_sentences=3)
    documents = load_corpus()
    tokenizer = corpus_tokenizer(load_tokenizer(), [s for d in documents for s in d])
    torch.manual_seed(config.seed)
    model, threads = BertForPreTraining(tiny_bert_config(len(tokenizer))), torch.get_num_threads()
    torch.set_num_threads(1)  # tiny matrices: extra threads cost more than they save, above all on a busy machine
    try:
        history = pretrain(model, split_documents(documents)[0], tokenizer, config, progress=progress)
    finally:
        torch.set_num_threads(threads)
    return model, tokenizer, history


def load_course_mlm(model_class: type | None = None) -> tuple[nn.Module, Any]:
    """(model, tokenizer) of the course's tiny BERT (default `BertForMaskedLM`, eval, eager); trained quickly if missing."""
    from transformers import AutoTokenizer, BertForMaskedLM
    from transformers.utils import logging

    folder = course_mlm_dir()
    if not (folder / "course_mlm.json").exists():
        config = PretrainConfig(steps=60, max_length=128, segment_sentences=3)
        model, tokenizer, history = train_course_mlm(config)
        save_course_mlm(model, tokenizer, {"mode": "quick", "recipe": asdict(config),
                                           "final_mlm_loss": history.mlm[-1], "final_nsp_loss": history.nsp[-1]})
    level = logging.get_verbosity()
    logging.set_verbosity_error()  # the NSP head is "unexpected" for BertForMaskedLM: expected, not news
    try:
        model = (model_class or BertForMaskedLM).from_pretrained(folder, attn_implementation="eager")
    finally:
        logging.set_verbosity(level)
    return model.eval(), AutoTokenizer.from_pretrained(folder)
