"""A large made-up corpus of the genre: county-paper pages of meetings, posts, places and investments.

Sentences are templates of the genre filled with generated names, places, amounts
and dates, so the build meets what it meets in real pages, at any size.

An article opens with its facts (who chaired and attended, who invested what where)
and goes on, as the genre does, in paragraphs of directives, figures and project
details without names, to a length drawn around `length` characters: the seeds'
articles hold 856 characters on average, the development set's 487. Their phrases
are recombined from parts, so they repeat about as much as a paper's boilerplate
does, not word for word. `length=0` gives the facts alone (about 100 characters).

    python benchmarks/corpus.py OUT_DIR --articles 10000 [--per-file 8] [--length 650] [--seed 1]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"  # noqa: E501 (one string of data)
GIVEN = "建国立新海波志远晓东雅琴丽华国栋明辉文杰春梅秀英振华永刚俊峰红霞伟民德胜玉兰佳慧宏伟雪松敏锐长青家豪思源静怡子健"
COUNTY_HEADS = [
    "县委书记", "县长", "县委副书记", "常务副县长", "副县长", "县人大常委会主任", "县政协主席", "县委常委、宣传部部长",
    "县委常委、组织部部长",
]
BUREAUS = ["发改局", "财政局", "应急管理局", "教育局", "卫健局", "交通运输局", "自然资源和规划局", "农业农村局", "商务局", "住建局"]
BUREAU_TITLES = ["局长", "副局长", "党组书记"]
PLACE_ROOTS = "江桥石梁龙溪云山清水杜泽莲花高家湖南横路峡口全旺廿里樟潭大洲双塔白沙黄坛太真灰坪周家"
PLACE_SUFFIX = ["镇", "乡", "街道"]
MEETINGS = ["县委常委会议", "县政府常务会议", "全县安全生产工作会议", "全县招商引资推进会", "全县乡村振兴工作会议",
            "县委理论学习中心组学习会", "全县项目建设推进会", "全县生态环境保护大会", "县委全面深化改革委员会会议"]
INDUSTRY = ["新能源", "智能制造", "生物医药", "文旅", "现代农业", "新材料", "电子信息", "冷链物流", "光伏", "数字经济"]
COMPANY_WORDS = ["绿源", "恒瑞", "华信", "东方", "兴达", "远航", "金桥", "宏图", "鑫源", "天合", "瑞丰", "中科"]
COMPANY_KIND = ["科技有限公司", "智能装备有限公司", "发展有限公司", "新材料股份有限公司", "农业开发有限公司"]
PROJECT_KIND = ["产业园项目", "综合体项目", "生产基地项目", "示范区项目", "研发中心项目"]

# The body of an article: paragraphs without people's names or amounts of investment. Its
# phrases are put together from parts (a topic is a field and an aspect of it), so that a
# block of text recurs across a corpus, as the genre's boilerplate does, but not every time.
ADVERBS = ["进一步", "切实", "全力", "持续", "扎实", "全面", "不断", "着力", "大力", "加快", "积极", "坚决", "主动", "统筹", "深入"]
VERBS = ["强化", "深化", "推进", "抓好", "优化", "提升", "完善", "落实", "聚焦", "统筹", "健全", "夯实", "加强", "推动", "做好"]
FIELDS = ["工业", "农业", "文旅", "交通", "教育", "医疗", "养老", "水利", "林业", "住房", "物流", "金融", "电商", "科技", "能源",
          "环保", "消防", "社区", "村级", "城市", "乡镇", "园区", "人才", "财政", "信访", "食品", "粮食", "供销", "民政", "统计"]
ASPECTS = ["项目建设", "基础设施", "服务体系", "治理能力", "安全监管", "改革创新", "品质提升", "要素保障", "队伍建设",
           "风险防控", "招商引资", "数字化转型", "标准化建设", "长效机制", "提质增效", "结构调整", "综合整治", "运营管理",
           "示范创建", "考核评价", "资金监管", "智慧应用", "绿色发展", "协同联动"]
GOALS = ["推动全县经济社会高质量发展", "确保全年目标任务圆满完成", "奋力开创各项工作新局面", "让群众有更多获得感和幸福感",
         "为共同富裕打下坚实基础", "以实干实绩交出高分答卷", "形成比学赶超的浓厚氛围", "把各项部署落到实处",
         "为跨越式发展提供坚强保障", "在新一轮竞争中抢占先机", "切实守住安全发展底线", "不断增强发展后劲"]
LEADS = ["会议强调", "会议指出", "会议要求", "会上强调", "他强调", "她指出", "下一步", "会议提出", "他要求", "她强调"]
RESULTS = ["取得明显成效", "走在全市前列", "稳步推进", "实现新突破", "得到群众认可", "形成一批可复制的经验",
           "获评省级示范", "提前完成年度任务", "位居全省第一方阵", "呈现良好态势"]
SITES = ["项目现场", "企业生产车间", "村文化礼堂", "便民服务中心", "产业园区", "农业示范基地", "社区党群服务中心",
         "农贸市场", "污水处理厂", "卫生院", "中心小学", "物流园", "茶园", "水库大坝"]
GROUPS = ["企业负责人", "基层干部", "村民代表", "种植大户", "一线职工", "驻村干部", "返乡青年", "网格员", "医护人员", "教师代表"]
BUILDINGS = ["生产车间", "研发楼", "仓储中心", "综合办公楼", "展示中心", "配套设施", "污水处理站", "职工宿舍", "检测中心",
             "智能立体仓库", "光伏屋顶", "中试基地", "员工食堂", "冷链仓储区"]
RESOURCES = ["生态", "区位", "交通", "山水", "土地", "人文", "产业", "资源", "文化", "气候"]
VILLAGE_ENDS = ["村", "社区", "村", "自然村"]
CROPS = ["柑橘", "茶叶", "蜜梨", "香榧", "高山蔬菜", "中药材", "食用菌", "油茶", "杨梅", "红心猕猴桃", "生猪", "稻虾"]


# Characters an article holds on average: between the seeds' 856 and the development set's 487.
LENGTH = 650


class Page:
    def __init__(self, rng: random.Random, county: str, date: dt.date, length: int = 0):
        self.rng, self.county, self.date, self.length = rng, county, date, length

    def person(self) -> str:
        return self.rng.choice(SURNAMES) + "".join(self.rng.sample(GIVEN, self.rng.choice((1, 2))))

    def place(self) -> str:
        return "".join(self.rng.sample(PLACE_ROOTS, 2)) + self.rng.choice(PLACE_SUFFIX)

    def amount(self, large: bool) -> str:
        if large:
            return f"{self.rng.choice(('', '约'))}{self.rng.randint(11, 95) / 10:g}亿元"
        return f"{self.rng.randint(2, 900) * 10}万元"

    def day(self, back: int = 1) -> str:
        d = self.date - dt.timedelta(days=back)
        return f"{d.month}月{d.day}日"

    def topic(self) -> str:
        return self.rng.choice(FIELDS) + self.rng.choice(ASPECTS)

    def village(self) -> str:
        return "".join(self.rng.sample(PLACE_ROOTS + GIVEN, 2)) + self.rng.choice(VILLAGE_ENDS)

    def directive(self) -> str:
        r = self.rng
        clauses = [f"{r.choice(ADVERBS)}{r.choice(VERBS)}{self.topic()}" for _ in range(r.randint(2, 4))]
        return f"{r.choice(LEADS)}，要{'，'.join(clauses)}，{r.choice(GOALS)}。"

    def figures(self) -> str:
        r = self.rng
        return (f"{r.choice(('今年以来', '去年以来', '近三年来', '一季度', '上半年', '截至目前'))}，全县累计"
                f"{r.choice(('实施', '推进', '完成', '储备', '谋划', '验收'))}{self.topic()}项目{r.randint(8, 260)}个，"
                f"同比增长{r.randint(10, 400) / 10:g}%，{self.topic()}工作{r.choice(RESULTS)}。")

    def site(self) -> str:
        r = self.rng
        return (f"在{self.village()}{r.choice(SITES)}，{r.choice(('调研组', '一行', '检查组', '督查组'))}详细了解了"
                f"{self.topic()}、{self.topic()}等情况，并与{r.choice(GROUPS)}进行了深入交流。")

    def project(self) -> str:
        r = self.rng
        a, b, c = r.sample(BUILDINGS, 3)
        return (f"据了解，该项目占地{r.randint(20, 600)}亩，总建筑面积{r.randint(12, 300) / 10:g}万平方米，"
                f"主要建设{a}、{b}和{c}等。项目建成后，预计新增就业岗位{r.randint(50, 2000)}个，"
                f"可带动{self.village()}等周边{r.randint(3, 30)}个村{r.randint(100, 3000)}余户农户增收。")

    def background(self) -> str:
        r = self.rng
        return (f"近年来，{self.village()}立足{r.choice(RESOURCES)}优势，{r.choice(ADVERBS)}{r.choice(VERBS)}"
                f"{r.choice(CROPS)}和{r.choice(INDUSTRY)}产业，{self.topic()}{r.choice(RESULTS)}，"
                f"村集体经济收入达{r.randint(30, 900)}万元。")

    def body(self, facts: list[str], kinds) -> str:
        """The article's fact sentences, then paragraphs of the given kinds to about the drawn length."""
        if not self.length:
            return "\n".join(facts)
        want = self.rng.triangular(self.length * 0.4, self.length * 2, self.length * 0.6)  # mean: `length`
        lines = list(facts)
        while sum(map(len, lines)) < want - 60:  # (a paragraph holds about 120 characters)
            lines.append("".join(self.rng.choice(kinds)() for _ in range(self.rng.randint(1, 3))))
        return "\n".join(lines)

    def meeting(self) -> str:
        r = self.rng
        chair = f"{r.choice(COUNTY_HEADS[:3])}{self.person()}"
        others = "、".join(f"{r.choice(COUNTY_HEADS[3:])}{self.person()}" for _ in range(r.randint(1, 3)))
        bureau = f"县{r.choice(BUREAUS)}{r.choice(BUREAU_TITLES)}{self.person()}"
        meeting = r.choice(MEETINGS)
        head = f"{meeting.removeprefix('全县')}召开"
        body = [
            f"本报讯（记者 {self.person()}）{self.day()}，{chair}主持召开{meeting}，{others}等出席会议。",
            f"会议传达学习了上级有关会议精神，研究部署了近期重点工作。{bureau}在会上发言。",
            "会议强调，要坚持问题导向，压实工作责任，确保各项任务落地见效。",
        ]
        return head + "\n" + self.body(body[: r.randint(2, 3)], (self.directive, self.directive, self.figures))

    def investment(self) -> str:
        r = self.rng
        place = self.place()
        company = f"浙江{r.choice(COMPANY_WORDS)}{r.choice(COMPANY_WORDS)}{r.choice(COMPANY_KIND)}"
        project = f"{place}{r.choice(INDUSTRY)}{r.choice(PROJECT_KIND)}"
        head = f"{r.choice(INDUSTRY)}项目落户{place}"
        body = [
            f"{place}位于{self.county}{r.choice(('北部', '南部', '东部', '西部', '中部'))}，交通便利。",
            f"{self.day(r.randint(1, 5))}，{company}投资{self.amount(False)}建设{project}，项目总投资{self.amount(True)}。",
            f"{r.choice(COUNTY_HEADS[3:])}{self.person()}出席签约仪式并致辞。",
        ]
        return head + "\n" + self.body(body, (self.project, self.background, self.figures))

    def visit(self) -> str:
        r = self.rng
        leader = f"{r.choice(COUNTY_HEADS)}{self.person()}"
        place = self.place()
        head = f"{leader[:2]}领导调研{place}工作"
        fact = f"本报讯 {self.day()}，{leader}到{place}调研{r.choice(INDUSTRY)}产业发展工作，{r.choice(COUNTY_HEADS[3:])}{self.person()}陪同。"
        return head + "\n" + self.body([fact], (self.site, self.directive, self.background))


