"""govmedia-canary against the sample web: healthy as it is, flagged after a layout change."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from flows.canary import CanaryAlarm, govmedia_canary
from flows.sample_web import SAMPLE_WEB_ROOT, SampleWeb
from flows.store import open_store


def test_canary_passes_on_healthy_sources_and_flags_a_redesign(prefect_api, tmp_path):
    store_uri = str(tmp_path / "store")
    with SampleWeb("chinadaily") as web:
        table = govmedia_canary(sources=["chinadaily"], store=store_uri, base_urls={"chinadaily": web.base_url},
                                run_id="canary-ok")
    assert table[0]["status"] == "ok" and table[0]["articles_found"] == 3 and table[0]["extracted"] >= 2
    assert json.loads(open_store(store_uri).get_bytes("runs/canary-ok/health.json"))["sources"][0]["status"] == "ok"

    # The site is redesigned: article bodies now arrive as script data for a JavaScript renderer.
    site = tmp_path / "web"
    shutil.copytree(SAMPLE_WEB_ROOT / "chinadaily", site / "chinadaily")
    for page in (site / "chinadaily" / "a").rglob("*.html"):
        html = page.read_bytes().decode("utf-8", "replace")
        page.write_text(re.sub(r"<p[ >].*?</p>", "", html, flags=re.S).replace("</body>",
                        '<div id="app"></div><script>window.__ARTICLE__={"body":"..."}</script></body>'), encoding="utf-8")
    with SampleWeb("chinadaily", root=site) as web:
        with pytest.raises(CanaryAlarm, match="chinadaily"):
            govmedia_canary(sources=["chinadaily"], store=store_uri, base_urls={"chinadaily": web.base_url},
                            run_id="canary-broken")
    health = json.loads(open_store(store_uri).get_bytes("runs/canary-broken/health.json"))["sources"][0]
    assert health["status"] == "failing" and any("extraction yield" in p for p in health["problems"])
    assert any("dropped" in p for p in health["problems"])
