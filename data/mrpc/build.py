# ruff: noqa: E501  (the frames are data: one sentence frame per line reads best)
"""Source and generator of the BERT Lab MRPC course copy (data/mrpc/train.tsv, dev.tsv).

Every event type, sentence frame and name below was written for BERT Lab. Nothing is copied or paraphrased from
MRPC or from any news text; people, companies and towns are made up.

How a pair is made
------------------
An *event* is a made-up news story with slots (a company, a number, a day, an outcome...). Each event type has
several *frames*: differently built sentences (active or passive, quote first or last, clause fronted or not) that
report the same facts. A frame may hold

* ``{slot}`` - a fact of the story;
* ``[...]`` - a minor detail that each sentence keeps or drops on its own (a day, a title, a place, a reason);
* ``<a|b|c>`` - wording that each sentence picks on its own (said / announced, rose / climbed).

A *paraphrase* (label 1) renders the same facts twice, usually in two different frames, so the two sentences differ in
wording, word order and minor details. A *non-paraphrase* (label 0) renders the story twice with one fact changed
(a number, a name, a day, an outcome, a negation, a swapped role) or with a clause added to one sentence that changes
what it claims. Often both sentences use the same frame, so they share most of their words.

Run ``python data/mrpc/build.py`` to rewrite both files (deterministic: fixed seeds) and
``python data/mrpc/build.py stats`` to print the statistics quoted in data/README.md.
"""

from __future__ import annotations

import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
HEADER = "Quality\t#1 ID\t#2 ID\t#1 String\t#2 String"
SIZES = {"train": (1350, 650), "dev": (226, 108)}  # split -> (paraphrases, non-paraphrases)
SEEDS = {"train": 13, "dev": 29}
P_SAME_POSITIVE, P_SAME_NEGATIVE = 0.7, 0.5  # chance that both sentences use the same frame
KEEP = [0.5, 0.7, 0.9]
P_TAIL = 0.35  # chance that a sentence gains a tail that changes nothing, such as ", a spokesman said"
TAILS = [", a spokesman said", ", officials said", ", according to a statement", ", sources close to the matter said",
         ", people familiar with the matter said", ", local media reported", ", the news agency reported",
         ", but gave no further details", ", but did not say more", ", and declined to comment further",
         ", though the full figures were not released", ", and more details are expected next week"]
MIN_WORDS = 10  # chance of keeping each [detail], drawn per pair
STRAY_QUOTES = {"train": 2, "dev": 1}  # sentences whose closing quote is cut, as in the public file

FIRST = (
    "Maria Daniel Keiko Tomas Priya Gareth Ingrid Samuel Lucia Oren Bettina Marcus Aisha Felix Renata Howard Yusuf "
    "Clara Desmond Nadia Victor Eleanor Rafael Hannah Kofi Greta Julian Mirela Arthur Soren Delia Ambrose Celeste "
    "Imogen Laszlo Rosalind Tobias Wendell Zora Pavel"
).split()
LAST = (
    "Ostrova Pellham Okafor Brandt Castellan Whitcombe Adeyemi Halvorsen Marchetti Dunleavy Ferrante Lindqvist "
    "Oyelaran Sutcliffe Varga Kowalczyk Thornbury Albescu Mendel Rourke Quintero Hargreave Ebbesen Corrigan Fenwick "
    "Ashdown Belmonte Strand Galloway Petrakis Voss Okonkwo Marwood Delahunt Renner Szabo Kilbride Amato Holloway"
).split()
COMPANIES = [
    "Averill Corp.", "Norland Systems", "Brightwater Foods", "Keswick Motors", "Halden Pharmaceuticals",
    "Tarrow Energy", "Calloway Airlines", "Pembrook Bank", "Oakridge Software", "Vantor Telecom", "Marlow Chemicals",
    "Greystone Mining", "Lumen Retail", "Crestfield Insurance", "Redfern Steel", "Solace Health", "Ironvale Rail",
    "Westhaven Media", "Corvane Electronics", "Thistle Financial", "Ambergate Logistics", "Pollard Brewing",
]
TOWNS = [
    "Millbrook", "Ashford", "Port Carrow", "Eastleigh", "Dunmore", "Fairhaven", "Kingsbridge", "Redmond Falls",
    "Stanwick", "Harlow", "Brackley", "Lowell Park", "Cedar Bluff", "Norwood", "Ellesmere", "Granton", "Wexley",
    "Saltmarsh", "Hollins Ferry", "Bramwell",
]
TEAMS = [
    "the Harlow Hawks", "the Port Carrow Mariners", "the Eastleigh Rovers", "the Dunmore Stags", "the Fairhaven Comets",
    "the Kingsbridge Royals", "the Stanwick Foxes", "the Granton Pilots", "the Wexley Wolves", "the Norwood Blues",
]
DAYS = "Monday Tuesday Wednesday Thursday Friday".split()
MONTHS = "January February March April May June July August September October November December".split()


# --- slots -----------------------------------------------------------------------------------------------------


class Slot:
    """A fact of a story: `draw` picks its value(s), `alter` picks a different one for a non-paraphrase."""

    weight = 1.0

    def draw(self, rng: random.Random, name: str) -> dict[str, str]:
        raise NotImplementedError

    def alter(self, rng: random.Random, name: str, facts: dict[str, str]) -> dict[str, str]:
        for _ in range(50):
            new = self.draw(rng, name)
            if all(new[k] != facts[k] for k in new) and not set(new.values()) & set(facts.values()):
                return new
        raise RuntimeError(f"slot {name}: no different value")


@dataclass
class Choice(Slot):
    options: list[str]
    weight: float = 1.0

    def draw(self, rng, name):
        return {name: rng.choice(self.options)}


