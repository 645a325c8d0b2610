"""events.v1: meetings, ceremonies and visits; who presided, spoke and attended; when.

Patterns of the genre:
- the event's name: what was convened (召开/举行/举办 …会议/仪式/活动), a body that
  met (某常委会召开会议 → 某常委会会议), a visit (带队调研…, 到某镇调研), or a
  headline that names a ground-breaking (某项目开工);
- roles: 主持(召开), 由…主持, 带队/率队; 讲话, 致辞, 宣布, 在仪式上发言, 出席…并讲话;
  …等出席/参加, 出席…的有…, 在…陪同下; the headline `王某讲话 徐某主持 潘某参加`;
  an official's 表示/指出/强调 at a meeting;
- the date: the dateline's date (`7月18日，…`) for the article's main event.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract.registry import extractor, rule
from kg.extract.suffixed import meeting_name_ok
from kg.nlp.analysis import Doc
from kg.nlp.normalize import find_dates
from kg.nlp.vocabulary import vocabulary
from kg.types import Entity, Fact, Mention

NAME = "events.v1"

_PRESIDE = re.compile(r"^(?:主持召开|主持|带队|率队|带领|率领|率|召集)")
_SPEAK = re.compile(
    r"^(?:代表[^，,。；]{0,30}?|作为[^，,。；]{0,12}?|以[^，,。；]{0,30}?为题)?(?:在[^，,。；]{0,8}?上)?(?:先后|分别|依次)?(?:并|作|发表|作了)?"
    r"(?:交流|表态|典型|专题)?(?:讲话|致辞|发言|作报告|报告|辅导|宣讲|授课|宣布|致欢迎辞|在(?:讲话|致辞|发言)中(?:指出|强调|表示|说))(?!精神)"
    r"|^(?:安排部署|安排|部署)[^，,。；]{0,12}?工作"  # 某县长安排项目建设工作: the speech that sets out the work
    r"|^传达了?(?!学习)"  # 某区长传达了某会议精神: relaying it is a speech at this meeting
)
# 在主会场出席: where the person was, then the verb
# 也专程到场祝贺: came to the scene; 代表双方签订某合同: signed at the signing ceremony
_ATTEND = re.compile(r"^(?:等(?:领导|同志)?)?(?:也|还)?(?:专程)?(?:应邀)?(?:在[^，,。；]{1,8}?)?(?:出席|参加|参会|列席|陪同|到场|到会|代表双方签(?:订|署|约))")
_ALSO_SPOKE = re.compile(r"^(?:等(?:领导|同志)?)?(?:应邀)?(?:在[^，,。；]{1,8}?)?(?:出席|参加)[^，,。；]{0,8}?并(?:讲话|致辞|发言|介绍|汇报|宣布)")
_STATE = re.compile(r"^(?:在[^，,。；]{0,8}?上)?(?:表示|指出|强调|要求|汇报|介绍)|^\s*[:：]\s*[“\"]")  # 某某：“……”
# 出席开工仪式的有…: everyone named after it attended
_ATTENDEES_FOLLOW = re.compile(r"(?:出席|参加)[^。；]{0,30}?的(?:领导|嘉宾)?(?:还)?有")
# …等出席。 / 在…陪同下: everyone named before the verb in the clause attended
_ATTEND_VERB = re.compile(
    r"(?:等(?:领导|同志)?)?(?:应邀)?(?:(?:出席|参加|列席|陪同|随同)(?:了)?(?:下)?"
    r"(?:会议|活动|仪式|调研|暗访|检查|督导|视察|考察|观摩|座谈|开工仪式|签约仪式|座谈会)?|在主席台(?:前排)?就座)(?=[。，,；并]|$)"
    r"|代表双方签(?:订|署|约)"
)
_SPEAK_LIST = re.compile(r"(?:等[^，,。；]{0,12}?)?(?:先后|分别|依次|相继)(?:作了?)?(?:交流|表态)?(?:发言|讲话|致辞)")
_ORG_MEETING = re.compile(r"召开(?:了)?(?P<kind>(?:[（(]扩大[)）])?(?:会议|全体会议|扩大会议))")
_VISIT = re.compile(
    r"(?P<to>(?:到|赴)[^，,。；\n]{1,20}?)?(?P<verb>督导调研|走访调研|调研|督导|视察|考察|检查|督查|暗访)"
    r"(?P<obj>[^，,。；：:\s]{2,30}?)?(?=[，,。；\s]|时|并|期间|$)"
)
# 某人大常委会召开第三十三次会议 / 举行第八次全体会议: the body, the verb, the numbered session
_SESSION = re.compile(
    r"(?:^|(?<=[，,。；\n]))(?:\d{1,2}月\d{1,2}日|\d{1,2}日|昨天|今天|日前|近日)?(?:上午|下午|晚上)?[，,]?"
    r"(?P<body>[^，,。；;\s“”]{1,25}?(?:常委会|委员会|政协|人大|政府|党委|党组|区委|县委|市委|工委))(?P<verb>召开|举行)了?"
    r"(?P<session>第[一二三四五六七八九十百\d]{1,6}届?(?:委员会)?(?:第[一二三四五六七八九十百\d]{1,6})?次(?:全体会议|常委会议|常务会议|主任会议|会议|常委会)?)",
    re.M,
)
_SKIP_AFTER_NAME = re.compile(r"^(?:同志|一行)")


def _event_names() -> str:
    vocab = vocabulary()
    # 某政协十一届四次常委会: a standing committee's numbered session is a meeting, not the body
    return "|".join([r"[一二三四五六七八九十\d]次常委会", *(re.escape(s) for s in vocab.meeting_suffixes)])


@lru_cache(maxsize=1)
def _convened_pattern() -> re.Pattern:
    # 出席了某某现场会: the whole phrase after the verb names the event, as after 召开
    return re.compile(rf"(?:召开|举行|举办|出席了|参加了|宣布)(?:了)?(?P<name>[^，,。；;：:！？!?\n]{{2,60}}(?:{_event_names()}))")


@lru_cache(maxsize=1)
def _held_pattern() -> re.Pattern:
    return re.compile(
        # 在…举行 may name several towns (在甲、乙、丙等五个镇同步举行)
        rf"(?:^|(?<=[，,。；\n]))(?P<name>[^，,。；;：:！？!?\n]{{2,60}}(?:{_event_names()}))(?:在[^，,。；]{{0,40}}?)?"
        r"(?:隆重|同步|同时|正式|胜利|顺利|成功)?(?:举行|召开|开幕|闭幕)",
        re.M,
    )


def _after_description(name: str) -> str:
    """首场“担纲”的某签约仪式, 为期两天的某培训班: what stands before 的 describes the event; the name follows it."""
    cut = name.rfind("的")
    name = name[cut + 1 :] if cut != -1 and len(name) - cut - 1 >= 4 else name
    if name.startswith("“") and "”" not in name:
        name = name[1:]  # the quote that opened before the name closes after it (“某发布暨研讨交流会”)
    return name


def _convened(doc: Doc, generic: bool = False) -> list[Mention]:
    """召开/举行/举办 + a name ending with a meeting word: the whole name, 和 and 暨 included.

    With `generic`, names made of generic words only (举行竣工投产剪彩仪式) count too: an
    article that names its event no better calls it so."""
    out = []
    for m in _convened_pattern().finditer(doc.text):
        name = _after_description(m.group("name").lstrip("了"))
        if name in vocabulary().meeting_suffixes or re.match(r"^(?:会议|了)", name):
            continue
        # (举行第二十七次会议 stays out: a numbered session is the body's, and the body was cut off)
        if not meeting_name_ok(name) and not (generic and re.match(r"^[\u4e00-\u9fff]{4,12}$", name) and m.group(0).startswith("举行") and name[:1] != "第"):
            continue
        start = m.start("name") + (len(m.group("name")) - len(name))
        out.append(Mention(start, m.end("name"), Entity("Meeting", name)))
    return out


def _held(doc: Doc) -> list[Mention]:
    """某会议在某地举行: the name opening its clause, before 在…举行/召开."""
    out = []
    for m in _held_pattern().finditer(doc.text):
        name = _after_description(m.group("name"))
        if name in vocabulary().meeting_suffixes or re.search(r"[和与及]$", name) or not meeting_name_ok(name):
            continue
        out.append(Mention(m.end("name") - len(name), m.end("name"), Entity("Meeting", name)))
    return out


def _org_meetings(doc: Doc) -> list[Mention]:
    """某常委会召开会议 → the meeting 某常委会会议; 某常委会召开第八次全体会议 → 某常委会第八次全体会议."""
    out = []
    text = doc.text
    orgs = {m.end: m for m in doc.of_type("Organization")}
    for m in _ORG_MEETING.finditer(text):
        org = orgs.get(m.start())
        if org is not None:
            out.append(Mention(org.start, m.end(), Entity("Meeting", org.entity.name + m.group("kind"))))
    for m in _SESSION.finditer(text):
        body = m.group("body")
        org = orgs.get(m.start("verb"))
        if org is not None and org.start >= m.start("body"):
            body, start = org.entity.name, org.start
        else:
            start = m.start("body")
        session = m.group("session")
        if not session.endswith(("会议", "常委会")):
            session += "会议"  # 召开第三十六次，: the session of the body
        if meeting_name_ok(body + session):
            out.append(Mention(start, m.end("session"), Entity("Meeting", body + session)))
    return out


def _visits(doc: Doc) -> list[Mention]:
    """带队调研某工作 → 调研某工作; 到某镇调研 → 到某镇调研."""
    out = []
    byline_end = doc.article.head_end + len(doc.article.byline)
    people = [p for p in doc.of_type("Person") if not doc.article.head_end <= p.start < byline_end]
    for m in _VISIT.finditer(doc.text):
        sent = doc.sentence_of(m.start())
        led = any(sent[0] <= p.start < m.start("verb") for p in people)
        if not led and m.start() >= doc.article.head_end:
            continue  # 企业要调研市场需求: a visit is made by someone the sentence names
        obj = (m.group("obj") or "").strip()
        if obj.count("“") != obj.count("”"):
            obj = ""
        if obj.startswith(("时", "了", "并", "和", "中", "的", "过程", "后", "前", "期间", "组")) or obj in ("情况", "工作") or "、" in obj:
            obj = ""  # 调研中发现的问题, 调研组: no visit's object
        if obj:
            out.append(Mention(m.start("verb"), m.end("obj"), Entity("Event", m.group("verb") + obj)))
        elif m.group("to"):
            out.append(Mention(m.start("to"), m.end("verb"), Entity("Event", m.group("to") + m.group("verb"))))
    return out


def _headline_events(doc: Doc) -> list[Mention]:
    """A headline naming a project's ground-breaking or opening: 某项目开工, 某港区二期开港."""
    out = []
    text = doc.text
    vocab = vocabulary()
    pos = 0
    for line in text[: doc.article.head_end].split("\n"):
        for seg in re.finditer(r"\S+", line):
            word = seg.group(0)
            verb = next((v for v in vocab.event_words if word.endswith(v) and len(word) > len(v) + 3), None)
            if verb is None or verb in ("调研", "督导调研", "督导", "视察", "考察", "检查"):
                continue
            name = word
            subject = word[: -len(verb)]
            tokens = doc.tokens_in(pos + seg.start(), pos + seg.start() + len(subject))
            if any(t.tag.startswith(("v", "d", "p", "c", "r")) and t.tag != "vn" for t in tokens):
                continue  # 某园预计明年2月投产 is a plan, not an event
            out.append(Mention(pos + seg.start(), pos + seg.end(), Entity("Event", name)))
        pos += len(line) + 1
    return out


