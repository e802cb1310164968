"""The BERT explorer: one sentence (or pair) → tokens, a 2-D projection, attention, head statistics, [MASK] guesses.

Taught in 11_explorer. `Explorer.analyze` is the pure core: it never raises on bad input and returns an
`Analysis` (a dataclass) whose `messages` explain anything unusual. `Explorer.app()` is the thin widget layer
(bertviz_lite.explorer_app) that renders an `Analysis`, with static matplotlib fallbacks.
"""
from __future__ import annotations

import re
import time
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np

__all__ = ["MASK_HINT", "Prediction", "Analysis", "clean_text", "mask_word", "pca_2d", "Explorer"]

MASK_HINT = ("No [MASK] in the text: type [MASK] where a word should be guessed (for example 'The capital of "
             "France is [MASK].'), or pick a word to mask.")
_HTML = re.compile(r"<\s*/?\s*[a-zA-Z!?]|&#?\w+;")
_MASK_ANY_CASE = re.compile(r"\[\s*mask\s*\]", re.IGNORECASE)


@contextmanager
def _one_thread() -> Iterator[None]:
    """Run torch on one thread for the block: a one-sentence forward pass is too small to share between cores, and
    on a busy 2-core machine two threads wait for each other (measured: about 35 ms on one thread, 2 s on two)."""
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(threads)


def _is_cjk(ch: str) -> bool:
    code = ord(ch)
    return (0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0x20000 <= code <= 0x2FA1F
            or 0xF900 <= code <= 0xFAFF or 0x3040 <= code <= 0x30FF or 0xAC00 <= code <= 0xD7AF)


def _is_emoji(ch: str) -> bool:
    code = ord(ch)
    return 0x1F000 <= code <= 0x1FAFF or 0x2600 <= code <= 0x27BF or (unicodedata.category(ch) == "So" and code > 0x2100)


def clean_text(text: Any) -> tuple[str, list[str]]:
    """Text ready for the tokenizer (control and direction characters removed, [mask] → [MASK]) and notes about it."""
    text = "" if text is None else str(text)
    notes: list[str] = []
    kept, dropped = [], 0
    for ch in text:
        category = unicodedata.category(ch)
        if ch in "\t\n\r":
            kept.append(" ")
        elif category in ("Cc", "Cf", "Cs", "Co", "Cn"):
            dropped += 1  # BERT's own normaliser drops these too (its _is_control test)
        else:
            kept.append(ch)
    cleaned = _MASK_ANY_CASE.sub("[MASK]", "".join(kept))
    if dropped:
        notes.append(f"Removed {dropped} invisible control or direction character(s) (such as right-to-left "
                     "marks): BERT's tokenizer ignores them.")
    if any(_is_emoji(ch) for ch in cleaned):
        notes.append("Emoji found: BERT's WordPiece vocabulary has almost none, so they become [UNK].")
    if any(_is_cjk(ch) for ch in cleaned):
        notes.append("CJK characters found: BERT splits them one character per token.")
    if _HTML.search(cleaned):
        notes.append("The text contains HTML or script markup: it is treated as plain text, shown escaped, "
                     "never run.")
    if not cleaned.strip():
        notes.append("The text is empty: type a sentence (and, optionally, a second one for a pair).")
        cleaned = ""
    return cleaned, notes


def mask_word(text: str, word: str, mask_token: str = "[MASK]") -> str | None:
    """`text` with the first whole-word, case-insensitive occurrence of `word` replaced by `mask_token` (None if absent)."""
    word = (word or "").strip()
    if not word or not text:
        return None
    match = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE)
    if match is None:
        start = text.lower().find(word.lower())  # scripts without spaces (CJK): plain substring
        if start < 0:
            return None
        return text[:start] + mask_token + text[start + len(word):]
    return text[:match.start()] + mask_token + text[match.end():]


