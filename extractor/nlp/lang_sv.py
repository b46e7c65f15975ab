"""Swedish language data for report prose, kept apart from logic like `spacy/lang/sv/`.

Everything here is lower case; the code compares against `token.lower_`.
"""

from __future__ import annotations

#: Abbreviations that never end a sentence, whatever follows ("bl.a. Borås", "ca 75").
#: The forms are given both as spaCy's tokenizer keeps them ("bl.a.") and as the bare
#: word it leaves before a split-off period ("nr" + ".").
NON_FINAL_ABBREVIATIONS: frozenset[str] = frozenset(
    {
        "bl.a.",
        "bl.a",
        "t.ex.",
        "t.ex",
        "ca",
        "ca.",
        "cirka",
        "fr.o.m.",
        "fr.o.m",
        "t.o.m.",
        "t.o.m",
        "kl.",
        "kl",
        "nr",
        "nr.",
        "resp.",
        "resp",
        "inkl.",
        "inkl",
        "exkl.",
        "exkl",
        "dvs.",
        "dvs",
        "d.v.s.",
        "s.k.",
        "s.k",
        "p.g.a.",
        "p.g.a",
        "pga",
        "pga.",
        "enl.",
        "enl",
        "jfr",
        "jfr.",
        "ev.",
        "ev",
        "f.d.",
        "fr.",
        "o.",
        "mfl",
        "sk",
        "tf",
        "tf.",
        "bl",
        "t",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "okt",
        "nov",
        "dec",
        "jan.",
        "feb.",
        "mar.",
        "apr.",
        "jun.",
        "jul.",
        "aug.",
        "sep.",
        "sept.",
        "okt.",
        "nov.",
        "dec.",
        "prof.",
        "dir.",
        "avd.",
        "kap.",
        "kap",
        "sid.",
        "s.",
        "tel.",
        "tel",
        "vs",
        "vs.",
        "ang.",
        "ang",
        "angående",
        "etc.,",
        "milj.",
        "mdr.",
    }
)

#: Abbreviations that may end a sentence when the next word starts with a capital
#: ("… nätverk m.m. Det är …", "… drygt 15 st. Målet är uppfyllt.").
FINAL_ABBREVIATIONS: frozenset[str] = frozenset(
    {
        "m.m.",
        "m.m",
        "osv.",
        "osv",
        "etc.",
        "etc",
        "m.fl.",
        "m.fl",
        "st",
        "st.",
        "tkr",
        "mnkr",
        "kr",
        "mkr",
    }
)

#: Number words as they appear in follow-ups ("ett delvis uppfyllt", "Två nyhetsbrev").
NUMBER_WORDS: dict[str, int] = {
    "noll": 0,
    "inget": 0,
    "ingen": 0,
    "inga": 0,
    "en": 1,
    "ett": 1,
    "två": 2,
    "tre": 3,
    "fyra": 4,
    "fem": 5,
    "sex": 6,
    "sju": 7,
    "åtta": 8,
    "nio": 9,
    "tio": 10,
    "elva": 11,
    "tolv": 12,
    "tretton": 13,
    "fjorton": 14,
    "femton": 15,
    "sexton": 16,
    "sjutton": 17,
    "arton": 18,
    "aderton": 18,
    "nitton": 19,
    "tjugo": 20,
    "trettio": 30,
    "fyrtio": 40,
    "femtio": 50,
    "hundra": 100,
}

#: Words that make a sentence speak about the goal being tagged ("Målet är uppfyllt").
SELF_SUBJECTS: frozenset[str] = frozenset(
    {
        "målet",
        "uppdraget",
        "delmålet",
        "mätetalet",
        "aktiviteten",
        "aktiviteterna",
        "målsättningen",
        "åtagandet",
        "insatsen",
        "insatserna",
        "indikatorn",
        "målvärdet",
        "målnivån",
        "nyckeltalet",
        "arbetet",
        "projektet",
        "utredningen",
        "översynen",
        "uppdragen",
        "åtgärden",
        "åtgärderna",
        "planen",
        "handlingsplanen",
        "uppgiften",
        "ambitionen",
        "resultatmålet",
        "verksamhetsmålet",
        "effektmålet",
        "fokusområdet",
        "prioriteringen",
        "satsningen",
        "utvecklingsarbetet",
    }
)

#: Bare goal nouns that, followed by a number or letter ("Mål 3", "Delmål 2b"), name
#: another goal than the one being tagged.
NUMBERED_GOAL_NOUNS: frozenset[str] = frozenset(
    {"mål", "delmål", "uppdrag", "mätetal", "aktivitet", "indikator", "målområde"}
)

#: Words before "målet"/"uppdraget" that make it another goal ("det andra målet").
OTHER_GOAL_MARKERS: frozenset[str] = frozenset(
    {"andra", "tredje", "fjärde", "femte", "övriga", "sista", "resterande", "förra", "ena"}
)

#: Plural goal nouns: a sentence about them is a unit summary, not this goal's status.
PLURAL_GOAL_NOUNS: frozenset[str] = frozenset(
    {
        "målen",
        "mål",
        "uppdrag",
        "mätetalen",
        "delmålen",
        "målsättningarna",
        "indikatorerna",
        "nyckeltalen",
        "aktiviteter",
        "uppdragen",
    }
)

#: Modal verbs that turn a status phrase into a requirement ("Målet ska vara uppfyllt 2027").
MODALS: frozenset[str] = frozenset({"ska", "skall", "bör", "måste", "borde", "behöver"})

