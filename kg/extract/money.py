"""money.v1: who invested how much, in what, and what projects cost.

Patterns: 项目总投资约4.2亿元, 某工程投资约3000万元, 某公司投资1.2亿元启动某项目,
投资5000万元的某项目. Amounts not introduced by an investment word (产值, 成本,
收入) are not investments.
"""

from __future__ import annotations

import re

from kg.extract.registry import extractor, rule
from kg.extract.suffixed import names_only_works
from kg.nlp.analysis import Doc, occurrences
from kg.nlp.normalize import parse_money
from kg.nlp.vocabulary import vocabulary
from kg.types import Entity, Fact, Mention

NAME = "money.v1"


def _amount(text: str, pos: int):
    # allow 为/达/约 and a space between the trigger and the amount
    m = re.match(r"[\s为达是了]*", text[pos:])
    start = pos + (m.end() if m else 0)
    return parse_money(text, start)


@extractor(NAME, needs=("names.v1",), makes=("invested", "investedIn", "totalInvestment", "MonetaryAmount", "Project"))
def extract(doc: Doc) -> list[Fact | Mention]:
    """Who invested how much, in what; what projects cost."""
    text = doc.text
    vocab = vocabulary()
    out: list[Fact | Mention] = []
    used: set[int] = set()
    triggers = "|".join(re.escape(t) for t in vocab.money_triggers)
    companies = sorted(doc.of_type("Company"), key=lambda m: m.start)
    named_after = _projects_named_after_companies(doc, companies)
    out.extend(named_after)
    for p in named_after:  # 某有限公司项目: the company invests in its own project
        company = next(c for c in companies if c.start == p.start)
        if not company.entity.name.endswith("公司"):
            continue  # 某工厂项目: a works' own project, no investor named
        out.append(Fact(company.entity, "investedIn", p.entity, *doc.sentence_of(p.start), rule(NAME, "project-named-after-company")))
    projects = sorted(doc.of_type("Project") + named_after, key=lambda m: m.start)
    for span in vocab.money_non_triggers:
        for start, end in occurrences(text, span):
            used.update(range(start, end))  # 完成投资31.6亿元 reports spending, not a cost
    for m in re.finditer(triggers, text):
        if m.start() in used or m.end() - 1 in used:
            continue
        money = _amount(text, m.end())
        if money is None:
            continue
        used.update(range(m.start(), m.end()))
        sent = doc.sentence_of(m.start())
        label = text[money.start : money.end]
        amount = Entity("MonetaryAmount", label, value=money.value, qualifier=money.qualifier)
        out.append(Mention(money.start, money.end, amount))
        trigger = m.group(0)
        clause_start = max(text.rfind(c, sent[0], m.start()) for c in "，,；;") + 1
        clause_start = max(clause_start, sent[0])
        before_projects = [p for p in projects if sent[0] <= p.start and p.end <= m.start()]
        before_companies = [c for c in companies if clause_start <= c.start and c.end <= m.start()]
        after_projects = [p for p in projects if money.end <= p.start < sent[1]]
        # 某公司某项目计划投资N: the project between the company and the amount is what costs N
        project_between = before_companies and any(
            before_companies[-1].end <= p.start and len(text[p.end : m.start()]) <= 4 for p in before_projects
        )
        if before_companies and not project_between and not trigger.startswith(("总", "计划总", "规划总", "项目总")):
            company = before_companies[-1]
            out.append(Fact(company.entity, "invested", amount, *sent, rule(NAME, "company-invests")))
            built = re.match(r"(?:建设|兴建|新建|打造)?的", text[money.end : money.end + 4])
            owned = _thing_after_de(doc, money.end + built.end(), sent[1], projects, companies) if built else None
            if owned is not None:
                # 由某公司投资3.96亿元建设的某项目: what the company invests is what the project costs
                if not any(p.start == owned.start and p.end == owned.end for p in projects):
                    out.append(owned)
                out.append(Fact(owned.entity, "totalInvestment", amount, *sent, rule(NAME, "company-builds-for")))
                out.append(Fact(company.entity, "investedIn", owned.entity, *sent, rule(NAME, "company-builds-for")))
                continue
            if after_projects and text[company.start - 1 : company.start] != "由":
                # 投资1.2亿元启动技改项目——年产某某项目: the project named last in an apposition
                target = after_projects[0]
                for p in after_projects[1:]:
                    if text[target.end : p.start].strip() in ("——", "—", "-", "：", ":"):
                        target = p
                out.append(Fact(company.entity, "investedIn", target.entity, *sent, rule(NAME, "company-invests")))
            continue
        project, total_rule = None, ""
        gap = text[before_projects[-1].end : m.start()] if before_projects else ""
        if _BATCH_AFTER.match(text, money.end):
            continue  # 总投资9.78亿元的9个项目: the batch's total
        if text[money.end : money.end + 1] == "的":
            # 总投资5亿元的某项目: the amount is the thing's named right after 的, never one before
            project = _thing_after_de(doc, money.end + 1, sent[1], projects, companies)
            if project is not None:
                if not any(p.start == project.start and p.end == project.end for p in projects):
                    out.append(project)
                out.append(Fact(project.entity, "totalInvestment", amount, *sent, rule(NAME, "amount-before-project")))
            continue
        if _batch_total(text, sent[0], m.start()):
            continue  # 本次集中开工的项目共23项，总投资N: the batch's total, no one project's
        subjects = [c for c in companies if sent[0] <= c.start and c.end <= m.start()
                    and (text[c.start - 1 : c.start] in "，,：:。\n" or text[sent[0] : c.start].strip() in ("", doc.article.byline))]
        if not before_projects and len(subjects) == 1 and len([c for c in companies if sent[0] <= c.start < m.start()]) == 1:
            # 某公司利用电厂余热供热，总投入1600万元: the company the sentence opens with spends it on its own work
            out.append(Fact(subjects[0].entity, "invested", amount, *sent, rule(NAME, "company-subject-invests")))
            continue
        if before_projects and len(gap) <= 6 and not re.search(r"[，,。、]", gap):
            project, total_rule = before_projects[-1], "project-before-amount"
        elif before_projects and not any(clause_start <= p.start for p in before_projects) and _opens_sentence(doc, sent[0], before_projects[0]):
            # 某镇的某项目为某类项目，占地N亩，计划投资15亿元: the project the sentence is about
            project, total_rule = before_projects[0], "sentence-subject"
        elif trigger.startswith(("总", "项目总", "计划总", "规划总")) or text[max(0, m.start() - 2) : m.start()] in ("项目", "工程"):
            # 项目总投资约4.2亿元: the project the article was speaking of; after a list of
            # projects (分别为甲、乙、丙项目，计划总投资N) it is the batch's total, no one project's
            # a batch (集中开工项目, 5个项目) is no project the article was speaking of
            earlier = [p for p in projects if p.end <= m.start() and not re.search(r"集中|" + _COUNT, p.entity.name)]
            listed = [p for p in before_projects if text[p.end : p.end + 1] == "、" or text[p.start - 1 : p.start] == "、"]
            # 某公司利用余热供热，总投入N: a company's own work the sentence tells, not the earlier project
            company_said = "公司" in text[sent[0] : m.start()] and not before_projects
            if earlier and len(listed) < 2 and not company_said:
                project, total_rule = earlier[-1], "project-spoken-of"
        if project is not None:
            out.append(Fact(project.entity, "totalInvestment", amount, *sent, rule(NAME, total_rule)))
    out.extend(_built_by(doc, out))
    out.extend(_building_company(doc, out))
    out.extend(_owned_projects(doc, out))
    return out


