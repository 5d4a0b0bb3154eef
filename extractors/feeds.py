"""RSS 2.0 and Atom feeds: the article links they announce.

Parsed with an XML parser that never resolves entities nor touches the
network (no XXE, no billion laughs).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin

import lxml.etree


class FeedError(ValueError):
    """The bytes are not a feed chiso can read."""


@dataclass(frozen=True, slots=True)
class FeedItem:
    url: str
    title: str | None = None
    published_at: datetime | None = None


_PARSER = lxml.etree.XMLParser(
    resolve_entities=False, no_network=True, huge_tree=False, recover=True, remove_comments=True
)


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _text(element) -> str | None:
    if element is None or element.text is None:
        return None
    return " ".join(element.text.split()) or None


def _date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        try:
            parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def parse_feed(raw: bytes, feed_url: str) -> list[FeedItem]:
    try:
        root = lxml.etree.fromstring(raw, _PARSER)
    except lxml.etree.XMLSyntaxError as exc:
        raise FeedError(f"not an RSS or Atom feed: {exc}") from exc
    if root is None:
        raise FeedError("not an RSS or Atom feed: the document is empty")
    kind = _local(root.tag)
    items: list[FeedItem] = []
    if kind in ("rss", "RDF"):
        for item in root.iter():
            if _local(item.tag) != "item":
                continue
            children = {_local(c.tag): c for c in item}
            link = _text(children.get("link")) or _text(children.get("guid"))
            if link:
                items.append(
                    FeedItem(
                        urljoin(feed_url, link),
                        _text(children.get("title")),
                        _date(_text(children.get("pubDate")) or _text(children.get("date"))),
                    )
                )
    elif kind == "feed":
        for entry in root:
            if _local(entry.tag) != "entry":
                continue
            href = None
            for child in entry:
                if _local(child.tag) == "link" and child.get("rel", "alternate") == "alternate":
                    href = child.get("href")
                    break
            if href:
                children = {_local(c.tag): c for c in entry}
                items.append(
                    FeedItem(
                        urljoin(feed_url, href.strip()),
                        _text(children.get("title")),
                        _date(_text(children.get("published")) or _text(children.get("updated"))),
                    )
                )
    else:
        raise FeedError(f"not an RSS or Atom feed: the root element is <{kind}>")
    seen: dict[str, FeedItem] = {}
    for item in items:
        seen.setdefault(item.url, item)
    return list(seen.values())