_BARE = re.compile(r"(?:举行|出席|参加|举办)(?:了)?(?P<name>(?:开工|投产|竣工|签约|揭牌|奠基|剪彩|启动)仪式)")


def _bare_ceremonies(doc: Doc) -> list[Mention]:
    """出席投产仪式 in an article that names no event: the ceremony is the event."""
    return [Mention(m.start("name"), m.end("name"), Entity("Meeting", m.group("name"))) for m in _BARE.finditer(doc.text)][:1]


_RELAYED = ("精神", "的精神", "重要精神")


def _dedupe(events: list[Mention]) -> list[Mention]:
    """Where event names overlap, the longest stands for them."""
    keep: list[Mention] = []
    longest = max((m.end - m.start for m in events), default=0)
    end_at: dict[int, int] = {}  # start of a kept name → its furthest end (a window, not every pair)
    for m in sorted(events, key=lambda m: (-(m.end - m.start), m.start)):
        if not any(end_at.get(s, -1) >= m.end for s in range(m.start - longest, m.start + 1)):
            keep.append(m)
            end_at[m.start] = max(end_at.get(m.start, -1), m.end)
    return sorted(keep, key=lambda m: m.start)


def _main_event(doc: Doc, events: list[Mention]) -> Mention | None:
    """The article's main event: one named in the headline or the first body sentences,
    else the first one convened anywhere (a trailing 原标题 line), else none."""
    body = doc.article.head_end
    text = doc.text
    first = [s for s in doc.sentences if s[0] >= body][:2]
    limit = first[-1][1] if first else body

    def convened(m: Mention) -> bool:
        return text[max(0, m.start - 2) : m.start] in ("召开", "举行", "举办") or "召开" in text[m.start : m.end]

    early = [m for m in events if m.start < limit]
    if early:
        main = max(early, key=lambda m: (m.start < body, convened(m), len(m.entity.name), -m.start))
        # the dateline's fuller name of the headline's event (某区四季度重点项目集中开工 → 某区2024年…集中开工仪式)
        # (某区四季度…集中开工 → 某区2024年第四季度…集中开工仪式: the same ending, more words)
        fuller = [
            m for m in early
            if m.start >= body and len(m.entity.name) > len(main.entity.name)
            and (main.entity.name in m.entity.name or main.start < body and main.entity.name[-4:] in m.entity.name and main.entity.name[:2] == m.entity.name[:2])
        ]
        return fuller[0] if fuller else main
    later = [m for m in events if convened(m)]
    return later[0] if later else None