@dataclass
class Num(Slot):
    low: int
    high: int
    fmt: str = "{:,}"
    scale: float = 1.0
    weight: float = 1.4

    def draw(self, rng, name):
        value = rng.randint(self.low, self.high)
        scaled = value * self.scale
        return {name: self.fmt.format(int(round(scaled)) if float(scaled).is_integer() else scaled)}


class Person(Slot):
    """A full name ``{x}`` and the surname alone ``{x_last}``."""

    weight = 1.2

    def draw(self, rng, name):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        return {name: f"{first} {last}", f"{name}_last": last}


@dataclass
class Pol(Slot):
    """An outcome with two sides; each form (``{x_v}``, ``{x_n}``...) gives (side A, side B) wordings."""

    forms: dict[str, tuple[str, str]]
    weight: float = 1.3

    def draw(self, rng, name):
        side = rng.randrange(2)
        return {f"{name}_{form}": pair[side] for form, pair in self.forms.items()}

    def alter(self, rng, name, facts):
        current = facts[f"{name}_{next(iter(self.forms))}"]
        side = 1 if current == next(iter(self.forms.values()))[0] else 0
        return {f"{name}_{form}": pair[side] for form, pair in self.forms.items()}


COMPANY, TOWN, DAY, MONTH, TEAM = Choice(COMPANIES), Choice(TOWNS), Choice(DAYS, 0.8), Choice(MONTHS, 0.8), Choice(TEAMS)


@dataclass
class Event:
    slots: dict[str, Slot]
    frames: list[str]
    claims: list[str] = field(default_factory=list)  # clauses that change what a sentence claims
    swaps: list[tuple[str, str]] = field(default_factory=list)  # two slots whose roles a non-paraphrase swaps


# --- the stories -------------------------------------------------------------------------------------------------

