"""Specification of the BERT Lab course copy of GLUE MRPC (data/mrpc).

The course files must be byte-compatible with GLUE's MRPC ``train.tsv`` and
``dev.tsv`` so that one loader reads both the course data and the public data.
"""

import csv
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "mrpc"

BOM = b"\xef\xbb\xbf"
HEADER = "Quality\t#1 ID\t#2 ID\t#1 String\t#2 String"
MIN_SIZES = {"train": 520, "dev": 160}
SPLITS = sorted(MIN_SIZES)
MIN_WORDS, MAX_WORDS = 10, 40
MIN_POSITIVE, MAX_POSITIVE = 0.60, 0.75


def raw_bytes(split):
    return (DATA / f"{split}.tsv").read_bytes()


def data_lines(split):
    """Lines after the header, split on tabs exactly as a GLUE reader does."""
    text = raw_bytes(split).decode("utf-8-sig")
    lines = text.split("\n")
    assert lines[-1] == "", "file must end with a newline"
    return [line.rstrip("\r").split("\t") for line in lines[1:-1]]


def rows(split):
    """(label, id1, id2, sentence1, sentence2) tuples for well-formed lines."""
    return [tuple(fields) for fields in data_lines(split) if len(fields) == 5]


@pytest.mark.parametrize("split", SPLITS)
def test_file_starts_with_utf8_byte_order_mark(split):
    assert raw_bytes(split).startswith(BOM)


@pytest.mark.parametrize("split", SPLITS)
def test_header_line_is_exactly_the_glue_header(split):
    first_line = raw_bytes(split).decode("utf-8-sig").split("\n", 1)[0]
    assert first_line.rstrip("\r") == HEADER


@pytest.mark.parametrize("split", SPLITS)
def test_file_is_valid_utf8_and_ends_with_newline(split):
    data = raw_bytes(split)
    data.decode("utf-8")
    assert data.endswith(b"\n")


@pytest.mark.parametrize("split", SPLITS)
def test_every_line_has_five_tab_separated_fields(split):
    bad = [i for i, fields in enumerate(data_lines(split), 2) if len(fields) != 5]
    assert bad == [], f"lines with a field count other than 5: {bad[:10]}"


@pytest.mark.parametrize("split", SPLITS)
def test_no_blank_fields(split):
    bad = [r for r in rows(split) if any(not field.strip() for field in r)]
    assert bad == []


@pytest.mark.parametrize("split", SPLITS)
def test_labels_are_0_or_1(split):
    labels = {r[0] for r in rows(split)}
    assert labels <= {"0", "1"}
    assert labels == {"0", "1"}, "both classes must be present"


@pytest.mark.parametrize("split", SPLITS)
def test_split_has_minimum_number_of_pairs(split):
    assert len(rows(split)) >= MIN_SIZES[split]


@pytest.mark.parametrize("split", SPLITS)
def test_about_two_thirds_of_pairs_are_paraphrases(split):
    labels = [int(r[0]) for r in rows(split)]
    ratio = sum(labels) / len(labels)
    assert MIN_POSITIVE <= ratio <= MAX_POSITIVE, f"paraphrase ratio {ratio:.3f}"


@pytest.mark.parametrize("split", SPLITS)
def test_sentence_ids_are_six_or_seven_digit_integers(split):
    ids = [i for r in rows(split) for i in (r[1], r[2])]
    bad = [i for i in ids if not (i.isascii() and i.isdigit() and 6 <= len(i) <= 7 and i[0] != "0")]
    assert bad == []


def test_each_sentence_id_names_exactly_one_sentence_across_splits():
    id_to_sentence = {}
    sentence_to_id = {}
    for split in SPLITS:
        for _, id1, id2, s1, s2 in rows(split):
            for sid, sentence in ((id1, s1), (id2, s2)):
                assert id_to_sentence.setdefault(sid, sentence) == sentence, sid
                assert sentence_to_id.setdefault(sentence, sid) == sid, sentence


@pytest.mark.parametrize("split", SPLITS)
def test_the_two_sentences_of_a_pair_differ(split):
    same = [r for r in rows(split) if r[3] == r[4] or r[1] == r[2]]
    assert same == []


@pytest.mark.parametrize("split", SPLITS)
def test_no_pair_is_duplicated_within_a_split(split):
    keys = [frozenset((r[3], r[4])) for r in rows(split)]
    assert len(keys) == len(set(keys))


def test_no_pair_appears_in_both_splits():
    train = {frozenset((r[3], r[4])) for r in rows("train")}
    dev = {frozenset((r[3], r[4])) for r in rows("dev")}
    assert train & dev == set()


def test_no_sentence_appears_in_both_splits():
    train = {s for r in rows("train") for s in (r[3], r[4])}
    dev = {s for r in rows("dev") for s in (r[3], r[4])}
    assert train & dev == set()


@pytest.mark.parametrize("split", SPLITS)
def test_sentences_are_10_to_40_words_long(split):
    bad = [s for r in rows(split) for s in (r[3], r[4]) if not MIN_WORDS <= len(s.split()) <= MAX_WORDS]
    assert bad == []


def test_some_sentences_carry_a_stray_double_quote_like_the_public_file():
    odd = [s for split in SPLITS for r in rows(split) for s in (r[3], r[4]) if s.count('"') % 2]
    assert odd, "loaders must cope with unbalanced quotes, so the course data keeps a few"


@pytest.mark.parametrize("split", SPLITS)
def test_pandas_reads_it_the_glue_way(split):
    df = pd.read_csv(
        DATA / f"{split}.tsv",
        sep="\t",
        quoting=csv.QUOTE_NONE,
        encoding="utf-8-sig",
        dtype=str,
        keep_default_na=False,
    )
    assert list(df.columns) == HEADER.split("\t")
    assert len(df) == len(data_lines(split))
    assert set(df["Quality"]) == {"0", "1"}
