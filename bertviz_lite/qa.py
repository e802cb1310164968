"""Extractive question answering: answer labels from character offsets, sliding windows, span decoding, EM/F1.

The first part is written and checked in 09_question_answering (cells that start `# saved in bertviz_lite.qa`
hold the same code): `answer_token_span`, `window_room`, `prepare_features`, `Span`, `best_spans`, `Answer`,
`decode_answers` and the SQuAD v1.1 metrics. Baselines, an HTML view and a widget are built on top of them.
"""
from __future__ import annotations

import html
import re
import string
from collections import Counter
from collections.abc import Sequence
from typing import Any, NamedTuple

import torch

__all__ = [
    "Span",
    "Answer",
    "answer_token_span",
    "window_room",
    "prepare_features",
    "best_spans",
    "argmax_span",
    "decode_answers",
    "normalize_answer",
    "exact_match",
    "f1",
    "squad_scores",
    "first_words_baseline",
    "overlap_baseline",
    "answer_html",
    "answer_question",
    "qa_playground",
]


def answer_token_span(offsets: Sequence[tuple[int, int]], sequence_ids: Sequence[int | None], start_char: int,
                      end_char: int) -> tuple[int, int]:
    """Token positions (start, end), both included, of the context characters [start_char, end_char).

    `offsets` (T,) and `sequence_ids` (T,) come from a fast tokenizer (`return_offsets_mapping=True`,
    `sequence_ids()`; 1 marks context tokens). Start is the last context token that starts at or before
    `start_char`, end the first that ends at or after `end_char`, as `char_to_token` finds them. Returns (0, 0),
    the [CLS] position, when the answer is not wholly inside this window's context. Raises ValueError on an
    empty or reversed character span. Taught in 09_question_answering.
    """
    if not 0 <= start_char < end_char:
        raise ValueError(f"start_char={start_char}, end_char={end_char}: expected 0 <= start_char < end_char.")
    context = [i for i, s in enumerate(sequence_ids) if s == 1]
    if not context or offsets[context[0]][0] > start_char or offsets[context[-1]][1] < end_char:
        return 0, 0  # the answer is not (wholly) in this window: point at [CLS]
    first, last = context[0], context[-1]
    start = first
    while start < last and offsets[start + 1][0] <= start_char:  # last token starting at or before the answer
        start += 1
    end = last
    while end > first and offsets[end - 1][1] >= end_char:  # first token ending at or after the answer
        end -= 1
    return start, end


def window_room(tokenizer: Any, questions: Sequence[str], max_length: int, stride: int) -> int:
    """How many context tokens one window holds: `max_length` minus the longest question and the special tokens.

    Raises ValueError when `questions` is empty, when `max_length` leaves no room for context, or when `stride`
    (the context tokens two consecutive windows share) is not in [0, room): the fast tokenizer panics on such values.
    Taught in 09_question_answering.
    """
    if len(questions) == 0:
        raise ValueError("questions is empty: pass at least one question (and its context).")
    longest = max((len(ids) for ids in tokenizer(list(questions), add_special_tokens=False)["input_ids"]), default=0)
    room = max_length - longest - tokenizer.num_special_tokens_to_add(pair=True)
    if room < 1:
        raise ValueError(f"max_length={max_length} leaves no room for context after the longest question "
                         f"({longest} tokens + special tokens): raise max_length or shorten the question.")
    if not 0 <= stride < room:
        raise ValueError(f"stride={stride} must be in [0, {room}): a window holds {room} context tokens "
                         f"(max_length={max_length}, longest question {longest} tokens).")
    return room


def prepare_features(tokenizer: Any, questions: Sequence[str], contexts: Sequence[str],
                     answers: Sequence[dict] | None = None, max_length: int = 384, stride: int = 128) -> dict:
    """Question + context windows (F rows) whose contexts overlap by `stride` tokens, with answer labels.

    Returns a dict of F unpadded rows: `input_ids`, `token_type_ids`, `attention_mask`, `overflow_to_sample_mapping`
    (window → example), `offset_mapping` (character pairs, None outside the context) and, with `answers` (SQuAD
    dicts with `text` and `answer_start` lists; the first answer is used), `start_positions` / `end_positions`:
    (0, 0) when the window lacks the answer or the question has none (`text` empty, SQuAD 2.0 style). Raises
    ValueError when `questions` is empty or on a `max_length` or `stride` no window can satisfy (see
    `window_room`). As in the Hugging Face question-answering guide. Taught in 09_question_answering.
    """
    questions = [q.strip() for q in questions]
    window_room(tokenizer, questions, max_length, stride)  # ValueError for no question or when no window fits
    encodings = tokenizer(questions, list(contexts), truncation="only_second", max_length=max_length,
                          stride=stride, return_overflowing_tokens=True, return_offsets_mapping=True)
    features = {key: list(value) for key, value in encodings.items() if key != "offset_mapping"}
    features["offset_mapping"] = []
    if answers is not None:
        features["start_positions"], features["end_positions"] = [], []
    for i, offsets in enumerate(encodings["offset_mapping"]):
        sequence_ids = encodings.sequence_ids(i)
        features["offset_mapping"].append([tuple(o) if s == 1 else None for o, s in zip(offsets, sequence_ids)])
        if answers is None:
            continue
        answer = answers[encodings["overflow_to_sample_mapping"][i]]
        start, end = 0, 0  # no answer at all: both pointers on [CLS]
        if answer["text"]:
            start_char = int(answer["answer_start"][0])
            start, end = answer_token_span(offsets, sequence_ids, start_char, start_char + len(answer["text"][0]))
        features["start_positions"].append(start)
        features["end_positions"].append(end)
    return features


