"""Specification of the course SST-2 files in data/sst2/.

The files must use the exact format of the public SST-2 TSVs
(``sentence<TAB>label``, no header, label 1 = positive, 0 = negative,
UTF-8, no newline after the last line) and the style of the real data
(lowercase, Penn-Treebank tokenisation, single review sentences).
They are derived from ``data/sst2/source/`` by ``data/sst2/build.py``.

The shortcut tests train cheap baselines on ``train.tsv`` and assert that each
stays under a stated ceiling on dev (and test), so that a model cannot score
well from sentence length, one keyword or a bag of words alone.
"""

import functools
import importlib.util
import re
import statistics
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "sst2"

SPLITS = ["train", "dev", "test"]
MIN_SIZE = {"train": 3000, "dev": 600, "test": 600}
MAX_LABEL_SKEW = 0.01  # positive share must lie within 50 % +- 1 %
MIN_WORDS, MAX_WORDS = 2, 50
MEDIAN_RANGE = (15, 21)  # words; the public SST-2 train sentences: median 18
P90_RANGE = (26, 34)  # words; the public SST-2 train sentences: 90th percentile 31

# Ceilings for the shortcut baselines (accuracy; the datasheet in data/README.md states them too)
LENGTH_CEILING = 0.58  # logistic regression on the word count, scored on dev
KEYWORD_CEILING = 0.70  # the one token whose presence best predicts the label on train, scored on dev
TFIDF_CEILING = 0.82  # TF-IDF 1-2-grams + logistic regression (C by 5-fold CV on train), on dev and on test

# Tokens that legitimately keep a trailing period in PTB-tokenised text.
ABBREVIATIONS = {"mr.", "mrs.", "ms.", "dr.", "st.", "jr.", "sr.", "vs.", "etc.", "co.", "inc."}


def path_of(split):
    return DATA / f"{split}.tsv"


@functools.cache
def raw_bytes(split):
    return path_of(split).read_bytes()


@functools.cache
def lines(split):
    return raw_bytes(split).decode("utf-8").split("\n")


@functools.cache
def rows(split):
    """(sentence, label) pairs of the well-formed lines.

    Malformed lines are reported by the format tests, so that each test
    checks one property only.
    """
    return [tuple(line.split("\t")) for line in lines(split) if line.count("\t") == 1]


def sentences(split):
    return [sentence for sentence, _ in rows(split)]


def labels(split):
    return [label for _, label in rows(split)]


# --- format ------------------------------------------------------------------


@pytest.mark.parametrize("split", SPLITS)
def test_file_exists(split):
    assert path_of(split).is_file(), f"missing {path_of(split).relative_to(ROOT)}"


@pytest.mark.parametrize("split", SPLITS)
def test_file_is_valid_utf8(split):
    raw_bytes(split).decode("utf-8")  # raises UnicodeDecodeError otherwise


@pytest.mark.parametrize("split", SPLITS)
def test_file_has_no_byte_order_mark_or_carriage_returns(split):
    data = raw_bytes(split)
    assert not data.startswith(b"\xef\xbb\xbf")
    assert b"\r" not in data


@pytest.mark.parametrize("split", SPLITS)
def test_file_does_not_end_with_newline(split):
    assert not raw_bytes(split).endswith(b"\n")


@pytest.mark.parametrize("split", SPLITS)
def test_file_has_no_empty_lines(split):
    empty = [i + 1 for i, line in enumerate(lines(split)) if not line.strip()]
    assert not empty, f"empty lines at {empty[:10]}"


@pytest.mark.parametrize("split", SPLITS)
def test_file_has_no_header_line(split):
    first = lines(split)[0]
    assert first.lower() != "sentence\tlabel"
    assert first.rsplit("\t", 1)[-1] in {"0", "1"}


@pytest.mark.parametrize("split", SPLITS)
def test_every_line_has_exactly_one_tab(split):
    bad = [i + 1 for i, line in enumerate(lines(split)) if line.count("\t") != 1]
    assert not bad, f"lines without exactly one tab: {bad[:10]}"


