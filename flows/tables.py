"""Parquet schemas of every table in the bucket, and rows <-> Parquet bytes.

Partition columns (``source``, ``date``) are in the key only, never inside a file: pandas/pyarrow
refuse a dataset whose files repeat a partition column, and DuckDB/Spark add them from the path.
"""

from __future__ import annotations

import io
import re
from datetime import date, datetime

import pyarrow as pa
import pyarrow.parquet as pq

TIMESTAMP = pa.timestamp("ms", tz="UTC")
STRINGS = pa.list_(pa.string())

PAGES = pa.schema([
    ("url", pa.string()), ("final_url", pa.string()), ("status", pa.int32()), ("blocked", pa.string()),
    ("error", pa.string()),
    ("page_kind", pa.string()), ("fetched_at", TIMESTAMP), ("discovered_via", pa.string()),
    ("referer", pa.string()), ("depth", pa.int32()), ("redirect_urls", STRINGS), ("lang_hint", pa.string()),
    ("content_type", pa.string()), ("headers", pa.map_(pa.string(), pa.string())), ("body_bytes", pa.int64()),
    ("body_sha1", pa.string()), ("warc_file", pa.string()), ("warc_offset", pa.int64()),
    ("warc_length", pa.int64()), ("warc_record_id", pa.string()), ("article_root", pa.string()),
    ("page_number", pa.int32()), ("run_id", pa.string()),
])
PAGE_PROVENANCE = pa.list_(pa.struct([("url", pa.string()), ("page_number", pa.int32()), ("warc_file", pa.string()),
                                      ("warc_offset", pa.int64()), ("warc_length", pa.int64())]))

_DOC_FIELDS = [
    ("doc_id", pa.string()), ("url", pa.string()), ("final_url", pa.string()), ("run_id", pa.string()),
    ("fetched_at", TIMESTAMP), ("http_status", pa.int32()), ("content_type", pa.string()),
    ("discovered_via", pa.string()), ("fetch_error", pa.string()), ("warc_file", pa.string()),
    ("warc_offset", pa.int64()), ("warc_length", pa.int64()), ("warc_record_id", pa.string()),
    ("lang_hint", pa.string()), ("encoding", pa.string()), ("encoding_source", pa.string()),
    ("encoding_confidence", pa.float32()), ("extractor", pa.string()), ("extractor_version", pa.string()),
    ("lang", pa.string()), ("title", pa.string()), ("text", pa.string()), ("published", pa.date32()),
    ("authors", STRINGS), ("sitename", pa.string()), ("description", pa.string()),
    ("content_hash", pa.string()), ("relevance", pa.float32()), ("matched_terms", STRINGS),
    ("pages", PAGE_PROVENANCE), ("cleaning_counts", pa.map_(pa.string(), pa.int32())), ("body_bytes", pa.int64()),
]
DOCS = pa.schema(_DOC_FIELDS)
REJECTED = pa.schema(_DOC_FIELDS + [("step", pa.string()), ("reason", pa.string()), ("detail", pa.string())])

_CLUSTER_FIELDS = [
    ("cluster_id", pa.string()), ("cluster_size", pa.int32()), ("dup_kind", pa.string()),
]
CLUSTERS = pa.schema([
    ("doc_id", pa.string()), ("source", pa.string()), ("url", pa.string()), ("content_hash", pa.string()),
    *_CLUSTER_FIELDS, ("is_canonical", pa.bool_()), ("canonical_doc_id", pa.string()),
    ("canonical_run_id", pa.string()), ("published_in_corpus", pa.bool_()), ("run_id", pa.string()),
    ("revision", pa.int32()),
])
CORPUS = pa.schema(_DOC_FIELDS + _CLUSTER_FIELDS + [("cluster_sources", STRINGS), ("cluster_urls", STRINGS),
                                                    ("revision", pa.int32())])
CRAWL_STATE = pa.schema([
    ("url", pa.string()), ("final_url", pa.string()), ("page_kind", pa.string()), ("status", pa.int32()),
    ("etag", pa.string()), ("last_modified", pa.string()), ("body_sha1", pa.string()),
    ("fetched_at", TIMESTAMP), ("run_id", pa.string()),
])
EXACT_INDEX = pa.schema([
    ("content_hash", pa.string()), ("cluster_id", pa.string()), ("canonical_doc_id", pa.string()),
    ("run_id", pa.string()),
])

PARTITION = re.compile(r"(?:^|/)([a-z_]+)=([^/]+)")


def _coerce(value, field: pa.Field):
    if value is None:
        return None
    if pa.types.is_timestamp(field.type) and isinstance(value, str):
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    if pa.types.is_date(field.type) and isinstance(value, str):
        return date.fromisoformat(value[:10])
    if pa.types.is_map(field.type) and isinstance(value, dict):
        return list(value.items())
    return value


def to_parquet_bytes(rows: list[dict], schema: pa.Schema) -> bytes:
    columns = {f.name: [_coerce(row.get(f.name), f) for row in rows] for f in schema}
    table = pa.Table.from_pydict(columns, schema=schema)
    buffer = io.BytesIO()
    pq.write_table(table, buffer, compression="zstd")
    return buffer.getvalue()


def partition_values(key: str) -> dict[str, str]:
    return dict(PARTITION.findall(key))


def from_parquet_bytes(data: bytes, key: str = "") -> list[dict]:
    """Rows of a file, with the partition columns of its key added back."""
    rows = pq.read_table(io.BytesIO(data)).to_pylist()
    extra = partition_values(key)
    for row in rows:
        for name, value in extra.items():
            row.setdefault(name, value)
        if isinstance(row.get("headers"), list):
            row["headers"] = dict(row["headers"])
    return rows
