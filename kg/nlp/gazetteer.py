"""China's administrative divisions: where a 镇, 乡, 街道 or 村 lies, and what it is under.

Generic knowledge of places, read once from `kg/data/china_divisions.tsv.gz` (derived
from jionlp's `china_location` tree, Apache License 2.0, by `scripts/make_gazetteer.py`):
34 provinces, 350 cities, 3,192 counties, 43,104 towns and 657,807 villages, each with
its short form where one exists (衢江区 → 衢江, 樟潭街道 → 樟潭).

Names repeat across the country (城关镇, 新市, 团结村 hundreds of times), so a name
alone rarely decides: the article's own county or city does.

    >>> g = gazetteer()
    >>> [d.path for d in g.lookup("衢江")]                       # doctest: +SKIP
    ['浙江省/衢州市/衢江区']
    >>> g.resolve("樟潭", context=["衢州市"]).name              # doctest: +SKIP
    '樟潭街道'
    >>> g.parent_of("樟潭街道", context=["衢江区"]).name         # doctest: +SKIP
    '衢江区'

Villages (93 % of the divisions: 6 s and 300 MB to read them all, against 0.4 s and
25 MB for towns and above) are in a file of their own; a village name is resolved
only under a county of the context, and only that county's villages are read.

    >>> g.resolve("外焦村", context=["衢江区"]).parent.name       # doctest: +SKIP
    '廿里镇'

"""

from __future__ import annotations

import gzip
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

LEVELS = ("province", "city", "county", "town", "village")
DATA_FILE = "china_divisions.tsv.gz"  # provinces to towns
VILLAGES_FILE = "china_villages.tsv.gz"  # the whole tree, villages included
# City lines of the source that are no city: a municipality repeats its own name
# (上海市/上海市), provinces group their directly administered counties under one.
_PSEUDO_CITY_SUFFIX = "直辖行政区划"
_CONTEXT_LEVELS = ("province", "city", "county")
# The endings of a village's name (村, 社区, 嘎查 …): only such a name is looked for among villages.
_VILLAGE_ENDINGS = ("村", "社区", "居委会", "嘎查", "队", "生活区", "管理区")
_UPPER_LINE = re.compile(r"^(\t{0,2})(?!\t)([^\t\n]+)[^\n]*", re.M)


def is_pseudo_city(name: str, province: Division | None) -> bool:
    """A city line of the source that is no city (上海市 under 上海市, 省直辖行政区划)."""
    return province is not None and (name == province.name or name.endswith(_PSEUDO_CITY_SUFFIX))


@dataclass(frozen=True, eq=False, slots=True)
class Division:
    """One administrative division; `parent` is the division it lies in (None for a province)."""

    name: str
    level: str
    short: str = ""
    code: str = ""  # the statistical code, known down to counties
    parent: Division | None = field(default=None, repr=False)

    @property
    def depth(self) -> int:
        return LEVELS.index(self.level)

    @property
    def chain(self) -> tuple[Division, ...]:
        """This division and every one it lies in, the province last."""
        out, node = [], self
        while node is not None:
            out.append(node)
            node = node.parent
        return tuple(out)

    @property
    def path(self) -> str:
        """`浙江省/衢州市/衢江区/樟潭街道`."""
        return "/".join(d.name for d in reversed(self.chain))

    def ancestor(self, level: str) -> Division | None:
        """The division of `level` this one lies in (itself if it is of that level)."""
        return next((d for d in self.chain if d.level == level), None)

    def within(self, other: Division) -> bool:
        """True if this division is `other` or lies inside it."""
        return any(d is other for d in self.chain)

    def __repr__(self) -> str:
        return f"Division({self.path!r}, {self.level})"


ContextItem = str | Division