@extractor(NAME, needs=("names.v1",), makes=("Meeting", "Event", "presided", "spokeAt", "attended", "date"))
def extract(doc: Doc) -> list[Fact | Mention]:
    """Meetings, ceremonies and visits; who presided, spoke and attended; when."""
    held = _convened(doc) + _held(doc) + _org_meetings(doc)
    found = held + [m for m in _visits(doc) + _headline_events(doc) if meeting_name_ok(m.entity.name)]
    # 传达学习某会议精神: a meeting whose spirit is relayed took place before, elsewhere; no one here attends it
    events = [m for m in _dedupe(found + doc.of_type("Meeting", "Event")) if not doc.text.startswith(_RELAYED, m.end)]
    if not events:
        found += _convened(doc, generic=True)[:1] or _bare_ceremonies(doc)
        events = _dedupe(found)
    if not events:
        return list(found)
    scene = _Scene(doc, events, {(m.start, m.end) for m in held})
    _headline_roles(scene)
    for person in scene.persons:
        if person.start >= scene.head_end:
            _verb_after_name(scene, person)
    for sent in doc.sentences:
        if sent[1] > scene.head_end:
            _attendees_after(scene, sent)
            _attendees_before_verb(scene, sent)
            _speakers_listed(scene, sent)
            _presided_by(scene, sent)
    _visit_leaders(scene)
    return [*found, *scene.facts, *_dates(scene)]


