"""jieba's part-of-speech tagger, the same output in a fraction of the time.

`tag(text)` gives exactly what `jieba.posseg.lcut(text, HMM=True)` gives, as
(word, tag) pairs. jieba spends most of its tagging time in the hidden Markov
model it runs over characters that no dictionary word covers (names, mostly):
its Viterbi search rebuilds, at every character, the set of states the previous
ones may lead to, and scores every pair of states through a generator of tuples.
Here the same search runs over tables prepared once (states numbered, transitions
indexed by the state they lead to), skips the pairs that cannot win, and scores
the others with the same floating-point operations in the same order, breaking
ties the same way (the larger state wins), so the path is the same.
A block of text seen before (up to 10,000 of them) is not cut again: news
repeats its phrases, and its names.

The dictionary words (jieba's DAG and its best route) are found as jieba finds them.
`tests/test_tagger.py` checks the equality on the seeds, on invented text and on
random strings.
"""

from __future__ import annotations

from functools import lru_cache
from math import log

MIN_FLOAT = -3.14e100  # jieba's score of a character a state never emits
MIN_INF = float("-inf")


class _Hmm:
    """jieba.posseg's character model, its states numbered in their own order (so comparing
    numbers compares states, as jieba's tie-break does) and its transitions indexed by the
    state they lead to."""

    def __init__(self, char_states, start, trans, emit) -> None:
        self.names = sorted(trans)
        number = {state: i for i, state in enumerate(self.names)}
        self.start = [start[state] for state in self.names]
        self.emit = [emit[state] for state in self.names]
        self.all_states = frozenset(range(len(self.names)))
        self.char_states = {char: frozenset(number[s] for s in states) for char, states in char_states.items()}
        self.has_next = frozenset(number[s] for s, nxt in trans.items() if nxt)
        self.successors = {number[s]: frozenset(number[y] for y in nxt) for s, nxt in trans.items()}
        into: dict[int, dict[int, float]] = {}
        for y0, nxt in trans.items():
            for y, p in nxt.items():
                into.setdefault(number[y], {})[number[y0]] = p
        self.into = into  # state -> {previous state: log transition probability}
        self.best_into = {y: max(d.values()) for y, d in into.items()}
        # states few others lead to (the middle and end of a word), with those others
        self.narrow = {y: frozenset(d) for y, d in into.items() if len(d) <= 4}
        self._emissions: dict[str, dict[int, float]] = {}

    def emissions(self, char: str) -> dict[int, float]:
        """log P(char | state) by state, for the states that ever emit it."""
        found = self._emissions.get(char)
        if found is None:
            if len(self._emissions) > 10_000:
                self._emissions.clear()
            found = self._emissions[char] = {i: e[char] for i, e in enumerate(self.emit) if char in e}
        return found

    def viterbi(self, obs: str) -> list | None:
        """The best state path over `obs`, as jieba's search finds it; None where jieba would fail."""
        start, into, best_into, narrow = self.start, self.into, self.best_into, self.narrow
        first = obs[0]
        em = self.emissions(first)
        V = {y: start[y] + em.get(y, MIN_FLOAT) for y in self.char_states.get(first, self.all_states)}
        back: list[dict] = [{}]
        for char in obs[1:]:
            prev = self.has_next.intersection(V)
            if not prev:
                return None  # jieba takes max() of nothing here
            expect = frozenset().union(*[self.successors[x] for x in prev])  # as cheap as remembering it
            states = self.char_states.get(char, self.all_states) & expect or expect
            ranked = sorted(((V[y0], y0) for y0 in prev), reverse=True)
            emissions = self.emissions(char)
            nv: dict = {}
            bp: dict = {}
            for y in states:
                e = emissions.get(y, MIN_FLOAT)
                tr = into[y]
                best = MIN_INF
                best_state = -1
                # jieba scores (V + transition) + emission and keeps the largest (score, state).
                few = narrow.get(y)
                if few is not None:  # inside a word: only its own beginning or middle leads here
                    for y0 in few & prev:
                        p = V[y0] + tr[y0] + e
                        if p > best or (p == best and y0 > best_state):
                            best, best_state = p, y0
                else:
                    # Previous states come best first; once even the likeliest way into y
                    # cannot reach the best score, no later one can (sums of floats are monotone).
                    top = best_into[y]
                    for v, y0 in ranked:
                        if v + top + e < best:
                            break
                        t = tr.get(y0)
                        if t is None:
                            continue
                        p = v + t + e
                        if p > best or (p == best and y0 > best_state):
                            best, best_state = p, y0
                if best_state < 0:
                    return None  # no way into y at all: jieba compares -inf scores here
                nv[y] = best
                bp[y] = best_state
            V = nv
            back.append(bp)
        _, state = max((p, y) for y, p in V.items())
        route = [state] * len(obs)
        for i in range(len(obs) - 1, 0, -1):
            state = back[i][state]
            route[i - 1] = state
        return [self.names[i] for i in route]


@lru_cache(maxsize=1)
def _model():
    from jieba import posseg

    return posseg, _Hmm(posseg.char_state_tab_P, posseg.start_P, posseg.trans_P, posseg.emit_P)