@pytest.mark.parametrize("split", SPLITS)
def test_every_label_is_0_or_1(split):
    bad = sorted(set(labels(split)) - {"0", "1"})
    assert not bad, f"unexpected labels: {bad}"


@pytest.mark.parametrize("split", SPLITS)
def test_sentences_have_no_surrounding_whitespace(split):
    bad = [s for s in sentences(split) if s != s.strip() or "  " in s]
    assert not bad, f"stray whitespace: {bad[:5]}"


# --- size and balance ----------------------------------------------------------


@pytest.mark.parametrize("split", SPLITS)
def test_split_has_minimum_size(split):
    assert len(rows(split)) >= MIN_SIZE[split]


@pytest.mark.parametrize("split", SPLITS)
def test_labels_are_balanced(split):
    counts = Counter(labels(split))
    share = counts["1"] / len(rows(split))
    assert abs(share - 0.5) <= MAX_LABEL_SKEW, f"positive share {share:.3f} ({dict(counts)})"


# --- style ----------------------------------------------------------------------


@pytest.mark.parametrize("split", SPLITS)
def test_sentences_are_lowercase(split):
    bad = [s for s in sentences(split) if s != s.lower()]
    assert not bad, f"not lowercase: {bad[:5]}"


@pytest.mark.parametrize("split", SPLITS)
def test_sentence_lengths_are_within_bounds(split):
    bad = [s for s in sentences(split) if not MIN_WORDS <= len(s.split()) <= MAX_WORDS]
    assert not bad, f"length outside {MIN_WORDS}..{MAX_WORDS} words: {bad[:5]}"


@pytest.mark.parametrize("split", SPLITS)
def test_median_sentence_length_is_realistic(split):
    median = statistics.median(len(s.split()) for s in sentences(split))
    low, high = MEDIAN_RANGE
    assert low <= median <= high, f"median length {median}"


@pytest.mark.parametrize("split", SPLITS)
def test_negation_clitic_is_split_off(split):
    # PTB style: "does n't", "ca n't" -- never "doesn't" or "can't".
    bad = [s for s in sentences(split) if re.search(r"[a-z]n't\b", s)]
    assert not bad, f"glued n't: {bad[:5]}"


@pytest.mark.parametrize("split", SPLITS)
def test_possessive_and_contraction_clitics_are_split_off(split):
    # PTB style: "it 's", "they 're", "i 've", "we 'll", "he 'd", "i 'm".
    bad = [s for s in sentences(split) if re.search(r"[a-z0-9]'(s|re|ve|ll|d|m)\b", s)]
    assert not bad, f"glued clitic: {bad[:5]}"


@pytest.mark.parametrize("split", SPLITS)
def test_punctuation_is_not_glued_to_words(split):
    def glued(token):
        if token in ABBREVIATIONS or re.fullmatch(r"([a-z]\.)+", token):
            return False  # abbreviations and initials such as "u.s."
        if re.fullmatch(r"\d+([.,:]\d+)*", token):
            return False  # numbers such as "2.5" or "1,000"
        return bool(re.search(r"\w[,.;:!?]+$|^[,.;:!?]+\w", token))

    bad = [s for s in sentences(split) if any(glued(t) for t in s.split())]
    assert not bad, f"punctuation glued to a word: {bad[:5]}"


@pytest.mark.parametrize("split", SPLITS)
def test_brackets_and_double_quotes_use_ptb_escapes(split):
    # Parentheses are written -lrb- / -rrb-, double quotes as `` and ''.
    bad = [s for s in sentences(split) if re.search(r'[()"\[\]{}]', s)]
    assert not bad, f"raw brackets or double quotes: {bad[:5]}"


# --- uniqueness -----------------------------------------------------------------


@pytest.mark.parametrize("split", SPLITS)
def test_no_duplicate_sentences_within_split(split):
    dups = [s for s, n in Counter(sentences(split)).items() if n > 1]
    assert not dups, f"duplicates: {dups[:5]}"


