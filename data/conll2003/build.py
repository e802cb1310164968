"""Build BERT Lab's CoNLL-2003 course files from the hand-written NER markup.

The sentences of this course dataset were written by hand with inline entity
markup, one sentence per line, documents separated by ``-DOCSTART-`` lines, in
``source/train.markup``, ``source/valid.markup`` and ``source/test.markup``::

    -DOCSTART-
    [ORG Norrland Paper] shares rose 4.50 crowns in [LOC Stockholm] .

This script only *converts*: it splits the text into Penn-style tokens, turns
the ``[TYPE ...]`` spans into IOB2 NER tags, and derives the POS and chunk
columns with a hand-written lexicon plus simple context rules.  The POS and
chunk tags are therefore plausible, rule-assigned tags, not gold annotation.
The markup files are the source; ``train.txt``, ``valid.txt`` and ``test.txt``
are derived from them and must not be edited by hand.

Usage (run from anywhere)::

    python build.py                      # rebuild the three column files from source/
    python build.py build                # the same
    python build.py convert MARKUP [MARKUP ...] -o OUT.txt
    python build.py markup FILE          # print a column file back as markup
    python build.py stats [FILE ...]     # sentence/token/entity counts
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
SPLITS = ("train.txt", "valid.txt", "test.txt")
SOURCE = HERE / "source"
DOCSTART = "-DOCSTART- -X- -X- O"
ENTITY_TYPES = ("PER", "ORG", "LOC", "MISC")

# --------------------------------------------------------------------------
# Markup parsing and tokenisation
# --------------------------------------------------------------------------

SPAN_RE = re.compile(r"\[(PER|ORG|LOC|MISC) ([^\[\]]+)\]")

ABBREVIATIONS = {
    "mr.", "mrs.", "ms.", "dr.", "st.", "inc.", "corp.", "co.", "ltd.", "jr.",
    "sr.", "no.", "vs.", "v.", "p.m.", "a.m.", "u.s.", "u.n.", "u.k.", "gen.",
    "sen.", "rep.", "gov.", "lt.", "col.", "capt.", "sgt.", "mt.", "jan.",
    "feb.", "aug.", "sept.", "oct.", "nov.", "dec.", "bros.", "prof.", "e.u.",
}
LEADING = '"('
TRAILING = ',;:")?!'


def _split_word(word: str) -> list[str]:
    """Split one whitespace-delimited chunk into Penn-style tokens."""
    head: list[str] = []
    tail: list[str] = []
    while len(word) > 1 and word[0] in LEADING:
        head.append(word[0])
        word = word[1:]
    if len(word) > 1 and word[0] == "$" and word[1].isdigit():
        head.append("$")
        word = word[1:]
    while len(word) > 1 and word[-1] in TRAILING:
        tail.insert(0, word[-1])
        word = word[:-1]
    mid = [word]
    low = word.lower()
    if low.endswith("n't") and len(word) > 3:
        mid = [word[:-3], word[-3:]]
    elif re.search(r"[A-Za-z]'[sS]$", word):
        mid = [word[:-2], word[-2:]]
    elif re.search(r"[sS]'$", word) and len(word) > 2:
        mid = [word[:-1], "'"]
    return head + mid + tail


def tokenize(text: str) -> list[str]:
    tokens: list[str] = []
    for chunk in text.split():
        tokens.extend(_split_word(chunk))
    return tokens


def _finish_sentence(tokens: list[str]) -> list[str]:
    """Split a sentence-final period off its word (abbreviations keep theirs)."""
    if not tokens:
        return tokens
    last = tokens[-1]
    if len(last) > 1 and last.endswith(".") and not re.fullmatch(r"\d+\.", last):
        if last.lower() in ABBREVIATIONS or re.fullmatch(r"(?:[A-Za-z]\.)+", last):
            return tokens + ["."]
        return tokens[:-1] + [last[:-1], "."]
    return tokens


def parse_sentence(line: str) -> tuple[list[str], list[str], list[bool]]:
    """Return tokens, IOB2 NER tags and an in-entity flag for one markup line."""
    tokens: list[str] = []
    ner: list[str] = []
    pos = 0
    for m in SPAN_RE.finditer(line):
        outside = tokenize(line[pos:m.start()])
        tokens += outside
        ner += ["O"] * len(outside)
        inside = tokenize(m.group(2))
        if not inside:
            raise ValueError(f"empty entity in: {line}")
        tokens += inside
        ner += [f"B-{m.group(1)}"] + [f"I-{m.group(1)}"] * (len(inside) - 1)
        pos = m.end()
    rest = line[pos:]
    if "[" in rest or "]" in rest or any("[" in t or "]" in t for t in tokens):
        raise ValueError(f"unbalanced or unknown markup in: {line}")
    outside = tokenize(rest)
    tokens += outside
    ner += ["O"] * len(outside)
    finished = _finish_sentence(tokens)
    if len(finished) > len(tokens):
        ner.append("O")
    return finished, ner, [t != "O" for t in ner]


def read_markup(paths: list[Path]) -> list[list[tuple[list[str], list[str]]]]:
    """Read markup files into documents of (tokens, ner) sentences."""
    docs: list[list[tuple[list[str], list[str]]]] = []
    for path in paths:
        for raw in path.read_text(encoding="utf-8").splitlines():
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("-DOCSTART-"):
                docs.append([])
                continue
            if not docs:
                docs.append([])
            tokens, ner, _ = parse_sentence(line)
            docs[-1].append((tokens, ner))
    return [d for d in docs if d]


# --------------------------------------------------------------------------
# POS lexicon (hand-written for the vocabulary of this dataset)
# --------------------------------------------------------------------------

LEXICON_TEXT = """
DT: the a an this that these those each every no another all both either neither some any half
PDT: such
IN: as of in on at by for with from into over under after before during since until against about among between
IN: through without within across near behind above below than per like despite towards toward upon via amid
IN: beyond alongside unlike except throughout v vs. outside inside onto along around ahead
IN-SUB: because although though while whether if unless whereas
CC: and or but nor &
TO: to
MD: will would can could may might must shall should wo ca
PRP: i you he she it we they me him her us them itself himself herself themselves ourselves myself
PRP$: his its their our my your
WDT: which whatever
WP: who whom what
WP$: whose
WRB: when where how why
EX: there
RB: not n't also only just still already very too so then now even again never ever yet once almost nearly well
RB: back away soon later earlier instead however further rather quite perhaps ago altogether alone mostly slightly
RB: sharply widely narrowly largely heavily briefly twice thrice together here overnight abroad apart meanwhile
RB: otherwise else indoors currently recently previously only finally early late long far up down out off forward
RB: home regardless especially
RBR: more less better
RBS: most least
JJR: higher lower bigger larger smaller stronger weaker greater faster slower firmer softer longer shorter older
JJR: younger fewer cheaper tougher cooler warmer wider closer later earlier worse
JJS: biggest largest smallest highest lowest best worst fastest strongest weakest latest longest oldest richest
JJS: youngest greatest heaviest
CD: one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen
CD: eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million billion
CD: trillion dozen dozens hundreds thousands millions
"""

# Word -> list of possible tags, most frequent reading first.
LEXICON: dict[str, list[str]] = {}


def _load_lexicon() -> None:
    for line in LEXICON_TEXT.strip().splitlines():
        tag, words = line.split(":", 1)
        tag = "IN" if tag == "IN-SUB" else tag
        for w in words.split():
            LEXICON.setdefault(w, [])
            if tag not in LEXICON[w]:
                LEXICON[w].append(tag)
    for line in WORDS_TEXT.strip().splitlines():
        tags, words = line.split(":", 1)
        for w in words.split():
            LEXICON[w] = tags.strip().split("/")


# Open-class words, "TAG[/TAG...]: word word ...", most frequent reading first.
# Words not listed here are tagged from their shape (see _guess).
WORDS_TEXT = """
CD: zero 1990s 318p 402p 455p 842p
NNP: monday tuesday wednesday thursday friday saturday sunday january february august september october november
NNP: december june july celsius lombard m3 b c
VBP: 'm are 're
VBP/VB: have
VBD/VBN/JJ/NN: left
VBG: having
VBZ: is has does accuses agrees allows arrives becomes corrects cruises eases enjoys forgets gives goes grips harms
VBZ: holds introduces keeps lifts lowers makes narrows opens operates owns passes recovers rides says sees shuts
VBZ: splits stands takes upsets wants soars stuns
VBZ/NNS: breaks damages ends heads hits jumps leads leaves needs remains rises runs starts wins falls
NNS/VBZ: estimates hopes issues moves orders plans shows values costs cuts claims protests reports talks sales
VBD: was were did began broke came chose drew drove fell gave knew rose spoke stood struck took went withdrew spun
VBD: offset
VBN: been done beaten broken chosen drawn driven fallen given grown hidden ridden risen seen shown spoken taken thrown
VBD/VBN: had bought brought felt found kept lost made meant met paid said sent sold told won held led beat
VBD/VBN/VB: hit put let burst
VBN/VBD: hurt
VBD/VBN/VB/NN: cut set upset
VB: bring afford agree announce argue assemble attract await be begin bring build buy carry collect commit
VB: consider continue create defend depend disappear discuss disrupt do eat evacuate expand expect fill find
VB: follow give go grow halve harden impose invest keep kill leave lift lock make manage mean meet merge miss
VB: occupy pick prevent push raise reach recover reduce register regulate reject remain replace resign resolve
VB: resume retire save say see seek seize sell send serve shake snap soar speak spend stay stretch stun submit
VB: take teach threaten throw try walk want withdraw affect become
VB/NN: help lead play win use rescue ease run hold call face
NN/VB: rise pay
NN: half
NN: trial
NNS: men women people police children fishermen batsmen criteria
JJ/NN: second final
NN/VB: act comment launch limit list move offer return turn sign appeal deal finish attack claim protest support
NN/VB: cheer vote work fall end face fire fund need report strike call change control cover delay demand experience
NN/VB: focus force hope issue plan rally review share start test trade
VBG: being including according
NN: anything nothing something ceiling morning spring string briefing clothing cycling banking fishing mining
NN: racing shipping kidnapping inning firefighting listing offering rating refinancing manufacturing training
NN: animal approval cable fish fly-half front-runner hashish hat-trick hospital leg-spinner line-up music
NN: off-spinner olive panic pole-sitter profit-taking proposal revival right-hander semifinal summary table
NN: traffic withdrawal half-time seed assembly family supply basis campus chaos crisis gas headquarters innings
NN: news series surplus tennis athletics electronics today everyone nobody tonight halftime pop p.m. kg hundred
NN: meeting
NNS: runners-up quarter-finals customs
NN/VBG: opening
VBG/NN: trading
NN/JJ: executive official final total capital military professional general orange retail key light top middle fine
JJ/NN: communist double welcome individual
JJ/VB: complete secure slow free
JJ: big black blatant businesslike cheap civil clean common cool current direct due eighth extra fair fast fifth
JJ: fit flat foreign former fourth fragile frozen full golden good grand great green gross heavy high hot human
JJ: humid immediate independent inflammatory joint junior large last little low lucky main mild minor moderate
JJ: modest many net new next noisy northeastern northern old other own particular perfect poor premier private
JJ: rapid ready recent safe same senior sharp short similar single sixth slight small sore southern spectacular
JJ: steady steep straight strict strong sure third tight unbeaten uneven urgent weak western wet white wholesale
JJ: worth young seventh second-quarter goalless armoured balanced canned disused interested mixed red skilled
JJ: tired unaccompanied uncapped unchanged undecided undisclosed unexpected unseeded unused devastated determined
JJ: pleased subsidised bruised elderly fortnightly likely monthly quarterly unlikely disappointing underlying
JJ: overall nearby few much first hard enough able
JJR: easier newer quicker
JJS: brightest hardest
RB: midway ahead
NN/RB: forward home
RB/JJ: early late
JJ/RB: long fast hard
NN/JJ/RB: north south west east northeast
JJ/VB/NN: close
"""
# Demonyms and similar MISC words that PTB tags JJ before a common noun.
ADJECTIVAL = set("""
American Argentine Asian Australian Austrian Baltic Basque Belgian Brazilian
British Cameroonian Canadian Chinese Christian Colombian Czech Danish Democratic
Dutch English Ethiopian European Finnish French German Greek Hungarian Indian
Indonesian Irish Israeli Italian Jamaican Japanese Kenyan Korean Latvian Lankan
Mexican Moroccan Moslem Mozambican Nigerian Norwegian Olympic Pakistani
Palestinian Peruvian Polish Portuguese Republican Russian Scottish Slovak
Spanish Swedish Swiss Tamil Thai Turkish Welsh Western
""".split())

# proper names ending in -s that are not plural
SINGULAR_NAMES = {"Nantes", "Wales", "Reims", "Lyons", "Hearts", "Leeds", "Jones", "Rennes",
                  "Guimaraes", "Chaves", "Bruges", "Belenenses", "Fjordlaks"}

BE = {"is", "are", "was", "were", "be", "been", "being", "am", "'re", "'m"}
HAVE = {"has", "have", "had", "having", "'ve", "'d"}
DO = {"do", "does", "did"}
BARE_VERB_AFTER = {"let", "help", "make", "n't"}
PRONOUN_S = {"it", "there", "he", "she", "that", "what", "who", "here", "this",
             "everyone", "nobody", "nothing", "something"}
PUNCT = {",": ",", ".": ".", "?": ".", "!": ".", ":": ":", ";": ":", "-": ":",
         "--": ":", "(": "(", ")": ")", '"': '"', "$": "$", "'": "POS", "&": "CC"}
NUMBER_RE = re.compile(r"^\d[\d.,:/]*(?:-[\d.,/]+)*$|^\d+\.$|^\d+p$|^\d+s$")
ORDINAL_RE = re.compile(r"^\d+(?:st|nd|rd|th)$")
PARTICLES = {"up", "out", "off", "down", "back", "away"}
NOUN_TAGS = {"NN", "NNS", "NNP", "NNPS"}
VERB_TAGS = {"VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "MD"}
SUBJECT_TAGS = {"NN", "NNS", "NNP", "NNPS", "PRP", "WDT", "WP", "EX"}
# tags of a following word that make an ambiguous noun/verb word a verb
OBJECT_START = {"DT", "PRP$", "TO", "CD", "PRP", "JJ", "NNS", "$"}


def _guess(word: str, first: bool) -> list[str]:
    """Tags for a word missing from the lexicon, from its shape."""
    low = word.lower()
    if NUMBER_RE.match(word):
        return ["CD"]
    if ORDINAL_RE.match(low):
        return ["JJ"]
    if word.isupper() and len(word) > 1 and word.isalpha():
        return _guess(low, True)  # a headline word: judge it by its shape
    if word[:1].isupper() and not first and len(word) > 1:
        return ["NNP"]
    if "-" in low:
        head, last = low.split("-", 1)[0], low.rsplit("-", 1)[1]
        if last in LEXICON and LEXICON[last][0] in ("NN", "NNS") and not (
                head[:1].isdigit() or LEXICON.get(head, ["NN"])[0] in ("JJ", "CD", "JJR")):
            return [LEXICON[last][0]]
        return ["JJ"]
    if low.endswith("ly"):
        return ["RB"]
    if low.endswith("ing"):
        return ["VBG", "NN"]
    if low.endswith("ed"):
        return ["VBD", "VBN"]
    if re.search(r"(ous|ive|ic|able|ible|ful|al|ary|less|ish)$", low):
        return ["JJ"]
    if low.endswith("s") and not low.endswith("ss"):
        return ["NNS"]
    return ["NN"]


def _first_tag(token: str) -> str:
    if token in PUNCT:
        return PUNCT[token]
    options = LEXICON.get(token.lower())
    return options[0] if options else _guess(token, False)[0]


def _entity_tag(tokens: list[str], ner: list[str], i: int) -> str:
    tok, low = tokens[i], tokens[i].lower()
    inside = ner[i].startswith("I-")
    nxt_outside = i + 1 < len(tokens) and ner[i + 1] == "O"
    if inside and low in ("of", "for", "in", "on"):
        return "IN"
    if low == "the" and tok != "THE":
        return "DT"
    if low == "and":
        return "CC"
    if NUMBER_RE.match(tok):
        return "CD"
    if tok.capitalize() in ADJECTIVAL and ner[i] == "B-MISC" and nxt_outside \
            and tokens[i + 1][:1].isalpha() and LEXICON.get(tokens[i + 1].lower(), ["NN"])[0] != "VBD":
        return "JJ"
    if re.fullmatch(r"[A-Z][a-z]+s", tok) and not re.search(r"(ss|is|us|os|as)$", tok) \
            and tok not in SINGULAR_NAMES and ner[i][2:] in ("ORG", "MISC") \
            and (i + 1 == len(tokens) or not ner[i + 1].startswith("I-")):
        return "NNPS"
    return "NNP"


def pos_tag(tokens: list[str], ner: list[str]) -> list[str]:
    tags: list[str] = []
    n = len(tokens)
    for i, tok in enumerate(tokens):
        low = tok.lower()
        prev_low = tokens[i - 1].lower() if i else ""
        nxt = tokens[i + 1] if i + 1 < n else ""
        if low == "'s":
            tags.append("VBZ" if prev_low in PRONOUN_S else "POS")
        elif tok in PUNCT:
            tags.append(PUNCT[tok])
        elif ner[i] != "O":
            tags.append(_entity_tag(tokens, ner, i))
        elif low == "that":
            tags.append(_tag_that(tokens, tags, i))
        elif low == "there":
            tags.append("EX" if nxt.lower() in BE | HAVE | {"'s", "will", "would", "may"} else "RB")
        elif low in ("about", "around", "some", "nearly", "almost") and NUMBER_RE.match(nxt or "x"):
            tags.append("RB")
        elif low in PARTICLES and i and tags[i - 1] in VERB_TAGS:
            tags.append("RP")
        else:
            first = i == 0 or tokens[i - 1] in ('"', "(", ":")
            options = LEXICON.get(low) or _guess(tok, first)
            if tok[:1].isupper() and not first and not tok.isupper() and len(tok) > 1 \
                    and options[0] not in ("NNP", "NNPS", "PRP") and tok != "I" and low in LEXICON:
                options = ["NNP"]  # a capitalised word inside a sentence: title or name part
            tags.append(_choose(options, tokens, tags, i))
    return tags


def _tag_that(tokens: list[str], tags: list[str], i: int) -> str:
    prev = tags[i - 1] if i else ""
    nxt = _first_tag(tokens[i + 1]) if i + 1 < len(tokens) else ""
    if prev in VERB_TAGS or prev == ",":
        return "IN"
    if prev in NOUN_TAGS:
        return "WDT" if nxt in VERB_TAGS or nxt == "RB" else "IN"
    return "DT" if nxt in NOUN_TAGS | {"JJ", "CD"} else "IN"


def _prev_content(tokens: list[str], tags: list[str], i: int) -> tuple[str, str]:
    """Previous token and tag, skipping adverbs (so 'has also said' sees 'has')."""
    j = i - 1
    while j >= 0 and tags[j] == "RB" and tokens[j].lower() not in ("ago",):
        j -= 1
    return (tokens[j].lower(), tags[j]) if j >= 0 else ("", "")


def _inside_noun_phrase(tags: list[str], i: int) -> bool:
    """Does token i follow a determiner plus a number or adjective ("a 2-0 home win")?"""
    j = i - 1
    while j >= 0 and tags[j] in ("NN", "JJ", "CD") and i - j <= 3:
        j -= 1
    between = tags[j + 1:i]
    return j >= 0 and tags[j] in ("DT", "PRP$", "POS") and tags[i - 1] == "NN" \
        and any(t in ("JJ", "CD") for t in between)


def _choose(options: list[str], tokens: list[str], tags: list[str], i: int) -> str:
    choice = options[0]
    if len(options) > 1:
        plow, ptag = _prev_content(tokens, tags, i)
        prev = tags[i - 1] if i else ""
        nxt = _first_tag(tokens[i + 1]) if i + 1 < len(tokens) else ""

        def pick(*preferred: str) -> str | None:
            return next((t for t in preferred if t in options), None)

        if ptag in ("TO", "MD") or plow in DO or plow in BARE_VERB_AFTER:
            choice = pick("VB") or choice
        elif plow in HAVE:
            choice = pick("VBN") or choice
        elif plow in BE:
            choice = pick("VBN", "VBG", "JJ") or choice
        elif prev in ("DT", "PRP$", "POS", "JJ", "JJR", "JJS", "PDT", "CD", "IN", "$"):
            if prev == "IN" and "VBG" in options and nxt in {"DT", "PRP$", "PRP", "CD", "NNP", "NNS", "RP"}:
                choice = "VBG"
            elif nxt in NOUN_TAGS | {"JJ"}:
                choice = pick("JJ", "NN", "NNS", "VBG", "VBN") or choice
            else:
                choice = pick("NN", "NNS", "JJ", "VBG", "VBN") or choice
        elif prev in SUBJECT_TAGS and options[0] != "VBG" and _inside_noun_phrase(tags, i) \
                and pick("NN", "NNS"):
            choice = pick("NN", "NNS")
        elif prev in SUBJECT_TAGS:
            if choice in VERB_TAGS:
                choice = "VBD" if choice == "VBN" else choice
            elif nxt in OBJECT_START or (tokens[i].isupper() and nxt in ("NN", "NNP", "IN")):
                choice = pick("VBZ", "VBD", "VBP", "VB") or choice
    if choice == "VB" and i and (tags[i - 1] in SUBJECT_TAGS) and "VB" in options:
        choice = "VBP"
    return choice


# --------------------------------------------------------------------------
# Chunk tags from POS patterns
# --------------------------------------------------------------------------

NP_TAGS = {"DT", "PDT", "PRP", "PRP$", "WP", "WP$", "WDT", "JJ", "JJR", "JJS",
           "CD", "NN", "NNS", "NNP", "NNPS", "POS", "$", "EX"}
NP_STARTERS = {"DT", "PRP", "PRP$", "WP", "WP$", "WDT", "EX", "POS", "$"}
ADJ_TAGS = {"JJ", "JJR", "JJS"}
HEAD_TAGS = {"NN", "NNS", "NNP", "NNPS", "CD", "PRP"}
SUBORDINATORS = {"because", "although", "though", "while", "whether", "if",
                 "unless", "whereas"}


def chunk_tag(tokens: list[str], tags: list[str], ner: list[str]) -> list[str]:
    """IOB2 chunk tags (NP, VP, PP, ADJP, ADVP, SBAR, PRT) from POS patterns."""
    n = len(tags)
    kinds: list[str | None] = [None] * n
    starts = [False] * n

    def noun_ahead(j: int) -> bool:
        """Is j the start of a run of modifiers ending in a nominal head?"""
        while j < n and tags[j] in ADJ_TAGS | {"VBN", "VBG", "CD", "$", "RB"}:
            if tags[j] == "RB" and not (j + 1 < n and tags[j + 1] in ADJ_TAGS | {"CD"}):
                return False
            j += 1
        return j < n and tags[j] in HEAD_TAGS - {"PRP"}

    for i, (tok, tag) in enumerate(zip(tokens, tags)):
        low = tok.lower()
        pk = kinds[i - 1] if i else None
        pt = tags[i - 1] if i else ""
        nt = tags[i + 1] if i + 1 < n else ""
        if tag == "CC" and tok == "&" and ner[i] != "O":
            kinds[i] = "NP"
        elif tag in ("VBN", "VBG") and pk == "NP" and pt in ("DT", "JJ", "PRP$", "POS", "CD", "RB") \
                and noun_ahead(i + 1):
            kinds[i] = "NP"  # adjectival participle: "the expected rise"
        elif tag in NP_TAGS:
            if tag in ADJ_TAGS and not noun_ahead(i + 1) and (pk != "NP" or pt in HEAD_TAGS):
                kinds[i] = "ADJP"
                starts[i] = not (pk == "ADJP" and pt == "RB")
                continue
            kinds[i] = "NP"
            starts[i] = (
                pk != "NP"
                or (tag in NP_STARTERS and not (tag == "$" and pt in ("DT", "RB")))
                or pt in ("PRP", "WDT", "WP", "EX")
                or (pt in HEAD_TAGS and tag in ADJ_TAGS | {"DT"})
                or (pt == "CD" and tag in ("NNP", "NNPS") and ner[i - 1] == "O" and ner[i] != "O")
            )
        elif tag in VERB_TAGS:
            kinds[i] = "VP"
        elif tag == "TO":
            if i and tokens[i - 1].lower() == "according":
                kinds[i] = "PP"
            elif nt == "VB" or (nt == "RB" and i + 2 < n and tags[i + 2] == "VB"):
                kinds[i] = "VP"
            else:
                kinds[i] = "PP"
                starts[i] = True
        elif tag == "IN":
            if low == "of" and pk == "SBAR" or (low == "of" and pt == "RB" and pk == "PP"):
                kinds[i] = "PP"  # "because of"
                kinds[i - 1] = "PP"
            elif low in SUBORDINATORS or low == "that":
                kinds[i] = "SBAR"
                starts[i] = True
            else:
                kinds[i] = "PP"
                starts[i] = True
        elif tag in ("RB", "RBR", "RBS"):
            if pk == "VP" and (nt in VERB_TAGS or low == "n't" or (low == "not" and nt in ("TO",))):
                kinds[i] = "VP"
            elif nt in ADJ_TAGS and not noun_ahead(i + 1):
                kinds[i] = "ADJP"
                starts[i] = True
            elif nt in ("CD", "$") or (nt in ADJ_TAGS and noun_ahead(i + 1)) or (nt == "DT" and low == "only"):
                kinds[i] = "NP"
                starts[i] = True
            else:
                kinds[i] = "ADVP"
                starts[i] = pk == "ADVP" and pt in ("RB", "RBR", "RBS") and False or pk != "ADVP"
        elif tag == "WRB":
            kinds[i] = "ADVP"
            starts[i] = True
        elif tag == "RP":
            kinds[i] = "PRT"
            starts[i] = True
        elif tag == "VBG" and low == "according":
            kinds[i] = "PP"
            starts[i] = True
    # "including" heads a PP in the CoNLL chunk scheme
    for i, tok in enumerate(tokens):
        if tok.lower() == "including" and tags[i] == "VBG":
            kinds[i] = "PP"
            starts[i] = True
            if i + 1 < n and kinds[i + 1] == "NP":
                starts[i + 1] = True
    out = []
    for i, k in enumerate(kinds):
        if k is None:
            out.append("O")
        else:
            begin = starts[i] or i == 0 or kinds[i - 1] != k
            out.append(("B-" if begin else "I-") + k)
    return out


# --------------------------------------------------------------------------
# Column files
# --------------------------------------------------------------------------

def annotate(tokens: list[str], ner: list[str]) -> list[tuple[str, str, str, str]]:
    """Rows (token, POS, chunk, NER) for one sentence."""
    tags = pos_tag(tokens, ner)
    chunks = chunk_tag(tokens, tags, ner)
    return list(zip(tokens, tags, chunks, ner))


def write_columns(docs, out: Path) -> None:
    lines = [DOCSTART, ""]
    for d, doc in enumerate(docs):
        if d:
            lines += [DOCSTART, ""]
        for tokens, ner in doc:
            for row in annotate(tokens, ner):
                lines.append(" ".join(row))
            lines.append("")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def read_columns(path: Path):
    """Column file -> documents of (tokens, ner) sentences."""
    docs: list[list[tuple[list[str], list[str]]]] = []
    sent: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("-DOCSTART-"):
            docs.append([])
            continue
        if not line.strip():
            if sent:
                docs[-1].append(([r[0] for r in sent], [r[3] for r in sent]))
                sent = []
            continue
        sent.append(line.split(" "))
    return [d for d in docs if d]


def to_markup(tokens: list[str], ner: list[str]) -> str:
    parts: list[str] = []
    i = 0
    while i < len(tokens):
        if ner[i].startswith("B-"):
            typ = ner[i][2:]
            j = i + 1
            while j < len(tokens) and ner[j] == f"I-{typ}":
                j += 1
            parts.append(f"[{typ} {' '.join(tokens[i:j])}]")
            i = j
        else:
            parts.append(tokens[i])
            i += 1
    return " ".join(parts)


def stats(path: Path) -> dict:
    docs = read_columns(path)
    sents = [s for d in docs for s in d]
    ents = Counter()
    for _, ner in sents:
        for t in ner:
            if t.startswith("B-"):
                ents[t[2:]] += 1
    return {"documents": len(docs), "sentences": len(sents),
            "tokens": sum(len(t) for t, _ in sents), **{k: ents[k] for k in ENTITY_TYPES}}


def main(argv: list[str] | None = None) -> int:
    _load_lexicon()
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd")
    sub.add_parser("build")
    c = sub.add_parser("convert")
    c.add_argument("markup", nargs="+", type=Path)
    c.add_argument("-o", "--out", type=Path, required=True)
    m = sub.add_parser("markup")
    m.add_argument("file", type=Path)
    s = sub.add_parser("stats")
    s.add_argument("files", nargs="*", type=Path)
    args = ap.parse_args(argv)
    if args.cmd in (None, "build"):
        for name in SPLITS:
            write_columns(read_markup([SOURCE / name.replace(".txt", ".markup")]), HERE / name)
    elif args.cmd == "convert":
        write_columns(read_markup(args.markup), args.out)
    elif args.cmd == "markup":
        for d in read_columns(args.file):
            print("-DOCSTART-")
            for tokens, ner in d:
                print(to_markup(tokens, ner))
    elif args.cmd == "stats":
        for f in args.files or [HERE / s for s in SPLITS]:
            print(f.name, stats(f))
    return 0


if __name__ == "__main__":
    sys.exit(main())