def pca_2d(vectors: Any) -> tuple[np.ndarray, np.ndarray]:
    """(T, H) vectors → (T, 2) coordinates on the first two principal axes and their explained-variance ratios (2,).

    Signs are fixed so that the largest coordinate of each axis is positive (PCA axes have no sign of their own).
    """
    x = np.asarray(vectors.detach().cpu().numpy() if hasattr(vectors, "detach") else vectors, dtype=np.float64)
    if x.ndim != 2 or x.shape[0] == 0:
        raise ValueError(f"pca_2d needs a (T, H) array with T >= 1, got shape {x.shape}.")
    centred = x - x.mean(axis=0, keepdims=True)
    u, s, vt = np.linalg.svd(centred, full_matrices=False)  # centred = u @ diag(s) @ vt
    k = min(2, len(s))
    coords = np.zeros((x.shape[0], 2))
    coords[:, :k] = u[:, :k] * s[:k]
    for axis in range(k):
        if coords[np.argmax(np.abs(coords[:, axis])), axis] < 0:
            coords[:, axis] *= -1
    total = float((s ** 2).sum())
    ratio = np.zeros(2)
    if total > 0:
        ratio[:k] = s[:k] ** 2 / total
    return coords, ratio


@dataclass(frozen=True)
class Prediction:
    """The MLM's top guesses for one [MASK]: `position` in the MLM's tokens, (token, probability) best first."""

    position: int
    candidates: tuple[tuple[str, float], ...]


@dataclass
class Analysis:
    """Everything the explorer shows for one input; `attentions` is (layers, heads, T, T), `projection` (T, 2)."""

    text: str
    text_pair: str | None = None
    tokens: list[str] = field(default_factory=list)
    ids: list[int] = field(default_factory=list)
    token_views: tuple = ()
    sentence_b_start: int | None = None
    attentions: np.ndarray | None = None
    projection: np.ndarray | None = None
    explained: np.ndarray | None = None
    stats: Any = None
    predictions: list[Prediction] = field(default_factory=list)
    masked_text: str | None = None
    mlm_name: str = ""
    messages: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """True when there were tokens to analyse (the views have something to show)."""
        return bool(self.tokens) and self.attentions is not None


