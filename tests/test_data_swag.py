"""Specification of the BERT Lab course copy of SWAG (data/swag/*.csv).

The course files must have exactly the layout of the public SWAG
``train.csv`` / ``val.csv`` so that one loader reads both.
"""
import csv
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
SWAG_DIR = ROOT / "data" / "swag"
SPLITS = {"train": 420, "val": 110}  # split name -> minimum number of items
HEADER = ",video-id,fold-ind,startphrase,sent1,sent2,gold-source,ending0,ending1,ending2,ending3,label"
ENDINGS = [f"ending{i}" for i in range(4)]


def csv_path(split):
    return SWAG_DIR / f"{split}.csv"


def load(split):
    return pd.read_csv(csv_path(split), index_col=0, keep_default_na=False)


@pytest.fixture(scope="module", params=sorted(SPLITS))
def split(request):
    return request.param


@pytest.fixture(scope="module")
def frame(split):
    return load(split)


def test_files_exist(split):
    assert csv_path(split).is_file()


def test_header_matches_public_swag_exactly(split):
    with open(csv_path(split), encoding="utf-8", newline="") as fh:
        first_line = fh.readline().rstrip("\r\n")
    assert first_line == HEADER


def test_every_row_has_twelve_fields(split):
    with open(csv_path(split), encoding="utf-8", newline="") as fh:
        widths = {len(row) for row in csv.reader(fh)}
    assert widths == {12}


def test_index_column_counts_from_zero(frame):
    assert list(frame.index) == list(range(len(frame)))


def test_split_has_minimum_size(split, frame):
    assert len(frame) >= SPLITS[split]


def test_label_is_an_ending_index(frame):
    assert frame["label"].dtype.kind == "i"
    assert frame["label"].between(0, 3).all()


def test_labels_are_roughly_balanced(frame):
    shares = frame["label"].value_counts(normalize=True).reindex(range(4), fill_value=0.0)
    assert shares.between(0.15, 0.35).all(), shares.to_dict()


def test_startphrase_is_sent1_space_sent2(frame):
    joined = frame["sent1"] + " " + frame["sent2"]
    assert (frame["startphrase"] == joined).all()


def test_sent1_and_sent2_are_not_empty(frame):
    for column in ("sent1", "sent2"):
        assert (frame[column].str.strip() != "").all(), column


def test_no_ending_is_empty(frame):
    for column in ENDINGS:
        assert (frame[column].str.strip() != "").all(), column


def test_four_endings_of_an_item_are_distinct(frame):
    distinct = frame[ENDINGS].apply(lambda row: len({e.strip().lower() for e in row}), axis=1)
    assert (distinct == 4).all(), frame.index[distinct != 4].tolist()


def test_sent1_sent2_pairs_are_unique(frame):
    assert not frame.duplicated(["sent1", "sent2"]).any()


def test_gold_source_is_gold_or_gen_and_mostly_gold(frame):
    assert frame["gold-source"].isin(["gold", "gen"]).all()
    assert (frame["gold-source"] == "gold").mean() > 0.5


def test_video_ids_follow_activitynet_or_lsmdc_pattern(frame):
    pattern = r"^(anetv_[A-Za-z0-9_-]{11}|lsmdc\d{4}_[A-Za-z0-9_]+-\d+)$"
    assert frame["video-id"].str.match(pattern).all()


def test_fold_ind_is_an_integer(frame):
    assert frame["fold-ind"].dtype.kind == "i"


def test_no_startphrase_is_shared_between_splits():
    shared = set(load("train")["startphrase"]) & set(load("val")["startphrase"])
    assert not shared, sorted(shared)[:5]


# --- length control -------------------------------------------------------
# Lengths are whitespace word counts. A "pick the longest ending" baseline
# must not be a shortcut: chance is 25 %, and ties count against the data.
MAX_GOLD_LONGEST_SHARE = 0.35
MAX_MEAN_LENGTH_GAP_WORDS = 1.5


def ending_word_counts(frame):
    return frame[ENDINGS].apply(lambda column: column.str.split().str.len())


def gold_and_distractor_lengths(frame):
    counts = ending_word_counts(frame).to_numpy()
    rows = range(len(frame))
    gold = counts[rows, frame["label"].to_numpy()]
    distractors = [
        count for row, label in zip(counts, frame["label"]) for i, count in enumerate(row) if i != label
    ]
    return gold, distractors


def test_gold_ending_is_the_longest_in_at_most_35_percent_of_items(frame):
    counts = ending_word_counts(frame).to_numpy()
    gold = counts[range(len(frame)), frame["label"].to_numpy()]
    share = (gold >= counts.max(axis=1)).mean()
    assert share <= MAX_GOLD_LONGEST_SHARE, f"gold is (joint) longest in {share:.1%} of items"


def test_mean_gold_length_is_within_one_and_a_half_words_of_mean_distractor_length(frame):
    gold, distractors = gold_and_distractor_lengths(frame)
    gap = abs(gold.mean() - sum(distractors) / len(distractors))
    assert gap < MAX_MEAN_LENGTH_GAP_WORDS, f"mean length gap {gap:.2f} words"


# --- shortcut ceilings -------------------------------------------------------------------------------------------
# Chance is 25 %. Rules pick one ending per item (ties go to the first ending); the ending-only model is trained on
# train.csv, scores every ending alone (binary bag of words, logistic regression) and picks the highest per item.
MAX_RULE_ACCURACY = 0.40
MAX_ENDING_ONLY_ACCURACY = 0.45


def words(text):
    return set(re.findall(r"[a-z0-9']+", text.lower()))


def overlap_with_context(frame):
    return np.array([[len(words(row[e]) & words(row["sent1"] + " " + row["sent2"])) for e in ENDINGS]
                     for _, row in frame.iterrows()])


RULES = {
    "longest": lambda frame: ending_word_counts(frame).to_numpy().argmax(axis=1),
    "shortest": lambda frame: ending_word_counts(frame).to_numpy().argmin(axis=1),
    "most_overlap": lambda frame: overlap_with_context(frame).argmax(axis=1),
    "least_overlap": lambda frame: overlap_with_context(frame).argmin(axis=1),
}


@pytest.mark.parametrize("rule", sorted(RULES))
def test_simple_rules_stay_near_chance(frame, rule):
    accuracy = (RULES[rule](frame) == frame["label"].to_numpy()).mean()
    assert accuracy <= MAX_RULE_ACCURACY, f"pick-{rule} reaches {accuracy:.1%}"


def test_an_ending_only_model_stays_near_chance():
    train, val = load("train"), load("val")

    def endings_and_targets(frame):
        texts = [row[e] for _, row in frame.iterrows() for e in ENDINGS]
        targets = [int(i == row["label"]) for _, row in frame.iterrows() for i in range(4)]
        return texts, targets

    texts, targets = endings_and_targets(train)
    vectorizer = CountVectorizer(binary=True)
    model = LogisticRegression(max_iter=3000).fit(vectorizer.fit_transform(texts), targets)
    scores = model.decision_function(vectorizer.transform(endings_and_targets(val)[0])).reshape(-1, 4)
    accuracy = (scores.argmax(axis=1) == val["label"].to_numpy()).mean()
    assert accuracy <= MAX_ENDING_ONLY_ACCURACY, f"ending-only model reaches {accuracy:.1%} on val"