class _Scene:
    """What the role rules of one article share: its events, the main one, the people, the roles found."""

    def __init__(self, doc: Doc, events: list[Mention], held: set[tuple[int, int]] = frozenset()) -> None:
        self.doc = doc
        self.text = doc.text
        self.events = events
        self.head_end = head_end = doc.article.head_end
        byline = range(head_end, head_end + len(doc.article.byline))
        self.officials = {phrase.person for phrase in doc.title_phrases}
        self.persons = [p for p in doc.of_type("Person") if p.start not in byline]
        self.starts = {p.start: p for p in self.persons}
        # mentions by the sentence they start in, in their order: a filter per sentence made a
        # long article's time grow with its square
        self.events_in = _by_sentence(doc, events)
        self.persons_in = _by_sentence(doc, self.persons)
        self.roles: dict[tuple[Entity, Entity], str] = {}
        self.facts: list[Fact] = []
        main = _main_event(doc, events)
        self.visit_main = main is not None and main.entity.type == "Event" and main.start < head_end
        if self.visit_main:
            # the visit's fullest name, wherever the article writes it
            visits = [e for e in events if e.entity.type == "Event" and _VISIT_WORD.search(e.entity.name)]
            main = max(visits + [main], key=lambda e: (len(e.entity.name), -e.start))
        self.main = main
        # events the body says took place (某仪式在某地举行, 召开某会议), in text order
        self.held = [e for e in events if (e.start, e.end) in held and e.start >= head_end]

    def event_near(self, pos: int, sent: tuple[int, int]) -> Mention | None:
        """The event a role at `pos` of the sentence `sent` is taken at."""
        text = self.text
        # 宣布某项目开工 announces, 此次…活动 refers back: neither is a second event
        in_sentence = [
            e for e in self.events_in.get(sent, ())
            if "宣布" not in text[max(sent[0], e.start - 8) : e.start]
            and not (self.visit_main and e.entity.type == "Event")
        ]
        if re.match(r"^在(?:仪式|会议|会|活动|大会)上", text[pos : pos + 8]):
            return self.main
        after = [e for e in in_sentence if e.start >= pos]
        if after:
            return after[0]
        if in_sentence:
            return in_sentence[-1]
        # a sentence that names no event tells of the last one the body said took place
        before = [e for e in self.held if e.start < sent[0]]
        if before and self.main is not None and before[-1].start > self.main.start and not self.visit_main:
            return before[-1]
        return self.main

    def add(self, person: Mention, role: str, event: Mention | None, evidence: tuple[int, int], rule_name: str) -> None:
        if event is None:
            return
        self.facts.append(Fact(person.entity, role, event.entity, *evidence, rule(NAME, rule_name)))
        self.roles.setdefault((person.entity, event.entity), role)

    def has_role(self, person: Mention, event: Mention | None) -> bool:
        return (person.entity, getattr(event, "entity", None)) in self.roles


