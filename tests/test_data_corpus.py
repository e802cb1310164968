"""Specification of the course pretraining corpus, data/corpus/corpus.txt.

The file follows the input layout of BERT's create_pretraining_data.py:
one sentence per line, a single blank line between documents, UTF-8.
These tests use only the standard library.
"""

import re
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "corpus" / "corpus.txt"
DATASHEET = ROOT / "data" / "README.md"

MIN_BYTES = 150 * 1024
MIN_DOCUMENTS = 120
MIN_SENTENCES_PER_DOCUMENT = 4
MAX_LINE_CHARS = 400
MAX_DUPLICATE_SENTENCES = 5

# A sentence starts with a capital letter, a digit or an opening quote,
# and ends with . ! or ? optionally followed by a closing quote.
SENTENCE_START = re.compile(r"^[A-Z0-9\"'\u201c\u2018]")
SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019]?$")


@pytest.fixture(scope="module")
def raw_bytes():
    assert CORPUS.is_file(), f"missing corpus file {CORPUS.relative_to(ROOT)}"
    return CORPUS.read_bytes()


@pytest.fixture(scope="module")
def text(raw_bytes):
    return raw_bytes.decode("utf-8")


@pytest.fixture(scope="module")
def documents(text):
    """List of documents, each a list of sentence lines."""
    body = text[:-1] if text.endswith("\n") else text
    return [block.split("\n") for block in body.split("\n\n")]


@pytest.fixture(scope="module")
def sentences(documents):
    return [line for doc in documents for line in doc]


def test_corpus_is_valid_utf8(raw_bytes):
    raw_bytes.decode("utf-8")  # raises UnicodeDecodeError if not UTF-8


def test_corpus_has_no_byte_order_mark(raw_bytes):
    assert not raw_bytes.startswith(b"\xef\xbb\xbf")


def test_corpus_uses_unix_line_endings(raw_bytes):
    assert b"\r" not in raw_bytes


def test_corpus_is_at_least_150_kb(raw_bytes):
    assert len(raw_bytes) >= MIN_BYTES, f"only {len(raw_bytes)} bytes"


def test_corpus_ends_with_exactly_one_newline(text):
    assert text.endswith("\n")
    assert not text.endswith("\n\n")


def test_corpus_does_not_start_with_a_blank_line(text):
    assert not text.startswith("\n")


def test_documents_are_separated_by_a_single_blank_line(text):
    assert "\n\n\n" not in text, "two blank lines in a row make an empty document"


def test_no_document_is_empty(documents):
    empty = [i for i, doc in enumerate(documents) if not any(line.strip() for line in doc)]
    assert not empty, f"empty documents at positions {empty}"


def test_corpus_has_at_least_120_documents(documents):
    assert len(documents) >= MIN_DOCUMENTS, f"only {len(documents)} documents"


def test_every_document_has_at_least_four_sentences(documents):
    short = [(i, len(doc)) for i, doc in enumerate(documents) if len(doc) < MIN_SENTENCES_PER_DOCUMENT]
    assert not short, f"documents with too few sentences (index, count): {short}"


def test_no_line_has_leading_or_trailing_whitespace(sentences):
    padded = [line for line in sentences if line != line.strip()]
    assert not padded, f"lines with surrounding whitespace: {padded[:5]}"


def test_no_line_is_longer_than_400_characters(sentences):
    long_lines = [line[:60] for line in sentences if len(line) > MAX_LINE_CHARS]
    assert not long_lines, f"over-long lines: {long_lines[:5]}"


def test_sentences_are_not_duplicated(sentences):
    counts = Counter(sentences)
    repeated = {line: n for line, n in counts.items() if n > 1}
    extra_copies = sum(n - 1 for n in repeated.values())
    assert extra_copies <= MAX_DUPLICATE_SENTENCES, f"repeated sentences: {list(repeated)[:5]}"


def test_every_line_starts_like_a_sentence(sentences):
    bad = [line for line in sentences if not SENTENCE_START.match(line)]
    assert not bad, f"lines that do not start like a sentence: {bad[:5]}"


def test_every_line_ends_like_a_sentence(sentences):
    bad = [line for line in sentences if not SENTENCE_END.search(line)]
    assert not bad, f"lines that do not end like a sentence: {bad[:5]}"


def test_text_is_not_pre_tokenised(sentences):
    # Raw prose: no space before punctuation as in "word ." or "word ,".
    bad = [line for line in sentences if re.search(r"\w [.,;:!?]", line)]
    assert not bad, f"lines that look tokenised: {bad[:5]}"


def test_text_keeps_normal_casing(text):
    letters = [ch for ch in text if ch.isalpha()]
    upper_share = sum(ch.isupper() for ch in letters) / len(letters)
    assert 0.01 < upper_share < 0.2, f"unexpected share of capital letters: {upper_share:.3f}"


def test_datasheet_exists_and_names_the_dataset():
    assert DATASHEET.is_file()
    headings = [line for line in DATASHEET.read_text(encoding="utf-8").splitlines() if line.startswith("## ")]
    assert any("pretraining corpus" in h for h in headings)
