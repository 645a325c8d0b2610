"""The terms of ontology/kg.ttl as plain data: classes, relations and values, their
Chinese labels, their hierarchy, in the order the view lists them.

This is the one place Python states the vocabulary: `kg.rdf.namespace.KG`, the
pipeline's types, the graph, the view and the evaluation take their terms from
here, and tests/rdf/test_ontology.py checks it against kg.ttl (every term, its
kind, its Chinese label, every sub-class and sub-property), so the two cannot
drift. Plain strings, without rdflib: the pipeline's workers import this module.

    >>> LABELS["attended"], SUPERCLASS["Meeting"], subclasses("Event")
    ('出席', 'Event', ('Event', 'Meeting'))
"""

from __future__ import annotations

# Classes of the things facts are about, in the view's legend order: (local name, rdfs:label@zh).
ENTITY_CLASSES = (
    ("Person", "人物"),
    ("Organization", "机构"),
    ("Company", "企业"),
    ("Place", "地点"),
    ("Project", "项目"),
    ("Event", "活动"),
    ("Meeting", "会议"),
    ("Position", "职务"),
    ("MonetaryAmount", "金额"),
)

# Classes of the records facts are read from.
RECORD_CLASSES = (
    ("Article", "文章"),
    ("Evidence", "证据"),
)

# What tells apart things of one name: the series an event is an instance of.
IDENTITY_CLASSES = (
    ("EventSeries", "系列活动"),
)

# Relations between entities (owl:ObjectProperty), in the view's check-box order.
RELATIONS = (
    ("attended", "出席"),
    ("presided", "主持"),
    ("spokeAt", "讲话"),
    ("holdsPosition", "担任"),
    ("worksFor", "任职于"),
    ("ofOrganization", "所属机构"),
    ("locatedIn", "位于"),
    ("invested", "投资金额"),
    ("investedIn", "投资于"),
    ("totalInvestment", "总投资"),
)

# Values of entities (owl:DatatypeProperty), in the order the view's side panel shows them.
VALUES = (
    ("date", "日期"),
    ("value", "数值（元）"),
    ("qualifier", "限定词"),
    ("currency", "币种"),
    ("title", "职务名称"),
)

# What ties an entity to what tells it apart from its namesakes (owl:ObjectProperty): an
# event to its series, a person, post, body or event to its seat (docs/MODEL.md, "Identity").
IDENTITY = (
    ("series", "所属系列"),
    ("seat", "所属地"),
)

# What ties entities to articles and facts to their evidence.
PROVENANCE = (
    ("mentionedIn", "见于"),
    ("byline", "署名"),
    ("sentence", "证据句"),
    ("charStart", "起始位置"),
    ("charEnd", "结束位置"),
    ("rule", "抽取规则"),
)

# rdfs:subClassOf and rdfs:subPropertyOf among the terms above (the graph states both terms).
SUPERCLASS = {"Company": "Organization", "Meeting": "Event"}
SUPERPROPERTY = {"presided": "attended", "spokeAt": "attended"}

CLASSES = ENTITY_CLASSES + RECORD_CLASSES + IDENTITY_CLASSES
PROPERTIES = RELATIONS + VALUES + IDENTITY + PROVENANCE
LABELS = dict(CLASSES + PROPERTIES)  # every term's rdfs:label@zh
TERMS = tuple(LABELS)  # every term kg.ttl declares


def subclasses(name: str) -> tuple[str, ...]:
    """`name` and the entity classes under it, in legend order: `subclasses("Event")` → ("Event", "Meeting")."""
    return tuple(c for c, _ in ENTITY_CLASSES if c == name or _is_under(c, name))


def subproperties(name: str) -> tuple[str, ...]:
    """The relations directly under `name`: `subproperties("attended")` → ("presided", "spokeAt")."""
    return tuple(r for r, _ in RELATIONS if SUPERPROPERTY.get(r) == name)


def most_specific_first() -> tuple[str, ...]:
    """The entity classes in legend order, each after the classes under it: the order in which
    an entity of several classes takes its name (a Company is also an Organization)."""
    order: list[str] = []
    for name, _ in ENTITY_CLASSES:
        for c in reversed(subclasses(name)):
            if c not in order:
                order.append(c)
    return tuple(order)


def _is_under(name: str, ancestor: str) -> bool:
    while name in SUPERCLASS:
        name = SUPERCLASS[name]
        if name == ancestor:
            return True
    return False
