"""events.v1: meetings and visits, who presided, spoke and attended, and when.

Patterns of the genre: 主持(召开)…会议, …等出席/参加, …讲话/致辞, 带队调研…,
the headline `王某讲话 徐某主持 潘某参加`, `某常委会召开会议`, and the
dateline's date (`7月18日，…`) for the article's main event.
"""

from __future__ import annotations

import re

from kg.analysis import Doc
from kg.normalize import find_dates
from kg.types import Entity, Fact, Mention
from kg.vocabulary import vocabulary

NAME = "events.v1"

_PRESIDE = re.compile(r"^(?:同志)?(?:主持召开|主持|带队|率队|带领|率领|率|召集)")
_ATTEND = re.compile(r"^(?:同志)?(?:等?(?:领导|同志)?(?:应邀)?(?:出席|参加|参会|列席|陪同))")
# 出席开工仪式的有…: everyone named after it attended
_ATTENDEES_FOLLOW = re.compile(r"(?:出席|参加)[^。；]{0,30}?的(?:领导|嘉宾)?(?:还)?有")
# …等出席: everyone named before it in the sentence attended
_ATTEND_VERB = re.compile(r"(?:等(?:领导|同志)?)?(?:应邀)?(?:出席|参加|列席|陪同)(?:了)?(?:会议|活动|仪式|调研|开工仪式|签约仪式)?[。，,；]")
_SPEAK = re.compile(r"^(?:并|作|发表|作了)?(?:讲话|致辞|发言|作报告|宣布)(?!精神)")
_STATE = re.compile(r"^(?:表示|指出|强调|要求)")
_ORG_MEETING = re.compile(r"召开(?:了)?(?:会议|全体会议|扩大会议)")
_VISIT = re.compile(r"(?:带队|率队|一行)?(?:到[^，,。；\n]{1,20}?)?(调研|督导调研|督导|视察|考察|走访调研)([^，,。；：:“”\n]{2,30}?)(?=[，,。；\n]|时|并|期间|$)")


def _main_event(doc: Doc, events: list[Mention]) -> Mention | None:
    """The article's main event: one named in the headline or the first body sentences."""
    body = doc.article.head_end
    first = [s for s in doc.sentences if s[0] >= body][:2]
    limit = first[-1][1] if first else body
    early = [m for m in events if m.start < limit]
    if not early:
        return None
    # an event named in the headline first, then one that was convened (召开/举行), then the longest
    text = doc.text

    def rank(m: Mention):
        convened = text[max(0, m.start - 2) : m.start] in ("召开", "举行") or m.entity.name.endswith("会议") and "召开" in text[m.start : m.end]
        return (m.start < body, convened, len(m.entity.name), -m.start)

    return max(early, key=rank)


def _org_meetings(doc: Doc) -> list[Mention]:
    """某常委会召开会议 → the meeting 某常委会会议."""
    out = []
    orgs = {m.end: m for m in doc.of_type("Organization")}
    for m in _ORG_MEETING.finditer(doc.text):
        org = orgs.get(m.start())
        if org is None:
            continue
        name = org.entity.name + "会议"
        out.append(Mention(org.start, m.end(), Entity("Meeting", name)))
    return out


def _visits(doc: Doc) -> list[Mention]:
    out = []
    for m in _VISIT.finditer(doc.text):
        obj = m.group(2).strip()
        if not obj or obj.startswith(("时", "了", "并")):
            continue
        name = m.group(1) + obj
        out.append(Mention(m.start(1), m.end(2), Entity("Event", name)))
    return out