EVENTS = [
    Event(  # quarterly revenue
        {"co": COMPANY, "pct": Num(3, 24), "rev": Num(110, 980, "${:.2f} billion", 0.01),
         "q": Choice(["first", "second", "third", "fourth"]), "prod": Choice(["industrial pumps", "frozen meals",
         "office software", "mobile phones", "farm machinery", "home insurance"], 0.6),
         "dir": Pol({"v": ("<rose|climbed|grew>", "<fell|dropped|slipped>"), "n": ("<rise|increase|gain>", "<drop|decline|fall>")}),
         "boss": Person()},
        ["{co} said <its|> {q}-quarter revenue {dir_v} {pct} percent to {rev}[, on the strength of <strong|brisk|weak> sales of {prod}].",
         "[Helped by demand for {prod}, ]{co}'s revenue {dir_v} {pct} percent in the {q} quarter, to {rev}, the company <said|reported>[ on {day}].",
         "Revenue at {co} {dir_v} {pct} percent to {rev} in the {q} quarter[, chief executive {boss} told analysts on a conference call].",
         "{co} <reported|posted> a {pct} percent {dir_n} in {q}-quarter revenue, to {rev}[, and {boss}, its chief executive, said {prod} led the way].",
         "[Chief executive {boss} said ]{co} had {dir_v} to {rev} in revenue for the {q} quarter, a {dir_n} of {pct} percent[ from a year earlier]."],
        claims=[", and it cut its forecast for the rest of the year", ", though the figures have not yet been checked by auditors"],
    ),
    Event(  # takeover
        {"buyer": COMPANY, "target": COMPANY, "price": Num(12, 95, "${:.1f} billion", 0.1), "day": DAY,
         "how": Choice(["in cash", "in cash and stock", "in stock"], 0.7), "chair": Person()},
        ["{buyer} has agreed to buy {target} for about {price}[ {how}], the two companies said[ on {day}].",
         "[The two companies said on {day} that ]{target} will be bought by {buyer} in a deal worth about {price}[ {how}].",
         "{buyer} said[ on {day}] it would acquire its rival {target} for roughly {price}[, a deal its chairman {chair} called a good fit].",
         "\"This is the right deal at the right price,\" {chair}, chairman of {buyer}, said of the {price} agreement to take over {target}.",
         "Under the agreement announced[ on {day}], {buyer} will pay about {price}[ {how}] for {target}[, pending approval from regulators]."],
        claims=[", but shareholders of {target} voted the offer down a week later", ", but regulators are expected to block it"],
        swaps=[("buyer", "target")],
    ),
    Event(  # job cuts
        {"co": COMPANY, "jobs": Num(3, 90, "{:,}", 50), "share": Num(2, 18), "town": TOWN, "month": MONTH,
         "act": Pol({"v": ("<cut|eliminate|shed>", "<add|create>"), "n": ("cuts", "new jobs")})},
        ["{co} said it will {act_v} about {jobs} jobs[, or {share} percent of its workforce,] by the end of {month}.",
         "About {jobs} jobs will be affected as {co} moves to {act_v} positions[ at its plant in {town}], the company said.",
         "[The company said on Thursday that ]{co} plans to {act_v} some {jobs} jobs[, mostly at its {town} factory,] before {month}.",
         "{co}, which employs thousands of people in {town}, announced {jobs} {act_n}[, about {share} percent of its staff].",
         "The {jobs} {act_n} at {co} are planned by {month}[, a spokeswoman said], and most of them will be in {town}."],
        claims=[", and it will close the {town} plant entirely", ", although the union said the plan would be dropped"],
    ),
    Event(  # jury verdict
        {"who": Person(), "town": TOWN, "hours": Num(3, 30),
         "charge": Choice(["fraud", "arson", "bribery", "theft", "tax evasion", "extortion"], 1.2),
         "ver": Pol({"a": ("guilty", "not guilty"), "v": ("convicted", "acquitted")})},
        ["A jury in {town} found {who} {ver_a} of {charge}[ on Friday] after deliberating for {hours} hours.",
         "After {hours} hours of deliberation, jurors {ver_v} {who_last} of {charge}[, a charge the defendant had denied from the start].",
         "{who}, a former[ {town}] city official, was {ver_v} of {charge} by a jury that deliberated for {hours} hours.",
         "\"The jury has spoken,\" {who_last}'s lawyer said after the panel found the defendant {ver_a} of {charge}[ in {town}].",
         "[In a case that divided {town}, ]jurors took {hours} hours to find {who} {ver_a} on the {charge} charge."],
        claims=[", but the judge set the verdict aside the next day", ", and prosecutors said they would retry him on a second charge"],
    ),
    Event(  # sentencing
        {"who": Person(), "judge": Person(), "years": Num(2, 25), "charge": Choice(["fraud", "robbery", "bribery",
         "money laundering", "drug trafficking"], 1.2), "day": DAY},
        ["Judge {judge} sentenced {who} to {years} years in prison[ on {day}] for {charge}.",
         "{who} was sentenced to {years} years in prison for {charge}[ by Judge {judge}][ on {day}].",
         "[On {day}, ]a federal judge gave {who} a {years}-year prison term for {charge}[, calling the crime deliberate].",
         "{who_last}, who pleaded guilty to {charge}[ last year], will spend {years} years in prison, Judge {judge} ruled[ on {day}].",
         "For his role in the {charge} scheme, {who} must serve {years} years behind bars, Judge {judge} <said|ruled|decided>."],
        claims=[", but an appeals court cut the term in half", ", though the defendant will be released early under a plea deal"],
    ),
    Event(  # arrests
        {"n": Num(3, 40), "town": TOWN, "day": DAY, "place": Choice(["a warehouse", "a nightclub", "a port depot",
         "a farmhouse", "a car repair shop"], 1.0),
         "act": Pol({"v": ("arrested", "questioned and released"), "p": ("were arrested", "were questioned but not charged")}),
         "chief": Person()},
        ["Police {act_v} {n} people[ on {day}] after a raid on {place} in {town}[, officials said].",
         "{n} people {act_p} after officers raided {place} in {town}[ early on {day}], police said.",
         "[Officers raided {place} in {town} on {day} and ]{n} people {act_p}, police chief {chief} told reporters.",
         "\"We acted on a tip,\" {town} police chief {chief} said after {n} people {act_p} at {place}.",
         "A police raid on {place} in {town} ended with {n} people who {act_p}[, according to chief {chief}]."],
        claims=[", and two officers were hurt in the raid", ", but a court later ruled the raid unlawful"],
    ),
    Event(  # legislature vote
        {"yes": Num(21, 38), "no": Num(8, 19), "wage": Num(900, 1600, "${:.2f}", 0.01), "year": Choice(["2026", "2027", "2028"]),
         "out": Pol({"v": ("<approved|passed>", "<rejected|voted down>"), "b": ("<approve|pass>", "<reject|vote down>"), "n": ("approval", "rejection")}),
         "gov": Person()},
        ["The state Senate voted {yes} to {no} to {out_b} a bill raising the minimum wage to {wage} an hour[ by {year}].",
         "By a vote of {yes}-{no}, senators {out_v} a measure that would lift the minimum wage to {wage}[ by {year}].",
         "A bill to raise the hourly minimum wage to {wage} was {out_v} in the Senate[ on Wednesday], {yes} votes to {no}.",
         "[Governor {gov} had urged lawmakers to back it, but ]the Senate's {yes}-{no} vote means {out_n} of the {wage} minimum wage bill.",
         "Senators {out_v} the proposed {wage} minimum wage {yes} to {no}[, a result Governor {gov} welcomed]."],
        claims=[", and the House is expected to pass it next week", ", but the governor has said he will veto it"],
        swaps=[("yes", "no")],
    ),
    Event(  # mayoral election
        {"win": Person(), "lose": Person(), "pct": Num(51, 68), "town": TOWN, "turn": Num(22, 61)},
        ["{win} won the race for mayor of {town} with {pct} percent of the vote[, defeating {lose}].",
         "Voters in {town} chose {win} as their next mayor[ on Tuesday], giving {win_last} {pct} percent of the vote[ against {lose}].",
         "{win} was elected mayor of {town}[ on Tuesday], taking {pct} percent[ in a race against {lose}][ with turnout of {turn} percent].",
         "\"The people of {town} have asked for change,\" {win} said after winning {pct} percent of the vote for mayor.",
         "With {pct} percent of the vote, {win} beat {lose} to become mayor of {town}[, official results showed]."],
        claims=[", but a recount was ordered the next morning", ", though the result will be challenged in court"],
        swaps=[("win", "lose")],
    ),
    Event(  # minister
        {"who": Person(), "post": Choice(["health", "transport", "finance", "education", "defence"], 1.2), "day": DAY,
         "act": Pol({"v": ("resigned", "refused to resign"), "g": ("resigning", "refusing to resign")}),
         "row": Choice(["a contract awarded to a friend", "missing hospital funds", "a leaked report", "a failed rail project"], 0.9)},
        ["{post} minister {who} {act_v}[ on {day}] amid criticism over {row}.",
         "[Amid weeks of criticism over {row}, ]{who}, the country's {post} minister, {act_v}[ on {day}].",
         "The {post} minister, {who}, {act_v} after opposition leaders demanded answers about {row}[, officials said].",
         "\"I have done nothing wrong,\" {who} said[ on {day}] while {act_g} as {post} minister over {row}.",
         "{who_last} {act_v} as {post} minister[ on {day}], days after newspapers reported on {row}."],
        claims=[", and the prime minister called an early election", ", and police opened an inquiry into {row}"],
    ),
    Event(  # product launch
        {"co": Choice(["Norland Systems", "Oakridge Software", "Vantor Telecom", "Corvane Electronics", "Pixmoor Devices",
                       "Quillon Tech"]), "month": MONTH, "price": Num(199, 1499, "${:,}"),
         "thing": Choice(["laptop", "smartphone", "tablet", "smartwatch", "e-reader"], 1.2), "boss": Person()},
        ["{co} will begin selling its new {thing} in {month} for {price}[, the company said at a launch event].",
         "The new {thing} from {co} goes on sale in {month}[ in the United States] and will cost {price}.",
         "[Speaking at a launch event, ]chief executive {boss} said {co}'s {thing} would reach stores in {month} at {price}.",
         "Priced at {price}, {co}'s {thing} will be in stores by {month}[, {boss}, its chief executive, told reporters].",
         "{co} said[ on Tuesday] that its latest {thing} would ship in {month} and sell for {price}."],
        claims=[", but only in Japan and South Korea", ", although the launch has been delayed twice"],
    ),
    Event(  # data breach
        {"co": COMPANY, "n": Num(12, 95, "{:.1f} million", 0.1), "day": DAY,
         "acc": Pol({"v": ("gained access to", "tried but failed to reach"), "n": ("were exposed", "were not exposed")}),
         "what": Choice(["names and addresses", "credit card numbers", "passwords", "phone numbers"], 1.0)},
        ["{co} said hackers {acc_v} the records of {n} customers[, including {what}].",
         "The records of {n} {co} customers, {what} among them, {acc_n} in a cyberattack, the company said[ on {day}].",
         "[In a statement on {day}, ]{co} said an attack had put the {what} of {n} customers at risk, and the data {acc_n}.",
         "Hackers {acc_v} data on {n} customers of {co}[ in an attack disclosed on {day}][, the company said].",
         "\"We are deeply sorry,\" {co} said after revealing that the {what} of {n} customers {acc_n}."],
        claims=[", and the stolen data was put up for sale online", ", and the company waited two months to tell customers"],
    ),
    Event(  # car recall
        {"co": Choice(["Keswick Motors", "Vantor Autos", "Halberd Trucks", "Ridgeway Cars"]), "n": Num(18, 640, "{:,}", 1000),
         "part": Choice(["brakes", "airbags", "fuel pumps", "seat belts", "steering columns"], 1.3),
         "years": Choice(["2021 to 2023", "2022 and 2023", "2020 to 2022"], 0.8), "hurt": Num(2, 19)},
        ["{co} is recalling {n} vehicles because of faulty {part}[, the company said].",
         "About {n} vehicles built[ from {years}] are being recalled by {co} over problems with their {part}.",
         "[Regulators said on Monday that ]{co} will recall {n} cars and trucks to fix defective {part}.",
         "The recall covers {n} {co} vehicles[ made from {years}] whose {part} may fail[, the carmaker said].",
         "{co} said {n} of its vehicles need repairs to their {part}[, a problem linked to {hurt} minor injuries]."],
        claims=[", and it has stopped selling the affected models", ", and regulators have fined the company over the delay"],
    ),
    Event(  # health study
        {"n": Num(4, 90, "{:,}", 1000), "pct": Num(8, 45), "habit": Choice(["walking every day", "drinking coffee",
         "eating nuts", "sleeping seven hours a night"], 1.2), "ill": Choice(["heart disease", "diabetes", "dementia",
         "stroke"], 1.2), "eff": Pol({"v": ("lowered", "raised"), "n": ("lower", "higher")}), "uni": TOWN},
        ["A study of {n} adults found that {habit} {eff_v} the risk of {ill} by {pct} percent[, researchers said].",
         "People who reported {habit} had a {pct} percent {eff_n} risk of {ill}, according to a study of {n} adults.",
         "[Researchers at the University of {uni} found that ]{habit} {eff_v} the chance of developing {ill} by {pct} percent[ in a study of {n} people].",
         "\"The effect was larger than we expected,\" the study's authors wrote after finding {habit} {eff_v} the risk of {ill} by {pct} percent.",
         "Among {n} adults followed[ for ten years], those {habit} saw their risk of {ill} {eff_v} by {pct} percent."],
        claims=[", but the authors said the link may be due to chance", ", although the study was paid for by a food company"],
    ),
    Event(  # drug approval
        {"co": Choice(["Halden Pharmaceuticals", "Solace Health", "Verity Biotech", "Marlow Therapeutics", "Ostland Pharma"]),
         "drug": Choice(["Veltrazine", "Omnicor", "Dalvexa", "Prenolin", "Zaritan"]),
         "ill": Choice(["migraine", "asthma", "psoriasis", "high blood pressure", "insomnia"], 1.2),
         "out": Pol({"v": ("approved", "rejected"), "n": ("approval", "rejection")}), "day": DAY},
        ["Regulators {out_v} {co}'s drug {drug} for the treatment of {ill}[, the company said on {day}].",
         "{co} said[ on {day}] that its {ill} drug {drug} had been {out_v} by regulators.",
         "The {out_n} of {drug}, a treatment for {ill} made by {co}, was announced[ by the regulator][ on {day}].",
         "[In a decision watched closely by investors, ]regulators {out_v} {drug}, {co}'s pill for {ill}.",
         "\"This is an important day for patients,\" {co} said after regulators {out_v} its {ill} treatment {drug}."],
        claims=[", but asked for a warning on the label about heart risks", ", although only for adults over 65"],
    ),
    Event(  # outbreak
        {"n": Num(14, 220), "town": TOWN, "ill": Choice(["measles", "salmonella", "legionnaires' disease", "whooping cough",
         "norovirus"], 1.3), "prev": Num(2, 12), "off": Person()},
        ["Health officials have confirmed {n} cases of {ill} in {town}[, up from {prev} a week ago].",
         "The number of confirmed {ill} cases in {town} has risen to {n}[, health officials said on Friday].",
         "[Officials said the outbreak was growing: ]{n} people in {town} now have confirmed cases of {ill}.",
         "\"We expect more cases,\" said {off}, the {town} health director, after {n} cases of {ill} were confirmed.",
         "There are now {n} confirmed cases of {ill} in {town}[, {off} of the county health department said]."],
        claims=[", and two people have died", ", and the outbreak has spread to schools in two nearby towns"],
    ),
    Event(  # storm
        {"n": Num(12, 480, "{:,}", 1000), "mph": Num(55, 110), "day": DAY, "town": TOWN,
         "what": Choice(["a storm", "a winter storm", "a line of thunderstorms", "a tropical storm"], 0.7)},
        ["{what} with winds of up to {mph} miles per hour knocked out power to {n} homes[ on {day}].",
         "About {n} homes lost power[ on {day}] as {what} brought winds of {mph} miles per hour[ to the {town} area].",
         "[Utility crews worked through the night after ]{what} cut power to {n} homes with {mph} mph winds.",
         "Winds reaching {mph} miles per hour left {n} homes without power[ around {town}][ on {day}], the utility said.",
         "The utility said {n} customers were without power after {what} packing {mph} mph gusts swept through[ on {day}]."],
        claims=[", and three people were killed by falling trees", ", and schools across the region will stay shut all week"],
    ),
    Event(  # fire
        {"town": TOWN, "n": Num(30, 140), "place": Choice(["a furniture warehouse", "a textile mill", "a school gym",
         "an apartment block", "a paper plant"], 1.2), "hurt": Pol({"c": ("no one was hurt", "two firefighters were hurt"),
         "w": ("without injuring anyone", "injuring two firefighters")}), "hours": Num(2, 9)},
        ["A fire destroyed {place} in {town}[ on Sunday], and {hurt_c}, officials said.",
         "More than {n} firefighters fought a blaze that destroyed {place} in {town}[ for {hours} hours], {hurt_w}.",
         "[Fire officials said ]{hurt_c} when flames swept through {place} in {town}[ early on Sunday].",
         "It took {n} firefighters[ about {hours} hours] to put out the fire at {place} in {town}, and {hurt_c}.",
         "The fire gutted {place} in {town}[ overnight], {hurt_w}[, the fire chief said]."],
        claims=[", and police said it was started on purpose", ", and the owners had been warned about faulty wiring"],
    ),
    Event(  # derailment
        {"town": TOWN, "n": Num(4, 60), "cars": Num(3, 11), "co": Choice(["Ironvale Rail", "Northline Rail", "Coastway Trains"]),
         "out": Pol({"v": ("injuring", "killing"), "p": ("were injured", "were killed")}), "day": DAY},
        ["A passenger train derailed near {town}[ on {day}], {out_v} {n} people[, officials said].",
         "{n} people {out_p} when {cars} cars of a {co} train left the tracks near {town}[ on {day}].",
         "[Investigators are trying to find out why ]a {co} train came off the rails outside {town}, {out_v} {n} passengers.",
         "\"It was terrifying,\" a passenger said after the derailment near {town} in which {n} people {out_p}.",
         "{cars} cars of the {co} train jumped the tracks near {town}[ on {day}], and {n} people {out_p}."],
        claims=[", and the driver has been arrested", ", and the line will stay closed for a month"],
    ),
    Event(  # match result
        {"home": TEAM, "away": TEAM, "a": Num(3, 7), "b": Num(0, 2), "what": Choice(["the cup final", "the semifinal",
         "the season opener", "the league decider"], 1.2), "star": Person()},
        ["{home} beat {away} {a}-{b} in {what}[, with {star} scoring twice].",
         "{away} lost {a}-{b} to {home} in {what}[ on Saturday][ in front of a full stadium].",
         "[Led by {star}, ]{home} defeated {away} {a} to {b} in {what}.",
         "\"We earned this,\" {star} said after {home} won {what} against {away} by a score of {a}-{b}.",
         "In {what}[ on Saturday], {home} ran out {a}-{b} winners over {away}[, {star} scoring twice]."],
        claims=[", but the result was later overturned on appeal", ", and {star} was sent off in the second half"],
        swaps=[("home", "away")],
    ),
    Event(  # contract
        {"who": Person(), "team": TEAM, "yrs": Choice(["two", "three", "four", "five"], 1.2), "m": Num(6, 140, "${} million"),
         "pos": Choice(["striker", "goalkeeper", "pitcher", "point guard", "midfielder"], 0.7)},
        ["{who} signed a {yrs}-year contract worth {m} with {team}[, the player's agent said].",
         "{team} have signed {pos} {who} to a {yrs}-year deal worth {m}[, the club said on Monday].",
         "[An agent said on Monday that ]{who}, the {pos}, has agreed to a {yrs}-year, {m} contract with {team}.",
         "\"I'm happy to stay,\" {who} said after agreeing a {yrs}-year deal with {team} worth {m}.",
         "The {yrs}-year contract {who} signed with {team} is worth {m}[, the most the club has ever paid a {pos}]."],
        claims=[", but the deal fell apart after a failed medical", ", though {team} can end it after one season"],
    ),
    Event(  # interest rates
        {"bp": Choice(["a quarter of a point", "half a point", "three-quarters of a point"], 1.3),
         "rate": Num(125, 575, "{:.2f} percent", 0.01), "dir": Pol({"v": ("raised", "cut"), "n": ("increase", "cut")}),
         "gov": Person(), "day": DAY},
        ["The central bank {dir_v} its main interest rate by {bp} to {rate}[ on {day}], its first move this year.",
         "[In a widely expected decision, ]the central bank {dir_v} its benchmark rate {bp}, to {rate}.",
         "Governor {gov} said the central bank's {dir_n} of {bp}, which takes its key rate to {rate}, was needed[ to cool prices].",
         "The central bank's benchmark rate now stands at {rate} after policymakers {dir_v} it by {bp}[ on {day}].",
         "\"Prices are still rising too fast,\" central bank governor {gov} said after the bank {dir_v} rates by {bp} to {rate}."],
        claims=[", and signalled more moves before the end of the year", ", and two of its nine members voted against"],
    ),
    Event(  # stock market
        {"pts": Num(35, 420), "lvl": Num(8400, 14900, "{:,}"), "dir": Pol({"v": ("rose", "fell"), "a": ("up", "down")}),
         "lead": Choice(["technology shares", "bank stocks", "energy companies", "retailers"], 1.2), "day": DAY},
        ["The Westport index {dir_v} {pts} points to close at {lvl}[ on {day}][, led by {lead}].",
         "[Led by {lead}, ]the Westport index closed {dir_a} {pts} points at {lvl}[ on {day}].",
         "Stocks {dir_v} on {day}, with the Westport index ending the day {pts} points {dir_a} at {lvl}[ as investors bought {lead}].",
         "The Westport index finished at {lvl}, {dir_a} {pts} points[, as {lead} drew buyers][, traders said].",
         "\"It was a {lead} story today,\" one trader said after the Westport index {dir_v} {pts} points to {lvl}."],
        claims=[", its biggest one-day move in five years", ", and trading was halted twice during the session"],
    ),
    Event(  # strike vote
        {"co": COMPANY, "pct": Num(55, 93), "n": Num(2, 40, "{:,}", 500), "day": DAY,
         "vote": Pol({"v": ("to go on strike", "to accept the contract offer"), "n": ("a strike", "the contract offer")}),
         "union": Choice(["the machinists' union", "the drivers' union", "the nurses' union", "the dock workers' union"])},
        ["Members of {union} at {co} voted {vote_v}[ on {day}], with {pct} percent in favour.",
         "{pct} percent of the {n} workers represented by {union} at {co} backed {vote_n}[, the union said].",
         "[In a ballot that ended on {day}, ]{n} {co} workers in {union} voted {vote_v} by a margin of {pct} percent.",
         "\"Our members have made their choice,\" {union} said after {pct} percent of {co} workers voted {vote_v}.",
         "{co} workers voted {vote_v}[ on {day}], with {pct} percent of {union}'s {n} members saying yes."],
        claims=[", and picket lines went up the same night", ", but the company said it would take the union to court"],
    ),
    Event(  # city budget
        {"town": TOWN, "m": Num(40, 900, "${:,} million"), "what": Choice(["new buses", "road repairs", "two new schools",
         "a flood wall", "more police officers"], 1.3), "vote": Num(5, 9), "mayor": Person()},
        ["The {town} city council approved a {m} budget[ on Tuesday] that includes money for {what}.",
         "[Mayor {mayor} welcomed the vote, as ]{town}'s council passed a {m} budget with funds for {what}.",
         "A {m} budget for {town}, with money set aside for {what}, was approved by the city council[ {vote} votes to 2].",
         "\"This budget puts people first,\" {town} mayor {mayor} said after the council approved {m} in spending, including {what}.",
         "Council members in {town} voted {vote}-2 to pass a {m} budget[ for next year] that pays for {what}."],
        claims=[", but the mayor vetoed it two days later", ", and it raises property taxes by a fifth"],
    ),
    Event(  # satellite
        {"day": DAY, "what": Choice(["sea ice", "forest fires", "crop growth", "air pollution", "ocean currents"], 1.3),
         "act": Pol({"v": ("launched", "postponed the launch of"), "n": ("launch", "delay")}),
         "cost": Num(120, 890, "${} million"), "site": Choice(["Port Carrow", "Saltmarsh", "Cedar Bluff"])},
        ["The space agency {act_v} a satellite[ on {day}] to study {what}[ from orbit].",
         "A {cost} satellite built to study {what} was {act_v} by the space agency[ from {site}][ on {day}].",
         "[Officials said on {day} that ]the agency had {act_v} its new satellite for tracking {what}.",
         "\"This will change how we watch {what},\" an agency scientist said after the {act_n} of the {cost} satellite.",
         "The space agency {act_v} its {cost} {what} satellite[ from {site}], officials said[ on {day}]."],
        claims=[", but it lost contact with the craft an hour later", ", and the mission's budget was cut by a third"],
    ),
    Event(  # lawsuit
        {"plaintiff": COMPANY, "co": COMPANY, "m": Num(15, 900, "${} million"), "day": DAY,
         "act": Pol({"v": ("sued", "dropped its lawsuit against"), "n": ("filed a lawsuit", "dropped a lawsuit")}),
         "claim": Choice(["patent infringement", "breach of contract", "stealing trade secrets", "false advertising"], 1.3)},
        ["{plaintiff} {act_v} {co}[ on {day}], seeking {m} in damages for {claim}.",
         "{plaintiff} said[ on {day}] it had {act_n} against {co} over {claim}, seeking {m}.",
         "[In a case over {claim}, ]{plaintiff} has {act_v} {co}, which it had asked to pay {m}.",
         "\"We will defend our work,\" {plaintiff} said after it {act_v} {co} over {claim}, a case worth {m}.",
         "{plaintiff}, which accuses {co} of {claim}, {act_v} the company[ on {day}] in a case worth {m}."],
        claims=[", and a judge has already ruled in its favour", ", and {co} has filed a countersuit"],
        swaps=[("plaintiff", "co")],
    ),
    Event(  # oil
        {"price": Num(4200, 11800, "${:.2f}", 0.01), "pct": Num(2, 9), "day": DAY,
         "dir": Pol({"v": ("rose", "fell"), "n": ("rise", "fall")}),
         "why": Choice(["a pipeline outage", "a cold snap", "new output figures", "talks between producers"], 0.9)},
        ["Crude oil {dir_v} {pct} percent to {price} a barrel[ on {day}][ after {why}].",
         "[After {why}, ]the price of oil {dir_v} {pct} percent on {day} to close at {price} a barrel.",
         "Oil prices {dir_v} to {price} a barrel, a {dir_n} of {pct} percent[, as traders reacted to {why}].",
         "\"The market is nervous,\" one analyst said after oil {dir_v} {pct} percent to {price} a barrel[ on {day}].",
         "A barrel of crude cost {price} at the close[ on {day}], a {pct} percent {dir_n}[ that traders linked to {why}]."],
        claims=[", the highest price in three years", ", and petrol prices are expected to follow within days"],
    ),
    Event(  # flight cancellations
        {"co": Choice(["Calloway Airlines", "Skylark Air", "Bluecoast Airways", "Meridian Air"]), "n": Num(40, 900),
         "why": Choice(["a pilots' strike", "a snowstorm", "a computer failure", "an air traffic controllers' walkout"], 1.3),
         "town": TOWN, "day": DAY},
        ["{co} cancelled {n} flights[ on {day}] because of {why}[, leaving thousands of travellers stranded].",
         "[Thousands of travellers were stranded as ]{co} called off {n} flights on {day}, blaming {why}.",
         "About {n} {co} flights were cancelled[ on {day}] after {why}[ at its hub in {town}].",
         "\"We apologise to our customers,\" {co} said after {why} forced it to cancel {n} flights[ on {day}].",
         "{why} led {co} to scrap {n} flights[ from its {town} hub][ on {day}], the airline said."],
        claims=[", and it said the disruption would last all week", ", but flights from {town} were not affected"],
    ),
    Event(  # school report / ruling on policy
        {"court": Choice(["The state supreme court", "A federal appeals court", "A district judge"], 0.0),
         "law": Choice(["ban on plastic bags", "new voting map", "tax on sugary drinks", "curfew for teenagers", "rent freeze"], 1.3),
         "town": TOWN, "vote": Choice(["5 to 2", "4 to 3", "6 to 1"], 0.8),
         "out": Pol({"v": ("upheld", "struck down"), "n": ("can", "cannot")})},
        ["{court} {out_v} the {law} in {town}[ on Thursday][, ruling {vote}].",
         "{town}'s {law} was {out_v} by {court_l}[ in a {vote} decision][ on Thursday].",
         "[Ruling {vote}, ]{court_l} said {town} {out_n} go ahead with its {law}, and {out_v} the measure.",
         "\"This is a victory for the people of {town},\" the mayor said after {court_l} {out_v} the town's {law}.",
         "In a {vote} ruling, {court_l} {out_v} the {law}[ that {town} passed last year][, lawyers said]."],
        claims=[", and ordered the town to pay the plaintiffs' legal costs", ", but the ruling will not take effect until next year"],
    ),
]