@pytest.mark.parametrize("a, b", [("train", "dev"), ("train", "test"), ("dev", "test")])
def test_no_sentence_is_shared_between_splits(a, b):
    shared = set(sentences(a)) & set(sentences(b))
    assert not shared, f"{len(shared)} shared between {a} and {b}: {sorted(shared)[:5]}"


@pytest.mark.parametrize("split", SPLITS)
def test_90th_percentile_of_sentence_length_is_realistic(split):
    p90 = float(np.percentile([len(s.split()) for s in sentences(split)], 90))
    low, high = P90_RANGE
    assert low <= p90 <= high, f"90th percentile of length {p90}"


# --- source -> derived files ------------------------------------------------------


def test_files_are_exactly_what_build_py_derives_from_the_sources():
    spec = importlib.util.spec_from_file_location("sst2_build", DATA / "build.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    for split, pairs in build.build().items():
        expected = "\n".join(f"{sentence}\t{label}" for sentence, label in pairs)
        assert raw_bytes(split).decode("utf-8") == expected, f"{split}.tsv differs: run python data/sst2/build.py"


# --- shortcut baselines --------------------------------------------------------------


def word_counts(split):
    return np.array([[len(s.split())] for s in sentences(split)], dtype=float)


def label_array(split):
    return np.array([int(label) for label in labels(split)])


def test_length_alone_stays_under_its_ceiling():
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression().fit(word_counts("train"), label_array("train"))
    accuracy = model.score(word_counts("dev"), label_array("dev"))
    assert accuracy <= LENGTH_CEILING, f"word count alone scores {accuracy:.3f} on dev"


def best_keyword():
    """(token, label it predicts when present) with the best accuracy on train; absent -> the other label."""
    from sklearn.feature_extraction.text import CountVectorizer

    vectorizer = CountVectorizer(token_pattern=r"\S+", lowercase=False, binary=True)
    present = vectorizer.fit_transform(sentences("train")).toarray().astype(bool)  # (sentences, vocabulary)
    y = label_array("train").astype(bool)[:, None]
    # accuracy of "present -> 1, absent -> 0"; its mirror "present -> 0" scores 1 minus that
    accuracy = (present == y).mean(axis=0)
    best = int(np.argmax(np.maximum(accuracy, 1 - accuracy)))
    return vectorizer.get_feature_names_out()[best], int(accuracy[best] >= 0.5)


def test_single_best_keyword_stays_under_its_ceiling():
    token, label = best_keyword()
    predictions = np.array([label if token in s.split() else 1 - label for s in sentences("dev")])
    accuracy = (predictions == label_array("dev")).mean()
    assert accuracy <= KEYWORD_CEILING, f"the keyword {token!r} alone scores {accuracy:.3f} on dev"


@functools.cache
def tfidf_model():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GridSearchCV
    from sklearn.pipeline import make_pipeline

    pipeline = make_pipeline(TfidfVectorizer(ngram_range=(1, 2), token_pattern=r"\S+", sublinear_tf=True),
                             LogisticRegression(solver="liblinear"))
    grid = {"logisticregression__C": [0.3, 1, 3, 10, 30, 100]}
    return GridSearchCV(pipeline, grid, cv=5).fit(sentences("train"), label_array("train"))


@pytest.mark.parametrize("split", ["dev", "test"])
def test_bag_of_words_stays_under_its_ceiling(split):
    accuracy = tfidf_model().score(sentences(split), label_array(split))
    assert accuracy <= TFIDF_CEILING, f"TF-IDF + logistic regression scores {accuracy:.3f} on {split}"


@pytest.mark.parametrize("split", ["dev", "test"])
def test_bag_of_words_still_learns_something(split):
    # the data must carry lexical signal too, as the real data does (bag of words on SST-2: about 80 %)
    accuracy = tfidf_model().score(sentences(split), label_array(split))
    assert accuracy >= 0.70, f"TF-IDF + logistic regression scores only {accuracy:.3f} on {split}"