_VISIT_WORD = re.compile(r"调研|督导|视察|考察|检查|督查|暗访")
_HEADLINE_ROLE = {"主持": "presided", "讲话": "spokeAt", "致辞": "spokeAt", "发言": "spokeAt", "参加": "attended", "出席": "attended"}


def _headline_roles(scene: _Scene) -> None:
    """Headline segments: 王某讲话 徐某主持 潘某杨某参加; 某某带队调研…"""
    text = scene.text
    for person in scene.persons:
        if person.start >= scene.head_end:
            continue
        line = _line_of(text, person.start)
        seg_end = min([i for i in (text.find(" ", person.end, line[1]),) if i != -1] + [line[1]])
        rest = text[person.end : seg_end]
        role = None
        if re.match(r"^(?:带队|率队|带领|率|到\S*调研|调研|督导|主持)", rest):
            role = "presided"
        else:
            verb = re.search(r"(主持|讲话|致辞|发言|参加|出席)$", rest)
            role = _HEADLINE_ROLE.get(verb.group(1)) if verb else None
        if role:
            headline_events = [e for e in scene.events if e.start < scene.head_end and line[0] <= e.start < line[1]]
            scene.add(person, role, headline_events[0] if headline_events else scene.main, line, "headline-roles")


def _verb_after_name(scene: _Scene, person: Mention) -> None:
    """A body sentence's person and their own verb: 王某主持, 李某出席并讲话, 张某指出 (an official at a meeting)."""
    text = scene.text
    vocab = vocabulary()
    sent = scene.doc.sentence_of(person.start)
    rest = text[person.end : sent[1]]
    # skip the rest of a list of names (张某、李某等), 同志, 一行, a title after the name
    while True:
        at = sent[1] - len(rest)  # where `rest` starts in the text
        listed = rest[:1] in ("、", "和", "及", "与") and scene.starts.get(at + 1)
        if listed:
            rest = text[listed.end : sent[1]]
            continue
        m = re.match(r"^[、和及与]([\u4e00-\u9fff]{2,4}?)(?=[、和及与等出参列陪主])", rest) or _SKIP_AFTER_NAME.match(rest)
        if not m:
            title = next((t for t in vocab.titles if rest.startswith(t)), None)
            if title is None:
                break
            rest = rest[len(title) :]
            continue
        rest = rest[m.end() :]
    role = rule_name = None
    main = scene.main
    if _PRESIDE.match(rest):
        role, rule_name = "presided", "presided-verb"
    elif _ALSO_SPOKE.match(rest):
        scene.add(person, "spokeAt", scene.event_near(person.end, sent), sent, "attended-and-spoke")
        role, rule_name = "attended", "attended-and-spoke"
    elif _SPEAK.match(rest):
        role, rule_name = "spokeAt", "spoke-verb"
    elif _ATTEND.match(rest):
        role, rule_name = "attended", "attended-verb"
    elif _STATE.match(rest) and person.start in scene.officials and main is not None and main.entity.type == "Meeting":
        role, rule_name = "spokeAt", "official-statement"
    if role is None:
        return
    event = scene.event_near(person.end, sent)
    scene.add(person, role, event, sent, rule_name)
    if role == "presided" and re.match(r"^[^，,。；]{0,10}并(?:讲话|致辞)", rest):
        scene.add(person, "spokeAt", event, sent, "presided-and-spoke")