# --- rendering ---------------------------------------------------------------------------------------------------


def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r" ([,.])", r"\1", text)
    text = text.replace(",,", ",").replace(",.", ".")
    return text[0].upper() + text[1:]


def render(frame: str, facts: dict[str, str], rng: random.Random, keep: float) -> tuple[str, set[str]]:
    """One sentence from a frame: keep each [detail] with probability `keep`, pick one <a|b>; also the slots used."""
    text = re.sub(r"\[([^\[\]]*)\]", lambda m: m.group(1) if rng.random() < keep else "", frame)
    used = {name.split("_")[0] for name in re.findall(r"\{(\w+)\}", text)}
    text = text.format(**facts)
    text = re.sub(r"<([^<>]*)>", lambda m: rng.choice(m.group(1).split("|")), text)
    text = _tidy(text)
    attributed = re.search(r"\b(said|reported|told \w+)\.$", text) or "according to" in text or text.startswith('"')
    if rng.random() < P_TAIL and not attributed:
        text = text[:-1] + rng.choice(TAILS) + "."
    return text, used


def draw_facts(event: Event, rng: random.Random) -> dict[str, str]:
    facts: dict[str, str] = {}
    for name, slot in event.slots.items():
        for _ in range(20):
            new = slot.draw(rng, name)
            if new[name if name in new else next(iter(new))] not in facts.values():
                break
        facts.update(new)
    facts.setdefault("day", rng.choice(DAYS))  # a minor detail some frames mention
    if "court" in facts:
        facts["court_l"] = facts["court"][0].lower() + facts["court"][1:]
    return facts


