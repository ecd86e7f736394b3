"""Prefect orchestration and every read or write of the govmedia pipeline."""
