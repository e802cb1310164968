"""Specification of the BERT Lab SQuAD v1.1 course files in data/squad/.

The course files must have exactly the layout of the public SQuAD v1.1 JSON
files, so that one loader reads both. These tests use only the standard
library and pandas.

Paragraph length is measured with a simple regex approximation of BERT
WordPiece tokens (words plus punctuation marks, ``\\w+|[^\\w\\s]``) so that the
tokenizer does not need to be loaded here; a paragraph with more than 300 such
tokens is comfortably longer than 350 WordPiece tokens.
"""

from __future__ import annotations

import importlib.util
import json
import re
import string
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
SQUAD = ROOT / "data" / "squad"
SPLITS = {"train": SQUAD / "train-v1.1.json", "dev": SQUAD / "dev-v1.1.json"}

ID_RE = re.compile(r"^[0-9a-f]{24}$")
TOKEN_RE = re.compile(r"\w+|[^\w\s]")


def approx_tokens(text: str) -> int:
    return len(TOKEN_RE.findall(text))


def load(split: str) -> dict:
    with open(SPLITS[split], encoding="utf-8") as fh:
        return json.load(fh)


@pytest.fixture(scope="module", params=["train", "dev"])
def split(request):
    return request.param, load(request.param)


def paragraphs(doc: dict):
    for article in doc["data"]:
        for para in article["paragraphs"]:
            yield article["title"], para


def questions(doc: dict):
    for title, para in paragraphs(doc):
        for qa in para["qas"]:
            yield title, para, qa


def test_both_split_files_exist():
    for path in SPLITS.values():
        assert path.is_file(), f"missing {path.name}"


def test_top_level_has_only_data_and_version_1_1(split):
    _, doc = split
    assert set(doc) == {"data", "version"}
    assert doc["version"] == "1.1"
    assert isinstance(doc["data"], list) and doc["data"]


def test_records_have_exactly_the_squad_keys_and_types(split):
    _, doc = split
    for article in doc["data"]:
        assert set(article) == {"title", "paragraphs"}
        assert isinstance(article["title"], str) and article["paragraphs"]
        for para in article["paragraphs"]:
            assert set(para) == {"context", "qas"}
            assert isinstance(para["context"], str) and para["context"].strip()
            assert para["qas"], "every paragraph has questions"
            for qa in para["qas"]:
                assert set(qa) == {"answers", "question", "id"}
                assert isinstance(qa["question"], str) and qa["question"].strip()
                for ans in qa["answers"]:
                    assert set(ans) == {"answer_start", "text"}
                    assert type(ans["answer_start"]) is int
                    assert isinstance(ans["text"], str) and ans["text"].strip()


def test_titles_are_wikipedia_style_with_underscores(split):
    _, doc = split
    titles = [a["title"] for a in doc["data"]]
    assert len(titles) == len(set(titles)), "a title appears twice in one split"
    for title in titles:
        assert " " not in title and re.fullmatch(r"[A-Z][\w\-]*", title), title


def test_every_answer_text_matches_context_at_answer_start(split):
    _, doc = split
    for title, para, qa in questions(doc):
        ctx = para["context"]
        for ans in qa["answers"]:
            start, text = ans["answer_start"], ans["text"]
            assert 0 <= start <= len(ctx) - len(text), (title, qa["id"])
            assert ctx[start:start + len(text)] == text, (title, qa["question"], text)


def test_answers_are_short_spans(split):
    _, doc = split
    lengths = [len(a["text"].split()) for _, _, qa in questions(doc) for a in qa["answers"]]
    assert max(lengths) <= 15
    assert sum(n <= 8 for n in lengths) / len(lengths) >= 0.9


def test_ids_are_24_lowercase_hex_digits(split):
    _, doc = split
    for _, _, qa in questions(doc):
        assert ID_RE.match(qa["id"]), qa["id"]


def test_ids_are_unique_across_both_splits():
    ids = [qa["id"] for s in SPLITS for _, _, qa in questions(load(s))]
    assert len(ids) == len(set(ids))


def test_train_has_exactly_one_answer_per_question():
    for _, _, qa in questions(load("train")):
        assert len(qa["answers"]) == 1, qa["id"]