class Gazetteer:
    """Look-ups over the divisions: by full name or short form, and by the article's context."""

    def __init__(self, divisions: Iterable[Division], village_text: Callable[[], str] | None = None) -> None:
        """`village_text` gives the whole tree with its villages, called once if a village is asked for."""
        self._village_text = village_text
        self._village_blocks: dict[str, str] | None = None
        self._villages: dict[str, tuple[Division, ...]] = {}
        self.divisions: list[Division] = []
        self._full: dict[str, list[Division]] = {}
        self._short: dict[str, list[Division]] = {}
        for division in divisions:
            self.divisions.append(division)
            self._full.setdefault(division.name, []).append(division)
            for short in division.short.split("/") if division.short else ():
                if short != division.name:
                    self._short.setdefault(short, []).append(division)
        self._max_len = max((len(n) for n in self._full), default=0)
        # name lengths by first two characters, longest first: the text scan tries only these
        lengths: dict[str, set[int]] = {}
        for table in (self._full, self._short):
            for n in table:
                if len(n) >= 2:
                    lengths.setdefault(n[:2], set()).add(len(n))
        self._lengths: dict[str, tuple[int, ...]] = {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()}
        self._found: dict[str, tuple[Division, ...]] = {}
        self._scanned: dict[str, list] = {}
        self._counties = {d.path: d for d in self.divisions if d.level == "county"}

    def __len__(self) -> int:
        return len(self.divisions)

    def lookup(self, name: str) -> tuple[Division, ...]:
        """Every division whose full name or short form is `name`: full names first, higher levels first."""
        name = "".join(name.split())
        if name not in self._found:
            full = self._full.get(name, [])
            short = [d for d in self._short.get(name, []) if d not in full]
            order = lambda d: (d.depth, d.code, d.path)  # noqa: E731
            self._found[name] = tuple(sorted(full, key=order)) + tuple(sorted(short, key=order))
        return self._found[name]

    def context(self, items: Iterable[ContextItem]) -> tuple[Division, ...]:
        """The divisions a context names: Divisions as given, names looked up (province, city, county)."""
        out: list[Division] = []
        for item in items:
            found = (item,) if isinstance(item, Division) else self.lookup(item)
            out.extend(d for d in found if d.level in _CONTEXT_LEVELS or isinstance(item, Division))
        return tuple(dict.fromkeys(out))

    def resolve(self, name: str, context: Iterable[ContextItem] = ()) -> Division | None:
        """The one division `name` means in an article whose context names `context`, or None.

        A candidate under (or over) a context division wins, the deepest context first
        (a county decides before a city, a city before a province). Without a
        deciding context the name must be unique; a full name beats a short form.
        A name that is a chain of names (衢江区樟潭街道) resolves its last part under
        the first. None when the gazetteer does not know the name or cannot choose.
        """
        known = self.context(context)
        candidates = self.lookup(name)
        if not candidates and name.endswith(_VILLAGE_ENDINGS):
            candidates = self.villages_named(name, known)
        if not candidates:
            return self._resolve_chain("".join(name.split()), known)
        return self._choose(name, candidates, known)

    def villages(self, county: Division) -> tuple[Division, ...]:
        """The villages of `county`, read from the villages file the first time they are asked for."""
        if self._village_blocks is None:
            self._village_blocks = self._read_village_blocks()
        if county.path not in self._villages:
            self._villages[county.path] = tuple(self._parse_villages(county, self._village_blocks.get(county.path, "")))
        return self._villages[county.path]

    def villages_named(self, name: str, context: Iterable[ContextItem]) -> tuple[Division, ...]:
        """Villages named `name` in the counties of `context` (or the counties of its cities)."""
        counties: list[Division] = []
        for division in self.context(context):
            if division.level in ("county", "town"):
                counties.append(division.ancestor("county") or division)
            elif division.level == "city":
                counties.extend(d for d in self._counties.values() if d.parent is division)
        name = "".join(name.split())
        found = [v for c in dict.fromkeys(counties) if c.level == "county" for v in self.villages(c) if v.name == name]
        return tuple(found)

    def _read_village_blocks(self) -> dict[str, str]:
        if self._village_text is None:
            return {}
        text = self._village_text()
        blocks: dict[str, str] = {}
        province: Division | None = None
        names: list[str] = ["", "", ""]
        county_path, county_end = "", 0
        for match in _UPPER_LINE.finditer(text):
            if county_path:
                blocks[county_path] = text[county_end : match.start()]
                county_path = ""
            depth, name = len(match.group(1)), match.group(2)
            if depth == 0:
                province = Division(name, "province")
                names = [name, "", ""]
            elif depth == 1:
                names[1:] = ["" if is_pseudo_city(name, province) else name, ""]
            else:
                names[2] = name
                county_path, county_end = "/".join(n for n in names if n), match.end()
        if county_path:
            blocks[county_path] = text[county_end:]
        return blocks

    def _parse_villages(self, county: Division, block: str) -> Iterable[Division]:
        town: Division | None = None
        for raw in block.splitlines():
            name = raw.lstrip("\t").split("\t", 1)[0]
            if not name:
                continue
            if not raw.startswith("\t" * 4):
                town = next((d for d in self._full.get(name, []) if d.parent is county), None)
            elif town is not None:
                yield Division(name=name, level="village", parent=town)

    def _choose(self, name: str, candidates: tuple[Division, ...], known: tuple[Division, ...]) -> Division | None:
        if known:
            scores = {id(c): _support(c, known) for c in candidates}
            best = max(scores.values())
            if best > 0:
                winners = [c for c in candidates if scores[id(c)] == best]
                chosen = _unique(name, winners)
                if chosen is not None:
                    return chosen
                # ties under the same county: the smaller division is the likelier mention
                return None
        return _unique(name, candidates)

    def _resolve_chain(self, name: str, known: tuple[Division, ...]) -> Division | None:
        for cut in range(min(len(name) - 1, self._max_len), 1, -1):
            head, rest = name[:cut], name[cut:]
            if head not in self._full:
                continue
            outer = self._choose(head, self.lookup(head), known)
            if outer is None:
                continue
            inner = self.resolve(rest, (outer,))
            if inner is not None and inner is not outer and inner.within(outer):
                return inner
        return None

    def parent_of(self, place: ContextItem, context: Iterable[ContextItem] = ()) -> Division | None:
        """The division `place` lies in (town → county → city → province), or None.

        `place` is a Division or a name resolved with `context` (see `resolve`).
        """
        division = place if isinstance(place, Division) else self.resolve(place, context)
        return division.parent if division is not None else None

    def mentions(
        self, text: str, levels: Iterable[str] = _CONTEXT_LEVELS, short: bool = False
    ) -> list[tuple[int, int, tuple[Division, ...]]]:
        """Names of divisions of `levels` in `text`, as (start, end, candidates), longest match first.

        Full names only unless `short` (short forms such as 和平, 新市 are ordinary
        words too often for running text; a masthead such as 今日衢江 needs them).
        """
        wanted = set(levels)
        out = []
        free = 0  # where the last match ended: a match never starts inside another
        for i, options in self._candidates(text):
            if i < free:
                continue
            for length, full, short_found in options:
                found = full + short_found if short else full
                found = [d for d in found if d.level in wanted]
                if found:
                    out.append((i, i + length, tuple(dict.fromkeys(found))))
                    free = i + length
                    break
        return out

    def _candidates(self, text: str) -> list[tuple[int, list[tuple[int, list[Division], list[Division]]]]]:
        """Every name of the tree (full or short) that starts at each position of `text`, longest
        first: one scan of a text serves every `mentions` call on it, whatever the levels asked."""
        cached = self._scanned.get(text)
        if cached is not None:
            return cached
        full, shorts, lengths = self._full, self._short, self._lengths
        out = []
        size = len(text)
        for i in range(size - 1):
            options = []
            for length in lengths.get(text[i : i + 2], ()):
                if i + length > size:
                    continue
                piece = text[i : i + length]
                f, sh = full.get(piece), shorts.get(piece)
                if f or sh:
                    options.append((length, f or [], sh or []))
            if options:
                out.append((i, options))
        if len(self._scanned) >= 8:
            self._scanned.pop(next(iter(self._scanned)))  # the texts of the last few articles only
        self._scanned[text] = out
        return out

    def context_of(self, text: str, short: bool = False) -> tuple[Division, ...]:
        """The provinces, cities and counties `text` (an article, a headline, a masthead) names.

        A name that several divisions share counts only when another name of the text
        decides it (鼓楼区 beside 福州市), so the context is never a guess.
        """
        found = self.mentions(text, _CONTEXT_LEVELS, short=short)
        unique = [c[0] for _, _, c in found if len(c) == 1]
        out = list(unique)
        for _, _, candidates in found:
            if len(candidates) > 1:
                under = [c for c in candidates if any(c.within(u) or u.within(c) for u in unique if u is not c)]
                if len(under) == 1:
                    out.append(under[0])
        return tuple(dict.fromkeys(out))