@lru_cache(maxsize=20_000)
def _cut_hmm(block: str) -> tuple[tuple[str, str], ...]:
    """jieba.posseg's `__cut` of a run of Han characters."""
    posseg, hmm = _model()
    route = hmm.viterbi(block)
    if route is None:
        route = posseg.viterbi(block, posseg.char_state_tab_P, posseg.start_P, posseg.trans_P, posseg.emit_P)[1]
    out = []
    begin = nexti = 0
    for i, char in enumerate(block):
        pos, tag = route[i]
        if pos == "B":
            begin = i
        elif pos == "E":
            out.append((block[begin : i + 1], tag))
            nexti = i + 1
        elif pos == "S":
            out.append((char, tag))
            nexti = i + 1
    if nexti < len(block):
        out.append((block[nexti:], route[nexti][1]))
    return tuple(out)


def _cut_detail(text: str, out: list) -> None:
    posseg, _ = _model()
    for blk in posseg.re_han_detail.split(text):
        if posseg.re_han_detail.match(blk):
            out.extend(_cut_hmm(blk))
        else:
            for x in posseg.re_skip_detail.split(blk):
                if x:
                    if posseg.re_num.match(x):
                        out.append((x, "m"))
                    elif posseg.re_eng.match(x):
                        out.append((x, "eng"))
                    else:
                        out.append((x, "x"))


def _route(sentence: str, tokenizer) -> list[tuple[float, int]]:
    """jieba's `get_DAG` and `calc`: the most probable split into dictionary words.

    The same sums in the same order and the same tie-break (the longer word), with
    the candidates gathered in one pass and one-candidate positions not sent
    through max().
    """
    tokenizer.check_initialized()
    freq = tokenizer.FREQ
    weight = _weights(tokenizer.total)
    n = len(sentence)
    route: list[tuple[float, int]] = [(0, 0)] * (n + 1)
    for idx in range(n - 1, -1, -1):
        best = None
        i = idx
        frag = sentence[idx]
        while i < n and frag in freq:
            if freq[frag]:
                # jieba: max((log(freq or 1) - logtotal + route[x + 1][0], x) for x in DAG[idx])
                w = weight.get(frag)
                if w is None:
                    w = weight[frag] = log(freq[frag]) - weight[""]
                candidate = (w + route[i + 1][0], i)
                if best is None or candidate > best:
                    best = candidate
            i += 1
            frag = sentence[idx : i + 1]
        if best is None:  # no dictionary word starts here: the character alone, with frequency 1
            best = (log(freq.get(sentence[idx]) or 1) - weight[""] + route[idx + 1][0], idx)
        route[idx] = best
    return route


@lru_cache(maxsize=4)
def _weights(total: int) -> dict[str, float]:
    """log(frequency) - log(total) by word, filled as words are met; "" holds log(total)."""
    return {"": log(total)}


def _cut_dag(sentence: str, out: list) -> None:
    posseg, _ = _model()
    tokenizer = posseg.dt.tokenizer
    tags = posseg.dt.word_tag_tab
    freq = tokenizer.FREQ
    route = _route(sentence, tokenizer)

    def flush(buf: str) -> None:
        if len(buf) == 1:
            out.append((buf, tags.get(buf, "x")))
        elif not freq.get(buf):
            _cut_detail(buf, out)
        else:
            out.extend((elem, tags.get(elem, "x")) for elem in buf)

    x, n, buf = 0, len(sentence), ""
    while x < n:
        y = route[x][1] + 1
        word = sentence[x:y]
        if y - x == 1:
            buf += word
        else:
            if buf:
                flush(buf)
                buf = ""
            out.append((word, tags.get(word, "x")))
        x = y
    if buf:
        flush(buf)


@lru_cache(maxsize=10_000)
def _words(block: str, total: int) -> tuple[tuple[str, str], ...]:
    """The words of a block of Han characters, letters and digits; `total`, the dictionary's
    total frequency, changes when a word is added, and so keys out words cut before."""
    out: list[tuple[str, str]] = []
    _cut_dag(block, out)
    return tuple(out)


def tag(text: str) -> list[tuple[str, str]]:
    """(word, part of speech) pairs of `text`, as `jieba.posseg.lcut(text)` gives them."""
    posseg, _ = _model()
    posseg.dt.makesure_userdict_loaded()
    total = posseg.dt.tokenizer.total
    out: list[tuple[str, str]] = []
    for blk in posseg.re_han_internal.split(text):
        if posseg.re_han_internal.match(blk):
            out.extend(_words(blk, total))
        else:
            for x in posseg.re_skip_internal.split(blk):
                if posseg.re_skip_internal.match(x):
                    out.append((x, "x"))
                else:
                    for xx in x:
                        if posseg.re_num.match(xx):
                            out.append((xx, "m"))
                        elif posseg.re_eng.match(x):  # jieba tests the whole run here, not the character
                            out.append((xx, "eng"))
                        else:
                            out.append((xx, "x"))
    return out
