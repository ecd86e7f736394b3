"""Ingest stage: local .html, .txt and .warc(.gz) files become a raw/ archive like a crawl's.

Files are written as WARC ``resource`` records (URI ``file://…``); response and resource records
of WARC inputs are copied. From then on ingested pages go through the same cleaning and dedup.
"""

from __future__ import annotations

import gzip
import io
import json
import mimetypes
import shutil
from datetime import datetime, timezone
from pathlib import Path

from prefect import get_run_logger, task
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from flows.config import Settings
from flows.raw_archive import archive_staging
from flows.store import open_store

FILE_TYPES = {".html": "text/html", ".htm": "text/html", ".xhtml": "application/xhtml+xml", ".txt": "text/plain"}
WARC_SUFFIXES = (".warc", ".warc.gz")


def iter_input_files(paths: list[str]):
    for raw in paths:
        path = Path(raw).expanduser().resolve()
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file())
        else:
            yield path


class StagingArchive:
    """A staging folder in the crawl's shape: warc/<run>-00000.warc.gz plus pages.jsonl."""

    def __init__(self, folder: Path, run_id: str, source: str):
        (folder / "warc").mkdir(parents=True, exist_ok=True)
        self.source, self.run_id = source, run_id
        self.handle = open(folder / "warc" / f"{run_id}-00000.warc.gz", "wb")
        self.writer = WARCWriter(self.handle, gzip=True, warc_version="WARC/1.1")
        self.pages = open(folder / "pages.jsonl", "w", encoding="utf-8")
        self.count = 0

    def add(self, uri: str, body: bytes, content_type: str, fetched_at: datetime, status: int | None = None,
            http_headers: StatusAndHeaders | None = None, error: str = "", via: str = "ingest") -> None:
        offset = length = None
        record_id = ""
        if not error:
            kind = "response" if http_headers is not None else "resource"
            record = self.writer.create_warc_record(
                uri, kind, payload=io.BytesIO(body), http_headers=http_headers,
                warc_content_type=None if http_headers is not None else (content_type or "application/octet-stream"),
                warc_headers_dict={"WARC-Date": fetched_at.strftime("%Y-%m-%dT%H:%M:%SZ")},
            )
            offset = self.handle.tell()
            self.writer.write_record(record)
            length, record_id = self.handle.tell() - offset, record.rec_headers.get_header("WARC-Record-ID")
        page = {"url": uri, "final_url": uri, "source": self.source, "run_id": self.run_id, "page_kind": "article",
                "fetched_at": fetched_at.isoformat(), "status": status, "error": error, "discovered_via": via,
                "referer": "", "depth": 0, "redirect_urls": [], "lang_hint": "", "headers": {"content-type": content_type},
                "content_type": content_type, "body_bytes": len(body), "body_sha1": "",
                "warc_file": Path(self.handle.name).name if not error else "", "warc_offset": offset,
                "warc_length": length, "warc_record_id": record_id}
        self.pages.write(json.dumps(page, ensure_ascii=False) + "\n")
        self.count += 1

    def close(self) -> None:
        self.handle.close()
        self.pages.close()


def looks_like_warc(path: Path) -> bool:
    """warcio reads almost anything as a legacy ARC record, so check the WARC/ version line first."""
    with open(path, "rb") as handle:
        head = handle.read(2)
        handle.seek(0)
        try:
            start = (gzip.GzipFile(fileobj=handle) if head == b"\x1f\x8b" else handle).read(5)
        except (OSError, EOFError):
            return False
    return start == b"WARC/"


def copy_warc(archive: StagingArchive, path: Path) -> None:
    if not looks_like_warc(path):
        archive.add(path.as_uri(), b"", "application/warc", _mtime(path), error="not a WARC file (no WARC/ header)",
                    via=f"ingest:{path.name}")
        return
    try:
        with open(path, "rb") as handle:
            for record in ArchiveIterator(handle):
                if record.rec_type not in ("response", "resource"):
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI") or path.as_uri()
                date_text = record.rec_headers.get_header("WARC-Date") or "1970-01-01T00:00:00Z"
                fetched_at = datetime.fromisoformat(date_text.replace("Z", "+00:00"))
                body = record.content_stream().read()
                if record.http_headers is not None and record.rec_type == "response":
                    headers = record.http_headers
                    status = int(headers.get_statuscode() or 0) or None
                    kept = [(k, v) for k, v in headers.headers if k.lower() not in ("content-length", "transfer-encoding", "content-encoding")]
                    kept.append(("Content-Length", str(len(body))))
                    archive.add(uri, body, headers.get_header("Content-Type") or "", fetched_at, status,
                                StatusAndHeaders(headers.statusline, kept, protocol=headers.protocol or "HTTP/1.1"),
                                via=f"ingest:{path.name}")
                else:
                    content_type = record.rec_headers.get_header("Content-Type") or ""
                    archive.add(uri, body, content_type, fetched_at, via=f"ingest:{path.name}")
    except (ArchiveLoadFailed, OSError, ValueError, EOFError) as error:
        archive.add(path.as_uri(), b"", "application/warc", _mtime(path),
                    error=f"unreadable WARC: {type(error).__name__}: {error}"[:500], via=f"ingest:{path.name}")


def _mtime(path: Path) -> datetime:
    return datetime.fromtimestamp(path.stat().st_mtime, tz=timezone.utc).replace(microsecond=0)


def stage_local_files(paths: list[str], folder: Path, run_id: str, source: str) -> int:
    archive = StagingArchive(folder, run_id, source)
    try:
        for path in iter_input_files(paths):
            if not path.exists():
                archive.add(path.as_uri(), b"", "", datetime.now(timezone.utc).replace(microsecond=0),
                            error="no such file")
            elif path.name.endswith(WARC_SUFFIXES):
                copy_warc(archive, path)
            else:
                content_type = FILE_TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                archive.add(path.as_uri(), path.read_bytes(), content_type, _mtime(path))
    finally:
        archive.close()
    return archive.count


@task(name="ingest-files")
def ingest_files(store_uri: str, paths: list[str], source: str, run_id: str, day: str, settings: Settings) -> dict:
    log = get_run_logger()
    folder = settings.staging_dir / run_id / source
    shutil.rmtree(folder, ignore_errors=True)
    count = stage_local_files(paths, folder, run_id, source)
    log.info("staged %d local pages from %d path(s)", count, len(paths))
    result = archive_staging(open_store(store_uri, settings), folder, source, run_id, day)
    shutil.rmtree(folder, ignore_errors=True)
    return result
