"""Any S3-compatible bucket (AWS, MinIO, moto) through boto3 with ``endpoint_url``.

A PUT, single or multipart, is atomic on S3: the object appears whole when the upload completes,
so no temporary key is needed. Credentials come from boto3's usual chain (environment, profile,
instance role) and are never logged or repeated in errors.
"""

from __future__ import annotations

from pathlib import Path

import boto3
from boto3.s3.transfer import TransferConfig
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from flows.store.base import Store, StoreError

CLIENT_CONFIG = Config(retries={"max_attempts": 8, "mode": "adaptive"}, connect_timeout=10, read_timeout=120,
                       s3={"addressing_style": "path"})
TRANSFER = TransferConfig(multipart_threshold=64 * 1024 * 1024, multipart_chunksize=32 * 1024 * 1024)


class S3Store(Store):
    def __init__(self, bucket: str, prefix: str = "", endpoint_url: str | None = None, region: str | None = None,
                 client=None):
        self.bucket = bucket
        self.prefix = prefix.strip("/")
        self.endpoint_url = endpoint_url
        self.uri = f"s3://{bucket}/{self.prefix}".rstrip("/")
        self.client = client or boto3.client("s3", endpoint_url=endpoint_url, region_name=region or "us-east-1",
                                             config=CLIENT_CONFIG)
        self._ensure_bucket()

    @classmethod
    def from_uri(cls, uri: str, endpoint_url: str | None = None, region: str | None = None) -> "S3Store":
        bucket, _, prefix = uri.removeprefix("s3://").partition("/")
        if not bucket:
            raise StoreError(f"store {uri!r} names no bucket")
        return cls(bucket, prefix, endpoint_url=endpoint_url, region=region)

    def _ensure_bucket(self) -> None:
        try:
            self.client.head_bucket(Bucket=self.bucket)
        except ClientError as error:
            code = error.response.get("Error", {}).get("Code", "")
            if code not in ("404", "NoSuchBucket", "NotFound"):
                raise StoreError(f"cannot use bucket {self.bucket!r} at {self.endpoint_url or 'AWS'}: {code}") from None
            try:
                self.client.create_bucket(Bucket=self.bucket)
            except ClientError as create_error:
                code = create_error.response.get("Error", {}).get("Code", "")
                if code not in ("BucketAlreadyOwnedByYou", "BucketAlreadyExists"):
                    raise StoreError(f"bucket {self.bucket!r} is missing and could not be created: {code}") from None
        except BotoCoreError as error:
            raise StoreError(f"cannot reach S3 at {self.endpoint_url or 'AWS'}: {type(error).__name__}") from None

    def _key(self, key: str) -> str:
        return f"{self.prefix}/{key}" if self.prefix else key

    def put_bytes(self, key: str, data: bytes) -> None:
        self.client.put_object(Bucket=self.bucket, Key=self._key(key), Body=data)

    def put_file(self, key: str, path: Path) -> None:
        self.client.upload_file(str(path), self.bucket, self._key(key), Config=TRANSFER)

    def get_bytes(self, key: str) -> bytes:
        try:
            return self.client.get_object(Bucket=self.bucket, Key=self._key(key))["Body"].read()
        except ClientError as error:
            raise StoreError(f"cannot read {key!r} from {self.uri}: {error.response['Error'].get('Code')}") from None

    def get_range(self, key: str, start: int, length: int) -> bytes:
        response = self.client.get_object(Bucket=self.bucket, Key=self._key(key), Range=f"bytes={start}-{start + length - 1}")
        return response["Body"].read()

    def download(self, key: str, path: Path) -> None:
        self.client.download_file(self.bucket, self._key(key), str(path), Config=TRANSFER)

    def exists(self, key: str) -> bool:
        try:
            self.client.head_object(Bucket=self.bucket, Key=self._key(key))
            return True
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                return False
            raise

    def size(self, key: str) -> int:
        return self.client.head_object(Bucket=self.bucket, Key=self._key(key))["ContentLength"]

    def list(self, prefix: str = "") -> list[str]:
        keys = []
        strip = len(self.prefix) + 1 if self.prefix else 0
        paginator = self.client.get_paginator("list_objects_v2")
        for page in paginator.paginate(Bucket=self.bucket, Prefix=self._key(prefix)):
            keys.extend(item["Key"][strip:] for item in page.get("Contents", []))
        return sorted(keys)