def test_dev_has_one_to_three_reference_answers_per_question():
    for _, _, qa in questions(load("dev")):
        assert 1 <= len(qa["answers"]) <= 3, qa["id"]


def test_dev_reference_answers_include_differing_spans():
    """As in the public dev set, some references differ (shorter or longer spans)."""
    qas = [qa for _, _, qa in questions(load("dev"))]
    differing = [qa for qa in qas if len({a["text"] for a in qa["answers"]}) > 1]
    identical = [qa for qa in qas if len({a["text"] for a in qa["answers"]}) == 1]
    assert len(differing) >= 20 and len(identical) >= 5


def test_train_has_400_to_450_questions():
    """Enough to learn from, few enough to fine-tune 3 epochs within the notebook's budget."""
    assert 400 <= sum(1 for _ in questions(load("train"))) <= 450


def test_dev_has_at_least_150_questions_with_three_references_each():
    qas = [qa for _, _, qa in questions(load("dev"))]
    assert len(qas) >= 150 and all(len(qa["answers"]) == 3 for qa in qas)


def test_at_least_64_paragraphs_under_13_titles_in_total():
    docs = [load(s) for s in SPLITS]
    assert sum(1 for d in docs for _ in paragraphs(d)) >= 64
    assert sum(len(d["data"]) for d in docs) >= 13


def test_no_title_is_shared_between_train_and_dev():
    train_titles = {a["title"] for a in load("train")["data"]}
    dev_titles = {a["title"] for a in load("dev")["data"]}
    assert not train_titles & dev_titles


def test_at_least_ten_paragraphs_are_long_enough_for_sliding_windows():
    long_paras = [
        p for s in SPLITS for _, p in paragraphs(load(s)) if approx_tokens(p["context"]) > 300
    ]
    assert len(long_paras) >= 10


def test_long_paragraphs_have_several_answers_in_their_second_half():
    for s in SPLITS:
        for title, para in paragraphs(load(s)):
            ctx = para["context"]
            if approx_tokens(ctx) <= 300:
                continue
            late = [qa for qa in para["qas"] if qa["answers"][0]["answer_start"] > len(ctx) / 2]
            assert len(late) >= 3, title


def test_pandas_flattening_gives_one_row_per_answer(split):
    _, doc = split
    rows = pd.json_normalize(
        doc["data"], record_path=["paragraphs", "qas", "answers"],
        meta=["title", ["paragraphs", "qas", "id"]],
    )
    expected = sum(len(qa["answers"]) for _, _, qa in questions(doc))
    assert len(rows) == expected
    assert {"answer_start", "text", "title"} <= set(rows.columns)


