"""Extractive question answering: answer labels from character offsets, sliding windows, span decoding, EM/F1.

Pure functions on lists and tensors (labels, windows, best-span search, SQuAD metrics), then an HTML view.
Taught in 09_question_answering.
"""
from __future__ import annotations

import html
import re
import string
from collections import Counter
from collections.abc import Sequence
from typing import Any, NamedTuple

__all__ = [
    "Span",
    "Answer",
    "answer_token_span",
    "prepare_features",
    "best_spans",
    "argmax_span",
    "decode_answers",
    "normalize_answer",
    "exact_match",
    "f1",
    "squad_scores",
    "first_words_baseline",
    "answer_html",
    "answer_question",
    "qa_playground",
]

Offsets = Sequence[tuple[int, int] | None]


class Span(NamedTuple):
    """A candidate answer: score (start + end logit), token positions (inclusive) and context characters [a, b)."""

    score: float
    start: int
    end: int
    start_char: int
    end_char: int


class Answer(NamedTuple):
    """A decoded answer: its text, score and character span [start_char, end_char) in the context."""

    text: str
    score: float
    start_char: int
    end_char: int


def answer_token_span(offsets: Offsets, sequence_ids: Sequence[int | None], start_char: int,
                      end_char: int) -> tuple[int, int]:
    """Token positions (start, end inclusive) of the characters [start_char, end_char) in the context part.

    Returns (0, 0), the [CLS] position, when the answer is not wholly inside this window's context.
    """
    context = [i for i, s in enumerate(sequence_ids) if s == 1]
    if not context:
        return 0, 0
    first, last = context[0], context[-1]
    if offsets[first][0] > start_char or offsets[last][1] < end_char:
        return 0, 0
    start = first
    while start < last and offsets[start + 1][0] <= start_char:  # last token that starts at or before the answer
        start += 1
    end = last
    while end > first and offsets[end - 1][1] >= end_char:  # first token that ends at or after the answer
        end -= 1
    return start, end


def prepare_features(tokenizer: Any, questions: Sequence[str], contexts: Sequence[str],
                     answers: Sequence[dict] | None = None, max_length: int = 384, stride: int = 128) -> dict:
    """Question+context windows (context overflows into windows that overlap by `stride` tokens).

    Returns a dict of F unpadded rows: `input_ids`, `token_type_ids`, `attention_mask`, `overflow_to_sample_mapping`
    (window → example), `offset_mapping` (None outside the context) and, with `answers` (SQuAD dicts with `text`
    and `answer_start` lists; the first one is used), `start_positions` / `end_positions`.
    """
    encodings = tokenizer([q.strip() for q in questions], list(contexts), truncation="only_second",
                          max_length=max_length, stride=stride, return_overflowing_tokens=True,
                          return_offsets_mapping=True)
    sample = list(encodings["overflow_to_sample_mapping"])
    features: dict[str, list] = {k: list(v) for k, v in encodings.items() if k != "offset_mapping"}
    features["offset_mapping"] = []
    if answers is not None:
        features["start_positions"], features["end_positions"] = [], []
    for i, offsets in enumerate(encodings["offset_mapping"]):
        sequence_ids = encodings.sequence_ids(i)
        if answers is not None:
            answer = answers[sample[i]]
            start_char = int(answer["answer_start"][0])
            start, end = answer_token_span(offsets, sequence_ids, start_char, start_char + len(answer["text"][0]))
            features["start_positions"].append(start)
            features["end_positions"].append(end)
        features["offset_mapping"].append([tuple(o) if s == 1 else None for o, s in zip(offsets, sequence_ids)])
    return features


def best_spans(start_logits: Any, end_logits: Any, offsets: Offsets, max_answer_length: int = 30,
               n_best: int = 5) -> list[Span]:
    """The n best valid spans of one window: context tokens only, start <= end < start + max_answer_length.

    `start_logits`, `end_logits`: (T,). Every (start, end) pair is scored as start_logit + end_logit in a (T, T)
    matrix; invalid pairs are masked to -inf before taking the top n.
    """
    import torch

    start_logits, end_logits = torch.as_tensor(start_logits).float(), torch.as_tensor(end_logits).float()
    length = start_logits.shape[0]
    in_context = torch.tensor([o is not None for o in offsets[:length]])  # (T,)
    scores = start_logits[:, None] + end_logits[None, :]  # (T, T): row = start, column = end
    gap = torch.arange(length)[None, :] - torch.arange(length)[:, None]  # end - start
    valid = (gap >= 0) & (gap < max_answer_length) & in_context[:, None] & in_context[None, :]
    scores = scores.masked_fill(~valid, float("-inf")).flatten()
    count = min(n_best, int(valid.sum()))
    if count == 0:
        return []
    top = torch.topk(scores, count)
    spans = []
    for score, flat in zip(top.values.tolist(), top.indices.tolist()):
        start, end = divmod(flat, length)
        spans.append(Span(score, start, end, offsets[start][0], offsets[end][1]))
    return spans


def argmax_span(start_logits: Any, end_logits: Any) -> tuple[int, int]:
    """The naive decoder: two independent argmaxes (start, end), which may give end < start or a question token."""
    import torch

    return int(torch.as_tensor(start_logits).argmax()), int(torch.as_tensor(end_logits).argmax())


