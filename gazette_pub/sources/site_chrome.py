"""Site chrome: the lines a website (or a repository of documents) prints around an
article — navigation, page tools, the site's name, counters, notes on where a
document is collected, footer — recognized by their words, never by a site's name.

Contract: :func:`is_chrome_text` tells such a line; the readers discard it with their
reason (:mod:`.web_page` around the article, :mod:`.standalone` between a document's
head and its body).
"""

from __future__ import annotations

import re

#: Site chrome lines: navigation before the article, footer after it.
CHROME_RE = re.compile(
    r"""
    .*?
    (?: 版权所有 | 运营维护 | 主办单位 | 承办单位 | 网站标识码 | ICP备 | 公网安备
      | 技术支持 | 联系我们 | 网站地图 | 设为首页 | 加入收藏 | 打印本页 | 关闭窗口
      | (?: 当前 | 您的 | 您现在的 | 您所在的 | 所在 ) 位置 | 字[体号][:：]? \s* [【\[]? \s* 大
      | 扫一扫 | 分享到 | 分享 \s* [:：] | 上一篇 | 下一篇 | 相关链接 | 相关阅读 | 返回顶部
      | 无障碍 | 视力保护色 | 护眼模式 | 手机版 | 官方微信 | 官方微博
      | 备案号 | 下载地址 | 点击此处下载 | 附件下载 | 在手机打开
      | 点此查看 | 查看全文 | 查看更多 | 阅读全文 | 相关文章 | 发表评论
      | 本作品 (?: 收[录錄] | 是 ) | 收[录錄][于於] \s* 《                # a repository's notes
      | 第 \s* \[? \s* \d+ \s* \]? \s* 页 \s* 共 \s* \[? \s* \d+ \s* \]? \s* 页   # 第 [1] 页 共[2]页
      | [【\[] \s* (?: 打印 | 关闭 | 收藏 | (?:我要)? 纠错 | 大 \s* 中 \s* 小 ) \s* [】\]] )
  | (?: \s* [【\[] [^】\]]{1,8} [】\]] )+ \s* $                     # 【收藏】【纠错】: only buttons
  | \s* (?: 主办 | 承办 | 协办 ) \s* [:：] .*                     # 主办：… (footer)
  | \s* (?: 信息来源 | 来源 | 稿源 ) \s* [:：] [^，。；]{0,20} [|｜\s]* $   # 来源：某某 (a repost's source)
  | [^，。；]{2,30} \s* (?: 主办 | 承办 | 协办 ) \s* $               # 示范市人民政府 主办 (footer)
  | [\u4e00-\u9fff]{2,20} (?: 门户网站 | 人民政府网 | 政府网站 | 政务网 | 政务服务网 )   # the site name
  | [\u4e00-\u9fff]{2,12} 网 \s* [-—–_]{1,3} \s* [\u4e00-\u9fff]{2,20} 网 \s* $  # 某网--某某搜索网
  | [^|｜\s，。；：:]{2,20} (?: \s* [|｜] \s* [^|｜\s，。；：:]{2,20} ){1,3} \s* $   # 站点|栏目 (a page title)
    """,
    re.X,
)


#: A breadcrumb by its shape: short links joined by > / >> / » / › / ＞ / /, the first the
#: site's home (首页, 主页, 网站首页) or its name (某某网, 某某门户), maybe after a 位置：
#: label; one separator is enough (首页 > 通知公告, 首页>>正文). Not → (a body's
#: instructions: 登录某某网→个人办事→查询).
BREADCRUMB_RE = re.compile(
    r"""
    \s* (?: [\u4e00-\u9fff]{0,6} 位置 \s* [:：]? \s* )?       # 您现在的位置： / 位置：
    (?: (?: 网站 )? 首页 | 主页 | [^\s>»›＞/，。；：:]{2,20} (?: 网 | 网站 | 门户 ) )   # home
    (?: \s* (?: >{1,2} | » | › | ＞{1,2} | / ) \s*           # a separator
        [^\s>»›＞/，。；：:！？]{1,20} )+                      # a short link
    \s* (?: >{1,2} | » | › | ＞{1,2} )? \s*                  # maybe a trailing separator
    """,
    re.X,
)


def is_breadcrumb_text(text: str) -> bool:
    """Is ``text`` a breadcrumb (``首页 > 通知公告``, ``某某网 » 政务公开 » 正文``)?"""
    return bool(BREADCRUMB_RE.fullmatch(text))


#: Longest line that can be chrome (a footer of several fields; a whole document run
#: together on one line by a scraper is longer).
CHROME_MAX = 160
#: Full stops a chrome line holds at most (a licence note's one sentence).
CHROME_SENTENCES_MAX = 1


def is_chrome_text(text: str) -> bool:
    """Is ``text`` a line of site chrome (navigation, breadcrumbs, tools, the site's name,
    footer)?
    Never a long line or one of several sentences: a chrome word inside running text
    (分享到, 来源：) does not make the text chrome."""
    return (len(text) <= CHROME_MAX and text.count("。") <= CHROME_SENTENCES_MAX
            and bool(CHROME_RE.match(text))) or is_breadcrumb_text(text)