class Span(NamedTuple):
    """A candidate answer of one window: score, token positions and context characters.

    `score` is start logit + end logit, `start`/`end` token positions (both included), the answer is the context's
    characters [start_char, end_char). Taught in 09_question_answering.
    """

    score: float
    start: int
    end: int
    start_char: int
    end_char: int


def best_spans(start_logits: Any, end_logits: Any, offsets: Sequence[tuple[int, int] | None],
               max_answer_length: int = 30, n_best: int = 5) -> list[Span]:
    """The `n_best` best valid spans of one window, best first: in the context, start <= end, short enough.

    Valid means both ends on context tokens and end - start < `max_answer_length`. `start_logits`, `end_logits`:
    (T,); `offsets` (T,) with None outside the context. Every (start, end) pair is scored start_logit + end_logit
    in a (T, T) matrix; invalid pairs are set to -inf before the top n (the Hugging Face question-answering
    postprocessing rule, done with one matrix). Returns [] when no pair is
    valid. Raises ValueError when `n_best` or `max_answer_length` < 1 or the lengths disagree.
    Taught in 09_question_answering.
    """
    if n_best < 1 or max_answer_length < 1:
        raise ValueError(f"n_best={n_best} and max_answer_length={max_answer_length} must both be at least 1.")
    start_logits, end_logits = torch.as_tensor(start_logits).float(), torch.as_tensor(end_logits).float()
    length = start_logits.shape[0]
    if end_logits.shape[0] != length or len(offsets) < length:
        raise ValueError(f"start_logits ({length}), end_logits ({end_logits.shape[0]}) and offsets "
                         f"({len(offsets)}) must cover the same tokens.")
    in_context = torch.tensor([o is not None for o in offsets[:length]], dtype=torch.bool)  # (T,)
    scores = start_logits[:, None] + end_logits[None, :]  # (T, T): row = start, column = end
    gap = torch.arange(length)[None, :] - torch.arange(length)[:, None]  # end - start
    valid = (gap >= 0) & (gap < max_answer_length) & in_context[:, None] & in_context[None, :]
    top = torch.topk(scores.masked_fill(~valid, float("-inf")).flatten(), min(n_best, int(valid.sum())))
    spans = []
    for score, flat in zip(top.values.tolist(), top.indices.tolist()):
        start, end = divmod(flat, length)
        spans.append(Span(score, start, end, offsets[start][0], offsets[end][1]))
    return spans


def argmax_span(start_logits: Any, end_logits: Any) -> tuple[int, int]:
    """The naive decoder: two independent argmaxes (start, end), which may give end < start or a question token.

    Raises ValueError when `start_logits` or `end_logits` is empty.
    """
    if torch.as_tensor(start_logits).numel() == 0 or torch.as_tensor(end_logits).numel() == 0:
        raise ValueError("start_logits and end_logits must hold at least one position each.")
    return int(torch.as_tensor(start_logits).argmax()), int(torch.as_tensor(end_logits).argmax())


class Answer(NamedTuple):
    """A decoded answer: its text, score and character span [start_char, end_char) in the context.

    Taught in 09_question_answering.
    """

    text: str
    score: float
    start_char: int
    end_char: int


def decode_answers(contexts: Sequence[str], features: dict, start_logits: Any, end_logits: Any,
                   max_answer_length: int = 30, n_best: int = 5) -> list[list[Answer]]:
    """Per example, its `n_best` answers over all its windows, best first, mapped back to context characters.

    `start_logits`, `end_logits`: (F, T) or F rows, one per window of `features` (from `prepare_features`). The
    same text found in two windows counts once (its best score). An example with no valid span gets
    [Answer("", 0.0, 0, 0)]. Raises ValueError when the logits do not have one row per window.
    Taught in 09_question_answering.
    """
    windows = len(features["overflow_to_sample_mapping"])
    if len(start_logits) != windows or len(end_logits) != windows:
        raise ValueError(f"{windows} windows but {len(start_logits)} start_logits and {len(end_logits)} "
                         "end_logits rows: pass one row per window.")
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
    """SQuAD v1.1 normalisation: lower case, drop punctuation, drop the articles a/an/the, squeeze whitespace.

    The steps and their order of the official evaluation script (Rajpurkar et al. 2016).
    Taught in 09_question_answering.
    """
    text = "".join(ch for ch in text.lower() if ch not in string.punctuation)
    text = re.sub(r"\b(a|an|the)\b", " ", text)
    return " ".join(text.split())


