# syntax=docker/dockerfile:1
# govmedia: the `govmedia` CLI and a Prefect process worker, in one image.
#
#   docker build -t govmedia .
#   docker run --rm govmedia                     # govmedia --help
#   docker run --rm govmedia govmedia run --sample-web --run-id demo
#
# docker-compose.yml builds this image for its `worker` and `govmedia` services.

ARG PYTHON_IMAGE=python:3.11-slim-bookworm
FROM ${PYTHON_IMAGE}

# uv is pinned so that a rebuild resolves the same way; bump it deliberately.
ARG UV_VERSION=0.13.9

ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    UV_NO_CACHE=1 \
    PREFECT_SERVER_ANALYTICS_ENABLED=false \
    GOVMEDIA_HOME=/app

RUN pip install "uv==${UV_VERSION}"

WORKDIR /app

# Dependencies first, from pyproject.toml alone: this (slow) layer is rebuilt only when the
# dependency list changes, not on every code edit. README.md is the project's declared readme.
COPY pyproject.toml README.md ./
RUN uv pip install --system -r pyproject.toml

# Then the whole source tree, installed editable: flows/sample_web.py finds the bundled sample
# web at <repo>/tests/fixtures/web next to the flows package, so the package must stay in /app
# rather than be copied into site-packages. Dependencies are already satisfied by the layer above.
COPY . .
RUN uv pip install --system -e /app \
    && python -m compileall -q flows spiders cleaning \
    && govmedia --help > /dev/null

# Run as an unprivileged user. The code stays root-owned (read-only to the app); the default
# local store (./data) is the one folder under /app it may write. Crawls stage in /tmp and
# Prefect keeps its settings in the user's home.
RUN useradd --create-home --uid 10001 --user-group --shell /usr/sbin/nologin govmedia \
    && mkdir -p /app/data \
    && chown govmedia:govmedia /app/data
USER govmedia

CMD ["govmedia", "--help"]
