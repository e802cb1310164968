"""Specification of the BERT Lab course copy of GLUE MRPC (data/mrpc).

The course files must be byte-compatible with GLUE's MRPC ``train.tsv`` and
``dev.tsv`` so that one loader reads both the course data and the public data.
"""

import csv
import importlib.util
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "mrpc"

BOM = b"\xef\xbb\xbf"
HEADER = "Quality\t#1 ID\t#2 ID\t#1 String\t#2 String"
MIN_SIZES = {"train": 800, "dev": 300}
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


# --- the generator is the source ---------------------------------------------------------------------------------


def test_files_are_exactly_what_build_py_writes():
    spec = importlib.util.spec_from_file_location("mrpc_build", DATA / "build.py")
    build = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = build  # dataclasses look their module up by name
    spec.loader.exec_module(build)
    for split, data in build.file_bytes().items():
        assert data == raw_bytes(split), f"{split}.tsv differs from build.py's output: run python data/mrpc/build.py"


# --- shortcut ceilings -------------------------------------------------------------------------------------------
# Shallow features must carry about as little as on the public data. Models are trained on train.tsv and scored on
# dev.tsv; the majority class there is about 68 %. Word sets: lower-cased runs of letters, digits and apostrophes.
MAX_SHALLOW_ACCURACY = 0.74  # |Δ length| alone, Jaccard overlap alone, both together (logistic regression)
MAX_BAG_OF_WORDS_ACCURACY = 0.76  # TF-IDF of the symmetric difference of the two word sets + logistic regression


def words(sentence):
    return set(re.findall(r"[a-z0-9']+", sentence.lower()))


def labels(split):
    return np.array([int(r[0]) for r in rows(split)])


def shallow_features(split):
    """(n, 2): |difference in whitespace word count|, Jaccard overlap of the two word sets."""
    feats = []
    for r in rows(split):
        a, b = words(r[3]), words(r[4])
        feats.append((abs(len(r[3].split()) - len(r[4].split())), len(a & b) / len(a | b)))
    return np.array(feats, dtype=float)


@pytest.mark.parametrize("columns", [[0], [1], [0, 1]], ids=["length_difference", "jaccard_overlap", "both"])
def test_length_and_overlap_do_not_solve_the_task(columns):
    train, dev = shallow_features("train")[:, columns], shallow_features("dev")[:, columns]
    model = LogisticRegression().fit(train, labels("train"))
    accuracy = model.score(dev, labels("dev"))
    assert accuracy <= MAX_SHALLOW_ACCURACY, f"shallow baseline reaches {accuracy:.1%} on dev"


def test_bag_of_words_of_the_differing_words_does_not_solve_the_task():
    def differing(split):
        return [" ".join(sorted(words(r[3]) ^ words(r[4]))) for r in rows(split)]

    vectorizer = TfidfVectorizer(token_pattern=r"\S+")
    model = LogisticRegression(max_iter=2000).fit(vectorizer.fit_transform(differing("train")), labels("train"))
    accuracy = model.score(vectorizer.transform(differing("dev")), labels("dev"))
    assert accuracy <= MAX_BAG_OF_WORDS_ACCURACY, f"bag-of-words baseline reaches {accuracy:.1%} on dev"


@pytest.mark.parametrize("split", SPLITS)
def test_overlap_and_length_statistics_resemble_the_public_corpus(split):
    feats, y = shallow_features(split), labels(split)
    assert 0.45 <= feats[y == 1, 1].mean() <= 0.70, "paraphrases: reworded, but sharing about half of their words"
    assert feats[y == 0, 1].mean() >= 0.35, "non-paraphrases: mostly near-paraphrases that share many words"
    assert feats[y == 1, 0].mean() >= 2.0, "paraphrases drop and add details, so their lengths differ too"
    mean_words = np.mean([len(s.split()) for r in rows(split) for s in (r[3], r[4])])
    assert 18 <= mean_words <= 26