def add_claim(sentence: str, claim: str, facts: dict[str, str]) -> str:
    return sentence[:-1] + claim.format(**facts) + "."


def make_pair(event: Event, label: int, rng: random.Random) -> tuple[str, str]:
    """Two sentences about one made-up story: label 1 says the same thing, label 0 differs in one fact or claim."""
    facts = draw_facts(event, rng)
    keep = rng.choice(KEEP)
    n = len(event.frames)
    if label == 1:
        for _ in range(100):
            f1 = rng.randrange(n)
            f2 = f1 if rng.random() < P_SAME_POSITIVE else rng.choice([i for i in range(n) if i != f1])
            s1, _ = render(event.frames[f1], facts, rng, keep)
            s2, _ = render(event.frames[f2], facts, rng, keep)
            if s1 != s2 and min(len(s1.split()), len(s2.split())) >= MIN_WORDS:
                return s1, s2
        raise RuntimeError("no paraphrase found")
    kinds = [(name, slot.weight) for name, slot in event.slots.items() if slot.weight > 0]
    kinds += [(("swap", pair), 1.5) for pair in event.swaps] + [(("claim", c), 1.0 / len(event.claims)) for c in event.claims]
    for _ in range(200):
        kind = rng.choices([k for k, _ in kinds], weights=[w for _, w in kinds])[0]
        f1 = rng.randrange(n)
        f2 = f1 if rng.random() < P_SAME_NEGATIVE else rng.choice([i for i in range(n) if i != f1])
        changed = dict(facts)
        if isinstance(kind, tuple) and kind[0] == "swap":
            a, b = kind[1]
            for key in [k for k in facts if k.split("_")[0] == a]:
                changed[key], changed[key.replace(a, b, 1)] = facts[key.replace(a, b, 1)], facts[key]
            needed = {a, b}
        elif isinstance(kind, tuple):
            s1, _ = render(event.frames[f1], facts, rng, keep)
            s2, _ = render(event.frames[f2], facts, rng, keep)
            s2 = add_claim(s2, kind[1], facts)
            if s1 != s2 and min(len(s1.split()), len(s2.split())) >= MIN_WORDS:
                return (s1, s2) if rng.random() < 0.5 else (s2, s1)
            continue
        else:
            changed.update(event.slots[kind].alter(rng, kind, facts))
            needed = {kind}
        s1, used1 = render(event.frames[f1], facts, rng, keep)
        s2, used2 = render(event.frames[f2], changed, rng, keep)
        if needed <= used1 and needed <= used2 and s1 != s2 and min(len(s1.split()), len(s2.split())) >= MIN_WORDS:
            return s1, s2
    raise RuntimeError("no non-paraphrase found")


