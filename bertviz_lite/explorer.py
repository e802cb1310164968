"""The BERT explorer: one sentence (or pair) → tokens, a 2-D projection, attention, head statistics, [MASK] guesses.

Taught in 11_explorer. `Explorer.analyze` is the pure core: it never raises on bad input and returns an
`Analysis` (a dataclass) whose `messages` explain anything unusual. Import direction: explorer (this core) ←
explorer_render (HTML, export, static figures) ← explorer_app (the widgets); the core imports neither.
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

__all__ = ["MASK_HINT", "Prediction", "Analysis", "MaskedLM", "clean_text", "mask_word", "pca_2d", "course_mlm_summary",
           "Explorer"]

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


def clean_text(text: Any) -> tuple[str, list[str]]:
    """Text ready for the tokenizer (control and direction characters removed, [mask] → [MASK]) and notes about it.

    Notes on CJK, kana/Hangul, mixed scripts and [UNK] come later from `tokens.encode_for_display` (01_tokenization),
    which names their real causes; this step only reports what it removed, markup, and an empty text.
    """
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


@dataclass(frozen=True)
class MaskedLM:
    """The masked-LM behind the Mask tab: model, tokenizer, a short `name`, and `source` (one sentence: where the
    guesses come from and how good they are)."""

    model: Any
    tokenizer: Any
    name: str
    source: str = ""


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


def _share(value: Any) -> float | None:
    """A saved accuracy as a float in [0, 1], or None when absent or not a proportion."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if 0.0 <= number <= 1.0 else None


def course_mlm_summary(info: dict[str, Any]) -> str:
    """One sentence on the course MLM from what notebook 04 saved with it (`course_mlm.json`): its measured held-out
    top-1 / top-5 accuracy on masked tokens against the most-frequent-word baseline, or, when those numbers are
    missing, that it is a tiny model. Raises nothing; unknown or out-of-range values count as missing."""
    top1, top5 = _share(info.get("heldout_top1")), _share(info.get("heldout_top5"))
    unigram = _share(info.get("heldout_unigram top1"))
    text = "the course's tiny BERT pretrained in notebook 04 (this checkpoint has no MLM head of its own)"
    if top1 is None:
        text += ": a tiny model trained for minutes on the course corpus, so expect mostly frequent words"
    else:
        text += f": on held-out course text its first guess is right for {top1 * 100:.1f} % of masked tokens"
        text += f" (top 5: {top5 * 100:.1f} %)" if top5 is not None else ""
        text += f", against {unigram * 100:.1f} % for always guessing the most frequent word" if unigram is not None else ""
    if info.get("mode") == "fast":
        text += ". This copy was built in fast mode (a short demo run): run notebook 04 in learner mode for the full one"
    return text + "."


