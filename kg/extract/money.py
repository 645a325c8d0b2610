"""money.v1: who invested how much, in what, and what projects cost.

Patterns: 项目总投资约4.2亿元, 某工程投资约3000万元, 某公司投资1.2亿元启动某项目,
投资5000万元的某项目. Amounts not introduced by an investment word (产值, 成本,
收入) are not investments.
"""

from __future__ import annotations

import re

from kg.extract.registry import extractor, rule
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
    projects = sorted(doc.of_type("Project"), key=lambda m: m.start)
    companies = sorted(doc.of_type("Company"), key=lambda m: m.start)
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
        if text[money.end : money.end + 1] == "的" and after_projects and after_projects[0].start == money.end + 1:
            project, total_rule = after_projects[0], "amount-before-project"  # 总投资5亿元的某项目
        elif before_projects and len(gap) <= 6 and not re.search(r"[，,。]", gap):
            project, total_rule = before_projects[-1], "project-before-amount"
        elif trigger.startswith(("总", "项目总", "计划总", "规划总")) or text[max(0, m.start() - 2) : m.start()] in ("项目", "工程"):
            # 项目总投资约4.2亿元: the project the article was speaking of; after a list of
            # projects (分别为甲、乙、丙项目，计划总投资N) it is the batch's total, no one project's
            earlier = [p for p in projects if p.end <= m.start()]
            listed = [p for p in before_projects if text[p.end : p.end + 1] == "、" or text[p.start - 1 : p.start] == "、"]
            if earlier and len(listed) < 2:
                project, total_rule = earlier[-1], "project-spoken-of"
        if project is not None:
            out.append(Fact(project.entity, "totalInvestment", amount, *sent, rule(NAME, total_rule)))
    out.extend(_built_by(doc, out))
    out.extend(_building_company(doc, out))
    out.extend(_owned_projects(doc, out))
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
        if project is None:
            continue
        # the whole, as written, is one more name of the project
        out.append(Mention(company.start, project.end, project.entity))
        if (company.entity, project.entity) not in have:
            out.append(Fact(company.entity, "investedIn", project.entity, *doc.sentence_of(company.start), rule(NAME, "company-before-project")))
            have.add((company.entity, project.entity))
    return out


_BUILT_BY = re.compile(r"由(?P<company>[^，,。；]{2,40}?)(?:投资建设|投资兴建|投资|投建|建设|承建)")


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
        projects = [p for p in doc.of_type("Project") if p.end <= m.start() and p.start >= sent[0] - 200]
        if not projects:
            continue
        project = projects[-1]
        out.append(Fact(company.entity, "investedIn", project.entity, *sent, rule(NAME, "built-by")))
        if project.entity in totals and company.entity not in invested:
            out.append(Fact(company.entity, "invested", totals[project.entity], *sent, rule(NAME, "built-by")))
    return out
