FROM ghcr.io/astral-sh/uv:0.5.1 AS uv
FROM mambaorg/micromamba:2.0.3-debian12-slim AS micromamba

FROM debian:bookworm-slim

WORKDIR /
USER root
ENV PATH="${PATH:-/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin}"
RUN --mount=from=micromamba,source=/etc/ssl/certs/ca-certificates.crt,target=/tmp/ca-certificates.crt ["/bin/sh", "-c", "[ -f /etc/ssl/certs/ca-certificates.crt ] || { mkdir -p /etc/ssl/certs/ && cp /tmp/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt; }"]

RUN ["/bin/sh", "-c", "id -u flytekit || useradd --create-home --shell /bin/bash flytekit"]
RUN ["/bin/sh", "-c", "chown -R flytekit /root && chown -R flytekit /home"]

RUN --mount=type=cache,sharing=locked,mode=0777,target=/opt/micromamba/pkgs,id=micromamba --mount=from=micromamba,source=/usr/bin/micromamba,target=/usr/bin/micromamba ["/bin/sh", "-c", "/usr/bin/micromamba config set use_lockfiles False && ( /usr/bin/micromamba create -n runtime --root-prefix /opt/micromamba -c conda-forge \"$@\" || /usr/bin/micromamba install -n runtime --root-prefix /opt/micromamba -c conda-forge \"$@\" ) && chown -R flytekit /opt/micromamba", "micromamba-env", "python=3.12"]

ENV PATH="/opt/micromamba/envs/runtime/bin:$PATH" \
    UV_PYTHON="/opt/micromamba/envs/runtime/bin/python" \
    UV_COMPILE_BYTECODE="1" \
    UV_LINK_MODE="copy" \
    FLYTE_SDK_RICH_TRACEBACKS="0" \
    SSL_CERT_DIR="/etc/ssl/certs" \
    PYTHONPATH="/root"

WORKDIR /root
RUN --mount=type=cache,sharing=locked,mode=0777,target=/root/.cache/uv,id=uv --mount=from=uv,source=/uv,target=/usr/bin/uv --mount=type=bind,target=/root/uv.lock,src=uv.lock --mount=type=bind,target=/root/pyproject.toml,src=pyproject.toml ["/bin/sh", "-c", "/usr/bin/uv sync \"$@\" && chown -R flytekit /root/.venv", "uv-install", "--index-url", "https://url.com", "--extra-index-url", "https://extra-url.com", "--no-install-package", "library-to-skip", "--locked", "--no-dev", "--no-install-project"]
WORKDIR /
ENV PATH="/root/.venv/bin:$PATH" \
    UV_PYTHON="/root/.venv/bin/python"

ENV PATH="$PATH:/usr/local/nvidia/bin:/usr/local/cuda/bin" \
    LD_LIBRARY_PATH="/usr/local/nvidia/lib64:$LD_LIBRARY_PATH"

WORKDIR /root
SHELL ["/bin/bash", "-c"]
USER flytekit
RUN ["/bin/bash", "-c", "mkdir -p $HOME && echo \"export PATH=$PATH\" >> $HOME/.profile"]

ENV _F_IMG_ID="OuhWByyhT3WU0cEInseGVw"
