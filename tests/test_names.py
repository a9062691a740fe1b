"""The registry's shortcut for words far from every name never hides a near miss, and its
own distance (for small registries) is rapidfuzz's."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import OSA

from timeline.store.loader import load_text
from timeline.text.names import Registry, osa_distance

NAMES = ["Ollanta Humala", "Quiñónez Vernaza", "Rafael Correa", "Juan Manuel Santos", "Tumbes"]

STORE = "version: 1\nentities:\n" + "".join(
    f"  - id: e{number}\n    name: {name}\n    kind: {'place' if ' ' not in name else 'person'}\n"
    for number, name in enumerate(NAMES)
)
REGISTRY = Registry(load_text(STORE), indexed=True)
SMALL = Registry(load_text(STORE), indexed=False)
IDS = [f"e{number}" for number in range(len(NAMES))]

WORDS = sorted({part for name in NAMES for part in name.split() if len(part) >= 4})


@st.composite
def word(draw):
    """A name's word with up to four edits: some still near misses, some far from every name."""
    letters = list(draw(st.sampled_from(WORDS)))
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(1, len(letters) - 1))
        edit = draw(st.sampled_from(["change", "add", "drop", "swap"]))
        letter = draw(st.sampled_from("aeiouóñzxlm"))
        if edit == "change":
            letters[at] = letter
        elif edit == "add":
            letters.insert(at, letter)
        elif edit == "drop" and len(letters) > 4:
            del letters[at]
        elif edit == "swap" and at + 1 < len(letters):
            letters[at], letters[at + 1] = letters[at + 1], letters[at]
    return "".join(letters)


@settings(max_examples=400, deadline=None)
@given(word())
def test_a_word_called_far_is_no_near_miss_of_any_entity_compared_one_by_one(text):
    if REGISTRY.far(text):
        assert REGISTRY._nearest(text, IDS) is None


def test_far_and_near_words():
    assert [REGISTRY.far(text) for text in ("Humaala", "Quinonez", "Officials", "Correas", "Tumbez")] == [False, False, True, False, False]
    assert REGISTRY.near_miss("Humaala", IDS).expected == "Humala"


@settings(max_examples=400, deadline=None)
@given(word())
def test_a_small_registry_finds_the_near_misses_an_indexed_one_finds(text):
    assert not SMALL.indexed
    assert SMALL.near_miss(text, IDS) == REGISTRY.near_miss(text, IDS)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="abcñó", max_size=9), st.text(alphabet="abcñó", max_size=9), st.integers(0, 3))
def test_the_registry_s_own_distance_is_rapidfuzz_s(first, second, cutoff):
    assert osa_distance(first, second, score_cutoff=cutoff) == OSA.distance(first, second, score_cutoff=cutoff)


def test_the_registry_s_own_distance_counts_a_swap_as_one_edit():
    assert [osa_distance("Humala", word, score_cutoff=2) for word in ("Humala", "Humaala", "Hmuala", "Hmuaal", "Correa")] == [0, 1, 1, 2, 3]


def test_a_registry_indexes_its_words_once_enough_have_been_asked_about(monkeypatch):
    from timeline.text import names

    monkeypatch.setattr(names, "INDEXED_AFTER", 2)
    registry = Registry(load_text(STORE))
    assert [registry.far(text) for text in ("Officials", "Officials")] == [False, False]
    assert not registry.indexed
    assert [registry.far(text) for text in ("Officials", "Quiet", "Humaala")] == [True, True, False]
    assert registry.indexed
    assert registry.near_miss("Humaala", IDS).expected == "Humala"
