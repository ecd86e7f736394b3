"""Item links of an RSS 1.0/2.0 or Atom feed."""

from __future__ import annotations

from scrapy.http import Response


def feed_links(response: Response) -> list[str]:
    response.selector.remove_namespaces()
    links = response.xpath("//item/link/text() | //entry/link[not(@rel) or @rel='alternate']/@href").getall()
    return [response.urljoin(link.strip()) for link in links if link.strip()]
