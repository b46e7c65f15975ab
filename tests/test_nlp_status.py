"""Tests for the Swedish goal-status tagger (`extractor.nlp`).

Tables in the style of spaCy's `SV_TOKEN_EXCEPTION_TESTS`: input, expected output.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import extractor.nlp
from extractor.model.goal import StatedTotal, Status, StatusMethod, StatusResult
from extractor.nlp import (
    find_summary_status,
    get_pipeline,
    parse_stated_totals,
    split_sentences,
    tag_status,
)

U, D, E, B = Status.UPPFYLLT, Status.DELVIS, Status.EJ_UPPFYLLT, Status.EJ_BEDOMD
EVAL_PATH = Path(__file__).resolve().parent / "data" / "goal_status_eval.jsonl"

SV_STATUS_EXPLICIT_TESTS = [
    # subject + är + (modifier) + participle
    ("Målet är uppfyllt.", U),
    ("Uppdraget är uppfyllt.", U),
    ("Delmålet är uppnått.", U),
    ("Mätetalet är nått.", U),
    ("Aktiviteten är genomförd.", U),
    ("Uppdraget är slutfört.", U),
    ("Målet är helt uppfyllt.", U),
    ("Målet är delvis uppfyllt.", D),
    ("Målet är till stor del uppfyllt.", D),
    ("Målet är i huvudsak uppnått.", D),
    ("Målet är inte uppfyllt.", E),
    ("Målet är ej uppfyllt.", E),
    ("Uppdraget är inte genomfört.", E),
    # bedöms (vara / bli / som)
    ("Målet bedöms vara uppfyllt.", U),
    ("Målet bedöms bli uppfyllt under 2026.", U),
    ("Målet bedöms som delvis uppfyllt.", D),
    ("Målet bedöms inte vara uppfyllt.", E),
    ("Vi bedömer att målet inte är uppfyllt.", E),
    # passive and past forms
    ("Målet har uppfyllts.", U),
    ("Målet har uppnåtts under året.", U),
    ("Uppdraget har genomförts enligt plan.", U),
    ("Målet uppfylldes.", U),
    ("Målvärdet nåddes.", U),
    ("Målet har inte uppfyllts.", E),
    ("Målet har inte uppnåtts.", E),
    ("Målet uppfylldes inte.", E),
    ("Målet nåddes inte.", E),
    ("Målet uppnåddes delvis.", D),
    ("Målet att undersöka möjligheten med körkortsbidrag har därför inte uppfyllts.", E),
    # negation inside the clause
    ("Målet är inte helt uppfyllt.", D),
    ("Målet är inte fullt ut uppnått.", D),
    ("Målet är inte uppfyllt fullt ut.", D),
    ("Målet är ännu inte uppnått.", E),
    ("Målet är ännu inte helt uppnått.", D),
    ("Målet kommer inte att uppnås.", E),
    ("Trots försök har ingen överenskommelse nåtts.", E),
    ("Delar av uppdraget har genomförts.", D),
    ("Målet är uppfyllt till viss del.", D),
    ("Målet är uppnått i tre av fem kommuner.", D),
    # ongoing work
    ("Uppdraget pågår och kommer att slutföras under våren 2026.", D),
    ("Arbetet är påbörjat.", D),
    ("Uppdraget har påbörjats.", D),
    ("Vi är på god väg.", D),
    ("Projektet är försenat men bedöms bli klart i början av 2026.", D),
    ("Uppdraget är inte slutfört men arbetet går framåt.", D),
    # not prioritised / not started
    ("Frågan har inte prioriterats, se även analysen nedan, och målet är inte uppfyllt.", E),
    ("Frågan har inte prioriterats.", E),
    ("Ej påbörjat", E),
    ("Aktiviteten har inte påbörjats.", E),
    ("Arbetet har inte kommit igång.", E),
    # cancelled / removed / not assessed
    ("Uppdraget har avbrutits.", E),
    ("Projektet har lagts ned.", E),
    ("Mätetalet har utgått.", B),
    ("Målet har tagits bort ur planen.", B),
    ("Målet kan inte bedömas.", B),
    ("Ej bedömt.", B),
    ("Underlag för bedömning saknas.", B),
    ("Mätningen genomfördes inte på grund av byte av system.", B),
    # status cells and colour words in exports
    ("Grön", U),
    ("Gul", D),
    ("Röd", E),
    ("Uppfyllt", U),
    ("Delvis uppfyllt", D),
    ("Ej uppfyllt", E),
    ("Pågår", D),
    # financial goals
    ("Förbundets positiva resultat innebär att de finansiella målen är uppnådda.", U),
    # the subject matters
    ("Mål 3 är däremot inte uppfyllt. Uppdraget pågår.", D),
    ("Målet är uppfyllt. Mål 3 är däremot inte uppfyllt.", U),
    (
        "Målet är uppfyllt. Omställningsarbetet har dock endast påbörjats och är ett långsiktigt "
        "arbete som kommer att pågå framöver.",
        U,
    ),
    # wordings added with the development set (tests/data/goal_status_dev.jsonl)
    ("Målet är långt ifrån uppnått.", E),
    ("Målet ligger långt ifrån att nås.", E),
    ("Målet på 5 % uppfylls därmed inte.", E),
    ("Målet har inte nåtts hela vägen.", D),
    ("Målet bedöms uppnås vid årets slut.", U),
    ("Prognos: målet förväntas uppnås.", U),
    ("Målet nås.", U),
    ("Prognosen är att målet inte kommer att nås.", E),
    ("Målet har inte heller i år kunnat nås.", E),
    ("Nämnden har fullgjort uppdraget.", U),
    ("Uppdraget har därmed fullgjorts.", U),
    ("Vi har kommit halvvägs.", D),
    ("Arbetet har kommit en bit på väg.", D),
    ("Utfallet är nära målet.", D),
    ("Samtliga planerade träffar har ställts in.", E),
    ("Ingen trygghetsmätning har genomförts i år.", B),
    ("Inga uppgifter finns för perioden.", B),
    ("Färg: Grön", U),
    ("Bedömning: Röd", E),
    ("Grå", B),
    ("Målet har uppnåtts för två av de tre indikatorerna.", D),
    ("Målet är uppfyllt för grundskolan men inte för gymnasiet.", D),
    ("Delmålet om väntetider är uppnått medan delmålet om kostnader inte är det.", D),
    ("Målet är uppnått i de flesta avseenden.", D),
    ("De flesta aktiviteterna är genomförda.", D),
    ("Ingen av de planerade insatserna har genomförts.", E),
    ("Två tredjedelar av de planerade åtgärderna är klara.", D),
    ("Trots att en del insatser har skjutits upp bedöms målet vara uppnått.", U),
    ("Målet har inte nåtts. Däremot är målet om kompetensutveckling uppfyllt.", E),
    ("Förstudien är klar, men genomförandet har inte påbörjats.", D),
    ("Ekonomin tillät inte att insatsen genomfördes.", E),
    ("Trots att arbetet inte var enkelt har målet nåtts.", U),
    ("Målet är uppfyllt, vilket delvis kan förklaras av ökade statsbidrag.", U),
    ("I vissa delar har målet uppnåtts.", D),
    ("Vi ligger nära målet även om det inte är helt nått.", D),
    ("Aktiviteten ströks ur planen utan att ha påbörjats.", E),
    ("Målet klarades.", U),
    ("Målet är i det närmaste uppfyllt.", D),
    ("Målet är så gott som uppnått.", D),
    ("Målet har inte helt kunnat uppfyllas.", D),
    ("Målet bedöms inte nå ända fram.", D),
    ("Utfallet ligger i nivå med målet.", U),
    ("Handlingsplanen har antagits av direktionen.", U),
    ("Planen är ännu inte antagen.", E),
    ("Uppdraget är vilande.", E),
    ("Målet är inte längre relevant.", B),
    ("Målet bedöms inte i denna uppföljning.", B),
    ("Målet följs inte upp i år.", B),
    ("Målet bedöms inte kunna uppfyllas.", E),
    ("Grön – samtliga åtgärder klara.", U),
    ("Prognosen pekar på att målet kommer att klaras.", U),
    ("Bedömning: Gul. Kommentar: Arbetet har inte kommit igång i alla verksamheter.", D),
    ("Planen är framtagen men införandet har inte kommit igång.", D),
    # from Boråsregionen Årsbokslut 2025
    ("Aktiviteterna har lett till ökad offertberedskap och målet är uppfyllt.", U),
    ("Målet är upp-\nfyllt.", U),
]


@pytest.mark.parametrize(("text", "expected"), SV_STATUS_EXPLICIT_TESTS)
def test_explicit_status(text: str, expected: Status) -> None:
    result = tag_status(text)
    assert result.status is expected, result
    assert result.method is StatusMethod.EXPLICIT
    assert result.evidence


SV_STATUS_NO_TRIGGER_TESTS = [
    # distracting words must not trigger the rules
    "Måluppfyllelsen är god inom förbundets samtliga verksamheter.",
    "Uppfyllelsegraden redovisas i bilaga 2.",
    "Vi har nått ut till 300 personer.",
    "Målet ska vara uppfyllt senast 2027.",
    "Kommunerna har en viktig roll för att klimatmål ska uppnås.",
    "Fokus har legat på samordning och erfarenhetsutbyte.",
    "Det kvarstår arbete innan målet kan anses uppfyllt.",
    "Målet nås genom samverkan mellan kommunerna.",
    "Det är osäkert om målet kommer att nås.",
]


@pytest.mark.parametrize("text", SV_STATUS_NO_TRIGGER_TESTS)
def test_no_rule_trigger(text: str) -> None:
    result = tag_status(text)
    assert result.method in {StatusMethod.MODEL, StatusMethod.NONE}, result


SV_STATUS_NUMERIC_TESTS = [
    ("Andelen nöjda ska vara minst 90 %", "Enkäten visar att 94 % är nöjda.", U),
    # A missed minimum with nothing offsetting it is not met (labelling rule of the dev
    # and held-out sets); "nära målet" in the text makes it partial through the rules.
    ("Andelen nöjda ska vara minst 90 %", "Utfallet blev 85 %.", E),
    ("Andelen nöjda ska vara minst 90 %", "Utfallet blev 40 %.", E),
    ("Sjukfrånvaron ska vara högst 5 %", "Sjukfrånvaron låg på 4,2 %.", U),
    ("Publicera minst tre nyhetsbrev", "Två nyhetsbrev publicerade.", E),
    ("Minst 20 praktikplatser ska erbjudas", "Under året erbjöds 24 praktikplatser.", U),
    # direction goals: the figure moved the right way or the wrong way
    ("Antalet besökare ska öka", "Antalet besökare ökade med 9 % jämfört med 2024.", U),
    ("Kostnaden per elev ska minska", "Kostnaden per elev steg med 3,2 %.", E),
    ("Antalet besökare ska öka", "Antalet besökare ökade inte under året.", E),
    # "ingen av" under an "alla" goal; a share word without a target
    ("Alla enheter ska ha en krisplan", "Ingen av enheterna har ännu en krisplan.", E),
    (None, "Hälften av de planerade kurserna genomfördes.", D),
    ("Publicera minst tre nyhetsbrev", "Fyra nyhetsbrev publicerades.", U),
    (
        "Alla åtta kommuner ska ha genomfört en genomgång med Mognadsmatrisen",
        "Alla åtta kommuner har genomfört mognadsmatrisen.",
        U,
    ),
    (
        "Alla verksamheter (ca 75) ska ha genomfört minst en granskningsomgång",
        "74 av 75 granskningar är genomförda.",
        D,
    ),
    (None, "90 % av deltagarna ska vara nöjda. Enkäten visar att 94 % är nöjda.", U),
    ("Sjukfrånvaron ska understiga 5 %", "Sjukfrånvaron blev 4,2 %.", U),
    ("Sjukfrånvaron ska minska till 5 %", "Sjukfrånvaron låg på 6,8 %.", E),
    ("Handläggningstiden ska vara högst 14 dagar", "Handläggningstiden var 21 dagar.", E),
    ("Sjukfrånvaron ska vara lägre än 5,5 %", "Sjukfrånvaron landade på 6,9 %.", E),
    ("Sjukfrånvaron ska vara lägre än 5,5 %", "Sjukfrånvaron landade på 4,9 %.", U),
    ("Samtliga kommuner ska ha en handlingsplan", "Sju av åtta kommuner har antagit en.", D),
    (None, "Målvärde 90 %, utfall 93 %.", U),
    (None, "Utfallet blev 62 % mot målet 90 %.", E),
    (None, "Under året har tolv av tolv planerade nätverksträffar genomförts.", U),
]


@pytest.mark.parametrize(("goal", "text", "expected"), SV_STATUS_NUMERIC_TESTS)
def test_numeric_status(goal: str | None, text: str, expected: Status) -> None:
    result = tag_status(text, goal)
    assert result.status is expected, result
    assert result.method is StatusMethod.NUMERIC


SV_CONTRADICTION_TESTS = [
    (
        "På uppdrag arrangera utbildningar samt publicera minst tre nyhetsbrev. Genomföra två "
        "fasta grundutbildningar i webbinarieform.",
        "Två grundutbildningar samt en fördjupningsutbildning i GDPR genomförda. Två nyhetsbrev "
        "publicerade. Målet är uppfyllt.",
        U,
        "Två nyhetsbrev publicerade.",
    ),
    (
        "Minst tre nyhetsbrev ska publiceras",
        "Två nyhetsbrev publicerade. Målet är uppfyllt.",
        U,
        "Två nyhetsbrev publicerade.",
    ),
    (
        "Alla verksamheter (ca 75) ska under året ha genomfört minst en granskningsomgång",
        "74 av 75 granskningar är genomförda. Svar saknas från en organisation. Målet är uppfyllt.",
        U,
        "74 av 75 granskningar är genomförda.",
    ),
    (
        "Andelen nöjda ska vara minst 90 %",
        "Utfallet blev 95 %. Målet är inte uppfyllt.",
        E,
        "Utfallet blev 95 %.",
    ),
]


@pytest.mark.parametrize(("goal", "text", "expected", "numbers"), SV_CONTRADICTION_TESTS)
def test_contradiction(goal: str, text: str, expected: Status, numbers: str) -> None:
    result = tag_status(text, goal)
    assert result.status is expected
    assert result.method is StatusMethod.EXPLICIT
    assert result.contradiction is True
    assert result.evidence and "Målet är" in result.evidence
    assert numbers in result.contradiction_evidence


def test_survey_that_was_the_goal_failed() -> None:
    """A survey not run leaves a satisfaction goal unassessed, but fails a goal to run it."""
    text = "Kundundersökningen har inte genomförts under året."
    assert tag_status(text, "Andelen nöjda kunder ska vara minst 80 %").status is B
    assert tag_status(text, "Genomföra en kundundersökning").status is E


def test_no_contradiction_when_numbers_agree() -> None:
    result = tag_status(
        "Alla åtta kommuner har genomfört mognadsmatrisen. Målet är uppfyllt.",
        "Alla åtta kommuner ska under året ha genomfört en genomgång med Mognadsmatrisen",
    )
    assert result.status is U and result.contradiction is False
    assert result.contradiction_evidence == []


SV_SENTENCE_TESTS = [
    ("Målet är uppfyllt. Uppdraget pågår.", ["Målet är uppfyllt.", "Uppdraget pågår."]),
    (
        "Vi har bl.a. träffat kommunerna. Målet är uppfyllt.",
        ["Vi har bl.a. träffat kommunerna.", "Målet är uppfyllt."],
    ),
    ("Det gäller t.ex. Borås och Ulricehamn.", ["Det gäller t.ex. Borås och Ulricehamn."]),
    ("Alla verksamheter (ca 75) ska delta.", ["Alla verksamheter (ca 75) ska delta."]),
    ("Det gäller ca. 75 verksamheter.", ["Det gäller ca. 75 verksamheter."]),
    (
        "Nätverk, utbildningar m.m. Det är positivt.",
        ["Nätverk, utbildningar m.m.", "Det är positivt."],
    ),
    ("Gäller fr.o.m. 1 januari t.o.m. 31 mars.", ["Gäller fr.o.m. 1 januari t.o.m. 31 mars."]),
    ("Mötet börjar kl. 10 i sal nr. 5 i Borås.", ["Mötet börjar kl. 10 i sal nr. 5 i Borås."]),
    (
        "Kostnader resp. intäkter inkl. moms och exkl. moms redovisas.",
        ["Kostnader resp. intäkter inkl. moms och exkl. moms redovisas."],
    ),
    (
        "Andelen ökade med 2,5 % till 1 200 personer.",
        ["Andelen ökade med 2,5 % till 1 200 personer."],
    ),
    (
        "Bokslutsdagen 2025-12-31. Målet är uppfyllt.",
        ["Bokslutsdagen 2025-12-31.", "Målet är uppfyllt."],
    ),
    (
        "Resultatet blev 13 471 tkr. Målet är uppfyllt.",
        ["Resultatet blev 13 471 tkr.", "Målet är uppfyllt."],
    ),
    (
        "Uppdraget pågår och\nkommer att slutföras under våren 2026.",
        ["Uppdraget pågår och kommer att slutföras under våren 2026."],
    ),
    (
        "Två nyhetsbrev publicerade\n\nMålet är uppfyllt",
        ["Två nyhetsbrev publicerade", "Målet är uppfyllt"],
    ),
    ("", []),
]


@pytest.mark.parametrize(("text", "expected"), SV_SENTENCE_TESTS)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


SV_STATED_TOTAL_TESTS = [
    (
        "När det gäller de mål och uppdrag som sattes för 2025 är 27 av 28 uppfyllda och ett "
        "delvis uppfyllt.",
        (27, 1, None, 28),
    ),
    (
        "Bedömningen är att 21 mål är uppfyllda under året och att ett är delvis uppfyllt.",
        (21, 1, None, None),
    ),
    (
        "Utifrån nulägesanalysen formulerades sex specifika mål och uppdrag för 2025. "
        "Bedömningen är att samtliga uppfyllts under året.",
        (6, 0, 0, 6),
    ),
    ("Av de 12 målen är nio uppfyllda, två delvis uppfyllda och ett inte uppfyllt.", (9, 2, 1, 12)),
    ("Samtliga 28 mål är uppfyllda.", (28, 0, 0, 28)),
]


@pytest.mark.parametrize(("text", "expected"), SV_STATED_TOTAL_TESTS)
def test_parse_stated_totals(text: str, expected: tuple) -> None:
    totals = parse_stated_totals(text)
    assert len(totals) == 1, totals
    total = totals[0]
    assert isinstance(total, StatedTotal)
    assert (total.uppfyllt, total.delvis, total.ej_uppfyllt, total.total) == expected
    assert total.scope is None
    assert total.text in " ".join(split_sentences(text))


@pytest.mark.parametrize(
    "text",
    [
        "61 % av eleverna har uppnått godkända betyg.",
        "Två av tre kommuner har uppnått målet.",
        "Målet är uppfyllt.",
        "Måluppfyllelsen är god.",
    ],
)
def test_parse_stated_totals_ignores(text: str) -> None:
    assert parse_stated_totals(text) == []


SV_SUMMARY_TESTS = [
    (
        "Bedömningen är att samtliga mål är uppfyllda och att Medarbetarcentrum har en verksamhet "
        "med unika kompetenser.",
        U,
    ),
    ("Samtliga mål och uppdrag har uppfyllts.", U),
    ("Förbundets positiva resultat innebär att de finansiella målen är uppnådda.", U),
    ("Bedömningen är att samtliga uppfyllts under året.", U),
    ("De verksamhetsmässiga målen är delvis uppfyllda.", D),
    ("Målen är inte uppfyllda.", E),
]


@pytest.mark.parametrize(("text", "expected"), SV_SUMMARY_TESTS)
def test_find_summary_status(text: str, expected: Status) -> None:
    result = find_summary_status(text)
    assert result is not None
    assert result.status is expected
    assert result.method is StatusMethod.SUMMARY
    assert result.evidence


@pytest.mark.parametrize(
    "text",
    [
        "När det gäller de mål och uppdrag som sattes för 2025 är 27 av 28 uppfyllda och ett "
        "delvis uppfyllt.",
        "Målet är uppfyllt.",
        "Måluppfyllelsen är god.",
        "",
    ],
)
def test_find_summary_status_none(text: str) -> None:
    assert find_summary_status(text) is None


def test_fallback_is_ej_bedomd_with_low_confidence() -> None:
    result = tag_status("   ")
    assert result.status is B and result.method is StatusMethod.NONE
    assert result.confidence <= 0.3


def test_rules_only_without_model(monkeypatch: pytest.MonkeyPatch, caplog, tmp_path) -> None:
    """A missing model never downloads: rules still work and the model is never used."""
    nlp = spacy.blank("sv")
    nlp.add_pipe("report_sentencizer")
    nlp.add_pipe("goal_status", config={"model_path": str(tmp_path / "nowhere")})
    tagger = nlp.get_pipe("goal_status")
    with caplog.at_level(logging.WARNING):
        assert tagger.tag(nlp("Målet är uppfyllt.")).status is U
        result = tagger.tag(nlp("Under året har flera möten hållits med kommunerna."))
    assert result.method is StatusMethod.NONE
    assert "not found" in caplog.text


def test_model_is_used_when_rules_are_silent() -> None:
    model_dir = Path(extractor.nlp.__file__).resolve().parents[2] / "models" / "goal_status"
    if not (model_dir / "config.cfg").is_file():
        pytest.skip("no trained model; run python -m extractor.nlp.train")
    result = tag_status(
        "Samtliga planerade utbildningar har hållits och deltagarna är mycket nöjda."
    )
    assert result.method is StatusMethod.MODEL
    assert result.status is U


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(), st.one_of(st.none(), st.text()))
def test_tag_status_never_raises(text: str, goal: str | None) -> None:
    result = tag_status(text, goal)
    assert isinstance(result, StatusResult)
    StatusResult.model_validate(result.model_dump())
    assert 0.0 <= result.confidence <= 1.0


@settings(max_examples=100, deadline=None)
@given(st.text())
def test_other_entry_points_never_raise(text: str) -> None:
    assert isinstance(split_sentences(text), list)
    assert isinstance(parse_stated_totals(text), list)
    summary = find_summary_status(text)
    assert summary is None or isinstance(summary, StatusResult)


def test_add_pipe_after_import() -> None:
    nlp = spacy.blank("sv")
    nlp.add_pipe("report_sentencizer")
    nlp.add_pipe("goal_status")
    doc = nlp("Bl.a. har tre möten hållits. Målet är delvis uppfyllt.")
    assert len(list(doc.sents)) == 2
    assert isinstance(doc._.goal_status, StatusResult)
    assert doc._.goal_status.status is D


def test_factory_round_trips_to_disk(tmp_path: Path) -> None:
    nlp = spacy.blank("sv")
    nlp.add_pipe("report_sentencizer")
    nlp.add_pipe("goal_status", config={"threshold": 0.55})
    nlp.to_disk(tmp_path / "pipe")
    loaded = spacy.load(tmp_path / "pipe")
    assert loaded.pipe_names == ["report_sentencizer", "goal_status"]
    assert loaded.get_pipe("goal_status").threshold == 0.55
    assert loaded("Målet är inte uppfyllt.")._.goal_status.status is E


def test_get_pipeline_is_cached() -> None:
    assert get_pipeline() is get_pipeline()
    assert get_pipeline().pipe_names == ["report_sentencizer", "goal_status"]


def test_heldout_macro_f1() -> None:
    """Macro-F1 on the held-out set written by someone else (see benchmarks/eval_goal_status.py)."""
    if not EVAL_PATH.is_file():
        pytest.skip(f"held-out set {EVAL_PATH} is absent")
    import importlib.util

    path = Path(__file__).resolve().parents[1] / "benchmarks" / "eval_goal_status.py"
    spec = importlib.util.spec_from_file_location("eval_goal_status", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    macro, *_ = module.evaluate(EVAL_PATH)
    assert macro >= 0.90
