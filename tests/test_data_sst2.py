"""Specification of the course SST-2 files in data/sst2/.

The files must use the exact format of the public SST-2 TSVs
(``sentence<TAB>label``, no header, label 1 = positive, 0 = negative,
UTF-8, no newline after the last line) and the style of the real data
(lowercase, Penn-Treebank tokenisation, single review sentences).
"""

import functools
import re
import statistics
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "sst2"

SPLITS = ["train", "dev", "test"]
MIN_SIZE = {"train": 1200, "dev": 300, "test": 300}
MAX_LABEL_SKEW = 0.05  # positive share must lie within 50 % +- 5 %
MIN_WORDS, MAX_WORDS = 2, 50
MEDIAN_RANGE = (12, 20)

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
