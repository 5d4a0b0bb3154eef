"""National news sites: each profile names where the site keeps each field."""

from extractors.html.profile import SiteProfile

# VCCorp's CMS (Tuổi Trẻ, Người Lao Động, CafeF, Báo Chính phủ) marks its
# fields with data-role attributes.
_VCCORP_BODY = ('div.detail-content[data-role="content"]', '[itemprop="articleBody"]')
_VCCORP_DROP = (
    '[type="RelatedOneNews"]',
    '[type="RelatedNewsBox"]',
    ".VCObjectBoxRelatedNewsItemSapo",
    ".VCSortableInPreviewMode.link-content-footer",
    ".kbwscwl-relatedbox",
    ".react-relate",
    ".detail__related",
)

VNEXPRESS = SiteProfile(
    name="vnexpress",
    domains=("vnexpress.net",),
    title=("h1.title-detail",),
    lead=("p.description",),
    body=("article.fck_detail",),
    published=("span.date",),
    tags=("h4.item-tag a",),
    drop=(".box-tinlienquanv2", ".box_comment_vne", ".box_brief_info", ".list-news"),
    captions=("figcaption", "table.tplCaption p.Image", ".media-caption"),
    byline_last_paragraph=True,
    article_url_pattern=r"-\d{6,}\.html$",
)

DANTRI = SiteProfile(
    name="dantri",
    domains=("dantri.com.vn",),
    title=('h1[data-slot="title"]', "h1.title-page", "h1"),
    lead=('[data-slot="sapo"]', "h2.singular-sapo"),
    body=('[data-slot="content"]', "div.singular-content"),
    authors=('a[href*="/tac-gia/"]', "div.author-name"),
    published=("time[datetime]", "time.author-time"),
    article_url_pattern=r"-\d{17}\.htm$",
)

TUOITRE = SiteProfile(
    name="tuoitre",
    domains=("tuoitre.vn",),
    title=('h1[data-role="title"]', "h1.detail-title", "h1.article-title"),
    lead=('[data-role="sapo"]', "h2.detail-sapo"),
    body=_VCCORP_BODY,
    authors=('.detail-author a[href*="/tac-gia/"]', ".author-item-name"),
    published=('[data-role="publishdate"]', ".detail-time"),
    drop=_VCCORP_DROP,
    article_url_pattern=r"-\d{17}\.htm$",
)

VIETNAMNET = SiteProfile(
    name="vietnamnet",
    domains=("vietnamnet.vn",),
    title=("h1.content-detail-title",),
    lead=(".content-detail-sapo", "h2.sapo"),
    body=("#maincontent", "div.maincontent"),
    authors=(
        ".article-detail-author__info .name",
        ".article-detail-author__info a",
        "p.article-detail-author__info",
    ),
    published=(".bread-crumb-detail__time", ".publish-date"),
    drop=(".article-relate", ".related", ".vnn-box-related", ".insert-wiki-content"),
    article_url_pattern=r"-\d{6,}\.html$",
)

NLD = SiteProfile(
    name="nld",
    domains=("nld.com.vn",),
    title=('h1[data-role="title"]', "h1.detail-title"),
    lead=('[data-role="sapo"]', ".detail-sapo"),
    body=_VCCORP_BODY,
    authors=('[data-role="author"]', ".detail-author .name", ".detail-author"),
    published=('[data-role="publishdate"]', ".detail-time"),
    drop=_VCCORP_DROP + (".detail-vip-box", ".vip-box", ".box-vip"),
    article_url_pattern=r"-\d{18}\.htm$",
)

CAFEF = SiteProfile(
    name="cafef",
    domains=("cafef.vn",),
    title=('h1[data-role="title"]', "h1.title"),
    lead=('[data-role="sapo"]', "h2.sapo"),
    body=_VCCORP_BODY,
    authors=("p.author", ".author"),
    published=('[data-role="publishdate"]', ".pdate"),
    drop=_VCCORP_DROP,
    article_url_pattern=r"-\d{17,18}\.chn$",
)

BAOCHINHPHU = SiteProfile(
    name="baochinhphu",
    domains=("baochinhphu.vn", "chinhphu.vn"),
    title=('h1[data-role="title"]', "h1.detail-title"),
    lead=('[data-role="sapo"]', ".detail-sapo"),
    body=_VCCORP_BODY,
    authors=(".detail-author-top", ".detail-author"),
    published=('[data-role="publishdate"]', ".detail-time"),
    drop=_VCCORP_DROP,
    article_url_pattern=r"-\d{18}\.htm$",
)

BAODAUTU = SiteProfile(
    name="baodautu",
    domains=("baodautu.vn",),
    title=("div.title-detail", "h1.title-detail", "h1"),
    lead=(".sapo_detail",),
    body=("#content_detail_news", "div.content_detail_news", "div.main_content"),
    authors=("a.author", ".author"),
    published=(".post-time",),
    drop=(".list_news_relation_top", ".news_relate_one", ".box_comment", ".tag_detail"),
    article_url_pattern=r"-d\d{5,}\.html$",
)
