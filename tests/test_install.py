"""The pins that `pip check` cannot catch (DEVELOPERS.md, known traps), and a real server start."""

from importlib import metadata

from packaging.version import Version


def test_resolver_traps_are_pinned():
    assert metadata.version("prefect") == "3.8.8"
    assert Version(metadata.version("fastapi")) < Version("0.151")
    assert Version("2.0") <= Version(metadata.version("sqlalchemy")) < Version("2.1")
    assert Version("0.7") <= Version(metadata.version("prefect-aws")) < Version("0.8")
    import lxml_html_clean  # noqa: F401  (split out of lxml; extraction needs it)


def test_prefect_server_starts_and_runs_a_flow(prefect_api):
    from prefect import flow, get_client

    @flow
    def smoke() -> int:
        return 42

    assert smoke() == 42

    async def health():
        async with get_client() as client:
            return (await client.api_healthcheck()) is None

    import asyncio

    assert asyncio.run(health())


def test_every_package_imports():
    import cleaning.chain  # noqa: F401
    import flows.cli  # noqa: F401
    import flows.pipeline  # noqa: F401
    import spiders.crawlers.site  # noqa: F401
    import spiders.settings  # noqa: F401
