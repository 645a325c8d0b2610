"""Every output format holds every character an article or a name can hold, and reads back
the same graph in rdflib and in Oxigraph."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.rdf.iris import entity_iri
from kg.types import Entity
from tests.reliability.user import kg, one_line_each, page, people

# A character of each class a name can hold that an IRI may not hold as it is.
NAME_CHARACTERS = {
    "replacement": "\ufffd",
    "private-use": "\ue000",
    "private-use-plane-15": "\U000f0001",
    "noncharacter": "\ufdd0",
    "noncharacter-fffe": "\ufffe",
    "plane-end": "\U0001fffe",
    "control": "\x01",
    "c1-control": "\x85",
    "format": "\u200b",
    "line-separator": "\u2028",
    "space": " ",
    "ideographic-space": "\u3000",
    "lone-surrogate": "\ud800",
    **{f"ascii-{c}": c for c in '<>"{}|^\\`%#?'},
}


@pytest.mark.parametrize("char", NAME_CHARACTERS.values(), ids=NAME_CHARACTERS.keys())
def test_round_trips_entity_iri_valid_for_any_name(char: str) -> None:
    """U+FFFD in a meeting's name stopped every build: 'Invalid IRI code point'."""
    name = f"白石镇{char}推进大会"
    iri = entity_iri(Entity("Meeting", name))
    ox.NamedNode(str(iri))  # Oxigraph checks the IRI (raises ValueError otherwise)
    triple = f"<{iri}> <http://www.w3.org/2000/01/rdf-schema#label> \"x\" .\n".encode()
    assert [t.subject.value for t in ox.parse(triple, format=ox.RdfFormat.N_TRIPLES)] == [str(iri)]
    assert str(iri).startswith(str(entity_iri(Entity("Meeting", "白石镇"))))  # Chinese stays readable
    assert iri != entity_iri(Entity("Meeting", "白石镇推进大会"))  # the character is kept, not dropped


FORMATS = {"turtle": ("graph.ttl", "turtle", ox.RdfFormat.TURTLE), "nt": ("graph.nt", "nt", ox.RdfFormat.N_TRIPLES),
           "trig": ("graph.trig", "trig", ox.RdfFormat.TRIG), "json-ld": ("graph.jsonld", "json-ld", ox.RdfFormat.JSON_LD)}

# Characters an article can hold that writers and readers of RDF trip on: Unicode line
# breaks (U+2028/2029/0085 broke --format trig), U+FFFD, quotes, backslashes, private use, emoji.
ODD_TEXT = "\u2028\u2029\x85\x0b\x0c\ufffd\"'\\<>{}\ue000😀\u200b\t"


@pytest.fixture(scope="module")
def odd_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("odd")
    inputs = root / "in"
    inputs.mkdir()
    # U+FFFD two characters before 大会, as a PDF extractor leaves it, and the odd text in the body.
    (inputs / "meeting.txt").write_text(
        "白石镇召开乡村振兴推进大会\n"
        f"本报讯（记者 林小鹿）3月13日，区长孙立群主持召开白石镇乡村振兴推\ufffd进大会{ODD_TEXT}。\n", encoding="utf-8")
    (inputs / "other.txt").write_text(f"青禾镇召开推进会{ODD_TEXT}\n" + page("何振华", "青禾镇"), encoding="utf-8")
    formats = [a for f in FORMATS for a in ("--format", f)]
    result = kg("build", inputs, "--out", root / "out", "--no-view", "-j", "1", "--date", "2023-03-14", *formats)
    assert result.returncode == 0, result.stderr
    assert one_line_each(result.stderr) == []
    return root / "out"


def test_round_trips_odd_characters_build_in_every_format(odd_build: Path) -> None:
    assert people(odd_build / "graph.ttl") >= {"孙立群", "何振华"}
    assert people(odd_build / "store") >= {"孙立群", "何振华"}
    texts = {str(o) for o in Graph().parse(odd_build / "graph.nt", format="nt").objects() if isinstance(o, Literal)}
    assert any(ODD_TEXT in t for t in texts), "the evidence sentence keeps every character"


def test_round_trips_every_format_isomorphic_in_rdflib_and_oxigraph(odd_build: Path) -> None:
    graphs = {}
    for fmt, (name, rdflib_format, ox_format) in FORMATS.items():
        graphs[f"rdflib {fmt}"] = Graph().parse(odd_build / name, format=rdflib_format)
        ox_graph = Graph()
        for quad in ox.parse(path=str(odd_build / name), format=ox_format):
            ox_graph.add(tuple(_rdflib(t) for t in (quad.subject, quad.predicate, quad.object)))
        graphs[f"oxigraph {fmt}"] = ox_graph
    first, reference = next(iter(graphs.items()))
    assert len(reference) > 50
    for label, graph in graphs.items():
        assert isomorphic(graph, reference), f"{label} differs from {first}"


def _rdflib(term):
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        from rdflib import BNode

        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == "http://www.w3.org/2001/XMLSchema#string":
        return Literal(term.value)  # (rdflib's plain literal)
    return Literal(term.value, datatype=URIRef(term.datatype.value))