#: Words that turn a status phrase into an indirect question ("i vilken utsträckning målen
#: uppfyllts", Boråsregionen 2025 on the mid-term evaluation) or a condition not yet met
#: ("Det kvarstår arbete innan målet kan anses uppfyllt").
QUESTION_WORDS: frozenset[str] = frozenset(
    {
        "huruvida",
        "ifall",
        "vilken",
        "vilka",
        "hur",
        "innan",
        "förrän",
        "osäkert",
        "oklart",
        "tveksamt",
    }
)

#: Words that say "all of them" in goal texts ("Alla verksamheter (ca 75) ska …").
ALL_WORDS: frozenset[str] = frozenset({"alla", "samtliga", "varje", "all", "allt"})

#: Words that introduce a minimum target ("minst tre nyhetsbrev", "lägst 90 %").
MIN_WORDS: frozenset[str] = frozenset(
    {"minst", "lägst", "åtminstone", "minimum", "över", "mer", "fler"}
)

#: Words that introduce a maximum target ("högst 5 %", "max 10 dagar").
MAX_WORDS: frozenset[str] = frozenset({"högst", "max", "maximalt", "maximum", "under", "mindre"})

#: Quantifiers that negate a positive status in their clause ("Inget av målen nåddes",
#: "ingen överenskommelse har nåtts").
NEGATIVE_QUANTIFIERS: frozenset[str] = frozenset(
    {"ingen", "inget", "inga", "ingenting", "varken", "aldrig"}
)

#: Quantifiers that make a positive status partial in their clause ("Delar av uppdraget
#: har genomförts", "Några aktiviteter har genomförts").
PARTIAL_QUANTIFIERS: frozenset[str] = frozenset(
    {
        "delar",
        "vissa",
        "några",
        "hälften",
        "del",
        "flertalet",
        "majoriteten",
        "merparten",
        "huvuddelen",
        "flera",
        "delvis",
        "flesta",
        "tredjedel",
        "tredjedelar",
        "fjärdedel",
        "fjärdedelar",
        "andel",
    }
)

#: Words inside a noun phrase between a quantifier and the goal noun ("ingen av de
#: planerade insatserna", "två tredjedelar av de beslutade åtgärderna").
NP_FILLERS: frozenset[str] = frozenset(
    {"av", "utav", "de", "dessa", "våra", "planerade", "beslutade", "aktuella", "nya", "årets"}
)

#: Words that report progress, besides the completion words of the `done` pattern
#: ("De flesta skolor har kommit igång med arbetet men två har inte startat").
PROGRESS_WORDS: frozenset[str] = frozenset(
    {"igång", "påbörjat", "påbörjats", "startat", "framtagen", "framtaget", "framtagna"}
)

#: Phrases after a positive status that make it partial ("genomförts i begränsad omfattning").
PARTIAL_AFTER: tuple[tuple[str, ...], ...] = (
    ("i", "begränsad", "omfattning"),
    ("i", "mindre", "omfattning"),
    ("i", "begränsad", "utsträckning"),
    ("i", "viss", "utsträckning"),
    ("i", "viss", "mån"),
    ("till", "viss", "del"),
    ("till", "en", "del"),
    ("till", "del"),
    ("till", "hälften"),
    ("till", "stor", "del"),
    ("till", "största", "delen"),
    ("delvis",),
    ("endast", "delvis"),
    ("i", "de", "flesta"),
    ("i", "flera", "avseenden"),
    ("i", "vissa", "avseenden"),
    ("i", "vissa", "delar"),
    ("i", "huvudsak"),
    ("men", "inte", "helt"),
    ("dock", "inte", "helt"),
    ("dock", "inte", "fullt"),
    ("men", "inte", "i", "sin", "helhet"),
    ("men", "inte", "fullt"),
)

#: Prepositions after "målet" that name which goal is meant ("målet om kompetensutveckling").
QUALIFIERS: frozenset[str] = frozenset({"om", "för", "kring", "inom"})

#: Contrast words after a positive status that may restrict it to a part ("uppfyllt för
#: vuxenutbildningen men inte för gymnasieskolan", "… medan delmålet om köer inte är det").
CONTRAST_WORDS: frozenset[str] = frozenset({"men", "medan", "dock", "däremot"})

#: Prepositions that make "men inte <prep> …" a scope restriction, not follow-on work.
SCOPE_WORDS: frozenset[str] = frozenset({"för", "inom", "i", "på", "hos", "vid", "bland", "när"})

#: Phrases before a positive status, in its clause, that make it partial ("I vissa delar
#: har målet uppnåtts", "Till viss del har målet nåtts").
PARTIAL_BEFORE: tuple[tuple[str, ...], ...] = (
    ("i", "vissa", "delar"),
    ("i", "viss", "mån"),
    ("i", "viss", "utsträckning"),
    ("i", "begränsad", "omfattning"),
    ("i", "begränsad", "utsträckning"),
    ("till", "viss", "del"),
    ("till", "en", "del"),
    ("till", "stor", "del"),
    ("till", "största", "delen"),
)

#: Words that open a relative or causal clause after a status ("uppfyllt, vilket delvis
#: kan förklaras av …"): what follows explains the status and does not restrict it.
SUBORDINATORS: frozenset[str] = frozenset({"vilket", "som", "eftersom", "då", "tack"})

#: Words that end a clause when scanning for quantifiers.
CLAUSE_BREAKS: frozenset[str] = frozenset(
    {",", ";", ":", "men", "medan", "dock", "och", "samt", "eftersom", "då", "när", "–", "-"}
)