def page_text(rng: random.Random, county: str, date: dt.date, articles: int, length: int = 0) -> str:
    page = Page(rng, county, date, length)
    kinds = (page.meeting, page.investment, page.visit)
    parts = [f"{county[:-1]}日报 {date.year}年{date.month}月{date.day}日"]
    parts += [rng.choice(kinds)() for _ in range(articles)]
    return "\n\n".join(parts) + "\n"


def write_corpus(out: Path, articles: int, *, per_file: int = 8, seed: int = 1, length: int = LENGTH) -> list[Path]:
    """Writes about `articles` articles of about `length` characters into `out` as pages of
    `per_file` articles; returns the files."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    files = []
    start = dt.date(2024, 1, 1)
    for n in range((articles + per_file - 1) // per_file):
        county = "".join(rng.sample(PLACE_ROOTS, 2)) + "县"
        text = page_text(rng, county, start + dt.timedelta(days=n % 700), min(per_file, articles - n * per_file), length)
        path = out / f"page_{n:06d}.txt"
        path.write_text(text, encoding="utf-8")
        files.append(path)
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--per-file", type=int, default=8)
    parser.add_argument("--length", type=int, default=LENGTH, help="characters an article holds on average (0: its facts alone)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    files = write_corpus(args.out, args.articles, per_file=args.per_file, seed=args.seed, length=args.length)
    print(f"{len(files)} files, {sum(len(f.read_text(encoding='utf-8')) for f in files):,} chars → {args.out}")


if __name__ == "__main__":
    main()