def _attendees_after(scene: _Scene, sent: tuple[int, int]) -> None:
    """出席开工仪式的有…: everyone named after it attended."""
    chunk = scene.text[sent[0] : sent[1]]
    in_sentence = scene.persons_in.get(sent, [])
    for m in _ATTENDEES_FOLLOW.finditer(chunk):
        event = scene.event_near(sent[0] + m.start(), sent)
        for p in in_sentence:
            if p.start >= sent[0] + m.end() and not scene.has_role(p, event):
                scene.add(p, "attended", event, sent, "attendees-after")


def _attendees_before_verb(scene: _Scene, sent: tuple[int, int]) -> None:
    """…、…等出席。 / 在…陪同下: everyone named before the verb in its clause attended."""
    text = scene.text
    chunk = text[sent[0] : sent[1]]
    in_sentence = scene.persons_in.get(sent, [])
    # another role's verb (主持, 讲话, 致辞) ends the list of those who attended; only one before the verb counts
    marks = [sent[0] + m.end() for m in re.finditer(r"主持|讲话|致辞", chunk)]
    last = sent[0]
    for m in _ATTEND_VERB.finditer(chunk):
        verb_at = sent[0] + m.start()
        last = max([last, *(end for end in marks if end <= verb_at)])
        event = scene.event_near(verb_at, sent)
        opener = max(text.rfind("在", last, verb_at), last)
        for p in in_sentence:
            if opener <= p.start < verb_at and event is not None and not scene.has_role(p, event):
                scene.add(p, "attended", event, sent, "attendees-before-verb")
        last = sent[0] + m.end()


def _speakers_listed(scene: _Scene, sent: tuple[int, int]) -> None:
    """甲、乙、丙等8位企业家代表先后发言: each of them spoke."""
    chunk = scene.text[sent[0] : sent[1]]
    in_sentence = scene.persons_in.get(sent, [])
    for m in _SPEAK_LIST.finditer(chunk):
        event = scene.event_near(sent[0] + m.start(), sent)
        for p in in_sentence:
            if p.start < sent[0] + m.start() and event is not None and not scene.has_role(p, event):
                scene.add(p, "spokeAt", event, sent, "speakers-listed")


def _presided_by(scene: _Scene, sent: tuple[int, int]) -> None:
    """仪式由某某主持: the last person named between 由 and 主持 presided."""
    chunk = scene.text[sent[0] : sent[1]]
    in_sentence = scene.persons_in.get(sent, [])
    for m in re.finditer(r"由([^，,。；]{0,40}?)主持", chunk):
        inside = [p for p in in_sentence if sent[0] + m.start() < p.start < sent[0] + m.end()]
        if inside:
            scene.add(inside[-1], "presided", scene.event_near(sent[0] + m.start(), sent), sent, "presided-by")


