"""Build the course SST-2 files ``train.tsv``, ``dev.tsv`` and ``test.tsv`` from their sources.

One rule, source -> derived files:

* ``source/written-<split>.tsv`` hold the sentences written one by one for
  BERT Lab (``sentence<TAB>label``). They are kept as they are, in their split.
* ``source/fragments.txt`` holds clauses, subjects, predicates, noun phrases,
  adjectives and names, also written for BERT Lab. This script composes them
  into further sentences until every split has its target size.

The composed sentences are there for the cases a bag of words cannot solve:
contrast ("a , but b", "although a , b", "b , although a"), concession
("for all its ...", "despite ..."), negated and compared adjectives
("never dull", "hardly gripping", "not as clumsy as you might fear"),
expectation and reversal ("i expected a small gem and got a muddled mess
instead"), praise of the parts and a pan overall (and the reverse), and
sarcasm. Every construction produces both labels equally often, and every
clause appears on the deciding and on the conceded side, so the words of a
sentence say little about its label; their order and scope say it all.

The output is deterministic (fixed seed). No sentence appears twice, within
or across splits. Usage::

    python data/sst2/build.py          # rewrite the three TSV files
    python data/sst2/build.py --stats  # print sizes and lengths only
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "source"
SEED = 13
SPLITS = ("train", "dev", "test")
TARGET = {"train": 3360, "dev": 720, "test": 720}  # sentences per split, half of each label
ASPECTS = ("actor", "script", "look", "sound", "pace", "humor", "film")
MAX_WORDS = 50


def read_fragments(path: Path = SOURCE / "fragments.txt") -> dict[str, list[str]]:
    """Sections of the fragment file: ``{name: [line, ...]}`` (comments and blank lines dropped)."""
    sections: dict[str, list[str]] = {}
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
        elif current is None:
            raise ValueError(f"{path.name}: text before the first [section]: {line!r}")
        else:
            current.append(line)
    return sections


def read_written(split: str) -> list[tuple[str, int]]:
    """The hand-written sentences of one split as (sentence, label) pairs."""
    text = (SOURCE / f"written-{split}.tsv").read_text(encoding="utf-8")
    pairs = []
    for line in text.split("\n"):
        sentence, label = line.split("\t")
        pairs.append((sentence, int(label)))
    return pairs


class Composer:
    """Compose sentences with a known label from the fragments, driven by one random generator."""

    def __init__(self, fragments: dict[str, list[str]], rng: random.Random) -> None:
        self.f = fragments
        self.rng = rng
        self.used: set[str] = set()  # aspects already talked about in the sentence being built

    # --- slots and small pieces -------------------------------------------------------

    def pick(self, section: str) -> str:
        return self.rng.choice(self.f[section])

    def fill(self, text: str) -> str:
        """Fill {name}, {title}, {genre}, {premise} and {role}; "a" before a vowel becomes "an"."""
        slots: dict[str, Callable[[], str]] = {
            "name": lambda: f"{self.pick('first')} {self.pick('last')}",
            "title": lambda: self.pick("title"),
            "genre": lambda: self.pick("genre"),
            "premise": lambda: self.pick("premise"),
            "role": lambda: self.pick("role"),
        }
        while "{" in text:
            text = re.sub(r"\{(\w+)\}", lambda m: slots[m.group(1)](), text, count=1)
        return re.sub(r"\ba (?=[aeiou])", "an ", text)

    def opposite(self, label: int) -> int:
        return 1 - label

    def adjective(self, label: int) -> str:
        return self.pick("adj_pos" if label == 1 else "adj_neg")

    # --- clauses with a polarity --------------------------------------------------------

    def part_clause(self, label: int) -> str:
        # every aspect but the film as a whole, and not one the sentence already judged
        aspect = self.rng.choice([a for a in ASPECTS[:-1] if a not in self.used] or list(ASPECTS[:-1]))
        self.used.add(aspect)
        polarity = "pos" if label == 1 else "neg"
        return f"{self.pick('subj_' + aspect)} {self.pick(f'pred_{polarity}_{aspect}')}"

    def verdict_clause(self, label: int) -> str:
        return self.pick("verdict_pos" if label == 1 else "verdict_neg")

    def adjective_clause(self, label: int, parts_only: bool = False) -> str:
        """A clause whose polarity comes from an adjective, often under negation or comparison."""
        sections = ["script", "humor"] if parts_only else ["film", "film", "script", "humor"]
        aspect = self.rng.choice([a for a in sections if a not in self.used] or ["film"])
        self.used.add(aspect)
        subject = self.pick("subj_" + aspect)
        # flipping constructions: the adjective has the opposite polarity of the clause
        flips = ["is never {a}", "is hardly {a}", "is far from {a}", "is anything but {a}", "is not {a}",
                 "is not remotely {a}", "is seldom {a}", "never once feels {a}", "is rarely {a}",
                 "is not , by any stretch , {a}", "is not exactly {a}", "never manages to be {a}"]
        keeps = ["could hardly be more {a}", "is {a} from start to finish", "is consistently {a}",
                 "is more {a} than you 'd expect", "manages to be {a} and {b} at once", "turns out to be surprisingly {a}",
                 "is , above all , {a}", "feels {a} in a way few films dare"]
        if label == 1:
            flips += ["is not as {a} as you might fear", "is never as {a} as its premise threatens"]
            keeps += ["is nothing short of {a}", "is never less than {a}"]
        else:
            flips += ["is not nearly as {a} as it wants to be", "is less {a} than it thinks", "only pretends to be {a}"]
            keeps += ["is {a} to the point of parody", "is so {a} it hurts"]
        if self.rng.random() < 0.55:
            frame, adjective_label = self.rng.choice(flips), self.opposite(label)
        else:
            frame, adjective_label = self.rng.choice(keeps), label
        a = self.adjective(adjective_label)
        b = self.adjective(adjective_label)
        while b == a:
            b = self.adjective(adjective_label)
        return f"{subject} {frame.format(a=a, b=b)}"

    def clause(self, label: int) -> str:
        kind = self.rng.choices(["part", "film", "verdict", "adjective"], weights=[8, 1, 1, 2])[0]
        if kind == "part":
            return self.part_clause(label)
        if kind == "film":
            polarity = "pos" if label == 1 else "neg"
            return f"{self.pick('subj_film')} {self.pick(f'pred_{polarity}_film')}"
        if kind == "verdict":
            return self.verdict_clause(label)
        return self.adjective_clause(label)

    def conceded(self, label: int) -> str:
        """A clause for the conceded side: about a part of the film, or a hedged point about the whole."""
        kind = self.rng.choices(["part", "adjective", "concede"], weights=[6, 2, 2])[0]
        if kind == "part":
            return self.part_clause(label)
        if kind == "adjective":
            return self.adjective_clause(label, parts_only=True)
        return self.pick("concede_pos" if label == 1 else "concede_neg")

    def noun_phrase(self, label: int, possessive: bool = False) -> str:
        phrases = self.f["np_pos" if label == 1 else "np_neg"]
        if possessive:
            phrases = [p for p in phrases if p.startswith("its ")]
        return self.rng.choice(phrases)

    def description(self, label: int) -> str:
        return self.pick("desc_pos" if label == 1 else "desc_neg")

    def preface(self, neutral_only: bool = False) -> str:
        """A label-neutral opening, used now and then to vary the start and the length of a sentence."""
        return self.rng.choice([
            "as a {genre} , ", "as a {genre} about {premise} , ", "in the end , ", "taken on its own terms , ",
            "judged as a {genre} , ", "in this {genre} about {premise} , ", "with {name} directing , ",
            "coming from the director of `` {title} , '' ", "at close to two hours , ", "on a second viewing , ",
            "for better or worse , ", "in its own odd way , ", "by the final scene , ",
        ][: 7 if neutral_only else None])

    # --- sentence constructions: each returns the sentence without its final " ." ---------

    def single(self, label: int) -> str:
        return self.preface() + self.clause(label) if self.rng.random() < 0.5 else self.clause(label)

    def contrast(self, label: int) -> str:
        a, b = self.conceded(self.opposite(label)), self.clause(label)
        joint = self.rng.choice([", but", ", but", ", but", ", yet", "; still ,", ", and yet", "-- but", ", but in the end",
                                 ", but somehow", "; even so ,", ". but", ", but then again ,"])
        return f"{a} {joint} {b}"

    def concession_first(self, label: int) -> str:
        a, b = self.conceded(self.opposite(label)), self.clause(label)
        conj = self.rng.choice(["although", "though", "even though", "while", "even if", "granted ,"])
        if conj == "granted ,":
            return f"granted , {a} , but {b}"
        return f"{conj} {a} , {b}"

    def concession_last(self, label: int) -> str:
        a, b = self.conceded(self.opposite(label)), self.clause(label)
        conj = self.rng.choice([", although", ", even though", ", though", ", even if", "-- never mind that",
                                ", and that 's despite the fact that"])
        return f"{b} {conj} {a}"

    def for_all(self, label: int) -> str:
        if self.rng.random() < 0.45:  # the noun phrase supports the verdict (the same phrases concede elsewhere)
            noun, b = self.noun_phrase(label), self.clause(label)
            if label == 1:
                frame = self.rng.choice(["{b} , thanks largely to {n}", "{n} alone makes it worth the ticket",
                                         "{b} , not least because of {n}", "{n} carries the day , and {b}"])
            else:
                frame = self.rng.choice(["{b} , dragged down by {n}", "{n} alone sinks it",
                                         "{b} , not least because of {n}", "{n} spoils the whole thing , and {b}"])
            return frame.format(b=b, n=noun)
        lead = self.rng.choice(["for all", "for all", "despite", "in spite of", "even with", "thanks to nothing but"])
        noun, b = self.noun_phrase(self.opposite(label), possessive=lead == "for all"), self.clause(label)
        if lead == "thanks to nothing but":  # here the noun phrase carries the verdict itself
            noun = self.noun_phrase(label)
            return f"{b} , and it 's thanks to {noun}" if label == 1 else f"{b} , and not even {noun} can help"
        if self.rng.random() < 0.35:
            return f"{b} , {lead} {noun}"
        return f"{lead} {noun} , {b}"

    def agreement(self, label: int) -> str:
        a, b = self.clause(label), self.clause(label)
        joint = self.rng.choice([", and", ";", ", and what 's more ,", "--", ", and better still ," if label else
                                 ", and worse ,", ", and"])
        return f"{a} {joint} {b}"

    def three_clauses(self, label: int) -> str:
        if self.rng.random() < 0.6:  # two conceded clauses, then the verdict
            a1, a2, b = self.conceded(self.opposite(label)), self.part_clause(self.opposite(label)), self.clause(label)
            joint = self.rng.choice([", but", "-- and still", ", yet", "; even so ,", ", and still"])
            return f"{a1} and {a2} {joint} {b}"
        a, b1, b2 = self.conceded(self.opposite(label)), self.part_clause(label), self.clause(label)
        return f"{a} , but {b1} , and {b2}"

    def expectation(self, label: int) -> str:
        """The sentence turns from one description to the other; the later one decides."""
        x, y = self.description(self.opposite(label)), self.description(label)
        frame = self.rng.choice([
            "i expected {x} and got {y} instead", "it promises {x} and delivers {y}", "what starts as {x} ends as {y}",
            "it begins as {x} and somehow becomes {y}", "{x} on paper , {y} on screen",
            "the trailer sells {x} ; the film itself is {y}", "it looks like {x} for ten minutes , then turns into {y}",
        ])
        return frame.format(x=x, y=y)

    def irony(self, label: int) -> str:
        """Sarcasm (negative) and its sincere mirror images (positive) built from the same material."""
        film = self.pick("subj_film")
        if label == 0:
            frame = self.rng.choice([
                "if you 've always wanted to spend two hours {o} , this is the film for you",
                "i 've had more fun {o}", "a thrill , if your idea of a thrill is {o}",
                "the best thing about {f} is {t}", "{f} is about as exciting as {o}",
                "{f} offers all the excitement of {o} , and none of the suspense",
                "congratulations to all concerned : they have made {o} look like an adventure by comparison",
                "what a treat : two hours that feel like {o}",
            ])
        else:
            frame = self.rng.choice([
                "i would happily sit through an hour of {o} for another ten minutes of {f}",
                "the worst thing i can say about {f} is that {q}", "my one complaint about {f} is that {q}",
                "even {o} would be a thrill with {name} on screen",
                "forget {o} : {f} makes two hours vanish",
                "you might expect {f} to be as dull as {o} , and you would be wrong",
                "i had feared something like {o} ; instead i got a treat",
                "if every film moved like this one , nobody would ever complain about {o} again",
            ])
        return frame.format(o=self.pick("ordeal"), t=self.pick("trivial"), f=film, q=self.pick("quibble"), name="{name}")

    def sentence(self, construction: str, label: int) -> str:
        self.used = set()
        body = getattr(self, construction)(label)
        if construction not in ("single", "irony", "expectation") and self.rng.random() < 0.3:
            body = self.preface(neutral_only=True) + body
        if construction not in ("irony", "expectation") and self.rng.random() < 0.3:
            body += self.rng.choice([" , if you ask me", " , for what it 's worth", " , at least to my eyes", " -- or so it seemed to me",
                                     " , all things considered", " , in the end", " , on balance", " , to put it mildly",
                                     " , and i say that as a fan of the genre", " , whatever the trailer suggests"])
        if body.count("{genre}") > 1:  # the opening named the kind of film: later mentions say "the film"
            head, tail = body.split("{genre}", 1)
            for long, short in [("{title} , a {genre} about {premise} ,", "{title}"), ("this {genre} about {premise}", "the film"),
                                ("this {genre}", "the film"), (", a {genre}", "")]:
                tail = tail.replace(long, short)
            body = head + "{genre}" + tail
        text = self.fill(body) + " ."
        text = re.sub(r"\s+", " ", text).replace(", ,", ",").replace(" , .", " .").strip()
        return text


# share of each construction among the composed sentences (each split, each label)
CONSTRUCTIONS = {
    "single": 0.05,
    "contrast": 0.22,
    "concession_first": 0.13,
    "concession_last": 0.14,
    "for_all": 0.11,
    "agreement": 0.05,
    "three_clauses": 0.15,
    "expectation": 0.10,
    "irony": 0.05,
}


def compose(count: int, composer: Composer, taken: set[str]) -> list[tuple[str, int]]:
    """`count` new sentences (half of each label), none of them in `taken` (which is updated)."""
    names, weights = list(CONSTRUCTIONS), list(CONSTRUCTIONS.values())
    out: list[tuple[str, int]] = []
    while len(out) < count:
        label = len(out) % 2
        construction = composer.rng.choices(names, weights=weights)[0]
        sentence = composer.sentence(construction, label)
        if sentence in taken or len(sentence.split()) > MAX_WORDS:
            continue
        taken.add(sentence)
        out.append((sentence, label))
    return out


def build() -> dict[str, list[tuple[str, int]]]:
    """All three splits: the written sentences plus composed ones, shuffled with the fixed seed."""
    fragments = read_fragments()
    written = {split: read_written(split) for split in SPLITS}
    taken = {sentence for pairs in written.values() for sentence, _ in pairs}
    splits = {}
    for number, split in enumerate(SPLITS):
        composer = Composer(fragments, random.Random(SEED * 100 + number))
        rows = written[split] + compose(TARGET[split] - len(written[split]), composer, taken)
        random.Random(SEED + number).shuffle(rows)
        splits[split] = rows
    return splits


def describe(splits: dict[str, list[tuple[str, int]]]) -> str:
    lines = []
    for split, rows in splits.items():
        lengths = sorted(len(s.split()) for s, _ in rows)
        positives = sum(label for _, label in rows)
        p90 = lengths[int(0.9 * (len(lengths) - 1))]
        lines.append(f"{split}: {len(rows)} sentences, {positives} positive, words median {statistics.median(lengths)} "
                     f"p90 {p90} max {lengths[-1]}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stats", action="store_true", help="print sizes and lengths, write nothing")
    args = parser.parse_args()
    splits = build()
    if not args.stats:
        for split, rows in splits.items():
            text = "\n".join(f"{sentence}\t{label}" for sentence, label in rows)
            (HERE / f"{split}.tsv").write_text(text, encoding="utf-8")  # no newline after the last line
    print(describe(splits))


if __name__ == "__main__":
    main()
