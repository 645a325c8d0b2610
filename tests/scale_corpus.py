"""Small hand-written pages of the genre for the build-at-scale tests (parallel, incremental, load, Dask)."""

from __future__ import annotations

from pathlib import Path

PAGES = {
    "a.txt": """衢南日报 2024年5月10日

县委召开常委会议
本报讯（记者 周明）5月9日，县委书记钱立新主持召开县委常委会议，县长孙建华、副县长赵雅琴等出席会议。

新能源项目落户江桥镇
江桥镇位于衢南县北部。5月8日，浙江绿源科技有限公司投资5000万元建设光伏项目，项目总投资约3.2亿元。
""",
    "b.txt": """衢南日报 2024年5月11日

全县安全生产工作会议召开
本报讯（记者 林晓）5月10日，副县长赵雅琴主持召开全县安全生产工作会议，县应急管理局局长吴国栋出席会议并讲话。

石梁镇建设文旅综合体
石梁镇位于衢南县东部。衢南文旅发展有限公司投资8000万元建设石梁古村文旅综合体项目，项目总投资约2.5亿元。

县政府召开常务会议
本报讯 5月10日，县长孙建华主持召开县政府常务会议，副县长郑海波、方丽等出席会议。
""",
    "c.txt": """衢南日报 2024年5月12日

招商引资推进会召开
本报讯（记者 周明）5月11日，县委副书记何志远主持召开全县招商引资推进会，县发改局局长陈晓东等出席会议。

智能制造产业园开工
龙溪街道位于衢南县中部。浙江恒瑞智能装备有限公司投资1.5亿元建设智能制造产业园项目，项目总投资约6亿元。
""",
}


def write_pages(folder: Path, names=None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names or PAGES:
        (folder / name).write_text(PAGES[name], encoding="utf-8")
    return folder