def _visit_leaders(scene: _Scene) -> None:
    """A visit is led by the first person of its sentence who has no other role there."""
    for event in scene.events:
        if event.entity.type != "Event" or not _VISIT_WORD.search(event.entity.name):
            continue
        sent = scene.doc.sentence_of(event.start)
        led = scene.main if scene.visit_main else event  # an article about a visit tells of one visit
        leaders = [p for p in scene.persons if sent[0] <= p.start < event.start and (p.entity, led.entity) not in scene.roles]
        if leaders and sent[0] >= scene.head_end:
            scene.add(leaders[0], "presided", led, sent, "visit-leader")


def _dates(scene: _Scene) -> list[Fact]:
    """The main event's date from the dateline; the others' from a date leading their sentence."""
    main = scene.main
    attended = {f.object for f in scene.facts}
    dated = {e.entity: e for e in scene.events if e.entity in attended}
    if main is not None:
        dated[main.entity] = main
    out = []
    for entity, event in dated.items():
        date = _event_date(scene.doc, event, main)
        sent = scene.doc.sentence_of(event.start)
        if date is None and re.match(r"(?:当天|当日|同日|同天|随后|会后)", scene.text[sent[0] : sent[1]]):
            date = _day_told_before(scene.doc, sent)  # 当天上午，某仪式在某地举行: the day just told
        if date is not None:
            out.append(Fact(entity, "date", date[0], *date[1], rule(NAME, date[2])))
    return out


def _day_told_before(doc: Doc, sent: tuple[int, int]):
    """(date, sentence, rule) of the nearest sentence before `sent` that leads with a date."""
    for prev in reversed([s for s in doc.sentences if s[1] <= sent[0]]):
        chunk = doc.text[prev[0] : prev[1]]
        dates = [d for d in find_dates(chunk, doc.article.date) if not re.match(r"\s*(?:讯|电|消息)", chunk[d.end : d.end + 3])]
        if dates and dates[0].start <= 40:
            return dates[0].date, sent, "same-day"
    return None


def _line_of(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, (end if end != -1 else len(text))


_NAMED_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


def _year_named(event: Mention):
    """The last day of the year an event's name gives (某区2024年…大会), standing in for the
    issue's date when the file has no masthead: its month–day dates are of that year."""
    import datetime as dt

    m = _NAMED_YEAR.search(event.entity.name)
    return dt.date(int(m.group(1)), 12, 31) if m else None


def _event_date(doc: Doc, event: Mention, main: Mention | None):
    """(date, sentence, rule) of an event: a date leading its sentence, or the dateline's for the headline's event."""
    issue = doc.article.date or _year_named(event)
    sent = doc.sentence_of(event.start)
    rule_name = "sentence-date"
    if main is not None and event.entity == main.entity and event.start < doc.article.head_end:
        # the dateline: the first body sentence, or the second after an opening phrase (凝聚伟力。3月6日上午，…)
        first = [s for s in doc.sentences if s[0] >= doc.article.head_end][:2]
        sent = first[0] if first else sent
        if len(first) == 2 and not find_dates(doc.text[first[0][0] : first[0][1]], issue) and len(doc.text[first[0][0] : first[0][1]]) <= 40:
            sent = first[1]
        rule_name = "dateline-date"
    chunk = doc.text[sent[0] : sent[1]]
    # 某网3月22日讯 / 3月22日电 is when the report was filed, not when the event was held
    dates = [d for d in find_dates(chunk, issue) if not re.match(r"\s*(?:讯|电|消息)", chunk[d.end : d.end + 3])]
    # the date must lead the sentence (7月18日，…), as a dateline's does
    if not dates or dates[0].start > 40:
        return None
    return dates[0].date, sent, rule_name


def _by_sentence(doc: Doc, mentions: list[Mention]) -> dict[tuple[int, int], list[Mention]]:
    """The mentions starting in each sentence, in their order."""
    groups: dict[tuple[int, int], list[Mention]] = {}
    for m in mentions:
        sent = doc.sentence_of(m.start)
        if sent[1] > sent[0]:
            groups.setdefault(sent, []).append(m)
    return groups
