"""The bundled sample web: fixture sites served on 127.0.0.1, for tests and for offline ``make run``.

Each site is a folder under ``tests/fixtures/web/<source>/`` whose paths mirror the real site's.
``_server.json`` in a site folder lists redirects, per-path header overrides and ``mirror_of``: the
real site's origins, which the server rewrites to its own address in what it serves (sitemaps and
feeds must carry absolute URLs), as a mirror would.
"""

from __future__ import annotations

import hashlib
import json
import mimetypes
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

SAMPLE_WEB_ROOT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "web"
DEFAULT_TYPES = {".html": "text/html; charset=utf-8", ".htm": "text/html; charset=utf-8",
                 ".xml": "application/xml", ".txt": "text/plain; charset=utf-8"}


def _handler_for(docroot: Path, config: dict):
    redirects = config.get("redirects", {})
    header_overrides = config.get("headers", {})
    mirrored_origins = [origin.encode() for origin in config.get("mirror_of", [])]

    class SampleSiteHandler(BaseHTTPRequestHandler):
        server_version = "govmedia-sample-web"

        def log_message(self, format, *args):  # quiet: tests and runs report their own progress
            pass

        def do_HEAD(self):
            self._respond(send_body=False)

        def do_GET(self):
            self._respond(send_body=True)

        def _respond(self, send_body: bool):
            path = unquote(urlsplit(self.path).path)
            if path in redirects:
                self.send_response(301)
                self.send_header("Location", redirects[path])
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            target = (docroot / path.lstrip("/")).resolve()
            if target.is_dir() and not path.endswith("/"):
                self.send_response(301)  # as real servers do, so relative links resolve inside the folder
                self.send_header("Location", path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if target.is_dir():
                target = target / "index.html"
            if docroot not in target.parents or not target.is_file() or target.name.startswith("_"):
                body = b"<html><body><h1>404 Not Found</h1></body></html>"
                self.send_response(404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if send_body:
                    self.wfile.write(body)
                return
            body = target.read_bytes()
            etag = '"%s"' % hashlib.sha1(body).hexdigest()[:16]
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)  # the page has not changed since the crawler last saw it
                self.send_header("ETag", etag)
                self.end_headers()
                return
            if mirrored_origins and target.suffix in (".xml", ".rss", ".atom"):
                own = f"http://{self.headers.get('Host', '127.0.0.1')}".encode()
                for origin in mirrored_origins:
                    body = body.replace(origin, own)
            headers = {"Content-Type": DEFAULT_TYPES.get(target.suffix, mimetypes.guess_type(target.name)[0]
                                                         or "application/octet-stream")}
            headers.update(header_overrides.get(path, {}))
            headers["ETag"] = etag
            self.send_response(200)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if send_body:
                self.wfile.write(body)

    return SampleSiteHandler


class SampleWeb:
    """One fixture site on a free loopback port; use as a context manager."""

    def __init__(self, source: str = "chinadaily", root: Path = SAMPLE_WEB_ROOT, port: int = 0):
        self.docroot = (root / source).resolve()
        if not self.docroot.is_dir():
            raise FileNotFoundError(f"no sample web for {source!r} at {self.docroot} (it ships with a source checkout)")
        config_path = self.docroot / "_server.json"
        config = json.loads(config_path.read_text(encoding="utf-8")) if config_path.exists() else {}
        self.server = ThreadingHTTPServer(("127.0.0.1", port), _handler_for(self.docroot, config))
        self.thread = threading.Thread(target=self.server.serve_forever, name=f"sample-web-{source}", daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> "SampleWeb":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)
