"""A large made-up corpus of the genre: county-paper pages of meetings, posts, places and investments.

Sentences are templates of the genre filled with generated names, places, amounts
and dates, so the build meets what it meets in real pages, at any size.

    python benchmarks/corpus.py OUT_DIR --articles 10000 [--per-file 8] [--seed 1]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "建国立新海波志远晓东雅琴丽华国栋明辉文杰春梅秀英振华永刚俊峰红霞伟民德胜玉兰佳慧宏伟雪松敏锐长青家豪思源静怡子健"
COUNTY_HEADS = ["县委书记", "县长", "县委副书记", "常务副县长", "副县长", "县人大常委会主任", "县政协主席", "县委常委、宣传部部长", "县委常委、组织部部长"]
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


class Page:
    def __init__(self, rng: random.Random, county: str, date: dt.date):
        self.rng, self.county, self.date = rng, county, date

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
        return head + "\n" + "\n".join(body[: r.randint(2, 3)])

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
        return head + "\n" + "\n".join(body)

    def visit(self) -> str:
        r = self.rng
        leader = f"{r.choice(COUNTY_HEADS)}{self.person()}"
        place = self.place()
        head = f"{leader[:2]}领导调研{place}工作"
        return head + "\n" + f"本报讯 {self.day()}，{leader}到{place}调研{r.choice(INDUSTRY)}产业发展工作，{r.choice(COUNTY_HEADS[3:])}{self.person()}陪同。"


def page_text(rng: random.Random, county: str, date: dt.date, articles: int) -> str:
    page = Page(rng, county, date)
    kinds = (page.meeting, page.investment, page.visit)
    parts = [f"{county[:-1]}日报 {date.year}年{date.month}月{date.day}日"]
    parts += [rng.choice(kinds)() for _ in range(articles)]
    return "\n\n".join(parts) + "\n"


def write_corpus(out: Path, articles: int, *, per_file: int = 8, seed: int = 1) -> list[Path]:
    """Writes about `articles` articles into `out` as pages of `per_file` articles; returns the files."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    files = []
    start = dt.date(2024, 1, 1)
    for n in range((articles + per_file - 1) // per_file):
        county = "".join(rng.sample(PLACE_ROOTS, 2)) + "县"
        text = page_text(rng, county, start + dt.timedelta(days=n % 700), min(per_file, articles - n * per_file))
        path = out / f"page_{n:06d}.txt"
        path.write_text(text, encoding="utf-8")
        files.append(path)
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--per-file", type=int, default=8)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    files = write_corpus(args.out, args.articles, per_file=args.per_file, seed=args.seed)
    print(f"{len(files)} files, {sum(len(f.read_text(encoding='utf-8')) for f in files):,} chars → {args.out}")


if __name__ == "__main__":
    main()
