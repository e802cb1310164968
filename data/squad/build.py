"""Build the BERT Lab SQuAD v1.1 course files from the hand-written source below.

Run from anywhere:  python data/squad/build.py

The paragraphs, questions and answers are written by hand in the SOURCE blocks
at the bottom of this file. This script only parses them and computes the
derived fields of the SQuAD v1.1 format: ``answer_start`` offsets (found with
``str.find`` and checked), and 24-hex-digit question ids (from an MD5 hash of
split, title and question).

Source syntax, one block per article::

    === train Salt_marsh          (split and Wikipedia-style title)
    P                             (a new paragraph; text lines follow and are
    text of the paragraph ...      joined with single spaces)
    Q Question text? -> answer    (train: exactly one answer)
    Q Question? -> ans | ans | a  (dev: up to three reference answers)
    + | more answers               (a line starting with "+ " continues the line before)

An answer may end in ``##N`` to choose the N-th occurrence of its text in the
context (default: the first). In dev, a second or third answer whose text sits
inside or around the first answer's span is anchored to that span.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

SOURCE: list[str] = []


def _nth_find(context: str, text: str, n: int) -> int:
    start = -1
    for _ in range(n):
        start = context.find(text, start + 1)
        if start < 0:
            return -1
    return start


def _locate(context: str, text: str, anchor: tuple[int, int] | None) -> int:
    m = re.fullmatch(r"(.*?)\s*##(\d+)", text)
    if m:
        return _nth_find(context, m.group(1), int(m.group(2)))
    if anchor is not None:
        a0, a1 = anchor
        pos = context.find(text)
        while pos >= 0:
            if pos < a1 and pos + len(text) > a0:
                return pos
            pos = context.find(text, pos + 1)
    return context.find(text)


def _clean(text: str) -> str:
    return re.sub(r"\s*##\d+$", "", text)


def _logical_lines(block: str) -> list[str]:
    """Stripped lines of a block; a line starting with ``+ `` continues the line before it."""
    lines: list[str] = []
    for raw in block.splitlines():
        line = raw.strip()
        if line.startswith("+ ") and lines:
            lines[-1] += " " + line[2:]
        else:
            lines.append(line)
    return lines


def parse(blocks: list[str]) -> dict[str, list[dict]]:
    splits: dict[str, list[dict]] = {"train": [], "dev": []}
    article = None
    para_lines: list[str] | None = None
    errors: list[str] = []

    def flush_para():
        nonlocal para_lines
        if para_lines is not None:
            article["paragraphs"].append({"context": " ".join(para_lines), "qas": []})
            para_lines = None

    for block in blocks:
        for line in _logical_lines(block):
            if not line:
                continue
            if line.startswith("=== "):
                if article is not None:
                    flush_para()
                split, title = line[4:].split()
                article = {"title": title, "paragraphs": []}
                splits[split].append(article)
                current_split = split
            elif line == "P":
                flush_para()
                para_lines = []
            elif line.startswith("Q "):
                flush_para()
                para = article["paragraphs"][-1]
                question, answers = line[2:].split(" -> ")
                question = question.strip()
                answer_texts = [a.strip() for a in answers.split(" | ")]
                context = para["context"]
                out = []
                anchor = None
                for a in answer_texts:
                    start = _locate(context, a, anchor)
                    text = _clean(a)
                    if start < 0 or context[start:start + len(text)] != text:
                        errors.append(f"{article['title']}: answer {text!r} not found for {question!r}")
                        continue
                    if anchor is None:
                        anchor = (start, start + len(text))
                        if "##" not in a and context.count(text) > 1:
                            print(f"note: {article['title']}: {text!r} occurs "
                                  f"{context.count(text)}x, first used", file=sys.stderr)
                    out.append({"answer_start": start, "text": text})
                key = f"{current_split}|{article['title']}|{question}"
                qid = hashlib.md5(key.encode("utf-8")).hexdigest()[:24]
                para["qas"].append({"answers": out, "question": question, "id": qid})
            else:
                para_lines.append(line)
        if article is not None:
            flush_para()
    if errors:
        raise SystemExit("\n".join(errors))
    return splits


def main() -> None:
    splits = parse(SOURCE)
    for split, name in (("train", "train-v1.1.json"), ("dev", "dev-v1.1.json")):
        with open(HERE / name, "w", encoding="utf-8") as fh:
            json.dump({"data": splits[split], "version": "1.1"}, fh)
        n_par = sum(len(a["paragraphs"]) for a in splits[split])
        n_q = sum(len(p["qas"]) for a in splits[split] for p in a["paragraphs"])
        print(f"{name}: {len(splits[split])} titles, {n_par} paragraphs, {n_q} questions")


# --------------------------------------------------------------------------
# Hand-written source text
# --------------------------------------------------------------------------

SOURCE.append(r"""
=== train Salt_marsh
P
A salt marsh is a coastal wetland that is flooded and drained by the tides. It forms in the sheltered upper part of
the intertidal zone, between open water and dry land, where fine silt and clay can settle out of slow-moving water.
Salt marshes are dominated by dense stands of salt-tolerant grasses, rushes and low shrubs, which together are known
as halophytes. They are most common on low-energy shorelines in temperate and high latitudes; in the tropics and
subtropics a similar position on the shore is usually taken by mangrove forests. Marshes are among the most productive
ecosystems on Earth, producing more plant material per square metre each year than most farmland.
Q Which part of the intertidal zone do salt marshes form in? -> the sheltered upper part
Q What kind of sediment settles out to build a marsh? -> fine silt and clay
Q What is the collective name for salt-tolerant plants? -> halophytes
Q What usually replaces salt marshes on tropical coasts? -> mangrove forests
Q Marshes produce more plant material each year than what? -> most farmland
P
Ecologists usually divide a marsh into a low marsh and a high marsh. The low marsh lies closest to the sea and is
covered by almost every high tide, so only a few species survive there; along the Atlantic coast of North America it
is often a near-monoculture of smooth cordgrass. The high marsh sits a little higher and is flooded only by spring
tides and storm surges, perhaps a few dozen times a year. Because water evaporates from the shallow pools left behind,
the soil of the high marsh can become saltier than seawater, and bare patches called salt pans are common. Here the
vegetation is shorter and more mixed, with saltmeadow hay, glassworts and sea lavender growing side by side.
Q Which zone of the marsh is flooded by almost every high tide? -> low marsh ##2
Q What plant often forms a near-monoculture in the low marsh of the North American Atlantic coast? -> smooth cordgrass
Q Apart from storm surges, which tides flood the high marsh? -> spring tides
Q Why can high marsh soil become saltier than seawater? -> water evaporates from the shallow pools left behind
Q What are the bare patches in the high marsh called? -> salt pans
P
The shape of a marsh is controlled by a network of tidal creeks that branch inland like the roots of a tree. Twice a
day water pours in through these channels and spreads across the marsh surface, then drains back out as the tide
falls. On the flood tide the current slows as it leaves the creek banks, and the suspended mud drops out first along
the edges, building low natural levees. The stems of the grasses also act as a baffle, slowing the water further and
trapping particles that would otherwise be carried back to sea. In this way a healthy marsh can raise its own surface
by a few millimetres a year, which has allowed many marshes to keep pace with gradual rises in sea level. Studies in
the Wadden Sea and in Chesapeake Bay have found accretion rates ranging from about two to more than ten millimetres
per year, depending largely on how much sediment the rivers and tides supply.
Q What shape does the creek network of a marsh resemble? -> the roots of a tree
Q How often does water flow into the marsh through the creeks? -> Twice a day
Q What landform is built where mud drops out along creek edges? -> low natural levees
Q How do grass stems help trap sediment? -> act as a baffle
Q Besides Chesapeake Bay, where were marsh accretion rates studied? -> the Wadden Sea
Q What mainly determines how fast a marsh surface rises? -> how much sediment the rivers and tides supply
P
For most of recorded history salt marshes were regarded as wasteland, good only for rough grazing or for cutting hay,
and enormous areas were drained, diked or filled. In the Netherlands and eastern England, marsh was enclosed behind
sea walls from the Middle Ages onward to create farmland known as polders or levels. In the twentieth century many
American marshes were ditched in an attempt to control mosquitoes, and others disappeared beneath ports, airports and
housing. Attitudes began to change in the 1960s and 1970s, when researchers showed how much the fisheries of nearby
coasts depended on the marshes as nurseries for young fish, crabs and shrimp. Marshes also protect the shore behind
them. A wide band of vegetation absorbs wave energy during storms, and engineers now often prefer to restore a marsh
in front of a sea wall rather than simply building the wall higher. One of the most closely watched restoration
projects is the managed realignment at Wallasea Island in Essex, where in the 2010s an old sea wall was deliberately
breached and roughly three million tonnes of soil excavated during the construction of the Crossrail tunnels in London
were shipped down the Thames and used to raise the land before the sea was let back in. Within a few years the site
had been colonised by cordgrass and glasswort, and it was regularly used by large numbers of wading birds during the
winter. Restoration is not always so successful. Where the land behind an old wall has sunk through decades of
drainage, it may sit too low in the tidal frame for marsh plants to establish, and the breach produces open mudflat
instead. Planners therefore measure the elevation of a site carefully and may add sediment, as at Wallasea, or wait
for natural deposition to raise the surface. Another common problem is that sea walls and roads prevent marshes from
migrating inland as the sea rises, a squeeze that coastal scientists call coastal squeeze and regard as one of the
main threats facing marshes today.
Q How were salt marshes mostly regarded for most of history? -> as wasteland
Q What were the enclosed farmlands in the Netherlands and eastern England called? -> polders or levels
Q Why were many American marshes ditched in the twentieth century? -> to control mosquitoes
Q In which decades did attitudes toward marshes begin to change? -> the 1960s and 1970s
Q Where is the Wallasea Island restoration project located? -> Essex
Q How much soil was brought to Wallasea Island? -> roughly three million tonnes
Q Which construction project produced the soil used at Wallasea? -> the Crossrail tunnels
Q What forms instead of marsh when a breached site sits too low? -> open mudflat
Q What name do scientists give to the loss of marsh trapped between rising sea and fixed walls? -> coastal squeeze
P
Salt marshes store large amounts of carbon, and for this reason they are counted, together with mangroves and seagrass
meadows, among the habitats that hold what is often called blue carbon. Because the marsh soil is waterlogged and low
in oxygen, dead roots and leaves decompose very slowly and accumulate as peat. Some marsh deposits in New England are
more than four thousand years old and several metres thick. When a marsh is drained, however, air enters the soil and
the stored carbon begins to oxidise, so the loss of marshland can turn a carbon sink into a source of greenhouse
gases.
Q What term describes carbon stored in marshes, mangroves and seagrass meadows? -> blue carbon
Q Why do dead roots in marsh soil decompose slowly? -> the marsh soil is waterlogged and low in oxygen
Q How old are some marsh deposits in New England? -> more than four thousand years old
Q What happens to stored carbon when a marsh is drained? -> begins to oxidise
""")

SOURCE.append(r"""
=== train Harwick_Canal
P
The Harwick Canal is a 64-kilometre inland waterway in the north of England that links the market town of Harwick with
the tidal estuary of the River Lune at Glasson. It was authorised by an Act of Parliament in 1792 and opened in stages
between 1797 and 1803. The canal was promoted by a group of local mill owners and quarrymen who wanted a cheaper way
to move limestone, coal and finished cloth than the slow and expensive packhorse trains then in use. Its chief
engineer was Thomas Aldred, a former millwright from Bolton who had worked under John Rennie on several earlier
schemes.
Q How long is the Harwick Canal? -> 64-kilometre
Q Which river's estuary does the canal reach? -> the River Lune
Q In what year was the canal authorised? -> 1792
Q When was the canal fully opened? -> 1803
Q What form of transport did the canal replace? -> packhorse trains
Q Who was the chief engineer of the canal? -> Thomas Aldred
Q What was Aldred's trade before he became an engineer? -> millwright
P
The most difficult part of the route was the crossing of the Wenning valley, where the canal had to descend almost
forty metres. Aldred's original plan called for a flight of twelve locks, but the company's shareholders objected to
the cost and to the delay that so many locks would cause. Instead, he built a stone aqueduct of five arches carrying
the canal across the river, followed by a shorter flight of seven locks at Crook Bank. The aqueduct, completed in
1799, was the largest structure of its kind in the county and is now a listed building.
Q Which valley presented the greatest challenge on the route? -> the Wenning valley
Q How far did the canal have to descend there? -> almost forty metres
Q How many locks did the original plan require? -> twelve
Q How many arches does the aqueduct have? -> five
Q Where is the shorter flight of locks? -> Crook Bank
Q In what year was the aqueduct finished? -> 1799
P
For the first four decades of its life the canal was highly profitable. At its peak in the late 1830s it carried more
than 300,000 tonnes of goods a year, the majority of it limestone from the quarries at Warton, which was burned in
kilns along the banks to make lime for farmers' fields. Passenger boats also ran between Harwick and Glasson twice a
day, and a fast "packet" service pulled by teams of horses changed at stages every eight miles covered the whole
length in just under six hours.
Q When did the canal reach its peak traffic? -> the late 1830s
Q How much cargo did the canal carry each year at its peak? -> more than 300,000 tonnes
Q Where did most of the limestone come from? -> the quarries at Warton
Q What was the burned limestone used for? -> to make lime for farmers' fields
Q How long did the packet service take to travel the full length? -> just under six hours
P
The arrival of the railway brought the canal's prosperity to an abrupt end. The Harwick and Lune Railway opened along
almost the same route in 1846 and, within five years, had taken most of the limestone and coal traffic. The canal
company responded by cutting its tolls by half, but this only slowed the decline. In 1864 the railway company bought
the canal outright, mainly to remove a competitor, and it then allowed the upper section above Crook Bank to fall into
disrepair. Commercial traffic on the lower section continued on a small scale, chiefly coal for the gasworks at
Glasson, until the last working boat was unloaded in the winter of 1937. During the Second World War parts of the
towpath were fortified as a defensive line, and several concrete pillboxes built in 1940 can still be seen near the
aqueduct. After the war the canal was officially abandoned in 1955, and a stretch at the Harwick end was filled in to
make room for a new road. Restoration began in 1968, when a handful of volunteers formed the Harwick Canal Society and
started clearing rubbish and fallen trees from the channel by hand. Progress was slow for many years, because the
society had little money and the lock gates at Crook Bank had rotted away entirely. The turning point came in 1994,
when the society won a grant of just over four million pounds from the newly created National Lottery heritage fund.
This paid for the rebuilding of all seven locks and the relining of the leaking section above the aqueduct with a
modern waterproof membrane. The restored canal was formally reopened to navigation by the Duke of Gloucester in June
2002, two hundred years after its original completion, although the filled-in section in Harwick itself has still not
been recovered, and boats must turn at a basin built about a kilometre short of the old terminus. Today the canal is
used mainly by holiday cruisers, canoeists and anglers, and the towpath forms part of a long-distance walking route.
Q When did the Harwick and Lune Railway open? -> 1846
Q How did the canal company first respond to the railway? -> cutting its tolls by half
Q Why did the railway company buy the canal? -> to remove a competitor
Q What cargo did the lower section still carry into the twentieth century? -> coal for the gasworks at Glasson
Q When was the last working boat unloaded? -> the winter of 1937
Q What wartime structures survive near the aqueduct? -> concrete pillboxes
Q Who started the restoration effort? -> a handful of volunteers
Q How much money did the society receive in 1994? -> just over four million pounds
Q What was used to stop leaks above the aqueduct? -> a modern waterproof membrane
Q Who reopened the canal in 2002? -> the Duke of Gloucester
Q Where must boats turn today instead of the old terminus? -> a basin built about a kilometre short of the old terminus
P
The canal supports a surprising range of wildlife for a man-made waterway. Its slow, clear water and the reed beds
that line the banks provide habitat for water voles, which have disappeared from many other rivers in the region, and
otters have returned to the lower reaches since the 1990s. A twelve-kilometre section between Crook Bank and Warton
was designated a Site of Special Scientific Interest in 1987 because of its rare aquatic plants, including the
floating water-plantain.
Q Which mammal has vanished from many other rivers but survives on the canal? -> water voles
Q Since when have otters been seen on the lower canal? -> since the 1990s
Q How long is the protected section of the canal? -> twelve-kilometre
Q What rare plant is mentioned as growing in the canal? -> the floating water-plantain
""")

SOURCE.append(r"""
=== train Sourdough
P
Sourdough is bread that is leavened by a culture of wild yeasts and lactic acid bacteria rather than by commercially
produced baker's yeast. The culture, called a starter, is a simple mixture of flour and water that has been allowed to
ferment and is then kept alive by regular feeding. The bacteria produce lactic and acetic acids, which give the bread
its characteristic tang and help it keep longer before going stale. Until the spread of brewer's and then baker's
yeast in the nineteenth century, almost all leavened bread in Europe was made in a broadly similar way.
Q What two kinds of microorganism leaven sourdough? -> wild yeasts and lactic acid bacteria
Q What is the fermenting culture called? -> a starter
Q What is a starter made from? -> flour and water
Q Which acids give sourdough its sour flavour? -> lactic and acetic acids
Q Besides flavour, what advantage do the acids give the bread? -> help it keep longer before going stale
P
A new starter is usually made by mixing equal weights of whole-grain flour and water and leaving the mixture in a warm
place. The microbes already present on the grain and in the kitchen begin to multiply, and after a day or two small
bubbles appear. For the next week or so the baker discards most of the culture each day and refreshes the remainder
with new flour and water. This repeated feeding favours the organisms that tolerate acid and grow quickly, and the
starter gradually becomes stable and predictable. A mature starter should roughly double in volume within four to
eight hours of feeding. Many bakers keep the same culture going for years, and some bakeries claim that their starter
has been in continuous use for more than a century.
Q What kind of flour is usually used to begin a new starter? -> whole-grain flour
Q Where do the microbes in a new starter come from? -> on the grain and in the kitchen
Q When do bubbles first appear in a new starter? -> after a day or two
Q Which organisms does repeated feeding favour? -> the organisms that tolerate acid and grow quickly
Q How quickly should a mature starter double in volume? -> within four to eight hours of feeding
Q How long do some bakeries say their starters have been used? -> more than a century
P
Making a loaf takes far longer than with commercial yeast. A typical method begins the evening before baking, when a
small amount of starter is mixed into a larger batch of flour and water called the levain. The next morning the levain
is combined with the rest of the flour, water and salt, and the dough is left for several hours for the bulk
fermentation, during which it is folded by hand every half hour or so to strengthen the gluten. The dough is then
divided, shaped and placed in cloth-lined baskets known as bannetons. A long, cool final rise, often overnight in a
refrigerator, deepens the flavour and makes the dough firmer and easier to score. The loaves are baked in a very hot
oven, frequently inside a heavy lidded pot that traps steam during the first part of the bake and lets the crust
expand before it sets.
Q When does a typical sourdough method begin? -> the evening before baking
Q What is the larger batch of fermented flour and water called? -> the levain
Q Why is the dough folded during bulk fermentation? -> to strengthen the gluten
Q What are the cloth-lined baskets called? -> bannetons
Q Where does the final rise often take place? -> in a refrigerator
Q What does the lidded pot trap during baking? -> steam
P
San Francisco is probably the city most closely associated with sourdough in the United States. The tradition is
usually traced to the California Gold Rush of 1849, when prospectors and the bakers who followed them relied on
starters because fresh yeast was hard to obtain, and experienced miners were nicknamed sourdoughs. In 1971 two
microbiologists at a United States Department of Agriculture laboratory identified a bacterium that seemed to be
responsible for the city's distinctive flavour and named it Lactobacillus sanfranciscensis. Later research showed that
the organism is in fact found in starters all over the world, from Germany to Italy, so its presence is not what makes
the local bread special.
Q Which American city is most associated with sourdough? -> San Francisco
Q What historical event is the San Francisco tradition traced to? -> the California Gold Rush of 1849
Q What nickname was given to experienced miners? -> sourdoughs
Q In what year was the San Francisco bacterium identified? -> 1971
Q What name was given to the bacterium? -> Lactobacillus sanfranciscensis
Q Where did later research find the bacterium? -> in starters all over the world
P
Sourdough is often said to be easier to digest than bread made with baker's yeast, and there is some scientific
support for a few of these claims, although they are frequently exaggerated. The long fermentation gives the bacteria
time to break down part of the phytic acid in whole-grain flour, a compound that otherwise binds minerals such as
iron, zinc and magnesium and prevents the body from absorbing them. Several studies have also found that sourdough
bread produces a slightly smaller and slower rise in blood sugar than comparable yeasted bread, probably because the
acids slow the rate at which the stomach empties and alter the structure of the starch during baking. People with
irritable bowel syndrome sometimes report that they tolerate sourdough better, and one explanation is that a long
fermentation reduces the level of fructans, a group of carbohydrates that can cause bloating and discomfort in
sensitive individuals. The effect depends heavily on how the bread is made, however. Many loaves sold in supermarkets
as sourdough are produced in a few hours with added baker's yeast and a small amount of dried starter or vinegar for
flavour, and they are unlikely to share these properties. In 2020 the Real Bread Campaign in the United Kingdom called
for the word to be legally restricted to bread made only with a live starter, and similar rules already apply in some
countries; French regulations, for example, allow a loaf to be sold as pain au levain only if it meets limits on
acidity and on the amount of added yeast. It is important to stress that sourdough made from wheat, rye or barley
still contains gluten. Although fermentation breaks down some of the gluten proteins, tests have shown that ordinary
sourdough bread contains far more than the twenty parts per million permitted in products labelled gluten-free, and it
is not safe for people with coeliac disease. Researchers in Italy have produced experimental loaves in which special
strains of bacteria and fungal enzymes break down almost all the gluten over a fermentation lasting many hours, but
such bread is not yet commercially available.
Q Which compound in whole-grain flour is partly broken down by fermentation? -> phytic acid
Q Which minerals can phytic acid prevent the body from absorbing? -> iron, zinc and magnesium
Q How does sourdough affect blood sugar compared with yeasted bread? -> a slightly smaller and slower rise
Q Which carbohydrates are reduced by long fermentation? -> fructans
Q What is often added to supermarket sourdough for flavour? -> a small amount of dried starter or vinegar
Q Which organisation called for legal protection of the word sourdough? -> the Real Bread Campaign
Q Under what name can a French loaf made with a starter be sold? -> pain au levain
Q What is the gluten limit for products labelled gluten-free? -> twenty parts per million
Q Who is ordinary sourdough not safe for? -> people with coeliac disease
Q Where have researchers made experimental low-gluten sourdough? -> Italy
""")

SOURCE.append(r"""
=== train Pipe_organ
P
The pipe organ is a keyboard instrument that produces sound by driving pressurised air, called wind, through a series
of pipes. Each pipe sounds a single pitch, so even a small organ contains hundreds of them, and the largest
instruments have more than twenty thousand. Pipes are grouped into sets called ranks, each with its own tone colour,
and the player selects which ranks will sound by pulling knobs known as stops. Organs are played from a console with
one or more keyboards for the hands, called manuals, and a pedalboard played with the feet.
Q What is the pressurised air in an organ called? -> wind
Q How many pitches does each pipe sound? -> a single pitch
Q How many pipes do the largest organs contain? -> more than twenty thousand
Q What is a set of pipes with the same tone colour called? -> ranks
Q What does the organist pull to choose which ranks sound? -> stops
Q What are the hand keyboards of an organ called? -> manuals
P
Organ pipes fall into two broad families. In flue pipes, which make up the great majority, the sound is produced in
the same way as in a recorder: air is directed across a sharp edge called the lip, and the column of air inside the
pipe vibrates. In reed pipes a thin brass tongue beats against an opening in a metal tube called the shallot, giving a
brighter and often louder sound that imitates instruments such as the trumpet, oboe or clarinet. The pitch of a pipe
depends mainly on its length. An open pipe about eight feet long sounds the lowest C of a normal keyboard, and organ
builders still describe the pitch of a rank in feet for this reason.
Q Which family of pipes is most common? -> flue pipes
Q Which instrument produces sound in the same way as a flue pipe? -> a recorder
Q What is the sharp edge of a flue pipe called? -> the lip
Q What vibrates against the shallot in a reed pipe? -> a thin brass tongue
Q What mainly determines a pipe's pitch? -> its length
Q How long is the open pipe that sounds the lowest C of a keyboard? -> about eight feet
P
The earliest known ancestor of the organ was the hydraulis, invented in the third century BC by the Greek engineer
Ctesibius of Alexandria, which used water pressure to keep the wind steady. Organs became associated with the
Christian church only gradually. Eighth-century Byzantine emperors sent organs as diplomatic gifts to Frankish kings,
and by the tenth century large instruments were being installed in English and German monasteries. An often-quoted
description of the organ at Winchester in England claims that it had four hundred pipes and required seventy men to
work its bellows, although historians suspect that the poet who wrote it exaggerated.
Q What was the earliest ancestor of the organ called? -> the hydraulis
Q Who invented the hydraulis? -> Ctesibius of Alexandria
Q What kept the wind steady in the hydraulis? -> water pressure
Q Who sent organs to Frankish kings as gifts? -> Eighth-century Byzantine emperors
Q How many men supposedly worked the Winchester bellows? -> seventy
P
The period between about 1600 and 1750 is often regarded as the golden age of the organ in northern Europe. In the
Lutheran cities of northern Germany and the Netherlands, wealthy town councils paid for very large instruments in
their main churches, and the organist was frequently one of the most important musicians in the city. The builder Arp
Schnitger, who worked from Hamburg, completed more than one hundred and fifty organs, and several still survive in
playable condition. The typical instrument of this school was built on the Werkprinzip, in which each manual and the
pedal had its own division of pipes housed in a separate case, so that the different sections could be clearly heard
and balanced against one another in the building. Johann Sebastian Bach was an expert on the construction of organs as
well as a virtuoso player, and he was regularly invited to test and approve new instruments. In 1705 the young Bach,
then employed in the small town of Arnstadt, asked for four weeks' leave and walked roughly four hundred kilometres to
Lübeck to hear Dieterich Buxtehude, the celebrated organist of St Mary's Church. He stayed for nearly four months, and
his employers complained on his return that he had introduced strange harmonies into the hymns. In France the organ
developed differently. French builders favoured powerful reed stops and colourful solo combinations, and composers
such as François Couperin and Nicolas de Grigny wrote suites whose movements were named after the registrations they
called for. The nineteenth century brought the symphonic organ, associated above all with the Parisian builder
Aristide Cavaillé-Coll, whose instruments used new mechanical aids and higher wind pressures to imitate the range and
expressive power of an orchestra. The largest of his organs, at the church of Saint-Sulpice in Paris, was completed in
1862 and has about one hundred stops; its organists included Charles-Marie Widor, who held the post for sixty-four
years.
Q What period is seen as the golden age of the north European organ? -> between about 1600 and 1750
Q From which city did Arp Schnitger work? -> Hamburg
Q How many organs did Schnitger complete? -> more than one hundred and fifty
Q What was the design principle of the north German organ called? -> the Werkprinzip
Q Where was Bach working when he went to hear Buxtehude? -> Arnstadt
Q How far did Bach walk to Lübeck? -> roughly four hundred kilometres
Q How long did Bach stay away? -> nearly four months
Q What kind of stops did French builders favour? -> powerful reed stops
Q Which builder is associated with the symphonic organ? -> Aristide Cavaillé-Coll
Q When was the Saint-Sulpice organ completed? -> 1862
Q How long did Widor serve as organist at Saint-Sulpice? -> sixty-four years
P
In the early twentieth century many builders replaced the direct mechanical linkage between keys and pallets, known as
tracker action, with pneumatic and later electric systems. These made it possible to place the console far from the
pipes and to build instruments of enormous size, such as the organ at Boardwalk Hall in Atlantic City, which was
finished in 1932 and is often described as the largest in the world. From the 1950s onward, however, a revival
movement inspired by historic instruments led many builders to return to tracker action, which players value because
it lets them control the opening of each pipe valve directly with their fingers.
Q What is the direct mechanical key linkage called? -> tracker action
Q What did electric action make possible? -> to place the console far from the pipes
Q Where is the organ often described as the world's largest? -> Boardwalk Hall in Atlantic City
Q When did the revival of tracker action begin? -> the 1950s
""")

SOURCE.append(r"""
=== train Monsoon
P
A monsoon is a seasonal reversal of the prevailing wind that brings a marked change in rainfall. The word reached
English in the sixteenth century through Portuguese and Dutch, and is usually traced to the Arabic mawsim, meaning
season. Although the term originally described the winds over the Arabian Sea that Arab sailors used for trading
voyages to India and East Africa, it is now applied to similar systems in West Africa, northern Australia and the
south-western United States. In everyday speech, especially in South Asia, the monsoon usually refers to the rainy
season itself rather than to the winds.
Q What is a monsoon fundamentally a change of? -> the prevailing wind
Q From which Arabic word is monsoon usually thought to come? -> mawsim
Q What does the Arabic source word mean? -> season ##2
Q Over which sea were the original monsoon winds observed? -> the Arabian Sea
Q What does the word monsoon usually mean in everyday South Asian speech? -> the rainy season itself
P
The basic cause of a monsoon is the difference in how quickly land and sea warm up. In late spring the land surface of
South Asia and the Tibetan Plateau heats much faster than the Indian Ocean, and the hot air over the land rises,
creating an area of low pressure. Moist air from the ocean is drawn in to replace it, and as it rises over the land
and the mountains it cools and releases its water as rain. In winter the pattern is reversed: the land cools more
quickly than the ocean, pressure builds over central Asia, and dry winds blow from the north-east toward the sea.
Q What is the basic cause of a monsoon? -> the difference in how quickly land and sea warm up
Q Besides South Asia, what land area heats quickly in late spring? -> the Tibetan Plateau
Q What forms over the land when hot air rises? -> an area of low pressure
Q Why does moist ocean air release rain over land? -> it cools
Q From which direction do the dry winter winds blow? -> the north-east
P
The South Asian summer monsoon is the best known and most intensely studied monsoon system in the world. Its arrival
over the southern tip of India, an event known as the onset, is announced each year by the India Meteorological
Department, and the average date for the state of Kerala is the first of June. From there the rains advance north and
west in a series of surges and usually cover the whole country by the middle of July. The monsoon delivers roughly
three quarters of India's annual rainfall in just four months, from June to September, so the timing and strength of
the season matter enormously for agriculture, for drinking water and for the generation of hydroelectric power.
Rainfall is very unevenly distributed. The western slopes of the Western Ghats receive several metres of rain a
season, while the rain shadow on the far side of the range can be semi-arid, and the desert of western Rajasthan may
receive less than a tenth of what falls on the coast. Some of the wettest places on the planet lie in the hills of the
north-eastern state of Meghalaya, where moist air from the Bay of Bengal is forced sharply upward by the Khasi Hills.
The village of Mawsynram records an average of nearly twelve metres of rain a year, and nearby Cherrapunji holds the
record for the most rain in a single calendar month, set in July 1861. Within a season the rains do not fall steadily.
Periods of heavy rain alternate with breaks lasting a week or more, and a long break during the critical weeks after
sowing can ruin a crop even in a year whose total rainfall looks normal. Forecasters therefore publish not only a
seasonal outlook in April but also extended forecasts every few days. Over the longer term the strength of the monsoon
is linked to conditions in the Pacific Ocean, and years in which an El Niño warms the eastern Pacific have often
brought below-average rainfall and drought to much of India.
Q Which organisation announces the monsoon's onset? -> the India Meteorological Department
Q What is the average onset date in Kerala? -> the first of June
Q By when does the monsoon usually cover all of India? -> the middle of July
Q What share of India's yearly rain falls during the monsoon? -> roughly three quarters
Q Which mountain range receives several metres of rain on its western slopes? -> the Western Ghats
Q In which state are some of the wettest places on Earth? -> Meghalaya
Q Which hills force the moist air upward in Meghalaya? -> the Khasi Hills
Q How much rain does Mawsynram receive in an average year? -> nearly twelve metres
Q When was Cherrapunji's monthly rainfall record set? -> July 1861
Q In which month is the seasonal outlook published? -> April
Q What Pacific phenomenon is often linked with drought in India? -> El Niño
P
The West African monsoon brings the rainy season to the Sahel, the belt of semi-arid land on the southern edge of the
Sahara. Between the late 1960s and the 1980s the region suffered a series of severe droughts in which rainfall fell
well below its earlier average, causing famine and forcing large numbers of herders to leave their traditional grazing
lands. Scientists at first blamed overgrazing and the loss of vegetation, but later studies showed that changes in the
temperature of the Atlantic and Indian oceans played a larger role. Rainfall has partly recovered since the 1990s,
though it has become more variable from year to year.
Q What is the semi-arid belt on the southern edge of the Sahara called? -> the Sahel
Q When did the severe Sahel droughts occur? -> Between the late 1960s and the 1980s
Q What did scientists first blame for the droughts? -> overgrazing and the loss of vegetation
Q What did later studies find played a larger role? -> changes in the temperature of the Atlantic and Indian oceans
Q How has Sahel rainfall changed since the 1990s? -> partly recovered
P
In North America, a weaker monsoon affects Arizona, New Mexico and north-western Mexico between July and September.
Moist air from the Gulf of California and the Gulf of Mexico feeds afternoon thunderstorms that can produce flash
floods, dust storms known locally by the Arabic word haboob, and frequent lightning that starts wildfires. In Tucson
the season supplies about half of the year's rain.
Q Between which months does the North American monsoon occur? -> between July and September
Q What are the dust storms called locally? -> haboob
Q What does frequent lightning cause? -> wildfires
Q How much of Tucson's yearly rain comes in the monsoon season? -> about half
""")

SOURCE.append(r"""
=== train Tellmark_Island
P
Tellmark is a small island in the North Atlantic, lying about 140 kilometres north-west of the Outer Hebrides. It
covers an area of 46 square kilometres and had a permanent population of 612 at the census of 2021, most of whom live
in the harbour village of Skarvik on the sheltered eastern coast. The island is a self-governing dependency with its
own elected council, the Tellmark Thing, which meets four times a year in a wooden hall built in 1911. Its name is
generally thought to come from Old Norse words meaning "boundary of the hills", although some local historians prefer
a Gaelic origin.
Q How far is Tellmark from the Outer Hebrides? -> about 140 kilometres
Q What is the area of Tellmark? -> 46 square kilometres
Q What was the island's population in 2021? -> 612
Q Where do most of the islanders live? -> Skarvik
Q What is the name of the island's council? -> the Tellmark Thing
Q How often does the council meet? -> four times a year
Q What language is the island's name generally thought to come from? -> Old Norse
P
The island is built mostly of ancient gneiss, overlain in the south by red sandstone. Its highest point, Storhaug,
rises to 388 metres and drops almost vertically into the sea on the western side, where the cliffs are among the
tallest in the British Isles. The west coast is exposed to the full force of Atlantic storms, and waves during winter
gales have thrown stones onto the cliff tops more than fifty metres above the water. The climate is cool and very
windy but mild for the latitude, because of the influence of the North Atlantic Current; snow seldom lies for more
than a few days, and there are no native trees.
Q What rock makes up most of the island? -> ancient gneiss
Q What is the island's highest point? -> Storhaug
Q How high is Storhaug? -> 388 metres
Q How high above the water have storm waves thrown stones? -> more than fifty metres
Q What keeps the island's climate mild for its latitude? -> the North Atlantic Current
Q What kind of native vegetation is missing from the island? -> trees
P
Archaeologists have found traces of human settlement on Tellmark going back at least five thousand years, including a
chambered tomb at Hellisgard and the stone foundations of several round houses. Norse settlers arrived in the ninth
century and the island became part of the Kingdom of Norway, passing to Scotland along with Orkney and Shetland in
1469 as security for the unpaid dowry of Margaret of Denmark. For the following four centuries the islanders lived by
a combination of fishing, small-scale farming and the harvesting of seabirds, whose eggs and young were taken from the
cliffs each summer by men lowered on ropes. The population reached a peak of about 1,400 in 1851, but a series of
failed potato harvests, together with pressure from the landlord to make way for sheep, led to large-scale emigration
to Canada and New Zealand during the second half of the nineteenth century. An entire community on the western side of
the island, the township of Nordby, was abandoned in 1883 after its last families sailed for Nova Scotia, and its
roofless stone houses can still be seen today. The decline continued well into the twentieth century. In 1957 the
island's only secondary school closed, and teenagers have since had to board on the mainland during term time,
returning home only for holidays. A turning point came in the 1970s, when the discovery of oil in the North Sea
brought a small supply base to Skarvik, along with a new deep-water pier paid for by one of the oil companies. The
base closed in 1996, but by then the council had used its share of the harbour dues to set up a community trust, which
bought the island from its last private owner in 2003 for a little under two million pounds. Since the buyout the
trust has built affordable housing, installed three wind turbines that supply most of the island's electricity, and
replaced the old diesel power station, which now stands empty beside the pier. The population, which had fallen to 480
at the census of 2001, has risen by more than a quarter since then.
Q What ancient monument has been found at Hellisgard? -> a chambered tomb
Q In which century did Norse settlers arrive? -> the ninth century
Q In what year did the island pass to Scotland? -> 1469
Q Whose unpaid dowry was the island pledged for? -> Margaret of Denmark
Q How were seabird eggs collected from the cliffs? -> by men lowered on ropes
Q What was the peak population of the island? -> about 1,400
Q To which countries did many islanders emigrate? -> Canada and New Zealand
Q Which township was abandoned in 1883? -> Nordby
Q When did the secondary school close? -> 1957
Q What did the discovery of North Sea oil bring to Skarvik? -> a small supply base
Q When did the community trust buy the island? -> 2003
Q How many wind turbines did the trust install? -> three
Q What was the population in 2001? -> 480
P
Tellmark is internationally important for its breeding seabirds. Around 60,000 pairs of puffins nest in burrows on the
grassy slopes above the western cliffs, and the island also supports large colonies of fulmars, kittiwakes and
guillemots. The most celebrated resident, however, is the Tellmark wren, a subspecies of the common wren that is
noticeably larger and darker than its mainland relatives and is found nowhere else in the world.
Q How many pairs of puffins breed on the island? -> Around 60,000
Q Where do the puffins nest? -> in burrows on the grassy slopes above the western cliffs
Q Which bird is found only on Tellmark? -> the Tellmark wren
Q How does the Tellmark wren differ from mainland wrens? -> larger and darker
P
Access to the island is by a car ferry that sails from Ullapool three times a week in summer and twice a week in
winter, taking about six hours each way, weather permitting. A small airstrip was built on the flat ground behind
Skarvik in 1974, and an eight-seat aircraft now flies from Stornoway on weekdays. Tourism, mostly walkers and
birdwatchers, has become the largest source of income after fishing.
Q Where does the ferry to Tellmark depart from? -> Ullapool
Q How often does the ferry sail in winter? -> twice a week
Q How long is the ferry crossing? -> about six hours
Q When was the airstrip built? -> 1974
Q Where do flights to the island come from? -> Stornoway
Q What kind of tourists visit the island? -> walkers and birdwatchers
""")

SOURCE.append(r"""
=== train Electrical_telegraph
P
The electrical telegraph was the first practical system for sending messages over long distances by means of electric
signals. Several inventors worked on the idea in the early nineteenth century, but the first commercial line was built
in Britain in 1838 by William Fothergill Cooke and Charles Wheatstone, who ran it for twenty-one kilometres beside the
Great Western Railway from Paddington. Their instrument used a set of magnetic needles that pointed to letters on a
diamond-shaped board. Railway companies quickly adopted it to control train movements on single-track lines, where a
collision could otherwise occur if two trains entered the same section from opposite ends.
Q In what year was the first commercial telegraph line built? -> 1838
Q Who built the first commercial telegraph line? -> William Fothergill Cooke and Charles Wheatstone
Q Beside which railway was the first line built? -> the Great Western Railway
Q How did the Cooke and Wheatstone instrument show letters? -> a set of magnetic needles
Q Why did railways adopt the telegraph? -> to control train movements
P
In the United States, Samuel Morse developed a simpler system that needed only a single circuit. An operator tapped a
key to open and close the circuit, and at the far end an electromagnet marked the pattern of short and long pulses on
a moving paper tape. Morse and his assistant Alfred Vail devised a code that gave the shortest signals to the letters
used most often in English, reportedly by counting the pieces of type in a printer's case. On 24 May 1844 Morse sent
the message "What hath God wrought" from the Supreme Court chamber in Washington to Baltimore over a line built with
money from Congress.
Q How many circuits did Morse's system require? -> a single circuit
Q What did the operator use to send the pulses? -> a key
Q Who helped Morse devise his code? -> Alfred Vail
Q How did Vail reportedly find the most common letters? -> by counting the pieces of type in a printer's case
Q On what date did Morse send his famous message? -> 24 May 1844
Q To which city did Morse send his first public message? -> Baltimore
Q Who paid for the Washington line? -> Congress
P
Operators soon discovered that they could read messages by ear from the clicking of the receiving apparatus, which
made the paper tape unnecessary and increased speeds considerably. A skilled operator could send and receive thirty or
forty words a minute. Telegraph work became one of the first technical occupations open to women, and by the 1870s
women made up a large share of the operators in many city offices. Because every word cost money, customers learned to
write in a clipped style, and commercial code books were published that replaced common phrases with single invented
words.
Q How did operators read messages without paper tape? -> by ear
Q How many words a minute could a skilled operator handle? -> thirty or forty
Q Which group found one of its first technical occupations in telegraphy? -> women
Q Why did customers write in a clipped style? -> every word cost money
Q What did commercial code books replace with single invented words? -> common phrases
P
Connecting continents required a cable that could lie on the sea floor for years without failing. The breakthrough
came from gutta-percha, a natural latex from trees of the Malay Peninsula that hardens when cool and proved to be an
excellent insulator under water. The first successful submarine cable crossed the English Channel in 1851. Laying a
cable across the Atlantic was a far harder undertaking. An American businessman, Cyrus Field, raised money in New York
and London and, after two failed attempts, completed a cable between Valentia Island in Ireland and Newfoundland in
August 1858. Queen Victoria and President James Buchanan exchanged greetings, but the signals were so weak that the
Queen's message of ninety-eight words took more than sixteen hours to transmit. The cable's chief electrician, Wildman
Whitehouse, tried to force messages through by raising the voltage to around two thousand volts, and within a month
the insulation had failed completely. The fiasco led to a public inquiry, which concluded that Whitehouse had been
wrong and that the physicist William Thomson, later Lord Kelvin, had been right to argue for sensitive receiving
instruments and low voltages. The American Civil War then delayed any new attempt for several years. In 1865 Field
chartered the Great Eastern, by far the largest ship of its time, which could carry the whole length of cable in a
single load, but the cable snapped during laying and was lost in deep water about two thirds of the way across. The
following year the ship tried again and succeeded, landing the cable at Heart's Content in Newfoundland on 27 July
1866. A few weeks later the crew grappled for the broken 1865 cable in water more than three kilometres deep, hauled
its end to the surface, spliced it and completed it as well, so that two working lines linked Europe and North
America. A message that had taken ten days or more by steamship could now cross in minutes, and the price of cotton,
grain and shares in London and New York began to move almost together. By 1900 submarine cables connected every
inhabited continent, and most were owned by British companies.
Q What material made submarine cables possible? -> gutta-percha
Q Where does gutta-percha come from? -> trees of the Malay Peninsula
Q Where did the first successful submarine cable run? -> the English Channel
Q Who raised the money for the first Atlantic cable? -> Cyrus Field
Q How long did it take to send the Queen's message in 1858? -> more than sixteen hours
Q What voltage did Whitehouse use? -> around two thousand volts
Q Which physicist argued for sensitive instruments and low voltages? -> William Thomson
Q What delayed a new attempt at an Atlantic cable? -> The American Civil War
Q Which ship was chartered in 1865? -> the Great Eastern
Q Where did the 1866 cable come ashore? -> Heart's Content in Newfoundland
Q How deep was the water where the 1865 cable was recovered? -> more than three kilometres
Q How long had a message taken to cross by steamship? -> ten days or more
Q Who owned most submarine cables by 1900? -> British companies
P
The telegraph declined slowly during the twentieth century as the telephone, the teleprinter and eventually electronic
mail took over its functions. Western Union, once the largest telegraph company in the United States, sent its last
telegram in January 2006. In India the state-run service continued until July 2013, and on its final day long queues
formed at offices as people sent messages to friends as souvenirs.
Q Which American company was once the largest telegraph company? -> Western Union
Q When did Western Union send its last telegram? -> January 2006
Q When did India's telegraph service end? -> July 2013
Q Why did people send telegrams on the last day in India? -> as souvenirs
""")

SOURCE.append(r"""
=== train Curling
P
Curling is a team sport in which players slide heavy polished granite stones along a sheet of ice toward a circular
target called the house. Two teams of four players take turns delivering their stones, and after all sixteen stones
have been played, which completes a unit of play known as an end, the team whose stone lies closest to the centre of
the house scores a point for every stone nearer than the opponent's best. A standard game at international level lasts
ten ends. The sport is sometimes called the roaring game because of the rumbling sound a stone makes as it travels
over the ice.
Q What are curling stones made of? -> polished granite
Q What is the circular target called? -> the house
Q How many players are on a curling team? -> four
Q How many stones are played in one end? -> sixteen
Q How many ends are in a standard international game? -> ten
Q Why is curling called the roaring game? -> the rumbling sound a stone makes as it travels over the ice
P
A stone weighs between 17 and 20 kilograms and has a handle fixed to its upper surface. When a player releases the
stone with a slight turn of the handle, it gradually curves, or curls, to one side as it slows down, which gives the
sport its name. Two teammates follow the stone down the ice with brooms, sweeping vigorously in front of it. Sweeping
briefly warms and polishes the ice, reducing friction so that the stone travels farther and curls less. The fourth
player, known as the skip, stands at the far end, decides the tactics and holds a broom as a target for the thrower.
Q How much does a curling stone weigh? -> between 17 and 20 kilograms
Q What makes the stone curve as it slows? -> a slight turn of the handle
Q How does sweeping affect the ice? -> briefly warms and polishes the ice
Q What two effects does sweeping have on the stone's path? -> travels farther and curls less
Q What is the name of the player who decides tactics? -> the skip
P
Curling began in Scotland, where it was played on frozen lochs and ponds in winter. The oldest known curling stone,
which is inscribed with the date 1511, was found when a pond near Dunblane was drained, and paintings by the Flemish
artist Pieter Bruegel the Elder show a similar game on the ice in the Low Countries around the same time. The first
written rules were drawn up in 1838 by the Grand Caledonian Curling Club in Edinburgh, which became the Royal
Caledonian Curling Club after Queen Victoria watched a demonstration on the polished ballroom floor of Scone Palace in
1842. Scottish emigrants took the game to Canada, the United States, Sweden and Switzerland.
Q Where did curling originate? -> Scotland
Q What date is inscribed on the oldest known curling stone? -> 1511
Q Where was the oldest stone discovered? -> a pond near Dunblane
Q Which painter depicted a similar game in the Low Countries? -> Pieter Bruegel the Elder
Q Which club wrote the first rules of curling? -> the Grand Caledonian Curling Club
Q Where did Queen Victoria watch curling? -> Scone Palace
P
The best granite for curling stones comes from two sources. The first is Ailsa Craig, a small uninhabited island in
the Firth of Clyde, whose blue hone and common green granite have a very fine grain and absorb almost no water, so
they do not crack when water freezes inside them. The second is the Trefor quarry in north Wales. A single firm in the
nearby Ayrshire village of Mauchline has supplied stones for every Olympic tournament for decades, and it holds the
exclusive right to harvest granite from Ailsa Craig. Because the island is a bird sanctuary, quarrying there is
allowed only at certain times, and the firm removes loose boulders in large batches; the most recent harvest, in 2020,
collected about two thousand tonnes, which is expected to last for many years. Each stone is cut from a block, shaped
on a lathe and then fitted with a running band, a narrow ring on the underside that is the only part touching the ice.
The running surface is usually made of the Ailsa Craig blue hone, while the striking band around the middle, which
takes the impact when stones collide, is made from a tougher granite. The surface of the ice matters just as much as
the stones. Before a game, the ice technician sprays the sheet with a fine mist of droplets of warm water, which
freeze into tiny bumps called pebble. The pebble reduces the area of contact between the stone and the ice, and
without it the stones would barely move or curl at all. Ice makers at major championships control the air temperature
and humidity in the arena carefully, because a change of a degree or two can alter how fast the stones run. During the
2018 Winter Olympics in Pyeongchang the ice was regarded as particularly consistent, and several players praised the
technicians publicly. Curling has been an official Olympic sport since the Nagano Games of 1998, although a men's
competition had been held at the first Winter Olympics in Chamonix in 1924, when Great Britain won the gold medal. For
many years the result was listed as a demonstration event, and the International Olympic Committee confirmed the
medals as official only in 2006. Mixed doubles, with one man and one woman per side, was added to the programme in
2018.
Q Where is Ailsa Craig? -> the Firth of Clyde
Q Why do Ailsa Craig granites not crack in frost? -> absorb almost no water
Q In which village is the firm that makes Olympic stones? -> Mauchline
Q Why is quarrying on Ailsa Craig restricted? -> the island is a bird sanctuary
Q How much granite was collected in 2020? -> about two thousand tonnes
Q What is the only part of a stone that touches the ice? -> a running band
Q What is the band around the middle of a stone called? -> the striking band
Q What are the tiny frozen bumps on curling ice called? -> pebble
Q Which two conditions are carefully controlled in the arena? -> the air temperature and humidity
Q Since which Games has curling been an official Olympic sport? -> the Nagano Games of 1998
Q Who won the men's competition in 1924? -> Great Britain
Q When did the IOC confirm the 1924 medals? -> 2006
Q Which curling event was added in 2018? -> Mixed doubles
P
Curling places great emphasis on etiquette, often described as the spirit of curling. Even at the highest level there
is usually no referee on the ice, and players are expected to call their own fouls, such as touching a moving stone
with a broom. Teams customarily shake hands before and after each game, and a team that recognises it cannot win will
concede by offering a handshake rather than playing the remaining ends.
Q What is curling's emphasis on etiquette called? -> the spirit of curling
Q Who calls fouls in curling? -> players
Q What is one example of a foul? -> touching a moving stone with a broom
Q How does a losing team concede? -> by offering a handshake
""")

SOURCE.append(r"""
=== train Honey_bee
P
The western honey bee, Apis mellifera, is the most widely kept bee in the world and the main species used for
producing honey and pollinating crops. It is a social insect that lives in colonies of between about ten thousand and
sixty thousand individuals. Each colony contains a single egg-laying female, the queen, thousands of sterile female
workers and, during spring and summer, a few hundred males called drones, whose only role is to mate with young queens
from other colonies. The species probably originated in Africa or western Asia and was carried by people to the
Americas, Australia and New Zealand from the seventeenth century onward.
Q What is the scientific name of the western honey bee? -> Apis mellifera
Q What is the largest size of a colony? -> sixty thousand individuals
Q What is the egg-laying female called? -> the queen
Q What is the only role of the drones? -> to mate with young queens from other colonies
Q Where did the species probably originate? -> Africa or western Asia
P
A worker bee's duties change as she grows older. For roughly the first three weeks of her adult life she works inside
the hive, cleaning cells, feeding larvae, building comb from wax secreted by glands on her abdomen, and guarding the
entrance. Only after that does she become a forager, flying out to collect nectar, pollen, water and plant resins. In
summer a worker lives for only five or six weeks, largely because foraging is so exhausting, but workers born in
autumn can survive through the winter for several months.
Q How long does a worker spend working inside the hive? -> roughly the first three weeks
Q Where is the wax for comb produced? -> glands on her abdomen
Q What role does a worker take on after her hive duties? -> a forager
Q How long does a summer worker live? -> five or six weeks
Q Why do summer workers die so soon? -> foraging is so exhausting
P
Honey bees communicate the location of food through movements on the comb that are known as dances. The meaning of
these movements was worked out by the Austrian zoologist Karl von Frisch, who shared the Nobel Prize in Physiology or
Medicine in 1973 for the discovery. When a forager returns from a source close to the hive, she performs a round
dance, running in small circles, which tells her sisters only that food is nearby. For a distant source she performs
the waggle dance, running in a straight line while waggling her abdomen from side to side, then circling back
alternately to the right and to the left to repeat the run. The direction of the straight run relative to vertical on
the comb indicates the direction of the food relative to the sun, and the length of the waggle phase indicates the
distance. Von Frisch's conclusions were challenged in the 1960s by researchers who argued that bees might find food
mainly by smell, and the argument was only settled decisively in 2005, when British scientists used harmonic radar to
follow individual recruits and showed that they flew straight toward the location advertised by the dance. Because the
sun moves across the sky during the day, a forager that spends a long time on the comb adjusts the angle of her dance
to allow for its changing position, a feat that requires an internal clock. The dances also vary between populations.
Studies comparing several subspecies found that the distance at which bees switch from the round dance to the waggle
dance differs, and that Italian and Carniolan bees encode distance at slightly different rates, a little like regional
dialects. More recent work has shown that young bees improve their dances with practice: bees that had been prevented
from watching older dancers performed noticeably less precise waggle runs, although their accuracy improved over time,
which suggests that the behaviour depends partly on social learning. Colonies also use the dance when they choose a
new home. During swarming, scout bees inspect possible cavities such as hollow trees and dance for the best
candidates, and the swarm moves only when enough scouts have gathered at a single site.
Q Who discovered the meaning of honey bee dances? -> Karl von Frisch
Q In what year did von Frisch receive the Nobel Prize? -> 1973
Q What does the round dance tell other bees? -> that food is nearby
Q Which dance is used for a distant food source? -> the waggle dance
Q What does the length of the waggle phase indicate? -> the distance
Q What did critics in the 1960s say bees mainly used to find food? -> smell
Q What technology settled the dispute in 2005? -> harmonic radar
Q Why must a forager adjust her dance over time? -> the sun moves across the sky
Q To what are the differences between subspecies compared? -> regional dialects
Q What happened to bees that could not watch older dancers? -> performed noticeably less precise waggle runs
Q What do scouts inspect during swarming? -> possible cavities
P
To make honey, foragers collect nectar and store it in a special honey stomach, where enzymes begin to break the
sucrose down into simpler sugars. Back at the hive the nectar is passed from bee to bee and spread into the cells, and
workers fan their wings to evaporate water until the sugar content reaches about eighty per cent. The cells are then
sealed with a cap of wax. A strong colony may store more than fifty kilograms of honey in a good season, much of which
beekeepers remove and replace with sugar syrup.
Q Where do foragers store the nectar they collect? -> a special honey stomach
Q What do the enzymes break down? -> the sucrose
Q How do workers evaporate water from the honey? -> fan their wings
Q What is the sugar content of finished honey? -> about eighty per cent
Q What do beekeepers replace harvested honey with? -> sugar syrup
P
Since the early 2000s beekeepers in North America and Europe have reported unusually high winter losses. The causes
are complex, but the parasitic mite Varroa destructor, which feeds on bees and spreads viruses, is considered the most
serious single threat. Pesticides, especially the group known as neonicotinoids, poor nutrition and the stress of
transporting hives long distances for pollination have also been implicated. The European Union banned the outdoor use
of three neonicotinoids in 2018.
Q Since when have beekeepers reported high winter losses? -> the early 2000s
Q What is considered the most serious threat to honey bees? -> the parasitic mite Varroa destructor
Q Which group of pesticides has been implicated? -> neonicotinoids
Q When did the EU ban three neonicotinoids outdoors? -> 2018
""")

SOURCE.append(r"""
=== train Lighthouse
P
A lighthouse is a tower or other structure that carries a light to guide ships at sea or on inland waterways.
Lighthouses mark dangerous coastlines, reefs and sandbanks, and the entrances to harbours. Each one is given a
distinctive pattern of flashes, called its characteristic, so that a navigator who sees a light at night can identify
it from the chart; during the day the tower itself is recognised by its shape and by painted bands or stripes, known
as the daymark. With the spread of satellite navigation the importance of lighthouses has declined, but most maritime
nations still maintain them as a backup.
Q What is a lighthouse's pattern of flashes called? -> its characteristic
Q How does a navigator identify a light at night? -> from the chart
Q What is the painted pattern that identifies a tower by day called? -> the daymark
Q Why has the importance of lighthouses declined? -> the spread of satellite navigation
Q Why are lighthouses still maintained? -> as a backup
P
The most famous lighthouse of the ancient world was the Pharos of Alexandria, built in the third century BC on a small
island at the entrance to the harbour. It was counted among the Seven Wonders of the Ancient World and is thought to
have stood more than one hundred metres high, with a fire burning at the top. The tower was badly damaged by a series
of earthquakes and had collapsed by the fifteenth century. In 1994 French divers found large blocks of masonry on the
seabed nearby that are believed to have come from it.
Q What was the most famous lighthouse of the ancient world? -> the Pharos of Alexandria
Q Where was the Pharos built? -> on a small island at the entrance to the harbour
Q How tall is the Pharos thought to have been? -> more than one hundred metres
Q What destroyed the Pharos? -> a series of earthquakes
Q Who found its remains in 1994? -> French divers
P
Building a lighthouse on a rock exposed to the open sea was one of the greatest engineering challenges of the
eighteenth and nineteenth centuries. The Eddystone Rocks, fourteen kilometres off Plymouth, destroyed two earlier
towers before John Smeaton completed a third in 1759. Smeaton shaped his granite blocks so that they locked together
like dovetails and developed a hydraulic lime that would set under water, and he modelled the curved profile of the
tower on the trunk of an oak tree. His lighthouse stood for more than a century, until erosion of the rock beneath it
forced its replacement in 1882, and its upper part was rebuilt on Plymouth Hoe as a memorial.
Q How far off Plymouth are the Eddystone Rocks? -> fourteen kilometres
Q Who completed the third Eddystone lighthouse? -> John Smeaton
Q How were Smeaton's granite blocks shaped? -> so that they locked together like dovetails
Q What did Smeaton model the shape of his tower on? -> the trunk of an oak tree
Q Why was Smeaton's tower replaced? -> erosion of the rock beneath it
Q Where was the upper part of the tower re-erected? -> Plymouth Hoe
P
Early lighthouses burned wood, coal or candles, and their light was weak and difficult to distinguish from other fires
on the shore. Oil lamps with reflectors were a great improvement, but the decisive advance came in 1822, when the
French physicist Augustin-Jean Fresnel proposed a new kind of lens. A conventional lens large enough to gather the
light of a lighthouse lamp would have been enormously thick and heavy and would have absorbed much of the light
passing through it. Fresnel's design instead divided the lens into a set of concentric rings of glass, each a thin
section of the curved surface that an ordinary lens would have, with an outer series of glass prisms that bent and
reflected light which would otherwise have escaped above or below the beam. The result was a lens that was much
lighter and could concentrate the light of a single lamp into a beam visible for more than thirty kilometres. The
first Fresnel lens was installed in the Cordouan lighthouse at the mouth of the Gironde estuary in 1823, and within a
few decades the design had been adopted by lighthouse authorities around the world. Fresnel lenses were made in
several standard sizes known as orders, from the massive first order, more than two metres tall, used on major coastal
lights, to the small sixth order used in harbours. To create a flashing characteristic, the whole lens assembly was
rotated around the lamp by a clockwork mechanism driven by a falling weight, which the keeper had to wind up every few
hours through the night. Large rotating lenses could weigh several tonnes, and from the 1890s many were floated in a
trough of liquid mercury to reduce friction so that the clockwork could turn them smoothly. Mercury baths were later
recognised as a serious health hazard for keepers, and most were removed at the end of the twentieth century. The lamp
itself also changed. Paraffin burners gave way to pressurised vapour lamps, and from the early twentieth century to
electric light, which greatly reduced the work of keeping the lens clean of soot.
Q In what year did Fresnel propose his lens? -> 1822
Q What was Augustin-Jean Fresnel's profession? -> physicist
Q What problem would a thick conventional lens have had besides weight? -> absorbed much of the light passing through it
Q What was a Fresnel lens divided into? -> a set of concentric rings of glass
Q How far could the beam of a Fresnel lens be seen? -> more than thirty kilometres
Q Where was the first Fresnel lens installed? -> the Cordouan lighthouse
Q What were the standard sizes of Fresnel lenses called? -> orders
Q Where was the smallest order of lens used? -> in harbours
Q What powered the rotation of the lens? -> a clockwork mechanism driven by a falling weight
Q What liquid were large lenses floated in? -> liquid mercury
Q Why were mercury baths removed? -> a serious health hazard for keepers
Q What did electric light reduce? -> the work of keeping the lens clean of soot
P
For most of their history lighthouses were staffed by keepers who lived at the station, often with their families on
mainland sites but in rotating crews of three at the most isolated rock towers. The keepers trimmed wicks, wound the
clockwork, cleaned the lens and kept a log of the weather. Automation began in the early twentieth century and
accelerated after the Second World War. The last manned lighthouse in England and Wales, North Foreland in Kent, was
automated in November 1998.
Q How many keepers typically served in crews at isolated towers? -> three
Q Name one job the keepers did. -> trimmed wicks
Q When did automation accelerate? -> after the Second World War
Q Which was the last manned lighthouse in England and Wales? -> North Foreland
Q When was North Foreland automated? -> November 1998
""")

SOURCE.append(r"""
=== train Marathon
P
The marathon is a long-distance running race over a distance of 42.195 kilometres, usually run on roads. The event
takes its name from the legend of Pheidippides, a Greek messenger said to have run from the battlefield of Marathon to
Athens in 490 BC to announce victory over the Persians, only to collapse and die after delivering his message.
Historians doubt the story, which first appears in writing several centuries after the battle, and the ancient Olympic
Games never included a race of this kind.
Q What is the official distance of a marathon? -> 42.195 kilometres
Q Who was the messenger in the legend? -> Pheidippides
Q In what year was the battle of Marathon fought? -> 490 BC
Q Whom did the Greeks defeat at Marathon? -> the Persians
Q Why do historians doubt the legend? -> first appears in writing several centuries after the battle
P
The modern race was invented for the first modern Olympic Games, held in Athens in 1896, at the suggestion of the
French scholar Michel Bréal, who wanted an event that recalled the glory of ancient Greece. The race was won by
Spyridon Louis, a Greek water carrier, in a little under three hours, and his victory caused enormous celebrations in
the stadium. Boston held the first annual marathon in the following year, and the Boston Marathon is today the oldest
continuously run marathon in the world.
Q For which event was the modern marathon invented? -> the first modern Olympic Games
Q Who suggested the race? -> Michel Bréal
Q Who won the first Olympic marathon? -> Spyridon Louis
Q What was the winner's occupation? -> water carrier
Q Which city has the oldest continuously run marathon? -> Boston
P
The distance was not fixed at first, and early races varied between about forty and forty-two kilometres. The odd
figure used today comes from the 1908 Olympic Games in London, where the course was laid out from Windsor Castle to
the stadium at White City and was extended so that the race would finish in front of the royal box. That race became
famous for the Italian runner Dorando Pietri, who entered the stadium in the lead but was so exhausted that he
collapsed several times and was helped across the line by officials. He was disqualified as a result, and the gold
went to Johnny Hayes of the United States, but Queen Alexandra presented Pietri with a gilded silver cup the next day
in recognition of his courage. The distance of the London race was formally adopted as the standard by the
international athletics federation in 1921. Women were long excluded from the event, on the mistaken grounds that such
a distance was dangerous to their health. In 1966 Bobbi Gibb hid in bushes near the start of the Boston Marathon and
joined the field after the gun, finishing in about three hours and twenty minutes. The following year Kathrine Switzer
entered the same race using her initials, and a race official who noticed her on the course tried to tear off her bib
number, an incident captured by press photographers that drew wide attention to the issue. Boston officially admitted
women in 1972, and a women's marathon was first held at the Olympics in Los Angeles in 1984, where it was won by Joan
Benoit of the United States. Since then the performance gap between men and women has narrowed considerably. Times in
both events have fallen sharply since the 1990s, helped by better training, pacing by teams of runners and, more
controversially, shoes with thick foam soles and carbon-fibre plates introduced in the late 2010s. In 2019 the Kenyan
runner Eliud Kipchoge covered the distance in under two hours in Vienna, in an event organised specially for the
attempt with rotating pacemakers and a car projecting a laser line on the road, but because these conditions broke
competition rules the time was not accepted as a world record.
Q From which castle did the 1908 Olympic marathon start? -> Windsor Castle
Q Why was the 1908 course extended? -> so that the race would finish in front of the royal box
Q Which runner collapsed in the stadium in 1908? -> Dorando Pietri
Q Who was awarded the 1908 gold medal? -> Johnny Hayes
Q What did Queen Alexandra give Pietri? -> a gilded silver cup
Q When was the London distance adopted as the standard? -> 1921
Q Where did Bobbi Gibb hide before the 1966 Boston race? -> in bushes near the start
Q How did Kathrine Switzer enter the race? -> using her initials
Q In what year did Boston officially admit women? -> 1972
Q Who won the first Olympic women's marathon? -> Joan Benoit
Q What shoe technology has been controversial? -> thick foam soles and carbon-fibre plates
Q Where did Kipchoge run under two hours? -> Vienna
Q Why was Kipchoge's time not a world record? -> these conditions broke competition rules
P
Most major marathons now attract tens of thousands of amateur runners, many of whom raise money for charity. The six
races of the World Marathon Majors series, in Tokyo, Boston, London, Berlin, Chicago and New York, are the most
prestigious; the New York City Marathon, which passes through all five boroughs of the city, regularly has more than
fifty thousand finishers. Berlin's flat course and cool autumn weather have made it the scene of many world records.
Q What do many amateur marathon runners raise money for? -> charity
Q How many races make up the World Marathon Majors? -> six
Q How many boroughs does the New York City Marathon pass through? -> all five
Q Why have many world records been set in Berlin? -> flat course and cool autumn weather
P
Running a marathon places severe demands on the body. Most runners store enough glycogen in their muscles and liver
for roughly thirty kilometres of running, and when these reserves run low the sudden fatigue that follows is known as
hitting the wall. To delay it, runners eat large amounts of carbohydrate in the days before a race and take drinks or
gels containing sugar along the route.
Q For how far does stored glycogen usually last? -> roughly thirty kilometres
Q What is the sudden fatigue after glycogen runs low called? -> hitting the wall
Q What do runners eat in the days before a race? -> large amounts of carbohydrate
""")

SOURCE.append(r"""
=== dev Glacier
P
A glacier is a large, persistent body of ice that forms on land where, over many years, more snow accumulates than
melts. As successive layers of snow are buried they are compressed, first into a granular material called firn and
eventually into dense glacial ice, a process that can take anything from a few years in warm, wet climates to many
centuries in the cold, dry interior of Antarctica. Once the ice is thick enough, usually several tens of metres, it
begins to flow slowly downhill under its own weight. Glaciers cover about ten per cent of the Earth's land surface
today and hold roughly two thirds of its fresh water.
Q What must happen for a glacier to form? -> more snow accumulates than melts | more snow accumulates than melts
+ | more snow accumulates than melts
Q What is the granular material between snow and glacial ice called? -> firn | firn | firn
Q Where can the change from snow to ice take many centuries? -> the cold, dry interior of Antarctica
+ | interior of Antarctica | Antarctica
Q How thick does ice usually have to be before it starts to flow? -> several tens of metres | several tens of metres
+ | tens of metres
Q What causes a glacier to flow downhill? -> its own weight | its own weight | under its own weight
Q What share of the Earth's land is covered by glaciers? -> about ten per cent | ten per cent | about ten per cent
Q How much of the world's fresh water do glaciers hold? -> roughly two thirds | two thirds | roughly two thirds
P
Glaciers move in two main ways. In the first, known as internal deformation, the ice crystals slowly slide and bend
past one another, so that the ice behaves rather like a very stiff plastic. In the second, the whole glacier slides
over its bed, lubricated by a thin film of meltwater at the base; this basal sliding is most important in temperate
glaciers, whose ice is close to its melting point throughout. Typical speeds range from a few centimetres to a few
hundred metres per year, but the fastest outlet glaciers in Greenland can move more than forty metres in a single day.
Some glaciers undergo surges, sudden periods lasting a year or two in which they flow ten to a hundred times faster
than usual. Because the ice near the surface is brittle, it cracks as the glacier flows over bumps in its bed or
around bends, producing deep crevasses that are a serious danger to climbers.
Q What is movement by crystals bending and sliding past each other called? -> internal deformation
+ | internal deformation | internal deformation
Q What does ice behave like during internal deformation? -> a very stiff plastic | a very stiff plastic | stiff plastic
Q What lubricates the base of a sliding glacier? -> a thin film of meltwater | meltwater | a thin film of meltwater
Q In which glaciers is basal sliding most important? -> temperate glaciers | temperate glaciers | temperate glaciers
Q How fast can Greenland's fastest outlet glaciers move? -> more than forty metres in a single day
+ | more than forty metres | forty metres in a single day
Q How long do glacier surges usually last? -> a year or two | a year or two | a year or two
Q What forms when brittle surface ice cracks? -> deep crevasses | crevasses | deep crevasses
P
Glaciers are powerful agents of erosion, and many of the world's most dramatic landscapes were carved by ice during
the cold periods of the last two and a half million years. Rock fragments frozen into the base of the glacier act like
sandpaper, scratching and polishing the bedrock and leaving parallel grooves, called striations, that show the
direction in which the ice moved. Water that seeps into cracks in the rock freezes onto the glacier and pulls away
whole blocks as the ice moves on, a process known as plucking. Over many thousands of years these processes turn
narrow river valleys, which are usually V-shaped in cross-section, into broad U-shaped troughs with steep sides and
flat floors. Tributary valleys that held smaller glaciers are not deepened as much, and when the ice melts they are
left hanging high above the main valley, often with waterfalls spilling from their mouths; Yosemite Valley in
California is a classic example. Where a glacial trough reaches the coast and is flooded by the sea, it becomes a
fjord. The fjords of western Norway are the best known, and the deepest of them, Sognefjord, reaches more than 1,300
metres below sea level, far deeper than the sea floor beyond its mouth. High in the mountains, glaciers carve
armchair-shaped hollows known as cirques, and where several cirques are cut back into the same mountain they can leave
a sharp pyramidal peak such as the Matterhorn. Everything a glacier erodes is carried along and eventually deposited,
and the mixture of clay, sand and boulders that it leaves behind is called till. Ridges of till that pile up at the
sides and snout of a glacier are known as moraines, and they are used by scientists to reconstruct the former extent
of the ice. Huge boulders carried far from their source and dropped on quite different rock are called erratics. In
the early nineteenth century the presence of such boulders across northern Europe puzzled geologists, many of whom
believed they had been carried by icebergs during a great flood, until the Swiss-American naturalist Louis Agassiz
argued in 1840 that they were the work of vast ice sheets that had once covered the continent.
Q Over what period did ice carve many of the world's dramatic landscapes? -> the last two and a half million years
+ | last two and a half million years | the last two and a half million years
Q What are the parallel grooves in glaciated bedrock called? -> striations | striations | striations
Q What is the removal of rock blocks by freezing water called? -> plucking | plucking | plucking
Q What shape are valleys after glaciers have widened them? -> U-shaped | broad U-shaped troughs | U-shaped
Q What is often found at the mouths of hanging valleys? -> waterfalls | waterfalls | waterfalls
Q Which Californian valley is a classic example of hanging valleys? -> Yosemite Valley | Yosemite Valley | Yosemite
Q What is a glacial trough flooded by the sea called? -> a fjord | a fjord | fjord
Q How deep is Sognefjord? -> more than 1,300 metres below sea level | more than 1,300 metres | 1,300 metres
Q What are the armchair-shaped hollows carved by glaciers called? -> cirques | cirques | cirques
Q What mountain is given as an example of a pyramidal peak? -> the Matterhorn | the Matterhorn | Matterhorn
Q What is the mixture of clay, sand and boulders left by a glacier called? -> till | till | till
Q What do scientists use moraines to reconstruct? -> the former extent of the ice | the former extent of the ice
+ | former extent of the ice
Q What did many early geologists think had carried erratics? -> icebergs during a great flood | icebergs
+ | icebergs during a great flood
Q Who argued in 1840 that ice sheets had covered Europe? -> Louis Agassiz | Louis Agassiz
+ | the Swiss-American naturalist Louis Agassiz
P
Almost all of the world's mountain glaciers have been shrinking since the middle of the nineteenth century, and the
rate of loss has increased markedly since the 1980s. In the European Alps, glaciers lost around half of their volume
between 1850 and 2000, and in the exceptionally hot summer of 2022 some Swiss glaciers lost more than five per cent of
their remaining ice in a single season. The retreat has practical consequences. In the Andes and in Central Asia,
millions of people depend on glacier meltwater to keep rivers flowing during the dry season, and as glaciers shrink
this supply will eventually decline. Melting glaciers outside Greenland and Antarctica are currently responsible for
about a fifth of the observed rise in global sea level.
Q Since when have mountain glaciers generally been shrinking? -> the middle of the nineteenth century
+ | the middle of the nineteenth century | since the middle of the nineteenth century
Q Since when has glacier loss accelerated? -> the 1980s | since the 1980s | the 1980s
Q How much of their volume did Alpine glaciers lose between 1850 and 2000? -> around half | around half | half
Q In what year did some Swiss glaciers lose more than five per cent of their ice? -> 2022 | 2022
+ | the exceptionally hot summer of 2022
Q When do people in the Andes most rely on glacier meltwater? -> during the dry season | the dry season
+ | during the dry season
Q What share of global sea level rise comes from glaciers outside Greenland and Antarctica? -> about a fifth | a fifth
+ | about a fifth
""")

SOURCE.append(r"""
=== dev Espresso
P
Espresso is a concentrated coffee drink made by forcing hot water under high pressure through a compact bed of finely
ground coffee. A single shot contains about thirty millilitres of liquid and is topped by a layer of reddish-brown
foam called crema, which forms when carbon dioxide released from freshly roasted beans is trapped in tiny bubbles by
oils in the coffee. The standard recipe calls for water at around 90 to 96 degrees Celsius and a pressure of about
nine bars, roughly nine times the pressure of the atmosphere at sea level, with the shot taking between twenty-five
and thirty seconds to pour.
Q How is water passed through the coffee when making espresso? -> under high pressure | under high pressure
+ | forcing hot water under high pressure
Q How much liquid is in a single shot of espresso? -> about thirty millilitres | thirty millilitres
+ | about thirty millilitres
Q What is the foam on top of an espresso called? -> crema | crema | crema
Q What gas forms the bubbles in crema? -> carbon dioxide | carbon dioxide | carbon dioxide
Q What pressure is used to make espresso? -> about nine bars | nine bars | about nine bars
Q How long should a shot take to pour? -> between twenty-five and thirty seconds | twenty-five and thirty seconds
+ | between twenty-five and thirty seconds
P
Espresso was developed in Italy around the beginning of the twentieth century, when café owners in the rapidly growing
cities of the north wanted a way to serve coffee quickly to customers on their way to work. In 1884 Angelo Moriondo of
Turin patented a steam-driven machine for brewing coffee in bulk, and in 1901 the Milanese engineer Luigi Bezzera
patented a machine that brewed individual cups. His patent was bought by Desiderio Pavoni, whose company began making
the machines commercially and displayed them at the Milan Fair of 1906 under the name caffè espresso. These early
machines relied on steam pressure alone, which produced only about one and a half bars and tended to scorch the
coffee, giving it a bitter, burnt taste. The decisive change came after the Second World War. In 1947 the Milanese
café owner Achille Gaggia patented a machine in which the barista pulled down a long lever to compress a spring-loaded
piston, and the spring then forced water through the coffee at far higher pressure than steam could supply. The result
was a thicker drink with a layer of crema, which customers at first mistook for scum until Gaggia advertised it as
caffè crema, made from natural coffee cream. Lever machines spread quickly through Italian bars in the 1950s, and the
phrase pulling a shot, still used by baristas today, comes from the action of working the lever. The next major step
was taken in 1961 by the company Faema, whose E61 model used an electric pump rather than a spring to generate
pressure and circulated hot water continuously through the group head, the part that holds the coffee, to keep it at a
stable temperature. The E61 was so successful that many modern machines still copy its design. Outside Italy espresso
spread first to the Italian communities of cities such as London, New York and Melbourne, and in the 1950s the coffee
bars of Soho in London became fashionable meeting places for young people, but it was not until the expansion of
international coffee chains in the 1990s that espresso-based drinks became common in most of the world.
Q Why did northern Italian café owners want a new way of making coffee? -> to serve coffee quickly to customers on their way to work
+ | to serve coffee quickly | serve coffee quickly to customers on their way to work
Q Who patented a bulk steam-driven coffee machine in 1884? -> Angelo Moriondo | Angelo Moriondo
+ | Angelo Moriondo of Turin
Q When did Luigi Bezzera patent his machine? -> 1901 | 1901 | in 1901
Q Who bought Bezzera's patent? -> Desiderio Pavoni | Desiderio Pavoni | Desiderio Pavoni
Q At which event were the machines displayed in 1906? -> the Milan Fair | the Milan Fair of 1906 | Milan Fair
Q How much pressure could the early steam machines produce? -> about one and a half bars | one and a half bars
+ | about one and a half bars
Q What was wrong with coffee from early steam machines? -> a bitter, burnt taste | bitter, burnt taste
+ | tended to scorch the coffee
Q Who patented the lever machine in 1947? -> Achille Gaggia | Achille Gaggia | the Milanese café owner Achille Gaggia
Q What did customers at first think crema was? -> scum | scum | scum
Q Where does the phrase pulling a shot come from? -> the action of working the lever | working the lever
+ | the action of working the lever
Q Which company produced the E61? -> Faema | Faema | Faema
Q What generated the pressure in the E61? -> an electric pump | an electric pump | electric pump
Q What is the part of the machine that holds the coffee called? -> the group head | group head | the group head
Q Where in London did coffee bars become fashionable in the 1950s? -> Soho | Soho | the coffee bars of Soho
Q What made espresso drinks common worldwide in the 1990s? -> the expansion of international coffee chains
+ | expansion of international coffee chains | international coffee chains
P
A large family of drinks is built on the espresso shot. A macchiato, whose name means stained or marked in Italian, is
an espresso with a small spoonful of milk foam. A cappuccino combines espresso with roughly equal parts of steamed
milk and foam and is traditionally drunk only in the morning in Italy, while a caffè latte contains much more steamed
milk and only a thin layer of foam. An americano is made by adding hot water to espresso to give a drink similar in
strength to filter coffee; a popular but unconfirmed story says that it was invented for American soldiers in Italy
during the Second World War who found espresso too strong. A ristretto is a shorter shot made with less water, giving
a sweeter and more concentrated taste.
Q What does macchiato mean in Italian? -> stained or marked | stained or marked | stained
Q When is a cappuccino traditionally drunk in Italy? -> only in the morning | in the morning | only in the morning
Q How does a caffè latte differ from a cappuccino? -> much more steamed milk
+ | contains much more steamed milk and only a thin layer of foam | much more steamed milk
Q What is added to espresso to make an americano? -> hot water | hot water | hot water
Q For whom was the americano supposedly invented? -> American soldiers in Italy | American soldiers
+ | American soldiers in Italy during the Second World War
Q How does a ristretto taste compared with a normal shot? -> sweeter and more concentrated
+ | sweeter and more concentrated | sweeter
P
Making good espresso depends on controlling several variables that interact closely. The most important is the
fineness of the grind: if it is too coarse, water runs through too quickly and the shot tastes sour and thin, while a
grind that is too fine chokes the flow and produces a bitter, over-extracted drink. Baristas adjust the grinder
several times a day, because humidity and the age of the beans change how the coffee behaves. The ground coffee is
pressed firmly into the filter basket with a tool called a tamper so that water cannot find an easy channel through
it.
Q What is the most important variable in making espresso? -> the fineness of the grind | fineness of the grind
+ | the fineness of the grind
Q How does a shot taste if the grind is too coarse? -> sour and thin | sour and thin | sour
Q Why do baristas adjust the grinder during the day? -> humidity and the age of the beans change how the coffee behaves
+ | humidity and the age of the beans | humidity and the age of the beans change how the coffee behaves
Q What tool is used to press coffee into the basket? -> a tamper | a tamper | tamper
Q Why is the coffee pressed firmly into the basket? -> so that water cannot find an easy channel through it
+ | water cannot find an easy channel through it | so that water cannot find an easy channel
""")

SOURCE.append(r"""
=== dev Orvelle_Conservatory
P
The Orvelle Conservatory of Music is a private music school in the city of Marlow Bay, on the north-eastern coast of
the province of Estmarch. It was founded in 1887 by the cellist Henriette Orvelle with a bequest from her father, a
shipping merchant, and began with eleven students in three rented rooms above a piano shop. Today it enrols about 950
students, roughly two thirds of them in degree programmes and the rest in a preparatory division for children and
teenagers, and it is generally ranked among the leading conservatories in the country.
Q Where is the Orvelle Conservatory located? -> Marlow Bay | Marlow Bay | the city of Marlow Bay
Q When was the conservatory founded? -> 1887 | 1887 | in 1887
Q What was Henriette Orvelle's profession? -> cellist | cellist | the cellist
Q How many students did the school start with? -> eleven | eleven students | eleven
Q Where did the school first hold classes? -> three rented rooms above a piano shop | above a piano shop
+ | in three rented rooms above a piano shop
Q How many students does the conservatory have now? -> about 950 | about 950 | 950
P
For its first forty years the school moved between a series of borrowed and rented buildings. Its present home,
Lantern Hall, was designed by the architect Pieter Vos and completed in 1928 on land donated by the city beside the
old harbour. The building is known for its tall arched windows and for the copper lantern on its roof, which gave it
its name and which was lit on concert nights to announce a performance to the town. The main concert hall, with 1,100
seats, has been praised for its acoustics since its opening, and several well-known recordings of chamber music were
made there in the 1960s and 1970s. A fire in February 1981 destroyed the roof and much of the library, including a
large part of Henriette Orvelle's personal collection of manuscripts, and the hall remained closed for almost four
years while it was rebuilt. A new wing containing practice rooms, a recording studio and a small opera theatre was
added in 2009.
Q What is the name of the conservatory's present building? -> Lantern Hall | Lantern Hall | Lantern Hall
Q Who designed the building? -> Pieter Vos | Pieter Vos | the architect Pieter Vos
Q Why was the roof lantern lit? -> to announce a performance to the town | to announce a performance
+ | to announce a performance to the town
Q How many seats does the main concert hall have? -> 1,100 | 1,100 seats | 1,100
Q What was lost in the library fire? -> a large part of Henriette Orvelle's personal collection of manuscripts
+ | Henriette Orvelle's personal collection of manuscripts | much of the library
Q How long was the hall closed after the fire? -> almost four years | almost four years | four years
Q What was added to the building in 2009? -> A new wing
+ | A new wing containing practice rooms, a recording studio and a small opera theatre | A new wing
P
Admission to the conservatory is highly competitive. Applicants for the degree programmes must first submit a recorded
audition, and those who pass are invited to Marlow Bay for a live audition in front of a panel of at least three
teachers, followed by tests in aural skills and music theory. In recent years the school has accepted roughly one
applicant in eight. Tuition is free for all students in the degree programmes, a policy introduced in 1952 when a
local industrialist, Matthias Kerner, left the school a large share of his fortune on the condition that no talented
student should ever be turned away for lack of money. The Kerner endowment has since grown through careful investment
and further gifts, and it now covers nearly all of the school's running costs. Students still pay for their own
accommodation, however, and the conservatory has faced criticism because the cost of living in Marlow Bay has risen
sharply since the 2000s, which some argue discourages applicants from poorer families even though the teaching itself
is free. In response the governing board opened a residence for 180 students in 2016 and offers grants for housing to
those who need them. The curriculum combines individual lessons, which every student receives each week from a
principal teacher, with orchestral and chamber music, and students are required to take part in at least one ensemble
every term. The school's symphony orchestra gives about twelve concerts a season, and its annual summer tour has taken
it to many European capitals. Composition students have their works performed by the student ensembles, and since 1975
the conservatory has held a festival of new music every March at which several of the premieres are by students. A
programme in early music, taught on period instruments such as the harpsichord, the viola da gamba and the natural
trumpet, was introduced in 1991 and has become one of the most popular in the school. A smaller department teaches
jazz, though the board resisted its creation for many years, and it was not established until 1998, largely through
the efforts of the pianist and former student Ruth Calder.
Q What must applicants submit first? -> a recorded audition | a recorded audition | recorded audition
Q How many teachers sit on an audition panel? -> at least three | at least three teachers | at least three
Q What proportion of applicants has the school recently accepted? -> roughly one applicant in eight
+ | one applicant in eight | roughly one applicant in eight
Q When did tuition become free? -> 1952 | 1952 | in 1952
Q Who left the school the money that made tuition free? -> Matthias Kerner | Matthias Kerner
+ | a local industrialist, Matthias Kerner
Q What condition did Kerner attach to his gift? -> no talented student should ever be turned away for lack of money
+ | that no talented student should ever be turned away for lack of money
+ | no talented student should ever be turned away
Q What has the conservatory been criticised for? -> the cost of living in Marlow Bay has risen sharply
+ | the cost of living in Marlow Bay | the cost of living in Marlow Bay has risen sharply since the 2000s
Q How many students does the residence opened in 2016 house? -> 180 | 180 students | 180
Q How often does every student have an individual lesson? -> each week | each week | every student receives each week
Q How many concerts does the orchestra give each season? -> about twelve | about twelve | twelve
Q In which month is the festival of new music held? -> March | March | every March
Q When was the early music programme introduced? -> 1991 | 1991 | in 1991
Q Name a period instrument taught in the early music programme. -> the harpsichord | the viola da gamba
+ | the natural trumpet
Q In what year was the jazz department established? -> 1998 | 1998 | 1998
Q Whose efforts led to the creation of the jazz department? -> Ruth Calder | Ruth Calder
+ | the pianist and former student Ruth Calder
""")


SOURCE.append(r"""
=== train Brennick_Tramway
P
The Brennick Tramway is the street railway of Brennick, the largest city of the province of Estmarch. Its first line
opened on 3 May 1879, when horse-drawn cars began running between the railway station and the fish market along Quay
Street, a distance of just under three kilometres. The cars carried twenty passengers each, and a single fare cost two
pence regardless of distance. The service was so popular that within five years the company had laid four more lines
and owned 140 horses, which were kept in large stables on Tanners Lane that still stand today and now house a brewery.
Q On what date did the tramway begin operating? -> 3 May 1879
Q What pulled the first tram cars? -> horse
Q How long was the original route? -> just under three kilometres
Q What was the seating capacity of an early car? -> twenty passengers
Q How much did a ride cost? -> two pence
Q How many new routes had been added by 1884? -> four more lines
Q What occupies the old stables now? -> a brewery
P
Electric trams replaced the horses between 1898 and 1902, after a long dispute in the city council over whether the
overhead wires would spoil the appearance of the old town. The opponents won a partial victory: on the narrow streets
around the cathedral the trams drew their power from a conduit, a slot between the rails containing a live conductor,
instead of from overhead wires, an expensive arrangement that remained in use until 1938. The network grew steadily in
the following decades and reached its greatest size in 1931, with fourteen lines and 82 kilometres of track, worked by
more than 300 cars built mostly at the company's own workshops in the suburb of Harlen. The trams were painted dark
green and cream, colours that became so closely associated with the city that its football club adopted them in 1925.
During the war the tramway suffered badly: in the air raids of 1943 the main depot was destroyed together with 61
cars, and for several months only three lines could be kept running. After the war the city, like many others, decided
that buses were cheaper and more flexible than trams, and between 1953 and 1967 all but two of the lines were closed
and their tracks lifted or covered with asphalt. The two survivors, lines 3 and 8, were kept only because they ran on
their own tracks along the river embankment, where buses could not easily follow them. By the 1980s opinion had
changed again. Traffic jams had made the buses slow and unreliable, and a plan approved in 1987 proposed to extend the
two remaining lines and build new ones across the city. The first new line, to the university campus at Oster Hill,
opened in 1994, and by 2020 the network had grown back to nine lines with 58 kilometres of track. The modern low-floor
trams, which run on electricity generated mainly from wind and water power, carry about 190,000 passengers on an
average weekday, more than the whole network carried in its busiest year before the war.
Q During which years were the horse trams converted to electric power? -> between 1898 and 1902
Q Why did some councillors object to the electric system?
+ -> the overhead wires would spoil the appearance of the old town
Q How were trams supplied with current near the cathedral? -> from a conduit
Q Until when was the conduit system used? -> 1938
Q What was the size of the network at its largest? -> fourteen lines and 82 kilometres of track
Q Where were most of the tram cars built? -> the company's own workshops in the suburb of Harlen
Q What colours did the trams carry? -> dark green and cream
Q Which organisation copied the tram colours? -> its football club
Q What did the tramway lose in 1943? -> the main depot was destroyed together with 61 cars
Q Why did the city decide to replace trams with buses? -> buses were cheaper and more flexible than trams
Q For how long did line closures continue after the war? -> between 1953 and 1967
Q Why were lines 3 and 8 spared? -> they ran on their own tracks along the river embankment
Q What problem had made the buses unreliable by the 1980s? -> Traffic jams
Q When was the expansion plan adopted? -> 1987
Q Where does the first of the new lines go? -> the university campus at Oster Hill
Q How large was the network in 2020? -> nine lines with 58 kilometres of track
Q Where does the electricity for today's trams mostly come from? -> wind and water power
Q How many people ride the trams on a typical weekday? -> about 190,000
P
Riding the tramway requires a ticket bought before boarding, either from machines at the stops or with a mobile
telephone, and inspectors make random checks. A passenger caught without a ticket pays a penalty of sixty crowns.
Children under six and people over seventy travel free, and a monthly pass for the whole network costs 45 crowns,
about the price of eight taxi rides across the centre.
Q Where can tickets be purchased? -> from machines at the stops or with a mobile telephone
Q What is the fine for riding without a ticket? -> sixty crowns
Q Who is allowed to ride without paying? -> Children under six and people over seventy
Q What does a monthly pass cost? -> 45 crowns
""")

SOURCE.append(r"""
=== train Ice_trade
P
Before mechanical refrigeration, ice for cooling food and drink was cut from frozen lakes and rivers in winter and
stored for use in the warm months. In cold regions the harvest usually began in January, once the ice was at least
thirty centimetres thick, strong enough to carry men and horses. Snow was first scraped from the surface, and a
horse-drawn plough with sharp steel teeth scored the ice in a grid. Workers then sawed along the grooves by hand and
floated the blocks, each weighing around 150 kilograms, along a channel of open water to the shore.
Q In which month did the cutting normally start? -> January
Q What thickness of ice was needed before work could begin? -> at least thirty centimetres
Q What was removed from the ice before it was marked? -> Snow
Q What tool cut the grid into the surface? -> a horse-drawn plough with sharp steel teeth
Q About how heavy was a single block? -> around 150 kilograms
Q How were the blocks moved to land? -> floated
P
The harvested ice was kept in ice houses, thick-walled buildings often partly sunk into the ground, where the blocks
were packed closely together and covered with a deep layer of sawdust or straw. Stored in this way, as much as two
thirds of a winter's harvest could survive until the following autumn. In the nineteenth century the trade became
international. Ships loaded with ice sailed from the cold north to hot ports thousands of kilometres away, and by the
1850s ice from northern lakes was being sold in the markets of the Caribbean and even of India, where it arrived after
a voyage of four months with about half of its cargo still frozen. The largest lakes near big cities were harvested on
an industrial scale. On Lake Tessing, which supplied the city of Brennick, the Northern Ice Company employed some
3,000 men every winter in the 1880s and stored the ice in wooden warehouses large enough to hold 250,000 tonnes. Ice
was delivered to homes by horse-drawn wagons, and households placed a card in the window to tell the iceman how large
a piece they wanted that day. The trade had serious problems, however. A mild winter could ruin the harvest, as
happened in 1890, when prices in Brennick more than tripled and several hospitals ran short of ice for their patients.
As the cities grew, the lakes near them also became polluted by sewage and factory waste, and doctors warned that
natural ice could spread typhoid. Machines that made ice artificially, using the cooling effect of an expanding gas,
had been developed in the middle of the century, and from the 1890s they began to take over the market, first in
breweries and meat-packing plants and then in the ice supply of whole cities. The Northern Ice Company cut its last
harvest on Lake Tessing in 1921. The spread of electric refrigerators in homes from the 1930s ended the work of the
iceman, though ice was still delivered to some country districts until the 1950s. Today ice houses survive on many old
estates, and a few communities hold an annual festival at which ice is cut from a frozen lake with the old hand tools.
Q What kept the stored blocks from melting? -> a deep layer of sawdust or straw
Q How much of a harvest might last until autumn? -> as much as two thirds
Q By what decade was northern ice sold in the Caribbean? -> the 1850s
Q How long did the voyage to India take? -> four months
Q What share of the ice still remained after the journey to India? -> about half of its cargo
Q Which company harvested Lake Tessing? -> the Northern Ice Company
Q How large was the winter workforce on Lake Tessing? -> some 3,000 men
Q What was the capacity of the company's warehouses? -> 250,000 tonnes
Q How did customers show the iceman what they needed? -> placed a card in the window
Q What happened to ice prices in the mild winter of 1890? -> more than tripled
Q Which disease was natural ice feared to carry? -> typhoid
Q On what principle did ice-making machines work? -> the cooling effect of an expanding gas
Q Which businesses first adopted artificial ice? -> breweries and meat-packing plants
Q When was the final harvest cut on the lake? -> 1921
Q What ended household ice deliveries? -> The spread of electric refrigerators in homes
Q Until when did some rural areas receive ice? -> the 1950s
Q How do some towns remember the trade today?
+ -> an annual festival
P
Ice houses were built in many shapes. The most common design was a brick dome over a deep circular pit, with a drain
at the bottom to carry away meltwater, since standing water melts ice quickly. Entrances usually faced north, away
from the sun, and were closed by two doors with a space between them that trapped a layer of still air.
Q What shape did most ice houses have? -> a brick dome over a deep circular pit
Q Why did ice houses need a drain? -> standing water melts ice quickly
Q Which direction did the doorways point? -> north
Q What was the space between the two doors for? -> trapped a layer of still air
""")

SOURCE.append(r"""
=== dev Vessendorf_Observatory
P
The Vessendorf Observatory is an astronomical observatory on the summit of the Kalmhorn, a mountain of 2,870 metres in
the eastern part of the province of Estmarch. It was built between 1904 and 1909 at the initiative of the astronomer
Clara Vessendorf, who had argued for a decade that the clear, dry air above the cloud layer would allow observations
that were impossible from the university's old observatory in the smoky valley town of Rendhal. The project was paid
for largely by public subscription, and more than 14,000 people, many of them schoolchildren who each gave a single
coin, are listed in the donors' book kept in the entrance hall.
Q On which mountain does the observatory stand? -> the Kalmhorn | Kalmhorn | the summit of the Kalmhorn
Q How high is the mountain? -> 2,870 metres | 2,870 metres | a mountain of 2,870 metres
Q Over what years was the observatory constructed? -> between 1904 and 1909 | 1904 and 1909 | between 1904 and 1909
Q Why did Clara Vessendorf want an observatory on a mountain top?
+ -> the clear, dry air above the cloud layer would allow observations that were impossible
+ | the clear, dry air above the cloud layer | clear, dry air above the cloud layer
Q What sort of place was Rendhal? -> smoky valley town | the smoky valley town | smoky valley town
Q Roughly how many people gave money for the building? -> more than 14,000 | more than 14,000 people | 14,000
Q Where can the names of the donors be read? -> the donors' book kept in the entrance hall | in the donors' book
+ | the donors' book
P
Reaching the summit was the greatest difficulty of the whole undertaking. No road led higher than the village of
Oberkalm, some 1,100 metres below the peak, so every beam, stone and piece of glass had to be carried up a steep mule
track that took a loaded animal about six hours to climb. The builders could only work from late May to the end of
September, when the track was free of snow, and in the winter of 1906 a storm tore away the half-finished roof,
costing the project almost a full season. The main instrument, a refracting telescope with a lens 61 centimetres
across, was too heavy to be carried by mules, and it was finally brought up in pieces on a cable railway that was
built for the purpose in 1908 and was later used to supply the observatory with food and fuel. For its first thirty
years the observatory was staffed all year by two astronomers and a caretaker, who lived in rooms beneath the dome and
were often cut off for weeks by snow; their only link with the valley in bad weather was a telegraph line, which was
replaced by a radio in 1931. The observatory became known above all for its work on the planets. In 1923 the
astronomer Anton Reisiger used the large refractor to make a long series of drawings of the cloud bands of Jupiter,
and his observations of the way the bands changed over several years were among the most detailed of the time. Later,
in the 1950s, the observatory took part in an international programme to measure the brightness of variable stars, and
its observers recorded more than 90,000 estimates over twelve years. Light from the growing towns in the valleys below
gradually made the sky less dark, and by the 1980s the telescope was no longer competitive for research. It has since
been used for teaching and public viewing nights, which draw about 6,000 visitors each summer, while the university's
research instruments have moved to a site in the southern hemisphere. In 2012 the old cable railway was replaced by a
modern cable car, which now carries visitors from Oberkalm to the summit in eleven minutes.
Q How far below the summit is Oberkalm? -> some 1,100 metres | 1,100 metres | some 1,100 metres below the peak
Q How long did a loaded mule need to reach the top? -> about six hours | six hours | about six hours
Q During which months could construction take place? -> from late May to the end of September
+ | late May to the end of September | from late May to the end of September
Q What happened to the building in the winter of 1906? -> a storm tore away the half-finished roof
+ | a storm tore away the half-finished roof | the half-finished roof
Q How wide is the lens of the main telescope? -> 61 centimetres | 61 centimetres across | 61 centimetres
Q How was the telescope finally transported to the top? -> in pieces on a cable railway | on a cable railway
+ | in pieces on a cable railway
Q Who lived at the observatory during its early decades? -> two astronomers and a caretaker
+ | two astronomers and a caretaker | two astronomers and a caretaker
Q What replaced the telegraph line as the link to the valley? -> a radio | a radio | radio
Q In which year was the telegraph superseded? -> 1931 | 1931 | in 1931
Q What did Anton Reisiger record in his drawings? -> the cloud bands of Jupiter | cloud bands of Jupiter
+ | the cloud bands of Jupiter
Q How many brightness estimates did the observers make for the variable star programme? -> more than 90,000 | 90,000
+ | more than 90,000 estimates
Q For how long did the variable star work last? -> twelve years | over twelve years | twelve years
Q What made the telescope uncompetitive for research? -> Light from the growing towns in the valleys below
+ | Light from the growing towns | the growing towns in the valleys below
Q How many people come to the public viewing nights every summer? -> about 6,000 | about 6,000 visitors | 6,000
Q Where is the university's research equipment now? -> a site in the southern hemisphere | the southern hemisphere
+ | a site in the southern hemisphere
Q How long is the trip by cable car from the village to the peak? -> eleven minutes | in eleven minutes | eleven minutes
P
Clara Vessendorf directed the observatory until her retirement in 1931, and she was the first woman to lead a
scientific institute of the university. She was known as a patient teacher, and a remarkable number of her assistants
went on to direct observatories of their own. Her main scientific work was a catalogue of the positions and colours of
about 4,200 stars near the celestial pole, which took her and her staff nineteen years to complete and was published
in three volumes. A small crater on the Moon was named after her in 1970.
Q When did Vessendorf stop directing the observatory? -> 1931 | in 1931 | her retirement in 1931
Q What distinction did Vessendorf hold at the university? -> the first woman to lead a scientific institute of the university
+ | first woman to lead a scientific institute | the first woman to lead a scientific institute
Q What did many of her assistants later do? -> direct observatories of their own
+ | went on to direct observatories of their own | direct observatories
Q Which stars were listed in her catalogue? -> about 4,200 stars near the celestial pole | stars near the celestial pole
+ | about 4,200 stars near the celestial pole
Q How many years did the catalogue take? -> nineteen years | nineteen | nineteen years
Q What honour did she receive in 1970? -> A small crater on the Moon was named after her | small crater on the Moon
+ | A small crater on the Moon
""")

SOURCE.append(r"""
=== dev Ropewalk
P
Before machines took over the work in the nineteenth century, long ropes were made in a ropewalk, a narrow building or
covered path that had to be at least as long as the finished rope. Spinners walked backwards along it, drawing out
fibres of hemp from a bundle wrapped around their waist while a boy turned a wheel at the far end to twist the fibres
into yarn. Several yarns were then twisted together into a strand, and three strands were laid together into the rope,
each stage being twisted in the opposite direction to the one before so that the finished rope would not untwist under
load.
Q What determined the minimum length of a ropewalk? -> the finished rope | at least as long as the finished rope
+ | as long as the finished rope
Q Which direction did the spinners move in? -> backwards | backwards | walked backwards
Q Where did the spinners carry their supply of hemp? -> around their waist | a bundle wrapped around their waist
+ | around their waist
Q Who turned the wheel? -> a boy | a boy | boy
Q How many strands make up a rope? -> three | three strands | three
Q Why is each stage twisted the opposite way to the one before? -> so that the finished rope would not untwist under load
+ | the finished rope would not untwist under load | would not untwist under load
P
The Carrow Ropewalk, on the waterfront of the port of Stellhaven, is one of the few that survive from the age of sail.
It was opened in 1761 to supply the naval dockyard, and its main building runs for 346 metres in a single straight
line, which made it for a time the longest building in the country. A large warship of the period needed more than
thirty kilometres of rope for its rigging and anchors, and at the height of the wars at the end of the eighteenth
century the ropewalk employed about 400 men and boys, working in shifts from dawn until the light failed, because
candles and lamps were forbidden in a building full of dry hemp and tar. The hemp was imported from the Baltic and
stored in a separate warehouse, where it was combed through rows of steel spikes, a process called hackling, to
separate the long fibres from the short, coarse ones, which were sold for stuffing mattresses or caulking the seams of
ships. Yarn for ropes that would be exposed to sea water was drawn through a bath of hot tar, which protected the
fibres from rot but made the work dirty and the air in the tarring house hard to breathe. Every rope made for the navy
had a coloured thread twisted into its heart that identified the dockyard where it had been made, so that a rope that
failed at sea could be traced and any fault in manufacture could be punished. The arrival of steam-powered machinery
in the 1830s allowed ropes to be made in much shorter buildings, and the number of workers fell steadily through the
nineteenth century. Steel wire rope, introduced for standing rigging in the 1850s, took away much of the remaining
trade. The Carrow Ropewalk nevertheless continued to make ropes on its original site until 1983, when the dockyard
closed. It was bought by a charitable trust, and today it is a museum in which a small team of rope makers still
produces ropes by the traditional methods, mainly for historic ships, for theatres and for the makers of bell ropes
for churches. About 80,000 visitors a year walk along the building, and the trust also runs courses at which visitors
can make a short rope of their own.
Q In which town is the Carrow Ropewalk? -> Stellhaven | Stellhaven | the port of Stellhaven
Q When did the ropewalk open? -> 1761 | in 1761 | 1761
Q Whom was the ropewalk built to serve? -> the naval dockyard | naval dockyard | to supply the naval dockyard
Q How long is the main building? -> 346 metres | 346 metres in a single straight line | 346 metres
Q How much rope did a big warship need? -> more than thirty kilometres | more than thirty kilometres of rope
+ | thirty kilometres
Q How large was the workforce at its peak? -> about 400 men and boys | about 400 | 400 men and boys
Q Why could the workers not use artificial light? -> candles and lamps were forbidden in a building full of dry hemp and tar
+ | candles and lamps were forbidden | a building full of dry hemp and tar
Q Where did the hemp come from? -> the Baltic | Baltic | from the Baltic
Q What is the combing of hemp through steel spikes called? -> hackling | hackling | hackling
Q What were the short fibres used for? -> stuffing mattresses or caulking the seams of ships | stuffing mattresses
+ | stuffing mattresses or caulking the seams of ships
Q What was the drawback of tarring the yarn? -> made the work dirty and the air in the tarring house hard to breathe
+ | made the work dirty | the air in the tarring house hard to breathe
Q What was the purpose of the coloured thread inside naval ropes? -> identified the dockyard where it had been made
+ | the dockyard where it had been made | identified the dockyard where it had been made
Q Since when could ropes be made in much shorter buildings? -> the 1830s | in the 1830s | the 1830s
Q What material replaced hemp for standing rigging? -> Steel wire rope | Steel wire | Steel wire rope
Q Until what year were ropes made commercially on the site? -> 1983 | until 1983 | 1983
Q Who owns the ropewalk now? -> a charitable trust | a charitable trust | charitable trust
Q Who are the museum's rope makers' main customers? -> historic ships, for theatres and for the makers of bell ropes for churches
+ | historic ships | mainly for historic ships, for theatres and for the makers of bell ropes
Q How many people visit the building annually? -> About 80,000 | About 80,000 visitors | 80,000
Q What can visitors do on the trust's courses? -> make a short rope of their own | make a short rope
+ | make a short rope of their own
P
Natural fibres other than hemp were also used. Manila, from the leaf stalks of a banana plant grown in the
Philippines, became the favourite material for ships' ropes in the nineteenth century because it was strong, light and
resistant to salt water and needed no tar. Coir, made from the husks of coconuts, floats and was used for mooring
lines and fishing nets, although it is far weaker than hemp. Since the 1950s nylon and polyester have replaced natural
fibres almost everywhere, since a synthetic rope is several times stronger than a natural one of the same thickness
and does not rot.
Q What plant does Manila fibre come from? -> a banana plant | a banana plant grown in the Philippines | banana plant
Q Why did sailors prefer Manila? -> it was strong, light and resistant to salt water and needed no tar
+ | strong, light and resistant to salt water | it was strong, light and resistant to salt water
Q What is coir made of? -> the husks of coconuts | husks of coconuts | the husks of coconuts
Q What property of coir made it suitable for mooring lines? -> floats | floats | floats
Q Since when have synthetic fibres dominated? -> the 1950s | Since the 1950s | 1950s
Q Name one synthetic fibre that replaced natural ones. -> nylon | polyester | nylon
""")


if __name__ == "__main__":
    main()
