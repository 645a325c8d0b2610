"""kg.nlp.tagger gives exactly what jieba.posseg gives: on the corpora, on random text, and on a model full of ties."""

from __future__ import annotations

import importlib
import itertools
from pathlib import Path

import jieba
import jieba.posseg
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.build.pipeline import read_articles
from kg.nlp import tagger
from kg.nlp.analysis import _jieba

ROOT = Path(__file__).resolve().parents[2]
CORPORA = [ROOT / "seeds", *sorted((ROOT / "tests" / "data").glob("genre*"))]


def jieba_pairs(text: str) -> list[tuple[str, str]]:
    return [(p.word, p.flag) for p in jieba.posseg.lcut(text, HMM=True)]


@pytest.fixture(scope="module", autouse=True)
def user_dictionary():
    _jieba()  # the project's titles in jieba's dictionary, as in a build


@pytest.mark.parametrize("corpus", CORPORA, ids=lambda p: p.name)
def test_same_tags_as_jieba_on_every_article(corpus):
    articles = list(read_articles([corpus], errors=[]))
    assert articles
    for article in articles:
        assert tagger.tag(article.text) == jieba_pairs(article.text), article.headline


# Han characters of names and of the genre, characters jieba's model has never seen
# (𠀀, 〇, rare ones), digits, Latin letters, decimals and punctuation.
ALPHABET = "王李张欧阳司马慧杰思源柯明远镇区县村乡委书记长副主任召开会议调研项目投资亿万元有限公司的了在和" \
    "䶮龘靐〇鑫淼犇𠀀" "0123456789.abcXYZ +#&_" "，。、；：“”（）\n"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=60))
def test_same_tags_as_jieba_on_random_text(text):
    assert tagger.tag(text) == jieba_pairs(text)


def test_a_block_seen_before_is_not_cut_again_and_gives_the_same_words():
    tagger._words.cache_clear()
    text = "欧阳慧杰和司马思源出席，欧阳慧杰和司马思源出席"
    words = tagger.tag(text)
    info = tagger._words.cache_info()
    assert (info.misses, info.hits) == (1, 1)  # the second clause is the first one's words
    assert words == jieba_pairs(text)
    assert words[: len(words) // 2] == words[len(words) // 2 + 1 :]


def test_a_word_added_to_the_dictionary_after_a_cut_is_used():
    word = "龘靐淼犇"  # not a word of any text here
    before = tagger.tag(f"出席{word}会议")
    assert (word, "nz") not in before
    jieba.add_word(word, freq=1000, tag="nz")
    try:
        assert (word, "nz") in tagger.tag(f"出席{word}会议") == jieba_pairs(f"出席{word}会议")
    finally:
        jieba.del_word(word)


def toy_model():
    """Two tags, every probability equal: every path ties, so only the tie-break decides."""
    states = [(pos, tag) for pos in "BEMS" for tag in ("n", "v")]
    start = {s: -1.0 for s in states}
    trans = {}
    for pos, tag in states:
        if pos in "BM":
            trans[(pos, tag)] = {("M", tag): -0.5, ("E", tag): -0.5}
        else:
            trans[(pos, tag)] = {(p, t): -0.5 for p in "BS" for t in ("n", "v")}
    emit = {s: {"甲": -2.0, "乙": -2.0} for s in states}
    char_states = {"甲": tuple(states), "乙": (("S", "n"), ("B", "v"), ("E", "v"), ("M", "n"))}
    return char_states, start, trans, emit


def test_ties_are_broken_as_jieba_breaks_them():
    jieba_viterbi = importlib.import_module("jieba.posseg.viterbi").viterbi
    model = toy_model()
    hmm = tagger._Hmm(*model)
    for n in range(1, 6):
        for chars in itertools.product("甲乙丙", repeat=n):
            obs = "".join(chars)
            assert hmm.viterbi(obs) == jieba_viterbi(obs, *model)[1], obs
