"""Build the HTML fixtures from corpus texts:  python tests/golden_html/make_fixtures.py [CORPUS_DIR]

Each NAME.html is a government-portal page around the text of the corpus' NAME.txt: a top bar,
logo and navigation menu, search form, breadcrumb, the 索引号 metadata table, the article (title,
info line, body, share/print widgets), related links, a sidebar, the footer and scripts.  Lines of
the .txt that are themselves portal furniture (``来源:…``, ``当前位置:首页``, ``分享到:``) go to the
page chrome where they came from; every other line goes into the article.  NAME.txt and
NAME.gold.json are copied alongside.

Variations: charset declared by ``<meta charset>`` (wujiang, UTF-8), by ``http-equiv`` as gb2312
with GB18030 bytes (d10), undeclared GBK (d13, left to detection), UTF-8 with a BOM (d17);
paragraphs as ``<p>`` with inline ``<strong>/<span>``, as ``<div>``, as ``<br>``-separated lines;
d10's 任务分解表 as a ``<table>`` with a ``rowspan`` for item 5's second task.
"""
from __future__ import annotations

import html
import re
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # tests/: the shared fixture helpers
from fixture_cells import DEADLINE_CELL, group_rows  # noqa: E402

DEFAULT_CORPUS = HERE.parents[2] / "shared" / "corpus"

# Lines of the corpus text that a portal shows outside the article body.
FURNITURE_LINE = re.compile(
    r"""^\s*(当前位置|>>\s*专题专栏|来源[:：]|发布日期[:：]|点击数[:：]|时间[:：].*浏览次数|分享到[:：])""",
    re.VERBOSE,
)
NAV = ["首页", "政务公开", "政务服务", "互动交流", "走进本地", "专题专栏"]
RELATED = ["关于做好2021年度政府信息公开工作的通知", "区政府2020年工作报告", "关于进一步优化营商环境的若干措施"]
SIDEBAR = ["优化营商环境", "乡村振兴", "疫情防控专栏", "政府开放日"]
TABLE_HEADER = ["序号", "民生实事", "责任单位", "完成时限"]

PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
{charset}<title>{title}_{site}</title>
<meta name="keywords" content="{site},政务公开">
<link rel="stylesheet" href="/css/style.css">
<style>body{{font-family:"SimSun";}} .zoom p{{text-indent:2em;}}</style>
<script src="/js/jquery.min.js"></script>
<script>var _hmt = _hmt || []; document.write("<div>统计代码</div>");</script>
</head>
<body>
<div class="top-bar"><div class="wrap"><span>欢迎访问{site}！</span><a href="#">无障碍浏览</a> | <a href="#">长者模式</a> | <a href="#">登录</a> | <a href="#">注册</a></div></div>
<div id="header"><div class="logo"><img src="/images/logo.png" alt="{site}"><h2>{site}</h2></div>
<div class="search"><form action="/search"><input type="text" name="q" value="请输入关键字"><button>搜索</button></form></div></div>
<div class="nav"><ul>{nav}</ul></div>
<div class="breadcrumb">{breadcrumb}</div>
<div class="container">
<div class="main-left">
<table class="xxgk-meta" width="100%">
<tr><td>索引号：</td><td>014000319/2021-00012</td><td>主题分类：</td><td>综合政务</td></tr>
<tr><td>发布机构：</td><td>{site}办公室</td><td>发文日期：</td><td>2021-01-20</td></tr>
<tr><td>名　　称：</td><td colspan="3">{title}</td></tr>
</table>
<div class="article">
<h1 class="article-title">{title}</h1>
<div class="article-info">{info} 字号：<a href="#">[大]</a><a href="#">[中]</a><a href="#">[小]</a></div>
<div class="TRS_Editor" id="zoom">
{body}
</div>
<div class="share"><div class="bdsharebuttonbox">{share}<a class="bds_weixin">微信</a><a class="bds_tsina">微博</a><a class="bds_qzone">QQ空间</a></div></div>
<div class="tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a> <a href="#top">【返回顶部】</a></div>
<div class="prev-next"><p>上一篇：<a href="#">关于开展安全生产大检查的通知</a></p><p>下一篇：<a href="#">关于做好春节期间工作的通知</a></p></div>
<div class="related"><h3>相关文件</h3><ul>{related}</ul></div>
</div>
</div>
<div class="sidebar"><h3>热点专题</h3><ul>{sidebar}</ul><div class="qrcode"><img src="/images/ewm.png">扫一扫在手机打开当前页</div></div>
</div>
<div class="footer"><p><a href="#">网站地图</a> | <a href="#">联系我们</a> | <a href="#">隐私声明</a></p>
<p>主办单位：{site}办公室　承办单位：{site}大数据中心</p>
<p>网站标识码：3205840001　<a href="#">苏ICP备05007180号</a>　版权所有 &copy; {site}</p></div>
<script>$(function(){{ $("#zoom").css("font-size","16px"); }});</script>
</body>
</html>
"""


def links(items: list[str]) -> str:
    return "".join(f'<li><a href="#">{html.escape(item)}</a></li>' for item in items)


# ---------------------------------------------------------------------------- article bodies
def p_body(lines: list[str]) -> str:
    """One ``<p>`` per line; outline headings in <strong>, the first words of a paragraph in <span>."""
    out = []
    for line in lines:
        text = html.escape(line.strip())
        if not text:
            out.append("<p>&nbsp;</p>")
        elif re.match(r"^[一二三四五六七八九十]+、", text) and len(text) < 40:
            out.append(f'<p style="text-align:left"><strong><span style="font-family:黑体">{text}</span></strong></p>')
        else:
            # a source line break inside the paragraph, as HTML editors leave them
            cut = min(12, len(text))
            out.append(f'<p style="text-indent:2em">\n<span>{text[:cut]}</span>\n{text[cut:]}</p>')
    return "\n".join(out)


def div_body(lines: list[str]) -> str:
    return "\n".join(f"<div>　　{html.escape(line.strip())}</div>" if line.strip() else "<div><br></div>" for line in lines)


def br_body(lines: list[str]) -> str:
    return '<div class="content">' + "<br>\n".join(html.escape(line.strip()) for line in lines if line.strip()) + "</div>"


def table_body(lines: list[str]) -> str:
    """d10: paragraphs, then the 任务分解表 as a table with a rowspan, then what follows."""
    stripped = [line.strip() for line in lines]
    start = stripped.index(TABLE_HEADER[0])
    end = next(i for i in range(len(stripped) - 1, 0, -1) if DEADLINE_CELL.search(stripped[i])) + 1
    cells = [c for c in stripped[start:end] if c][len(TABLE_HEADER):]
    rows = group_rows(cells)
    head = "<tr>" + "".join(f"<td><p><strong>{h}</strong></p></td>" for h in TABLE_HEADER) + "</tr>"
    body = "\n".join(table_row(row, rows, i) for i, row in enumerate(rows))
    table = f'<table border="1" cellspacing="0" style="border-collapse:collapse">\n{head}\n{body}\n</table>'
    return "\n".join([p_body(lines[:start]), table, p_body(lines[end:])])


def table_row(row: tuple[str, str, list[str], str], rows: list, i: int) -> str:
    number, task, units, deadline = row
    if not number:  # 序号 and 责任单位 come from the rowspan of the row above
        return f"<tr><td>{task}</td><td>{deadline}</td></tr>"
    continued = i + 1 < len(rows) and not rows[i + 1][0]
    span = ' rowspan="2"' if continued else ""
    unit_html = "".join(f"<p>{u}</p>" for u in units)
    return f"<tr><td{span}>{number}</td><td>{task}</td><td{span}>{unit_html}</td><td>{deadline}</td></tr>"


# ---------------------------------------------------------------------------- pages
FIXTURES = {
    # name: (site, encoding, charset declaration, BOM, body builder)
    "wujiang_silk_2021": ("苏州市吴江区人民政府", "utf-8", '<meta charset="utf-8">\n', False, p_body),
    "d10": ("大竹县人民政府", "gb18030",
            '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">\n', False, table_body),
    "d13": ("威海市人民政府", "gbk", "", False, br_body),
    "d17": ("丽水市人民政府", "utf-8", "", True, div_body),
}


def page(name: str, lines: list[str]) -> bytes:
    site, encoding, charset, bom, body = FIXTURES[name]
    furniture = [line.strip() for line in lines if FURNITURE_LINE.match(line)]
    content = [line for line in lines if not FURNITURE_LINE.match(line)]
    while not content[0].strip():
        content.pop(0)
    title = content.pop(0).strip()
    info = " ".join(f for f in furniture if not f.startswith(("当前位置", ">>", "分享到")))
    crumbs = [f for f in furniture if f.startswith(("当前位置", ">>"))] or ["当前位置：首页 > 政府信息公开 > 文件"]
    text = PAGE.format(
        charset=charset, title=html.escape(title), site=site, nav=links(NAV),
        breadcrumb=html.escape(" ".join(crumbs)), info=html.escape(info or "发布时间：2021-01-25 来源：本站"),
        body=body(content), share="分享到：", related=links(RELATED), sidebar=links(SIDEBAR),
    )
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding)


def main(argv: list[str]) -> None:
    corpus = Path(argv[1]) if len(argv) > 1 else DEFAULT_CORPUS
    for name in FIXTURES:
        lines = (corpus / f"{name}.txt").read_text(encoding="utf-8").splitlines()
        (HERE / f"{name}.html").write_bytes(page(name, lines))
        for suffix in (".txt", ".gold.json"):
            shutil.copyfile(corpus / f"{name}{suffix}", HERE / f"{name}{suffix}")


if __name__ == "__main__":
    main(sys.argv)
