"""One small interface for both backends; keys are '/'-separated and identical on both."""

from __future__ import annotations

import abc
from pathlib import Path


class StoreError(RuntimeError):
    """A store could not be opened or a key could not be read or written."""


class Store(abc.ABC):
    """Writes are atomic: a reader sees the whole old object or the whole new one, never a part."""

    uri: str

    @abc.abstractmethod
    def put_bytes(self, key: str, data: bytes) -> None: ...

    @abc.abstractmethod
    def put_file(self, key: str, path: Path) -> None: ...

    @abc.abstractmethod
    def get_bytes(self, key: str) -> bytes: ...

    @abc.abstractmethod
    def get_range(self, key: str, start: int, length: int) -> bytes: ...

    @abc.abstractmethod
    def download(self, key: str, path: Path) -> None: ...

    @abc.abstractmethod
    def exists(self, key: str) -> bool: ...

    @abc.abstractmethod
    def list(self, prefix: str = "") -> list[str]:
        """Keys under the prefix, sorted."""

    @abc.abstractmethod
    def size(self, key: str) -> int: ...

    def url_for(self, key: str) -> str:
        return f"{self.uri.rstrip('/')}/{key}"

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.uri})"


def open_store(uri: str, settings=None) -> Store:
    """``s3://bucket/prefix`` opens the S3 backend, anything else is a local folder path."""
    if uri.startswith("s3://"):
        from flows.store.s3 import S3Store

        return S3Store.from_uri(uri, endpoint_url=getattr(settings, "s3_endpoint_url", None),
                                region=getattr(settings, "s3_region", None))
    if "://" in uri and not uri.startswith("file://"):
        raise StoreError(f"unsupported store {uri!r}: use a folder path or s3://bucket/prefix")
    from flows.store.local import LocalStore

    return LocalStore(Path(uri.removeprefix("file://")))