def exact_match(prediction: str, references: Sequence[str]) -> float:
    """1.0 if the normalised prediction equals any normalised reference, else 0.0. Raises ValueError on no reference.

    Taught in 09_question_answering.
    """
    if len(references) == 0:
        raise ValueError("references is empty: a SQuAD v1.1 question has at least one reference answer.")
    return float(any(normalize_answer(prediction) == normalize_answer(r) for r in references))


def _f1_one(prediction: str, reference: str) -> float:
    """Word-bag F1 of two normalised answers; 0.0 when no word is shared (even two empty answers, as v1.1 does).

    Taught in 09_question_answering.
    """
    pred, ref = normalize_answer(prediction).split(), normalize_answer(reference).split()
    common = sum((Counter(pred) & Counter(ref)).values())
    if common == 0:
        return 0.0
    precision, recall = common / len(pred), common / len(ref)
    return 2 * precision * recall / (precision + recall)


def f1(prediction: str, references: Sequence[str]) -> float:
    """Word-overlap F1 in [0, 1] against the best-matching reference. Raises ValueError on no reference.

    Taught in 09_question_answering.
    """
    if len(references) == 0:
        raise ValueError("references is empty: a SQuAD v1.1 question has at least one reference answer.")
    return max(_f1_one(prediction, r) for r in references)


def squad_scores(predictions: Sequence[str], references: Sequence[Sequence[str]]) -> dict[str, float]:
    """Mean exact match and F1 over N questions, in percent (0–100, as the official SQuAD v1.1 script reports).

    Raises ValueError when `predictions` is empty or its length differs from `references`.
    Taught in 09_question_answering.
    """
    if len(predictions) == 0 or len(predictions) != len(references):
        raise ValueError(f"{len(predictions)} predictions and {len(references)} reference lists: "
                         "pass one prediction per question, at least one.")
    n = len(predictions)
    return {"exact_match": 100 * sum(exact_match(p, r) for p, r in zip(predictions, references)) / n,
            "f1": 100 * sum(f1(p, r) for p, r in zip(predictions, references)) / n}


def first_words_baseline(context: str, k: int = 3) -> str:
    """A trivial answer: the first k words of the context. Raises ValueError when k < 1."""
    if k < 1:
        raise ValueError(f"k={k}: the baseline answers with at least one word.")
    return " ".join(context.split()[:k])


def _words(text: str) -> list[str]:
    return [w for w in normalize_answer(text).split() if w]


def overlap_baseline(question: str, context: str, k: int = 3, window: int = 8) -> str:
    """A non-neural answer: the k-word span of the context whose neighbourhood shares most words with the question.

    Each candidate span of `k` context words is scored by how many distinct (normalised) question words occur
    within `window` words on either side of it; spans made of question words are skipped, ties go to the first
    span. The sliding-window idea of the baselines of Richardson et al. (2013, MCTest) and Rajpurkar et al.
    (2016, SQuAD). Returns "" for an empty context; raises ValueError when k < 1 or window < 0.
    """
    if k < 1 or window < 0:
        raise ValueError(f"k={k} must be at least 1 and window={window} at least 0.")
    words = context.split()
    asked = set(_words(question))
    best, best_score = "", -1
    for i in range(max(len(words) - k + 1, 0)):
        span = words[i:i + k]
        if all(w in asked for w in _words(" ".join(span))):
            continue
        around = set(_words(" ".join(words[max(i - window, 0):i] + words[i + k:i + k + window])))
        score = len(around & asked)
        if score > best_score:
            best, best_score = " ".join(span), score
    return best


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
    view, message = widgets.HTML(), widgets.HTML()

    def refresh(_: Any = None) -> None:
        if not q_box.value.strip() or not c_box.value.strip():
            message.value = "<i>Type a question and a context that holds its answer.</i>"
            return
        try:
            answers = [a for a in answer_question(model, tokenizer, q_box.value, c_box.value) if a.text]
        except Exception as exc:  # e.g. a question longer than a window: keep the last good view
            message.value = f"<span style='color:#a33'>{html.escape(str(exc))}</span>"
            return
        if not answers:
            message.value = "<i>No answer span found in this context.</i>"
            return
        best = answers[0]
        others = ", ".join(html.escape(repr(a.text)) for a in answers[1:])
        view.value = answer_html(c_box.value, [(best.start_char, best.end_char, "answer")])
        message.value = f"<span style='color:#555'>runners-up: {others}</span>" if others else ""

    q_box.observe(refresh, names="value")
    c_box.observe(refresh, names="value")
    refresh()
    return widgets.VBox([q_box, c_box, view, message])
