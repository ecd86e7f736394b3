import pytest
from scrapy.http import XmlResponse

from spiders.discovery.feed import feed_links
from spiders.discovery.sitemap import is_sitemap, sitemap_links

URLSET = b"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc> https://a.cn/a/1.html </loc></url><url><loc>https://a.cn/a/2.html</loc></url></urlset>"""
INDEX = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://a.cn/s1.xml</loc></sitemap></sitemapindex>"""


def test_sitemaps_and_indexes():
    assert is_sitemap(URLSET) and is_sitemap(INDEX) and not is_sitemap(b"<rss><channel/></rss>")
    assert sitemap_links(URLSET) == ("urlset", ["https://a.cn/a/1.html", "https://a.cn/a/2.html"])
    assert sitemap_links(INDEX) == ("sitemapindex", ["https://a.cn/s1.xml"])


def test_newest_sitemap_entries_come_first():
    body = b"""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <url><loc>https://a.cn/old.html</loc><lastmod>2019-01-03</lastmod></url>
      <url><loc>https://a.cn/undated.html</loc></url>
      <url><loc>https://a.cn/new.html</loc><lastmod>2024-05-20T07:05:00+08:00</lastmod></url></urlset>"""
    assert sitemap_links(body)[1] == ["https://a.cn/new.html", "https://a.cn/old.html", "https://a.cn/undated.html"]


def test_unreadable_sitemap_is_a_value_error():
    with pytest.raises(ValueError, match="unreadable sitemap"):
        sitemap_links(b"not xml at all <<<")


def test_rss_and_atom_links():
    rss = XmlResponse("https://a.cn/rss.xml", body=b"<rss><channel><item><link>/a/1.html</link></item>"
                                                    b"<item><link> https://a.cn/a/2.html </link></item></channel></rss>")
    assert feed_links(rss) == ["https://a.cn/a/1.html", "https://a.cn/a/2.html"]
    atom = XmlResponse("https://a.cn/atom.xml", body=b'<feed xmlns="http://www.w3.org/2005/Atom"><entry>'
                                                     b'<link rel="alternate" href="https://a.cn/a/3.html"/>'
                                                     b'<link rel="enclosure" href="https://a.cn/x.mp3"/></entry></feed>')
    assert feed_links(atom) == ["https://a.cn/a/3.html"]