# --- files -------------------------------------------------------------------------------------------------------


def build_split(split: str, taken: set[str]) -> list[tuple[int, str, str]]:
    rng = random.Random(SEEDS[split])
    positives, negatives = SIZES[split]
    labels = [1] * positives + [0] * negatives
    rng.shuffle(labels)
    pairs: list[tuple[int, str, str]] = []
    seen_pairs: set[frozenset[str]] = set()
    order = []
    for label in labels:
        if not order:
            order = list(range(len(EVENTS)))
            rng.shuffle(order)
        event = EVENTS[order.pop()]
        while True:
            s1, s2 = make_pair(event, label, rng)
            if s1 not in taken and s2 not in taken and frozenset((s1, s2)) not in seen_pairs:
                break
        seen_pairs.add(frozenset((s1, s2)))
        taken.update((s1, s2))
        pairs.append((label, s1, s2))
    return pairs


def cut_closing_quotes(pairs: list[tuple[int, str, str]], count: int) -> list[tuple[int, str, str]]:
    """Drop the closing quote of a few opening quotations, leaving the stray `"` the public file also has."""
    out = []
    for label, s1, s2 in pairs:
        if count and s1.startswith('"') and s1.count('"') == 2:
            s1 = s1.replace(',"', ",", 1)
            count -= 1
        out.append((label, s1, s2))
    return out


