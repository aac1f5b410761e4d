"""Answers in prose (``mailbot.answers.prose``): an option is chosen when its label, a stem of it or a word
declared to mean it is said about that question's subject and is not negated; a free answer is the words
about the subject; a short label names the question it abbreviates; what is unclear stays unanswered."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mailbot.answers.parse_reply import parse_reply
from mailbot.answers.prose import named_question, read_prose
from mailbot.answers.questionnaire import load_default_questionnaire
from mailbot.language.lexicon import lexicon

Q = load_default_questionnaire(("nl", "en"))
NL, EN, DE = lexicon("nl", "en"), lexicon("en", "nl"), lexicon("de", "en")

# a word someone uses for their kind of organisation, and the option it is
KINDS = {"gemeente": "decentral", "provincie": "decentral", "ministerie": "central", "Rijksoverheid": "central",
         "hogeschool": "knowledge", "universiteit": "knowledge", "kennisinstelling": "knowledge",
         "bedrijf": "company", "startup": "company", "clusterorganisatie": "cluster_org"}


@settings(max_examples=50, deadline=None)
@given(st.sampled_from(sorted(KINDS)), st.sampled_from([
    "Wat voor organisatie: {kind}.", "Wij zijn een {kind}.", "Type organisatie: {kind}", "Soort: {kind}",
    "Onze organisatie is een {kind}."]))
def test_a_kind_of_organisation_said_about_the_subject_is_its_option(kind: str, form: str) -> None:
    assert read_prose(form.format(kind=kind), Q, NL, at="org_type").answers.get("org_type") == KINDS[kind]


@settings(max_examples=50, deadline=None)
@given(st.sampled_from(sorted(KINDS)), st.sampled_from(sorted(KINDS)))
def test_a_negated_option_is_not_chosen_and_the_one_after_but_is(wrong: str, right: str) -> None:
    if KINDS[wrong] == KINDS[right]:
        return
    text = f"Type organisatie: we zijn geen {wrong} maar een {right}."
    assert read_prose(text, Q, NL).answers.get("org_type") == KINDS[right]
    typed = f"we zijn geen {wrong}, wel een {right}"  # typed at the question
    assert read_prose(typed, Q, NL, at="org_type").answers.get("org_type") == KINDS[right]


PHASES = {"opkomend": "emerging", "groeiend": "growing", "volwassen": "mature", "in vernieuwing": "renewal",
          "in de kinderschoenen": "emerging", "in de groeifase": "growing"}


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(sorted(PHASES)), st.sampled_from(["Fase: {p}", "Ons cluster is {p}.",
                                                         "De fase van ons cluster: {p}", "Ons cluster zit {p}."]))
def test_a_phase_by_its_label_or_what_means_it(phase: str, form: str) -> None:
    assert read_prose(form.format(p=phase), Q, NL).answers.get("phase") == PHASES[phase]


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(sorted(PHASES)), st.sampled_from(sorted(PHASES)),
       st.sampled_from(["Fase: {a} of {b}, ik twijfel", "Misschien {a}, misschien {b}",
                        "Fase: {a}? Of toch {b}, weet ik niet"]))
def test_a_phase_in_doubt_stays_unanswered(a: str, b: str, form: str) -> None:
    assume(PHASES[a] != PHASES[b])
    assert "phase" not in read_prose(form.format(a=a, b=b), Q, NL).answers


def test_a_free_answer_is_the_sentence_about_the_subject() -> None:
    read = read_prose("Ik werk bij de Provincie Drenthe. Mijn vraag voor de groep is hoe je bedrijven aan "
                      "tafel houdt.", Q, NL)
    assert read.answers["organisation"] == "Provincie Drenthe"
    assert read.answers["questions"] == "hoe je bedrijven aan tafel houdt"


def test_no_guess_where_nothing_is_said_about_a_subject() -> None:
    read = read_prose("Ik kijk uit naar de eerste bijeenkomst, de universiteit is goed bereikbaar.", Q, NL)
    assert read.answers == {}


@settings(max_examples=30, deadline=None)
@given(st.sampled_from([("Org", "organisation"), ("Organisatie", "organisation"), ("Type", "org_type"),
                        ("Soort", "org_type"), ("Type organisatie", "org_type"), ("Fase", "phase"),
                        ("Stage", "phase"), ("Thema's", "themes"), ("Topics", "themes"), ("Vragen", "questions"),
                        ("Ervaring", "experience"), ("Alle 4", "all_meetings"), ("Gastheer", "host"),
                        ("Host", "host"), ("Regio", "region"), ("Cluster/regio", "region")]),
       st.sampled_from(["", ":", "?"]), st.booleans())
def test_a_short_label_names_the_question_it_abbreviates(pair: tuple[str, str], mark: str, upper: bool) -> None:
    label, question_id = pair
    named = named_question((label.upper() if upper else label) + mark, Q, NL)
    assert named is not None and Q.questions[named].id == question_id


def test_labelled_lines_are_answers() -> None:
    parsed = parse_reply("Org: Provincie Groningen\nType: provincie\nFase: in vernieuwing\nAlle 4: ja\n"
                         "Gastheer: nee\n", Q, "nl")
    assert parsed.answers["organisation"] == "Provincie Groningen"
    assert parsed.answers["phase"] == "renewal"
    assert parsed.answers["all_meetings"] is True and parsed.answers["host"] is False
    assert parsed.typed["org_type"] == "provincie"  # read by what it means, beside the list (understand)
    assert read_prose("provincie", Q, NL, at="org_type").answers == {"org_type": "decentral"}


def test_answers_in_english_and_german_to_the_dutch_questionnaire() -> None:
    english = read_prose("Kind of organisation: university. Stage: mature. Themes: funding and roles.", Q, EN)
    assert english.answers["org_type"] == "knowledge" and english.answers["phase"] == "mature"
    assert english.answers["themes"] == ["roles", "financing"]
    assert read_prose("Hochschule / Forschung", Q, DE, at="org_type").answers == {"org_type": "knowledge"}
    assert read_prose("reif (wir untersuchen etablierte Cluster)", Q, DE, at="phase").answers == {"phase": "mature"}


def test_all_of_a_choice_of_several() -> None:
    assert read_prose("eigenlijk alle vier, maar vooral de rolverdeling", Q, NL, at="themes").answers == {
        "themes": ["governance", "roles", "facilitation", "financing"]}
    assert "all_meetings" not in read_prose("Eindhoven wordt lastig, de rest ja", Q, NL, at="all_meetings").answers


def test_a_correction_adds_or_takes_away_against_what_was_given() -> None:
    known = {"themes": ["governance"]}
    added = read_prose("Graag ook Financieren en investeren erbij.", Q, NL, known, correcting=True, at="themes")
    assert added.answers == {"themes": ["governance", "financing"]}
    swapped = read_prose("Bij de thema's: financieren in plaats van governance.", Q, NL, known, correcting=True)
    assert swapped.answers == {"themes": ["financing"]}


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(["provincies", "gemeenten", "universiteiten", "bedrijven"]),
       st.sampled_from(["alles", "de vragenlijst", "alle vragen"]))
def test_others_and_the_questionnaire_itself_answer_nothing(kind: str, what: str) -> None:
    text = f"Ik ben vooral benieuwd hoe andere {kind} hiermee omgaan, maar ik heb nu geen tijd om {what} in te vullen."
    assert read_prose(text, Q, NL).answers == {}


@pytest.mark.parametrize(("text", "lang", "name"), [
    ("Wij zijn Bakkerij Verhoef uit Tiel, een familiebedrijf, en doen mee voor de cluster governance.", "nl",
     "Bakkerij Verhoef"),
    ("We're Photonics Hub Oost, the cluster organisation for photonics in the region.", "en", "Photonics Hub Oost"),
    ("Ich arbeite beim Kreis Borken in der Wirtschaftsförderung.", "de", "Kreis Borken"),
    ("Ich bin Referentin am Institut für Strukturpolitik in Bochum.", "de", "Institut für Strukturpolitik"),
])
def test_who_we_are_and_where_i_work_name_the_organisation(text: str, lang: str, name: str) -> None:
    lex = {"nl": NL, "en": EN, "de": DE}[lang]
    assert read_prose(text, Q, lex).answers.get("organisation") == name


@pytest.mark.parametrize("text", ["We zijn een groeiend cluster.", "We are Dutch and glad to join.",
                                  "we zijn blij met dit initiatief"])
def test_what_we_are_is_no_organisations_name(text: str) -> None:
    assert "organisation" not in read_prose(text, Q, NL).answers


def test_a_name_in_small_letters_after_working_there() -> None:
    assert read_prose("ik werk bij de gemeente oss, team economie", Q, NL).answers.get("organisation") \
        == "gemeente oss"


@pytest.mark.parametrize(("text", "lex", "region"), [
    ("Ons cluster is Brainport.", NL, "Brainport"),
    ("Ik werk voor het cluster Foodvalley.", NL, "Foodvalley"),
    ("Our cluster is Brainport.", EN, "Brainport"),
])
def test_one_name_said_of_the_subject_answers_it(text: str, lex: object, region: str) -> None:
    """A single word is too little for a free answer, unless it is a name written with a capital inside the
    clause: which cluster it is."""
    assert read_prose(text, Q, lex).answers.get("region") == region  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["Ons cluster is groot.", "ons cluster is nog jong", "Unser Cluster ist Brainport."])
def test_one_word_that_names_nothing_is_no_region(text: str) -> None:
    lex = DE if text.startswith("Unser") else NL
    assert "region" not in read_prose(text, Q, lex).answers


@pytest.mark.parametrize(("text", "lex", "question", "value"), [
    ("Thema's: gov. + rolverd.", NL, "themes", ["governance", "roles"]),
    ("Soort: univ", NL, "org_type", "knowledge"),
    ("Fase: volw.", NL, "phase", "mature"),
    ("Type: gem.", NL, "org_type", "decentral"),
])
def test_an_option_cut_short_names_it(text: str, lex: object, question: str, value: object) -> None:
    """A word cut short (a point after it, or alone at its label) names the one option whose words start so."""
    assert read_prose(text, Q, lex).answers.get(question) == value  # type: ignore[arg-type]


def test_a_cut_that_fits_two_options_names_neither() -> None:
    assert "org_type" not in read_prose("Soort: ge.", Q, NL).answers  # too short; and "ge" starts nothing alone


@pytest.mark.parametrize(("text", "lex"), [
    ("De thema's financieren en rolverdeling spreken mij het meest aan.", NL),
    ("Van de thema's gaat mijn voorkeur uit naar financieren en rolverdeling.", NL),
    ("The themes financing and the roles of the triple helix are what I care about.", EN),
])
def test_a_preposition_names_no_subject_and_cuts_nothing_short(text: str, lex: object) -> None:
    """"aan" stands in "voorstellen aan andere deelnemers", yet "spreken mij aan" says nothing about introductions;
    and a particle before the full stop is a word of its own, not "aan(sturing)" cut short."""
    answers = read_prose(text, Q, lex).answers  # type: ignore[arg-type]
    assert answers.get("themes") == ["roles", "financing"]
    assert "introductions" not in answers


@pytest.mark.parametrize(("text", "lex", "region"), [
    ("Ik werk bij de provincie en hou me bezig met het Foodvalley-cluster.", NL, "Foodvalley"),
    ("Wij werken in de Brainport-regio aan chips.", NL, "Brainport"),
    ("I work for the province and look at the semiconductors in the Brainport region.", EN, "Brainport"),
])
def test_a_name_said_before_the_subjects_word_answers_it(text: str, lex: object, region: str) -> None:
    assert read_prose(text, Q, lex).answers.get("region") == region  # type: ignore[arg-type]


def test_an_option_in_brackets_beside_the_chosen_one_does_not_compete() -> None:
    assert read_prose("Fase: volwassen (met een flinke vernieuwingsopgave)", Q, NL).answers.get("phase") == "mature"


def test_an_organisations_name_keeps_the_writers_own_signs() -> None:
    text = "Ich arbeite am Institut für Wirtschafts- und Sozialforschung in Köln."
    assert read_prose(text, Q, DE).answers.get("organisation") == "Institut für Wirtschafts- und Sozialforschung"


def test_an_option_granted_against_the_answer_does_not_compete() -> None:
    text = "I'd call our cluster mature, even though the new plant has it growing again."
    assert read_prose(text, Q, EN).answers.get("phase") == "mature"


@pytest.mark.parametrize(("text", "lex"), [
    ("I can make all four, and no, we cannot host one.", EN),
    ("Ik kan bij alle vier zijn, en nee, ontvangen kunnen we niet.", NL),
])
def test_a_bare_no_set_off_before_a_clause_answers_that_clause(text: str, lex: object) -> None:
    said = read_prose(text, Q, lex).answers  # type: ignore[arg-type]
    assert said.get("all_meetings") is True and said.get("host") is False


@pytest.mark.parametrize("text", [
    "Ik werk niet meer bij de provincie maar bij Oost NL.",
    "Bij organisatie moet Oost NL komen te staan.",
])
def test_a_correction_names_the_new_organisation_and_not_the_old_ones_kind(text: str) -> None:
    known = {"organisation": "Provincie Gelderland", "org_type": "decentral"}
    said = read_prose(text, Q, NL, known, correcting=True).answers
    assert said.get("organisation") == "Oost NL" and "org_type" not in said


@pytest.mark.parametrize("text", ["Ik werk niet meer bij de provincie.",
                                  "Per 1 januari werk ik niet meer bij de provincie maar bij Oost NL."])
def test_where_one_no_longer_or_not_yet_works_changes_nothing(text: str) -> None:
    known = {"organisation": "Provincie Gelderland", "org_type": "decentral"}
    assert read_prose(text, Q, NL, known, correcting=True).answers == {}


def test_only_in_a_correction_keeps_just_what_it_names() -> None:
    known = {"themes": ["roles", "facilitation"]}
    text = ("In uw overzicht staat ook de rolverdeling, die heb ik per abuis aangevinkt; "
            "het gaat me alleen om de beleidsinstrumenten.")
    assert read_prose(text, Q, NL, known, correcting=True).answers.get("themes") == ["facilitation"]


@pytest.mark.parametrize(("text", "phase"), [
    ("Ons cluster is de groeifase voorbij, eerder volwassen.", "mature"),
    ("Ons cluster is eerder volwassen dan groeiend.", "mature"),
    ("Our cluster is growing, or rather mature by now.", "mature"),
])
def test_rather_goes_with_the_option_it_stands_by(text: str, phase: str) -> None:
    lex = EN if text.startswith("Our") else NL
    assert read_prose(text, Q, lex).answers.get("phase") == phase


@pytest.mark.parametrize(("text", "region"), [
    ("wij zitten in het agrofood cluster noord-limburg, dat is nog opkomend.", "noord-limburg"),
    ("ons cluster twente is volwassen", "twente"),
])
def test_a_writer_without_capitals_names_the_cluster_in_small_letters(text: str, region: str) -> None:
    assert read_prose(text, Q, NL).answers.get("region") == region


@pytest.mark.parametrize("text", ["ons cluster groeit hard", "ons cluster is nog jong", "ons cluster heeft geen naam",
                                  "het chemiecluster hier bestaat al tientallen jaren"])
def test_words_after_the_cluster_that_say_how_it_is_name_none(text: str) -> None:
    assert "region" not in read_prose(text, Q, NL).answers


def test_what_someone_else_is_corrects_none_of_the_writers_answers() -> None:
    known = {"org_type": "decentral"}
    assert "org_type" not in read_prose("Hij zit bij ons op de afdeling Bedrijven en Ondernemen.", Q, NL, known,
                                        correcting=True).answers


def test_a_clause_leading_in_before_a_colon_is_no_label() -> None:
    text = "Voordat ik de vragen beantwoord: zijn alle bijeenkomsten op een donderdag?"
    assert "questions" not in parse_reply(text, Q, "nl").answers


def test_where_one_works_now_after_a_comma_and_a_turn_with_the_role_set_off() -> None:
    """"niet meer bij X, maar bij Y, als adviseur": Y, and "als" before a role is "as", no condition."""
    text = "Sinds kort werk ik niet meer bij de provincie Utrecht, maar bij de gemeente Zeist, als beleidsadviseur."
    read = read_prose(text, Q, NL, {"organisation": "Provincie Utrecht"}, correcting=True).answers
    assert read.get("organisation") == "gemeente Zeist"


def test_a_turn_to_where_one_will_work_from_a_date_changes_nothing_yet() -> None:
    text = "Per 1 maart werk ik niet meer bij de provincie Utrecht, maar bij de gemeente Zeist."
    read = read_prose(text, Q, NL, {"organisation": "Provincie Utrecht"}, correcting=True).answers
    assert "organisation" not in read