class Explorer:
    """Analyse one sentence (or a pair) with the course checkpoint; `explorer_app.ExplorerApp` is its dashboard."""

    def __init__(self, name: str | None = None, *, model: Any = None, tokenizer: Any = None, mlm: Any = None,
                 top_k: int = 5, max_length: int | None = None) -> None:
        """`name`: a checkpoint (None: `$BERT_LAB_CHECKPOINT` or the packaged default). `mlm`: a `MaskedLM`, a
        (model, tokenizer[, name]) tuple, False for none, or None to use the checkpoint's own MLM head when it has
        one and the course MLM of notebook 04 otherwise. Raises ValueError for `top_k` < 1."""
        from .models import describe_checkpoint, load_model, load_tokenizer

        if not isinstance(top_k, int) or top_k < 1:
            raise ValueError(f"top_k must be an int of at least 1, got {top_k!r}.")
        self.tokenizer = tokenizer if tokenizer is not None else load_tokenizer(name)
        self.model = model if model is not None else load_model(name=name)
        self.name, self.top_k, self._from_checkpoint = name, top_k, model is None
        self._mlm: Any = self._as_masked_lm(mlm) if mlm not in (None, False) else mlm
        self.mlm_problem = "Masked-word guesses are switched off for this explorer (mlm=False)." if mlm is False else ""
        self.checkpoint = describe_checkpoint(name) if model is None else type(self.model).__name__
        limit = getattr(self.model.config, "max_position_embeddings", 512)
        self.max_length = min(limit, max_length or limit)

    @staticmethod
    def _as_masked_lm(mlm: Any) -> MaskedLM:
        if isinstance(mlm, MaskedLM):
            return mlm
        model, tokenizer, *label = mlm
        name = label[0] if label else type(model).__name__
        return MaskedLM(model, tokenizer, name, f"{name}, given to the explorer")

    def has_mlm_head(self) -> bool:
        """True when the checkpoint (loaded by name) was saved with a masked-LM head (architectures ending in
        ForMaskedLM/ForPreTraining); a model passed in as an object has no checkpoint to load a head from."""
        if not self._from_checkpoint:
            return False
        architectures = getattr(self.model.config, "architectures", None) or []
        return any(a.endswith(("ForMaskedLM", "ForPreTraining")) for a in architectures)

    def mlm(self) -> MaskedLM | None:
        """The masked-LM used for guesses (loaded once), or None with the reason in `mlm_problem`. Never raises.

        A course MLM that is not built yet is looked for again on the next call (building it takes notebook 04);
        nothing here ever trains.
        """
        from .course_mlm import CourseModelMissing

        if self._mlm is None:
            try:
                self._mlm = self._find_mlm()
            except CourseModelMissing as exc:
                self.mlm_problem = f"No masked-word guesses yet: {exc}"
                return None
            except Exception as exc:  # guesses are optional; the other views are not
                self._mlm = False
                self.mlm_problem = f"The masked-LM could not be loaded ({type(exc).__name__}: {exc})."
        return None if self._mlm is False else self._mlm

    def _find_mlm(self) -> MaskedLM:
        if self.has_mlm_head():
            from transformers import BertForMaskedLM

            from .models import load_model

            model = load_model(BertForMaskedLM, name=self.name)
            return MaskedLM(model, self.tokenizer, f"the MLM head of {self.checkpoint}",
                            f"the checkpoint's own pretrained MLM head ({self.checkpoint})")
        from .course_mlm import course_mlm_info, load_course_mlm

        info = course_mlm_info()  # raises CourseModelMissing (with how to build it) before any loading
        model, tokenizer = load_course_mlm()
        return MaskedLM(model.eval(), tokenizer, "the course's tiny MLM (notebook 04)", course_mlm_summary(info))

    def mask_source(self) -> str:
        """Where the Mask tab's guesses come from and how good they are, or how to get them. Never loads a model."""
        from .course_mlm import CourseModelMissing, course_mlm_info

        if isinstance(self._mlm, MaskedLM):
            return f"Guesses come from {self._mlm.source.rstrip('.')}."
        if self._mlm is False:
            return self.mlm_problem
        if self.has_mlm_head():
            return f"Guesses come from the checkpoint's own pretrained MLM head ({self.checkpoint})."
        try:
            return f"Guesses come from {course_mlm_summary(course_mlm_info())}"
        except CourseModelMissing as exc:
            return f"No masked-word guesses yet: {exc}"
        except Exception as exc:  # an unreadable info file must not break the tab
            return f"The course MLM's description could not be read ({type(exc).__name__}: {exc})."

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
        found = self.mlm()
        if found is None:
            result.messages.append(self.mlm_problem)
            return
        model, tokenizer, result.mlm_name = found.model, found.tokenizer, found.name
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
            top = row.topk(min(self.top_k, row.shape[-1]))
            ids = top.indices.tolist()  # an id the tokenizer cannot spell (model vocab > tokenizer vocab) is named
            words = [w if w is not None else f"[id {i}]" for w, i in zip(tokenizer.convert_ids_to_tokens(ids), ids)]
            result.predictions.append(Prediction(position, tuple(zip(words, top.values.tolist()))))

    def describe(self) -> str:
        """One line: the checkpoint in use with its layers, heads and hidden size (no machine paths)."""
        config = self.model.config
        return (f"{self.checkpoint} · {config.num_hidden_layers} layers × {config.num_attention_heads} heads, "
                f"hidden size {config.hidden_size}")

    @staticmethod
    def words(result: Analysis) -> list[str]:
        """The words of the first sentence, in order and without repeats (choices for masking a word)."""
        seen: list[str] = []
        for word in re.findall(r"\w+", result.text):
            if word.lower() not in {w.lower() for w in seen} and word.upper() != "MASK":
                seen.append(word)
        return seen
