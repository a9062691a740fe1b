"""role-title finds a title in every form, in English and Spanish, and compares the office and
the ministry it names with the registry's (or with the office the event has the actor act in)."""

from __future__ import annotations

from textwrap import dedent

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.engine import run
from timeline.errors import UserError
from timeline.project.packs import load_packs
from timeline.store.loader import load_text

PACKS = load_packs(None)

# Lines 1-31: the registry every test's events stand on.
REGISTRY = """\
entities:
  - id: jose-serrano
    name: José Serrano
    kind: person
    offices:
      - office: minister
        of: interior-ministry
        title: Minister of the Interior
        from: 2011-04-14
  - id: interior-ministry
    name: Ministry of the Interior
    kind: ministry
    aliases: [Ministerio de Gobierno]
  - id: ollanta-humala
    name: Ollanta Humala
    kind: person
    offices:
      - office: president
        of: peru
        title: President of Peru
        from: 2011-07-28
      - office: president
        of: pacific-alliance
        title: President pro tempore of the Pacific Alliance
        from: 2013-05-23
  - id: peru
    name: Peru
    kind: country
  - id: pacific-alliance
    name: Pacific Alliance
    kind: organization
"""


def findings(*texts: str, actor: str = "jose-serrano", packs=PACKS, registry: str = REGISTRY) -> list[str]:
    """The role-title findings of one event, dated 14 Nov 2013, whose quotes are ``texts``
    (the first on line 38), with ``actor`` (an id, or a flow mapping) as its one actor."""
    quotes = "".join(f"      - source: s\n        quote: {text!r}\n" for text in texts)
    store = registry + dedent(
        f"""\
        events:
          - id: e
            date: 2013-11-14
            actors: [{actor}]
            sources:
        """
    ) + quotes
    result = run(load_text(store, "x.yaml"), packs, ["role-title"])
    return [f"{finding.span.line}:{finding.span.column} {finding.message}" for finding in result.findings]


def test_a_title_before_the_name_with_lowercase_connectors_is_read_whole():
    assert findings("Minister of National Security José Serrano praises the plan") == [
        '38:17 the quote calls jose-serrano "Minister of National Security", but the registry\'s title for the '
        'office they held on 14 Nov 2013 is "Minister of the Interior" (line 6); the quote stays as the source printed it'
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Minister of the Interior José Serrano spoke.",
        "Peru's Interior Minister José Serrano spoke.",
        "the Ecuadorian minister Serrano spoke.",
        "el ministro del Interior José Serrano habló.",
        "el ministro del Interior, José Serrano, habló.",
        "según la ministra del Interior, José Serrano.",
        "José Serrano, ministro del Interior, habló.",
        "José Serrano, the new Minister of the Interior, spoke.",
        "el titular del Interior, José Serrano, habló.",
        "the head of the Interior Ministry, José Serrano, spoke.",
        "José Serrano, Ecuador's Minister of the Interior, spoke.",
    ],
)
def test_the_office_and_ministry_the_registry_gives_in_either_language_are_no_finding(text):
    assert findings(text) == []


@pytest.mark.parametrize(
    "text, phrase, column",
    [
        ("el ministro de Justicia, José Serrano, habló.", "ministro de Justicia", 20),
        ("la ministra de Justicia, José Serrano, habló.", "ministra de Justicia", 20),
        ("el ministro de Defensa José Serrano habló.", "ministro de Defensa", 20),
        ("José Serrano, ministro de Justicia, habló.", "ministro de Justicia", 31),
        ("José Serrano, el ministro de Relaciones Exteriores, habló.", "ministro de Relaciones Exteriores", 34),
        ("el titular de Justicia, José Serrano, habló.", "titular de Justicia", 20),
        ("Ecuador's justice minister José Serrano spoke.", "justice minister", 27),
        ("Foreign Minister José Serrano spoke.", "Foreign Minister", 17),
    ],
)
def test_another_ministry_or_office_in_either_language_is_a_finding(text, phrase, column):
    assert findings(text) == [
        f'38:{column} the quote calls jose-serrano "{phrase}", but the registry\'s title for the office they held '
        'on 14 Nov 2013 is "Minister of the Interior" (line 6); the quote stays as the source printed it'
    ]


def test_the_ministry_is_matched_by_the_name_and_aliases_of_the_entity_the_office_is_of():
    # "Ministerio de Gobierno" is an alias of interior-ministry: its minister is the Minister of the Interior.
    assert findings("el ministro de Gobierno, José Serrano, habló.") == []


@pytest.mark.parametrize(
    "text",
    [
        "On Tuesday President Humala said he would travel.",
        "In Lima, Humala said he would travel.",
        "Peru's President Ollanta Humala said it.",
        "el jefe de Estado, Ollanta Humala, habló.",
        "Ollanta Humala, Peru's head of state, spoke.",
    ],
)
def test_a_sentence_word_before_a_name_is_no_part_of_its_title(text):
    assert findings(text, actor="ollanta-humala") == []


def test_only_the_title_is_read_before_a_name_not_the_words_before_it():
    assert findings("On Tuesday Minister Humala said he would travel.", actor="ollanta-humala") == [
        '38:28 the quote calls ollanta-humala "Minister", but the registry\'s title for the office they held on '
        '14 Nov 2013 is "President of Peru" (line 18) or "President pro tempore of the Pacific Alliance" (line 22); '
        "the quote stays as the source printed it"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Tras reunirse con el ministro de Justicia, Serrano dijo que todo iba bien.",
        "the former Minister of Justice José Serrano spoke.",
        "el ex ministro de Justicia José Serrano habló.",
        "José Serrano, President Correa and others met.",
        "José Serrano, who met President Correa, spoke.",
        "Minister of Justice Ollanta Humala and José Serrano met.",
        "José Serrano, el ministro de Justicia Ollanta Humala y otros.",
    ],
)
def test_near_misses_are_no_finding(text):
    assert findings(text) == []