def file_bytes() -> dict[str, bytes]:
    """The exact bytes of train.tsv and dev.tsv (UTF-8 with BOM, GLUE header, one pair per line)."""
    out: dict[str, bytes] = {}
    taken: set[str] = set()
    ids = random.Random(7).sample(range(105637, 3996713), 2 * sum(sum(n) for n in SIZES.values()))
    sentence_ids: dict[str, int] = {}
    for split in ("train", "dev"):
        pairs = cut_closing_quotes(build_split(split, taken), STRAY_QUOTES[split])
        lines = [HEADER]
        for label, s1, s2 in pairs:
            for s in (s1, s2):
                sentence_ids.setdefault(s, ids[len(sentence_ids)])
            lines.append(f"{label}\t{sentence_ids[s1]}\t{sentence_ids[s2]}\t{s1}\t{s2}")
        out[split] = b"\xef\xbb\xbf" + ("\n".join(lines) + "\n").encode("utf-8")
    return out


def write_all() -> None:
    for split, data in file_bytes().items():
        (HERE / f"{split}.tsv").write_bytes(data)


def read(split: str) -> list[tuple[int, str, str]]:
    text = (HERE / f"{split}.tsv").read_text(encoding="utf-8-sig")
    rows = [line.split("\t") for line in text.split("\n")[1:] if line]
    return [(int(r[0]), r[3], r[4]) for r in rows]