def decode_answers(contexts: Sequence[str], features: dict, start_logits: Any, end_logits: Any,
                   max_answer_length: int = 30, n_best: int = 5) -> list[list[Answer]]:
    """Per example, the n best answers over all its windows, mapped back to context characters.

    `start_logits`, `end_logits`: (F, T) or a list of F rows, one per window in `features` (from `prepare_features`).
    """
    candidates: list[list[Span]] = [[] for _ in contexts]
    for window, example in enumerate(features["overflow_to_sample_mapping"]):
        offsets = features["offset_mapping"][window]
        candidates[example] += best_spans(start_logits[window][:len(offsets)], end_logits[window][:len(offsets)],
                                          offsets, max_answer_length, n_best)
    answers = []
    for context, spans in zip(contexts, candidates):
        best: dict[str, Answer] = {}
        for span in sorted(spans, key=lambda s: -s.score):  # the same text from two windows counts once
            text = context[span.start_char:span.end_char]
            best.setdefault(text, Answer(text, span.score, span.start_char, span.end_char))
        answers.append(list(best.values())[:n_best] or [Answer("", 0.0, 0, 0)])
    return answers


def normalize_answer(text: str) -> str:
    """SQuAD normalisation: lower case, drop punctuation, drop the articles a/an/the, squeeze whitespace."""
    text = text.lower()
    text = "".join(ch for ch in text if ch not in set(string.punctuation))
    text = re.sub(r"\b(a|an|the)\b", " ", text)
    return " ".join(text.split())


def exact_match(prediction: str, references: Sequence[str]) -> float:
    """1.0 if the normalised prediction equals any normalised reference, else 0.0."""
    return float(any(normalize_answer(prediction) == normalize_answer(r) for r in references))


def _f1_one(prediction: str, reference: str) -> float:
    pred, ref = normalize_answer(prediction).split(), normalize_answer(reference).split()
    common = sum((Counter(pred) & Counter(ref)).values())
    if common == 0:  # SQuAD v1.1: no shared word (even two empty answers) scores 0
        return 0.0
    precision, recall = common / len(pred), common / len(ref)
    return 2 * precision * recall / (precision + recall)


def f1(prediction: str, references: Sequence[str]) -> float:
    """Word-overlap F1 of the normalised prediction against the best-matching reference (max over references)."""
    return max((_f1_one(prediction, r) for r in references), default=0.0)


def squad_scores(predictions: Sequence[str], references: Sequence[Sequence[str]]) -> dict[str, float]:
    """Mean exact match and F1 over questions, in percent (as the official SQuAD v1.1 script reports them)."""
    if len(predictions) != len(references):
        raise ValueError(f"{len(predictions)} predictions but {len(references)} reference lists.")
    n = max(len(predictions), 1)
    return {"exact_match": 100 * sum(exact_match(p, r) for p, r in zip(predictions, references)) / n,
            "f1": 100 * sum(f1(p, r) for p, r in zip(predictions, references)) / n}


def first_words_baseline(context: str, k: int = 3) -> str:
    """A trivial answer: the first k words of the context."""
    return " ".join(context.split()[:k])


def answer_html(context: str, spans: Sequence[tuple[int, int, str]], question: str | None = None) -> str:
    """The context with character spans [a, b) highlighted and labelled (escaped HTML, inline CSS only)."""
    colours = ("#cdeccb", "#f6c6c6", "#c6dcf6", "#f3e2b3")
    marks = sorted((a, b, label, colours[i % len(colours)]) for i, (a, b, label) in enumerate(spans) if a < b)
    parts, position = [], 0
    for a, b, label, colour in marks:
        if a < position:  # overlaps a span already drawn (e.g. prediction = reference): keep the first
            continue
        parts.append(html.escape(context[position:a]))
        parts.append(f'<span style="background:{colour};border-radius:4px;padding:1px 3px">'
                     f"{html.escape(context[a:b])}<sub style='font-weight:bold'>{html.escape(label)}</sub></span>")
        position = b
    parts.append(html.escape(context[position:]))
    head = f"<div><b>Q:</b> {html.escape(question)}</div>" if question else ""
    return f'<div style="line-height:1.7;font-family:sans-serif;max-width:60em">{head}{"".join(parts)}</div>'


def answer_question(model: Any, tokenizer: Any, question: str, context: str, max_length: int = 384,
                    stride: int = 128, n_best: int = 3) -> list[Answer]:
    """The n best answers of a question-answering model for one question and a context of any length (windows)."""
    import torch

    from .training import make_loader

    features = prepare_features(tokenizer, [question], [context], max_length=max_length, stride=stride)
    starts: list[Any] = []
    ends: list[Any] = []
    with torch.no_grad():
        for batch in make_loader(features, batch_size=8, pad_token_id=tokenizer.pad_token_id or 0):
            out = model(**batch)
            starts += list(out.start_logits)
            ends += list(out.end_logits)
    return decode_answers([context], features, starts, ends, n_best=n_best)[0]


def qa_playground(model: Any, tokenizer: Any, question: str, context: str) -> Any:
    """Two text boxes (question, context) and the best answer highlighted; bad input gives a message."""
    import ipywidgets as widgets

    q_box = widgets.Text(value=question, description="Question", continuous_update=False,
                         layout=widgets.Layout(width="95%"))
    c_box = widgets.Textarea(value=context, description="Context", continuous_update=False,
                             layout=widgets.Layout(width="95%", height="8em"))
    view = widgets.HTML()

    def refresh(_: Any = None) -> None:
        if not q_box.value.strip() or not c_box.value.strip():
            view.value = "<i>Type a question and a context that holds its answer.</i>"
            return
        answers = [a for a in answer_question(model, tokenizer, q_box.value, c_box.value) if a.text]
        if not answers:
            view.value = "<i>No answer span found in this context.</i>"
            return
        best = answers[0]
        others = ", ".join(html.escape(repr(a.text)) for a in answers[1:])
        view.value = answer_html(c_box.value, [(best.start_char, best.end_char, "answer")]) + \
            (f"<div style='color:#555'>runners-up: {others}</div>" if others else "")

    q_box.observe(refresh, names="value")
    c_box.observe(refresh, names="value")
    refresh()
    return widgets.VBox([q_box, c_box, view])