# A count of projects (23个项目, 项目共23项, 产业项目7项) or a batch (本次集中开工项目, 这些项目)
# before a total: the total is the batch's.
_COUNT = r"[\d一二三四五六七八九十两百几多]+(?:个|项|批)"
_BATCH_BEFORE = re.compile(
    rf"{_COUNT}[^，,。；;]{{0,8}}?(?:项目|工程)|(?:项目|工程)(?:共|共计|合计|总数)?{_COUNT}"
    r"|(?:本次|此次|这次|这些|上述|全部|以上)[^，,。；;]{0,10}?(?:项目|工程)"
)
_BATCH_AFTER = re.compile(rf"的{_COUNT}")


def _batch_total(text: str, sent_start: int, trigger: int) -> bool:
    """Whether the amount at `trigger` totals a batch: a count of projects in its clause or the two
    before (签约重点项目7个，全部为高新技术企业，协议总投资N)."""
    seps = [i for i in range(sent_start, trigger) if text[i] in "，,；;：:"]
    window = text[(seps[-3] + 1 if len(seps) >= 3 else sent_start) : trigger]
    return bool(_BATCH_BEFORE.search(window))


def _opens_sentence(doc: Doc, sent_start: int, thing: Mention) -> bool:
    """Whether `thing` is what its sentence is about: at its start, or after a place and 的 (某区的某项目)."""
    byline = doc.article.byline
    if byline and doc.text.startswith(byline, sent_start):
        sent_start += len(byline)
    head = doc.text[sent_start : thing.start]
    return len(head) <= 16 and not re.search(r"[，,、为是与和]", head)