def test_the_office_the_actor_acts_in_picks_the_registry_title_it_is_judged_against():
    title = "President of the Pacific Alliance Ollanta Humala spoke."
    assert findings(title, actor="ollanta-humala") == []
    assert findings(title, actor="{entity: ollanta-humala, as: president, of: peru}") == [
        '38:17 the quote calls ollanta-humala "President of the Pacific Alliance", but the registry\'s '
        'title for the office they held on 14 Nov 2013 is "President of Peru" (line 18); the quote stays as the '
        "source printed it"
    ]


def test_an_office_the_registry_lacks_is_judged_as_the_event_names_it():
    registry = REGISTRY + "  - id: johana-pesantez\n    name: Johana Pesántez\n    kind: person\n"
    registry += "  - id: justice-ministry\n    name: Ministry of Justice\n    kind: ministry\n    aliases: [Ministerio de Justicia]\n"
    actor = "{entity: johana-pesantez, as: minister, of: justice-ministry}"
    assert findings("la ministra de Justicia, Johana Pesántez, habló.", actor=actor, registry=registry) == []
    assert findings("la ministra del Interior, Johana Pesántez, habló.", actor=actor, registry=registry) == [
        '45:20 the quote calls johana-pesantez "ministra del Interior", but the event has them act as minister of '
        "justice-ministry (line 42); the quote stays as the source printed it"
    ]
    # Without `of`, only the office word is judged: what the minister heads is not known.
    actor = "{entity: johana-pesantez, as: minister}"
    assert findings("la ministra del Interior, Johana Pesántez, habló.", actor=actor, registry=registry) == []
    actor = "{entity: johana-pesantez, as: president}"
    assert findings("la ministra del Interior, Johana Pesántez, habló.", actor=actor, registry=registry) == [
        '45:20 the quote calls johana-pesantez "ministra del Interior", but the event has them act as president '
        "(line 42); the quote stays as the source printed it"
    ]


def test_a_project_adds_title_words_in_its_drafting_pack(tmp_path):
    text = "el ministro de Hidrocarburos, José Serrano, habló."
    registry = REGISTRY.replace("title: Minister of the Interior", "title: Minister of Hydrocarbons")
    assert len(findings(text, registry=registry)) == 1
    (tmp_path / "checks").mkdir()
    (tmp_path / "checks" / "drafting.yaml").write_text("titles:\n  words:\n    hydrocarbons:\n      es: [hidrocarburos]\n", encoding="utf-8")
    assert findings(text, registry=registry, packs=load_packs(tmp_path)) == []


def test_a_misspelled_list_of_titles_is_a_configuration_error(tmp_path):
    (tmp_path / "checks").mkdir()
    (tmp_path / "checks" / "drafting.yaml").write_text("titles:\n  office:\n    minister: {es: [ministro]}\n", encoding="utf-8")
    with pytest.raises(UserError) as error:
        load_packs(tmp_path)
    assert str(error.value) == (
        f"{tmp_path / 'checks' / 'drafting.yaml'}:2:3: unknown key 'office' in titles: it takes offices, words, "
        "heads, connectors, modifiers and former"
    )


def test_an_actor_may_name_what_its_office_is_of():
    event = "events:\n  - id: e\n    date: 2013-11-14\n    type: statement\n    title: Serrano speaks\n    actors:\n"
    store = load_text(REGISTRY + event + "      - {entity: jose-serrano, as: minister, of: interior-ministry}\n", "x.yaml")
    actor = store.events[0].actors[0]
    assert (actor.as_office, actor.of, actor.span("of").line) == ("minister", "interior-ministry", 38)
    assert run(store, PACKS, ["schema", "unknown-reference"]).findings == []


def test_tenure_holds_the_actor_to_the_office_of_the_entity_it_names():
    event = "events:\n  - id: e\n    date: 2013-11-14\n    actors:\n      - {entity: jose-serrano, as: minister, of: %s}\n"
    registry = REGISTRY + "  - id: justice-ministry\n    name: Ministry of Justice\n    kind: ministry\n"
    acting_elsewhere = run(load_text(registry + event % "justice-ministry", "x.yaml"), PACKS, ["tenure"]).findings
    assert [f"{finding.span.line}:{finding.span.column} {finding.message}" for finding in acting_elsewhere] == [
        "39:50 jose-serrano acts as minister of justice-ministry on 14 Nov 2013, but the registry has them as "
        "minister of interior-ministry only from 14 Apr 2011 (line 6)"
    ]
    assert run(load_text(registry + event % "interior-ministry", "x.yaml"), PACKS, ["tenure"]).findings == []


def _cue_pieces() -> list[str]:
    titles = PACKS.drafting.titles
    words = [english for english in titles.offices] + [form for entries in titles.offices.values() for forms in entries.values() for form in forms]
    words += [form for forms in titles.heads.values() for form in forms]
    return words + ["Ministro", "MINISTRA", "vice", "-", " ", ", ", "José Serrano", "Perú", "ſ", "Kelvin", "é", "x"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_cue_pieces()), max_size=8).map("".join) | st.text(max_size=40))
def test_looking_up_a_text_s_words_first_never_skips_a_text_the_cue_matches(text):
    from timeline.checks import role_title

    lexicon = role_title._lexicon(PACKS.drafting.titles, load_text("version: 1\n"))
    assert lexicon.openers is not None  # every packaged form starts with a word: the look-up is in force
    assert lexicon.cued(text) == (lexicon.cue.search(text) is not None)