class Explorer:
    """Analyse one sentence (or a pair) with the course checkpoint; `app()` gives the dashboard."""

    def __init__(self, name: str | None = None, *, model: Any = None, tokenizer: Any = None, mlm: Any = None,
                 top_k: int = 5, max_length: int | None = None) -> None:
        """`mlm`: (model, tokenizer), False for none, or None to pick the checkpoint's MLM head or the course MLM."""
        from .models import describe_checkpoint, load_model, load_tokenizer

        self.tokenizer = tokenizer if tokenizer is not None else load_tokenizer(name)
        self.model = model if model is not None else load_model(name=name)
        self.name, self.top_k, self._mlm = name, top_k, mlm
        self.checkpoint = describe_checkpoint(name) if model is None else type(self.model).__name__
        limit = getattr(self.model.config, "max_position_embeddings", 512)
        self.max_length = min(limit, max_length or limit)

    def mlm(self) -> tuple[Any, Any, str] | None:
        """(model, tokenizer, label) of the masked-LM used for guesses, loaded once; None when there is none."""
        if self._mlm is None:
            self._mlm = self._find_mlm()
        if self._mlm is False or self._mlm is None:
            return None
        model, tokenizer, *label = self._mlm
        return model, tokenizer, (label[0] if label else type(model).__name__)

    def _find_mlm(self) -> Any:
        architectures = getattr(self.model.config, "architectures", None) or []
        if any(a.endswith(("ForMaskedLM", "ForPreTraining")) for a in architectures):
            from transformers import BertForMaskedLM

            from .models import load_model

            return load_model(BertForMaskedLM, name=self.name), self.tokenizer, f"the MLM head of {self.checkpoint}"
        try:
            from .pretraining import load_course_mlm
        except ImportError:
            return False
        model, tokenizer = load_course_mlm()
        return model.eval(), tokenizer, "the course's tiny MLM (notebook 04)"

    def analyze(self, text: Any, text_pair: Any = None, mask: str | None = None) -> Analysis:
        """Tokens, ids, attention (layers, heads, T, T), 2-D projection (T, 2), head statistics and [MASK] guesses.

        Never raises on bad input: `messages` says what was cleaned, truncated, or missing.
        """
        import torch

        from .head_stats import head_statistics
        from .tokens import encode_for_display

        start = time.perf_counter()
        text, notes = clean_text(text)
        pair, pair_notes = clean_text(text_pair) if text_pair is not None and str(text_pair).strip() else (None, [])
        result = Analysis(text=text, text_pair=pair or None,
                          messages=notes + [n for n in pair_notes if n not in notes and "empty" not in n])
        if not text:
            result.seconds = time.perf_counter() - start
            return result
        encoded = encode_for_display(self.tokenizer, text, result.text_pair, self.max_length)
        result.messages += [n for n in encoded.notes if n not in result.messages]
        result.token_views = encoded.views
        result.tokens = [v.token for v in encoded.views]
        result.ids = [v.input_id for v in encoded.views]
        types = [v.token_type_id for v in encoded.views]
        if result.text_pair is not None and 1 in types:
            result.sentence_b_start = types.index(1)
        batch = {"input_ids": torch.tensor([result.ids]), "attention_mask": torch.ones(1, len(result.ids), dtype=torch.long),
                 "token_type_ids": torch.tensor([types])}
        with torch.no_grad(), _one_thread():
            out = self.model(**batch, output_attentions=True)
        if out.attentions is None or any(a is None for a in out.attentions):
            result.messages.append("This model returned no attention weights: load it with attn_implementation='eager'.")
        else:
            result.attentions = torch.stack(out.attentions)[:, 0].float().numpy()  # (L, H, T, T)
            result.stats = head_statistics(result.attentions, result.tokens,
                                           self.tokenizer.cls_token, self.tokenizer.sep_token)
        result.projection, result.explained = pca_2d(out.last_hidden_state[0])  # (T, 2)
        self._guess(result, mask)
        result.seconds = time.perf_counter() - start
        return result

    def _guess(self, result: Analysis, mask: str | None) -> None:
        """Fill `result.predictions` from the MLM for every [MASK] of the text (or of the text with `mask` masked)."""
        import torch

        text, pair = result.text, result.text_pair
        has_mask = "[MASK]" in text or (pair is not None and "[MASK]" in pair)
        if not has_mask and mask:
            masked = mask_word(text, mask)
            if masked is None:
                result.messages.append(f"The word {mask!r} is not in the first sentence: pick a word from it.")
                return
            text = masked
        elif not has_mask:
            result.messages.append(MASK_HINT)
            return
        try:
            found = self.mlm()
        except Exception as exc:  # e.g. the course corpus is missing: guesses are optional, the other views are not
            self._mlm = False
            result.messages.append(f"The masked-LM could not be loaded ({type(exc).__name__}: {exc}).")
            return
        if found is None:
            result.messages.append("No masked-LM is available: run notebook 04 to train the course MLM.")
            return
        model, tokenizer, result.mlm_name = found
        result.masked_text = text
        limit = min(getattr(model.config, "max_position_embeddings", 512), self.max_length)
        batch = tokenizer(text, pair, truncation=True, max_length=limit, return_tensors="pt")
        with torch.no_grad(), _one_thread():
            out = model(**batch)
        logits = getattr(out, "logits", None)
        logits = out.prediction_logits if logits is None else logits  # (1, T, vocab)
        positions = (batch["input_ids"][0] == tokenizer.mask_token_id).nonzero().flatten().tolist()
        if not positions:
            result.messages.append("The [MASK] fell beyond the truncated input: put it earlier in the text.")
        probs = logits[0, positions].softmax(-1)  # (masks, vocab)
        for row, position in zip(probs, positions):
            top = row.topk(self.top_k)
            words = tokenizer.convert_ids_to_tokens(top.indices.tolist())
            result.predictions.append(Prediction(position, tuple(zip(words, top.values.tolist()))))

    def app(self, text: str = "The cat sat on the [MASK].", text_pair: str = "", **kwargs: Any) -> Any:
        """The dashboard (an `ExplorerApp`; display it, or `.update(text, pair)` it from code)."""
        from .explorer_app import ExplorerApp

        return ExplorerApp(self, text, text_pair, **kwargs)

    @staticmethod
    def words(result: Analysis) -> list[str]:
        """The words of the first sentence, in order and without repeats (choices for masking a word)."""
        seen: list[str] = []
        for word in re.findall(r"\w+", result.text):
            if word.lower() not in {w.lower() for w in seen} and word.upper() != "MASK":
                seen.append(word)
        return seen