def _support(candidate: Division, known: tuple[Division, ...]) -> int:
    """How deep the context confirms `candidate`: 1 + the level of the deepest context division on its chain."""
    best = 0
    for division in known:
        if candidate.within(division):
            best = max(best, division.depth + 1)
        elif division.within(candidate):
            best = max(best, candidate.depth + 1)
    return best


def _unique(name: str, candidates: Iterable[Division]) -> Division | None:
    candidates = list(candidates)
    full = [c for c in candidates if c.name == "".join(name.split())]
    pool = full or candidates
    return pool[0] if len(pool) == 1 else None


def read_divisions(lines: Iterable[str]) -> Iterable[Division]:
    """Divisions from the lines of the tree: depth tabs, then name, code and short form (villages skipped)."""
    stack: list[Division | None] = [None] * len(LEVELS)
    for raw in lines:
        depth = len(raw) - len(raw.lstrip("\t"))
        if depth >= len(LEVELS) - 1:
            continue
        fields = raw.strip("\t\r\n").split("\t")
        name = fields[0]
        if not name:
            continue
        code = fields[1] if len(fields) > 1 else ""
        short = fields[2] if len(fields) > 2 else ""
        parent = next((stack[d] for d in range(depth - 1, -1, -1) if stack[d] is not None), None)
        if depth == 1 and is_pseudo_city(name, parent):
            stack[1] = None  # its counties lie directly in the province
            continue
        division = Division(name=name, level=LEVELS[depth], short=short, code=code, parent=parent)
        stack[depth] = division
        for deeper in range(depth + 1, len(LEVELS)):
            stack[deeper] = None
        yield division


def _data_text(name: str) -> str:
    return gzip.decompress(resources.files("kg").joinpath("data", name).read_bytes()).decode("utf-8")


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer of kg/data, read on first use (towns and above; a county's villages when asked)."""
    return Gazetteer(read_divisions(_data_text(DATA_FILE).splitlines()), lambda: _data_text(VILLAGES_FILE))


def lookup(name: str) -> tuple[Division, ...]:
    """`gazetteer().lookup(name)`: every county-or-above division or town named `name`."""
    return gazetteer().lookup(name)


def resolve(name: str, context: Iterable[ContextItem] = ()) -> Division | None:
    """`gazetteer().resolve(name, context)`."""
    return gazetteer().resolve(name, context)


def parent_of(place: ContextItem, context: Iterable[ContextItem] = ()) -> Division | None:
    """`gazetteer().parent_of(place, context)`: town → county → city → province."""
    return gazetteer().parent_of(place, context)


def context_of(text: str, short: bool = False) -> tuple[Division, ...]:
    """`gazetteer().context_of(text, short)`."""
    return gazetteer().context_of(text, short)
