"""One contract, both backends: the local folder and S3 over HTTP (moto, or MinIO via S3_ENDPOINT_URL)."""

import boto3
import pytest

from flows.config import Settings
from flows.store import StoreError, open_store


@pytest.fixture
def store(store_uri):
    return open_store(store_uri, Settings.from_env())


def test_put_get_list_and_ranges(store, tmp_path):
    store.put_bytes("raw/pages/source=a/date=2026-01-01/r1.parquet", b"0123456789")
    path = tmp_path / "f.bin"
    path.write_bytes(b"file body")
    store.put_file("runs/r1/manifest.json", path)
    assert store.get_bytes("raw/pages/source=a/date=2026-01-01/r1.parquet") == b"0123456789"
    assert store.get_range("raw/pages/source=a/date=2026-01-01/r1.parquet", 3, 4) == b"3456"
    assert store.size("runs/r1/manifest.json") == 9
    assert store.exists("runs/r1/manifest.json") and not store.exists("runs/r2/manifest.json")
    assert store.list("raw/") == ["raw/pages/source=a/date=2026-01-01/r1.parquet"]
    assert store.list() == ["raw/pages/source=a/date=2026-01-01/r1.parquet", "runs/r1/manifest.json"]
    target = tmp_path / "back.bin"
    store.download("runs/r1/manifest.json", target)
    assert target.read_bytes() == b"file body"


def test_overwrite_replaces_whole_object_and_leaves_no_temporary_keys(store):
    store.put_bytes("corpus/x.parquet", b"old" * 1000)
    store.put_bytes("corpus/x.parquet", b"new")
    assert store.get_bytes("corpus/x.parquet") == b"new"
    assert store.list() == ["corpus/x.parquet"]


def test_missing_key_is_a_clear_error(store):
    with pytest.raises(StoreError, match="nope"):
        store.get_bytes("nope")


def test_local_store_refuses_keys_that_leave_it(tmp_path):
    store = open_store(str(tmp_path / "s"))
    with pytest.raises(StoreError):
        store.put_bytes("../outside", b"x")


def test_unknown_scheme_is_refused():
    with pytest.raises(StoreError, match="unsupported store"):
        open_store("ftp://host/x")


def test_s3_store_creates_its_bucket_and_keeps_keys_under_its_prefix(s3_store_uri):
    store = open_store(s3_store_uri, Settings.from_env())
    store.put_bytes("a/b.txt", b"x")
    bucket, prefix = s3_store_uri.removeprefix("s3://").split("/", 1)
    client = boto3.client("s3", endpoint_url=Settings.from_env().s3_endpoint_url)
    keys = [item["Key"] for item in client.list_objects_v2(Bucket=bucket)["Contents"]]
    assert keys == [f"{prefix}/a/b.txt"]
