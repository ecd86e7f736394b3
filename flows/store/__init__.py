"""Where the pipeline keeps its files: a local folder (default) or any S3-compatible bucket."""

from flows.store.base import Store, StoreError, open_store

__all__ = ["Store", "StoreError", "open_store"]
