"""An article's analysis, shared by all extractors: sentences, part-of-speech tokens, mentions.

jieba is loaded once per process, with the project's user dictionary of generic
words (titles, suffixes) so that it keeps them whole. Tags are jieba.posseg's,
computed by kg.nlp.tagger (the same output, faster).
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import NamedTuple

from kg.types import Article, Mention, TitlePhrase

_SENTENCE = re.compile(r"[^。！？!?；;\n]*(?:[。！？!?；;]+[”’」』\"]?|\n|$)")


class Token(NamedTuple):
    """A word of the text at [start, end) with its part of speech (a tuple: an article has thousands)."""

    start: int
    end: int
    word: str
    tag: str


@lru_cache(maxsize=1)
def _jieba():
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    from kg.nlp.vocabulary import vocabulary

    vocab = vocabulary()
    # Keep titles whole and tagged as nouns, so a name after a title stands alone.
    for word in vocab.titles:
        if len(word) >= 2:
            jieba.add_word(word, freq=200000, tag="n")
    return jieba.posseg


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Part-of-speech tokens of `text` with offsets (shifted by `offset`)."""
    from kg.nlp.tagger import tag as pos_tag

    _jieba()
    tokens = []
    pos = offset
    for word, tag in pos_tag(text):
        if tag == "x" and word.isascii() and word.isalnum():
            tag = "m" if word.replace(".", "").isdigit() else "eng"  # jieba tags some numbers x
        tokens.append(Token(pos, pos + len(word), word, tag))
        pos += len(word)
    return tokens


def occurrences(text: str, word: str):
    """(start, end) of each occurrence of `word` in `text`, left to right, not overlapping.

    What `re.finditer(re.escape(word), text)` finds, without compiling a pattern per
    word: words taken from the article (names) would fill re's cache and evict the
    extractors' own patterns.
    """
    if not word:
        return
    n = len(word)
    i = text.find(word)
    while i >= 0:
        yield i, i + n
        i = text.find(word, i + n)


_PLACE_ENDS = "镇乡村县"


def resegment(tokens: list[Token]) -> list[Token]:
    """Give back a place's last character that jieba joined to the next word (某镇田坞社区 → 镇田)."""
    from kg.nlp.vocabulary import vocabulary

    heads = vocabulary().suffix_heads
    out: list[Token] = []
    for token in tokens:
        word = token.word
        if len(word) >= 2 and word[0] in _PLACE_ENDS and word[:2] not in heads and out and "\u4e00" <= out[-1].word[-1] <= "\u9fff":
            out.append(Token(token.start, token.start + 1, word[0], "n"))
            out.append(Token(token.start + 1, token.end, word[1:], token.tag))
        else:
            out.append(token)
    return out


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) of `text`, white space trimmed."""
    out = []
    for m in _SENTENCE.finditer(text):
        start, end = m.start(), m.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            out.append((start, end))
    return out


@dataclass
class Doc:
    """An article with its sentences, tokens and what the extractors run so far found:
    mentions and title phrases (added by `kg.extract.registry.run`, never by an extractor)."""

    article: Article
    mentions: list[Mention] = field(default_factory=list)
    title_phrases: list[TitlePhrase] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.article.text

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        return sentences(self.text)

    @cached_property
    def tokens(self) -> list[Token]:
        out: list[Token] = []
        for start, end in self.sentences:
            out.extend(resegment(tokenize(self.text[start:end], start)))
        return out

    @cached_property
    def token_starts(self) -> list[int]:
        return [t.start for t in self.tokens]

    def tokens_in(self, start: int, end: int, *, whole: bool = True) -> list[Token]:
        """The tokens that start in [start, end) and, when `whole`, end by `end` too."""
        starts = self.token_starts
        inside = self.tokens[bisect_left(starts, start) : bisect_left(starts, end)]
        return [t for t in inside if t.end <= end] if whole else inside

    @cached_property
    def token_at(self) -> dict[int, Token]:
        """Token by start offset."""
        return {t.start: t for t in self.tokens}

    @cached_property
    def token_ending(self) -> dict[int, Token]:
        """Token by end offset."""
        return {t.end: t for t in self.tokens}

    @cached_property
    def sentence_starts(self) -> list[int]:
        return [start for start, _ in self.sentences]

    def sentence_of(self, pos: int) -> tuple[int, int]:
        """The sentence holding `pos`, or (pos, pos) between sentences (they are sorted and
        apart: a bisection, not a walk, so a long article costs no more per mention)."""
        i = bisect_right(self.sentence_starts, pos) - 1
        if i >= 0 and pos < self.sentences[i][1]:
            return self.sentences[i]
        return (pos, pos)

    def of_type(self, *types: str) -> list[Mention]:
        return [m for m in self.mentions if m.entity.type in types]