def test_json_files_are_in_sync_with_the_build_script():
    spec = importlib.util.spec_from_file_location("squad_build", SQUAD / "build.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    rebuilt = build.parse(build.SOURCE)
    for s in SPLITS:
        assert rebuilt[s] == load(s)["data"], f"{s} JSON differs from build.py source"


# ------------------------------------------------- shortcut baselines
# Answer-position and word-overlap heuristics, scored like the official SQuAD v1.1 script (max over the
# references of exact match and token F1 after its normalisation). None may come close to a trained model.

BASELINE_F1_CEILING = 20.0
BASELINE_EM_CEILING = 10.0
STOPWORDS = set("""a an the of in on at to for by with from and or is are was were be been what which who whom
whose when where why how did does do many much long far year kind type name one its it his her their this that
these those as into than after before during about""".split())


def normalize(text: str) -> str:
    """The official SQuAD v1.1 normalisation: lower case, no punctuation, no articles, single spaces."""
    text = "".join(ch for ch in text.lower() if ch not in string.punctuation)
    return " ".join(re.sub(r"\b(a|an|the)\b", " ", text).split())


def token_f1(prediction: str, reference: str) -> float:
    pred, ref = normalize(prediction).split(), normalize(reference).split()
    common = sum((Counter(pred) & Counter(ref)).values())
    if common == 0:
        return 0.0
    precision, recall = common / len(pred), common / len(ref)
    return 2 * precision * recall / (precision + recall)


def squad_em_f1(predictions: list[str], references: list[list[str]]) -> tuple[float, float]:
    em = sum(max(normalize(p) == normalize(r) for r in refs) for p, refs in zip(predictions, references))
    f1 = sum(max(token_f1(p, r) for r in refs) for p, refs in zip(predictions, references))
    return 100 * em / len(predictions), 100 * f1 / len(predictions)


def content_words(text: str) -> set[str]:
    return {w for w in normalize(text).split() if w not in STOPWORDS}


def best_sentence(context: str, question: str) -> str:
    """The context sentence sharing the most content words with the question (first on ties)."""
    sentences = [s for s in re.split(r"(?<=[.!?;])\s+", context) if s]
    return max(sentences, key=lambda s: len(content_words(s) & content_words(question)))


def first_words(context: str, question: str, k: int = 3) -> str:
    return " ".join(context.split()[:k])


def best_sentence_first_words(context: str, question: str, k: int = 3) -> str:
    return " ".join(best_sentence(context, question).split()[:k])


def best_sentence_new_phrase(context: str, question: str, k: int = 4) -> str:
    """In the best sentence, the first run of up to k content words that the question does not use."""
    asked, run = content_words(question), []
    for word in best_sentence(context, question).split():
        norm = normalize(word)
        if norm and norm not in asked and norm not in STOPWORDS:
            run.append(word)
            if len(run) == k:
                break
        elif run:
            break
    return " ".join(run)


def sliding_window(context: str, question: str, length: int = 3, window: int = 8) -> str:
    """The span of `length` words, none of them in the question, with most question words around it."""
    asked, words = content_words(question), context.split()
    norms = [normalize(w) for w in words]
    best, best_start = -1, 0
    for i in range(len(words) - length + 1):
        if any(n in asked for n in norms[i:i + length]):
            continue
        around = set(norms[max(0, i - window):i]) | set(norms[i + length:i + length + window])
        if len(around & asked) > best:
            best, best_start = len(around & asked), i
    return " ".join(words[best_start:best_start + length])


BASELINES = {
    "first 3 words of the context": first_words,
    "first 3 words of the best-overlap sentence": best_sentence_first_words,
    "first new phrase of the best-overlap sentence": best_sentence_new_phrase,
    "sliding window, 3-word span": sliding_window,
    "sliding window, 1-word span": lambda c, q: sliding_window(c, q, 1),
}


def test_squad_metric_helpers_follow_the_official_rules():
    assert normalize("The  Matterhorn!") == "matterhorn"
    assert squad_em_f1(["the Matterhorn"], [["Matterhorn", "a peak"]]) == (100.0, 100.0)
    assert squad_em_f1(["two thirds"], [["roughly two thirds"]])[1] == pytest.approx(80.0)


@pytest.mark.parametrize("name", list(BASELINES))
def test_answer_position_and_overlap_baselines_stay_below_their_ceiling(split, name):
    _, doc = split
    rows = [(p["context"], qa["question"], [a["text"] for a in qa["answers"]]) for _, p, qa in questions(doc)]
    predictions = [BASELINES[name](context, question) for context, question, _ in rows]
    em, f1 = squad_em_f1(predictions, [refs for _, _, refs in rows])
    assert em <= BASELINE_EM_CEILING and f1 <= BASELINE_F1_CEILING, (name, em, f1)


def test_many_questions_paraphrase_their_answer_sentence():
    """At most half of a question's content words may appear in the answer's sentence, for >= 40 % of questions."""
    shares = []
    for s in SPLITS:
        for _, para, qa in questions(load(s)):
            ctx, start = para["context"], qa["answers"][0]["answer_start"]
            left = max(ctx.rfind(". ", 0, start), -1) + 1
            right = ctx.find(". ", start)
            sentence = ctx[left:right if right != -1 else None]
            asked = content_words(qa["question"])
            shares.append(len(asked & content_words(sentence)) / max(len(asked), 1))
    assert sum(x <= 0.5 for x in shares) / len(shares) >= 0.4


def test_answers_include_numbers_dates_and_long_noun_phrases(split):
    _, doc = split
    first = [qa["answers"][0]["text"] for _, _, qa in questions(doc)]
    number_words = r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|" \
        r"hundred|thousand|million|half|third|quarter|fifth)\b"
    numeric = [a for a in first if re.search(r"\d", a) or re.search(number_words, a.lower())]
    long_phrases = [a for a in first if len(a.split()) >= 5]
    assert len(numeric) / len(first) >= 0.25 and len(long_phrases) / len(first) >= 0.10