def _thing_after_de(doc: Doc, pos: int, end: int, projects: list[Mention], companies: list[Mention]) -> Mention | None:
    """The project named at `pos` (after 投资N的): as found, after its company, or grown to a project found later."""
    text = doc.text
    for p in projects:
        if p.start == pos:
            return p
    company = next((c for c in companies if c.start == pos), None)
    if company is not None:
        owned = next((p for p in projects if p.start == company.end), None)
        if owned is not None:
            return owned  # 总投资N的某公司某项目
    # 总投资0.3亿元的某某绿化、亮化建设项目: the name runs from 的 to the project's end
    stop = re.search(r"[，,。；;：:]|投资", text[pos:end])
    limit = pos + stop.start() if stop else end
    inside = [p for p in projects if pos < p.start and p.end <= limit]
    if inside:
        last = inside[0]
        if not re.search(r"[的了在将已]", text[pos : last.start]):
            return Mention(pos, last.end, Entity("Project", text[pos : last.end]))
        return None
    # 总投资66亿元的某某智慧工厂已完成…: the nominal words after 的
    words = []
    for t in doc.tokens_in(pos, limit):
        if t.tag[:1] in "vdcurwxy" and t.tag != "vn" or t.word in vocabulary().verbs_not_in_names:
            break
        words.append(t)
    if words and words[0].start == pos and words[-1].tag[:1] == "n" and len(words) >= 2 and words[-1].end - pos >= 5:
        if not re.match(_COUNT, text[pos:]):
            return Mention(pos, words[-1].end, Entity("Project", text[pos : words[-1].end]))
    return None


def _projects_named_after_companies(doc: Doc, companies: list[Mention]) -> list[Mention]:
    """某有限公司项目: a project named after its company, when no project is found there yet."""
    text = doc.text
    spans = [(m.start, m.end) for m in doc.of_type("Project")]
    out = []
    for c in companies:
        if not c.entity.name.endswith(("公司", "厂")):
            continue
        # 某公司项目经理 is a post, 某公司项目部 a body
        # 某啤酒厂新厂区建设项目, 某公司生产线项目: what lies between names no works of its own
        m = re.match(r"(?P<works>[\u4e00-\u9fff]{0,6}?)(?:建设)?项目(?!经理|负责人|部|办|组|现场|指挥|[\u4e00-\u9fff]{0,6}(?:项目|工程))", text[c.end : c.end + 18])
        if m and names_only_works(m.group("works")) and not any(s <= c.start < e or s == c.end for s, e in spans):
            out.append(Mention(c.start, c.end + m.end(), Entity("Project", text[c.start : c.end + m.end()])))
    return out


_BUILDS = re.compile(r"(?:投资建设|投资兴建|投建|出资建设|投资新建)的")


