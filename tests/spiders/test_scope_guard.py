import pytest
from scrapy import Request
from scrapy.exceptions import IgnoreRequest

from spiders.middlewares.scope_guard import ScopeGuardMiddleware, is_public

FAKE_DNS = {"news.example.cn": ["203.0.113.10"], "intranet.example.cn": ["10.0.0.5"],
            "metadata.example.cn": ["169.254.169.254"], "mixed.example.cn": ["198.51.100.1", "192.168.1.1"],
            "v6.example.cn": ["::ffff:127.0.0.1"], "public.example.cn": ["8.8.8.8"]}


@pytest.fixture
def guard():
    return ScopeGuardMiddleware(allowed_hosts={"127.0.0.1"}, resolver=lambda host: FAKE_DNS.get(host, []))


@pytest.mark.parametrize("url", ["http://127.0.0.2/x", "http://10.1.2.3/", "http://[::1]/", "http://169.254.169.254/latest",
                                 "http://intranet.example.cn/", "http://metadata.example.cn/", "http://mixed.example.cn/",
                                 "http://v6.example.cn/", "http://0.0.0.0/", "http://224.0.0.1/"])
def test_non_public_addresses_are_refused(guard, url):
    with pytest.raises(IgnoreRequest, match="scope guard"):
        guard.process_request(Request(url))


@pytest.mark.parametrize("url", ["http://public.example.cn/a.html", "http://8.8.8.8/", "http://127.0.0.1:8000/x",
                                 "http://unresolvable.example.cn/"])
def test_public_allowed_and_unresolvable_pass(guard, url):
    assert guard.process_request(Request(url)) is None


def test_address_classes():
    assert is_public("8.8.8.8") and not is_public("100.64.0.1") and not is_public("fe80::1") and not is_public("fc00::1")
