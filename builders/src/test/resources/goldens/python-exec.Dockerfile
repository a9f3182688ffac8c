FROM ghcr.io/astral-sh/uv:0.5.1 AS uv
FROM mambaorg/micromamba:2.0.3-debian12-slim AS micromamba

FROM ghcr.io/flyteorg/flytekit:py3.11-1.14.4

WORKDIR /
USER root
ENV PATH="${PATH:-/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin}"
RUN --mount=from=micromamba,source=/etc/ssl/certs/ca-certificates.crt,target=/tmp/ca-certificates.crt ["/bin/sh", "-c", "[ -f /etc/ssl/certs/ca-certificates.crt ] || { mkdir -p /etc/ssl/certs/ && cp /tmp/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt; }"]

RUN ["/bin/sh", "-c", "id -u flytekit || useradd --create-home --shell /bin/bash flytekit"]
RUN ["/bin/sh", "-c", "chown -R flytekit /root && chown -R flytekit /home"]

ENV PATH="/root/.venv/bin:$PATH" \
    UV_PYTHON="/root/.venv/bin/python" \
    UV_COMPILE_BYTECODE="1" \
    UV_LINK_MODE="copy" \
    FLYTE_SDK_RICH_TRACEBACKS="0" \
    SSL_CERT_DIR="/etc/ssl/certs" \
    PYTHONPATH="/root"

WORKDIR /root
RUN --mount=type=cache,sharing=locked,mode=0777,target=/root/.cache/uv,id=uv --mount=from=uv,source=/uv,target=/usr/bin/uv --mount=type=bind,target=/root/requirements_uv.txt,src=requirements_uv.txt ["/bin/sh", "-c", "/usr/bin/uv venv --python \"$1\" --system-site-packages /root/.venv && shift && /usr/bin/uv pip install --python /root/.venv/bin/python \"$@\" && chown -R flytekit /root/.venv", "uv-venv", "/usr/local/bin/python", "--requirement", "requirements_uv.txt"]
WORKDIR /

ENV PATH="$PATH:/usr/local/nvidia/bin:/usr/local/cuda/bin" \
    LD_LIBRARY_PATH="/usr/local/nvidia/lib64:$LD_LIBRARY_PATH"

WORKDIR /root
SHELL ["/bin/bash", "-c"]
USER flytekit
RUN ["/bin/bash", "-c", "mkdir -p $HOME && echo \"export PATH=$PATH\" >> $HOME/.profile"]

ENV _F_IMG_ID="1171x94VIEUNnYxvQ6Y6Bw"