def _building_company(doc: Doc, found: list[Fact | Mention]) -> list[Fact]:
    """某公司投资建设的某项目总投资N: the company invested in the project, and N."""
    text = doc.text
    totals = {f.subject: f.object for f in found if isinstance(f, Fact) and f.predicate == "totalInvestment"}
    have = {(f.subject, f.predicate) for f in found if isinstance(f, Fact)}
    projects = {m.start: m for m in doc.of_type("Project")}
    out: list[Fact] = []
    for company in doc.of_type("Company"):
        m = _BUILDS.match(text, company.end)
        project = projects.get(m.end()) if m else None
        if project is None:
            continue
        sent = doc.sentence_of(company.start)
        if (company.entity, "investedIn") not in have:
            out.append(Fact(company.entity, "investedIn", project.entity, *sent, rule(NAME, "company-builds")))
        if project.entity in totals and (company.entity, "invested") not in have:
            out.append(Fact(company.entity, "invested", totals[project.entity], *sent, rule(NAME, "company-builds")))
    return out


def _owned_projects(doc: Doc, found: list[Fact | Mention]) -> list[Fact | Mention]:
    """某公司年产5万吨某项目: a project written right after a company's name is the company's."""
    have = {(f.subject, f.object) for f in found if isinstance(f, Fact) and f.predicate == "investedIn"}
    projects = {m.start: m for m in doc.of_type("Project")}
    out = []
    for company in doc.of_type("Company"):
        project = projects.get(company.end)
        if project is None or company.entity.name.endswith("厂") or project.entity.name.startswith(("及", "和", "与")) or _PHASE_ONLY.fullmatch(project.entity.name):
            continue  # 污水处理厂尾水湿地工程: a works beside a project owns nothing; 二期项目 is a phase of it
        # the whole, as written, is one more name of the project
        out.append(Mention(company.start, project.end, project.entity))
        if (company.entity, project.entity) not in have:
            out.append(Fact(company.entity, "investedIn", project.entity, *doc.sentence_of(company.start), rule(NAME, "company-before-project")))
            have.add((company.entity, project.entity))
    return out


_BUILT_BY = re.compile(r"由(?P<company>[^，,。；]{2,40}?)(?:投资建设|投资兴建|投资|投建|建设|承建)")


_BUILT_AFTER = re.compile(r"[^，,。；的]{0,16}?(?:建设|兴建|新建|建)?的")
_PHASE_ONLY = re.compile(r"[一二三四五六七八九十\d]期(?:项目|工程)?")


def _built_by(doc: Doc, found: list[Fact | Mention]) -> list[Fact]:
    """某项目由某公司投资建设，总投资N: the company invested in the project, and its total."""
    text = doc.text
    out: list[Fact] = []
    totals = {f.subject: f.object for f in found if isinstance(f, Fact) and f.predicate == "totalInvestment"}
    invested = {f.subject for f in found if isinstance(f, Fact) and f.predicate == "invested"}
    invested_in = {f.subject for f in found if isinstance(f, Fact) and f.predicate == "investedIn"}
    for m in _BUILT_BY.finditer(text):
        company = next((c for c in doc.of_type("Company") if c.start == m.start("company") and c.end == m.end("company")), None)
        if company is None or company.entity in invested_in:
            continue
        sent = doc.sentence_of(m.start())
        after = _BUILT_AFTER.match(text, m.end())
        ahead = [p for p in doc.of_type("Project") if after and p.start == after.end()]
        projects = [p for p in doc.of_type("Project") if p.end <= m.start() and p.start >= sent[0] - 200]
        if not projects and not ahead:
            continue
        # 由某公司投资3.96亿元建设的某项目: the project after 的; 某项目由某公司投资建设: the one before
        project = ahead[0] if ahead else projects[-1]
        out.append(Fact(company.entity, "investedIn", project.entity, *sent, rule(NAME, "built-by")))
        if project.entity in totals and company.entity not in invested:
            out.append(Fact(company.entity, "invested", totals[project.entity], *sent, rule(NAME, "built-by")))
    return out