def extract(doc: Doc) -> list[Fact | Mention]:
    text = doc.text
    extra = _org_meetings(doc) + _visits(doc)
    doc.mentions.extend(extra)
    events = sorted(doc.of_type("Meeting", "Event"), key=lambda m: m.start)
    if not events:
        return extra
    main = _main_event(doc, events)
    out: list[Fact | Mention] = list(extra)
    head_end = doc.article.head_end

    def event_for(person: Mention, after: int, sent: tuple[int, int]) -> Mention | None:
        in_sentence = [e for e in events if sent[0] <= e.start < sent[1]]
        following = [e for e in in_sentence if e.start >= after]
        if following:
            return following[0]
        if in_sentence:
            return in_sentence[-1]
        return main

    officials = set(doc.title_phrases)
    for person in doc.of_type("Person"):
        if person.start in _byline_range(doc):
            continue
        sent = doc.sentence_of(person.start)
        rest = text[person.end : person.end + 40]
        # skip the rest of a list of names: 张某、李某等出席
        tail = re.match(r"^(?:[、和及与]?[\u4e00-\u9fff]{2,4}?(?=[、和及与等]))*(?:[、和及与][\u4e00-\u9fff]{2,4})?", rest)
        after_list = rest[tail.end() :] if tail else rest
        rest_clause = re.split(r"[，,。；;]", after_list, maxsplit=1)[0]
        in_head = person.start < head_end
        role = None
        if in_head:
            # headline segments: 王某讲话 徐某主持 潘某杨某参加
            seg_end = min((i for i in (text.find(" ", person.end), text.find("\n", person.end)) if i != -1), default=len(text))
            verb = text[person.end : seg_end]
            lead = re.match(r"^(?:带队|率队|带领|率|到[^ ]*调研|调研|督导|主持)", verb)
            verb = re.sub(r"^[\u4e00-\u9fff]*?(?=(?:主持|讲话|参加|出席|致辞|发言|调研)$)", "", verb)
            role = {"主持": "presided", "讲话": "spokeAt", "致辞": "spokeAt", "发言": "spokeAt", "参加": "attended", "出席": "attended", "调研": "presided"}.get(verb)
            if lead and person.start == text.rfind("\n", 0, person.start) + 1 + (0 if text[text.rfind("\n", 0, person.start) + 1 :].startswith(person.entity.name) else 10**6):
                role = "presided"
            if role and main is not None:
                out.append(Fact(person.entity, role, main.entity, *_line_of(text, person.start), NAME))
            continue
        if _PRESIDE.match(after_list) or re.match(r"^[^，,。；]{0,6}?主持", rest_clause):
            role = "presided"
        elif _SPEAK.match(after_list):
            role = "spokeAt"
        elif _ATTEND.match(after_list) or re.search(r"(?:出席|参加)(?:会议|活动|仪式)?$", rest_clause):
            role = "attended"
        elif _STATE.match(after_list) and person.start in officials and main is not None and main.entity.type == "Meeting":
            role = "spokeAt"
        if role is None:
            continue
        if in_head:
            event = main
        else:
            event = event_for(person, person.end, sent)
        if event is None:
            continue
        evidence = sent if not in_head else _line_of(text, person.start)
        out.append(Fact(person.entity, role, event.entity, *evidence, NAME))
        if role == "attended":
            continue
        if role == "presided" and re.match(r"^[^，,。；]{0,10}并(?:讲话|致辞)", rest_clause):
            out.append(Fact(person.entity, "spokeAt", event.entity, *evidence, NAME))

    # lists: …、…等出席(会议)。 and 出席…的有…、…
    has_role = {(f.subject, f.start) for f in out if isinstance(f, Fact)}
    persons = doc.of_type("Person")
    for sent in doc.sentences:
        if sent[0] < head_end:
            continue
        chunk = text[sent[0] : sent[1]]
        for m in _ATTENDEES_FOLLOW.finditer(chunk):
            begin = sent[0] + m.end()
            for p in persons:
                if begin <= p.start < sent[1] and (p.entity, sent[0]) not in has_role and main is not None:
                    out.append(Fact(p.entity, "attended", main.entity, *sent, NAME))
                    has_role.add((p.entity, sent[0]))
        last = sent[0]
        for m in re.finditer(r"主持|讲话|致辞", chunk):
            last = max(last, sent[0] + m.end())
        for m in _ATTEND_VERB.finditer(chunk):
            verb_at = sent[0] + m.start()
            event = event_for(None, verb_at, sent) if main is None else main
            in_sentence = [e for e in events if sent[0] <= e.start < sent[1] and e.start >= verb_at]
            if in_sentence:
                event = in_sentence[0]
            for p in persons:
                if last <= p.start < verb_at and (p.entity, sent[0]) not in has_role and event is not None:
                    out.append(Fact(p.entity, "attended", event.entity, *sent, NAME))
                    has_role.add((p.entity, sent[0]))
            last = sent[0] + m.end()

    # the main event's date: the dateline's date, or a date in the sentence naming the event
    attended = {f.object for f in out if isinstance(f, Fact)}
    dated = {e.entity: e for e in events if e.entity in attended}
    if main is not None:
        dated[main.entity] = main
    for event in dated.values():
        date = _event_date(doc, event, main)
        if date is not None:
            out.append(Fact(event.entity, "date", date[0], *date[1], NAME))
    return out


def _byline_range(doc: Doc) -> range:
    start = doc.article.head_end
    return range(start, start + len(doc.article.byline))


def _line_of(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, (end if end != -1 else len(text))


def _event_date(doc: Doc, event: Mention, main: Mention | None):
    issue = doc.article.date
    sent = doc.sentence_of(event.start)
    if event.start < doc.article.head_end and main is not None and event.entity == main.entity:
        body = doc.article.head_end
        first = next((s for s in doc.sentences if s[0] >= body), None)
        sent = first or sent
    # the date must lead the sentence (7月18日，…) or stand right before the event's verb
    dates = [d for d in find_dates(doc.text[sent[0] : sent[1]], issue)]
    if not dates:
        return None
    date = dates[0]
    if date.start > 40:
        return None
    return date.date, sent
