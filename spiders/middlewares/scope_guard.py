"""Refuse requests to private, loopback, link-local and other non-public addresses.

A hostile page (or a redirect) can point the crawler at 127.0.0.1, 10.x, 169.254.169.254 (cloud
metadata) or an internal host name. Every request, redirects included, passes through here; the
host is resolved and each address checked. ``GOVMEDIA_SCOPE_ALLOW`` lists hosts that may be
private anyway (the sample web on 127.0.0.1 in tests and offline runs).
"""

from __future__ import annotations

import ipaddress
import socket
from functools import lru_cache
from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest, NotConfigured


def resolve(host: str) -> list[str]:
    try:
        return sorted({info[4][0] for info in socket.getaddrinfo(host, None)})
    except (socket.gaierror, UnicodeError):
        return []  # unresolvable: the download fails on its own and is recorded as such


def is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


class ScopeGuardMiddleware:
    def __init__(self, allowed_hosts: set[str], resolver=resolve, stats=None):
        self.allowed_hosts = allowed_hosts
        self.resolve = lru_cache(maxsize=4096)(resolver)
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("GOVMEDIA_SCOPE_GUARD_ENABLED", True):
            raise NotConfigured
        allowed = {h.strip().lower() for h in crawler.settings.getlist("GOVMEDIA_SCOPE_ALLOW") if h.strip()}
        return cls(allowed, stats=crawler.stats)

    def process_request(self, request, spider=None):
        host = (urlsplit(request.url).hostname or "").lower()
        if not host or host in self.allowed_hosts:
            return None
        try:
            addresses = [host] if ipaddress.ip_address(host) else []
        except ValueError:
            addresses = self.resolve(host)
        blocked = [a for a in addresses if not is_public(a)]
        if blocked:
            if self.stats:
                self.stats.inc_value("govmedia/blocked/non_public_address")
            raise IgnoreRequest(f"scope guard: {host} resolves to non-public address {blocked[0]}")
        return None