def words(sentence: str) -> set[str]:
    """Lower-cased word set (runs of letters, digits and apostrophes), as used for the overlap statistics."""
    return set(re.findall(r"[a-z0-9']+", sentence.lower()))


def jaccard(s1: str, s2: str) -> float:
    a, b = words(s1), words(s2)
    return len(a & b) / len(a | b)


def print_stats() -> None:
    from statistics import mean, pstdev

    for split in ("train", "dev"):
        rows = read(split)
        print(f"{split}: {len(rows)} pairs, {sum(r[0] for r in rows)} paraphrases ({mean(r[0] for r in rows):.1%})")
        for label in (1, 0):
            sub = [r for r in rows if r[0] == label]
            jac = [jaccard(a, b) for _, a, b in sub]
            dlen = [abs(len(a.split()) - len(b.split())) for _, a, b in sub]
            print(f"  label {label}: Jaccard {mean(jac):.2f} ± {pstdev(jac):.2f}, mean |Δ length| {mean(dlen):.1f} words")
        lengths = [len(s.split()) for r in rows for s in r[1:]]
        print(f"  sentence length: mean {mean(lengths):.1f}, min {min(lengths)}, max {max(lengths)} words")


if __name__ == "__main__":
    if sys.argv[1:] == ["stats"]:
        print_stats()
    else:
        write_all()
