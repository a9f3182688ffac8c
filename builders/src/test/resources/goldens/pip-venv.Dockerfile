FROM 127.0.0.1:5000/base/debian:bookworm

WORKDIR /
USER root
ENV PATH="${PATH:-/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin}"
RUN --mount=type=cache,sharing=locked,mode=0777,target=/var/cache/apt,id=apt ["/bin/sh", "-c", "apt-get update && apt-get install -y --no-install-recommends \"$@\"", "apt-install", "python3", "python3-venv"]

RUN ["/bin/sh", "-c", "id -u flytekit || useradd --create-home --shell /bin/bash flytekit"]
RUN ["/bin/sh", "-c", "chown -R flytekit /root && chown -R flytekit /home"]

ENV PATH="/root/.venv/bin:$PATH" \
    UV_PYTHON="/root/.venv/bin/python" \
    UV_COMPILE_BYTECODE="1" \
    UV_LINK_MODE="copy" \
    FLYTE_SDK_RICH_TRACEBACKS="0" \
    SSL_CERT_DIR="/etc/ssl/certs" \
    PYTHONPATH="/root" \
    MODE="batch"

WORKDIR /root
RUN --mount=type=cache,sharing=locked,mode=0777,target=/root/.cache/pip,id=pip --mount=type=bind,target=/root/requirements_uv.txt,src=requirements_uv.txt --mount=type=secret,id=secret_0,target=/root/.netrc ["/bin/sh", "-c", "\"$1\" -m venv --system-site-packages /root/.venv && shift && /root/.venv/bin/python -m pip install --disable-pip-version-check --no-input \"$@\" && chown -R flytekit /root/.venv", "pip-venv", "/usr/bin/python3", "--index-url", "http://127.0.0.1:8080/simple", "--extra-index-url", "https://extra-url.com", "--no-cache-dir", "--prefer-binary", "--requirement", "requirements_uv.txt"]
WORKDIR /

ENV PATH="$PATH:/usr/local/nvidia/bin:/usr/local/cuda/bin" \
    LD_LIBRARY_PATH="/usr/local/nvidia/lib64:$LD_LIBRARY_PATH"

RUN ["/bin/sh", "-c", "python -c \"import pkgname; print(pkgname.VALUE)\""]

WORKDIR /root
SHELL ["/bin/bash", "-c"]
USER flytekit
RUN ["/bin/bash", "-c", "mkdir -p $HOME && echo \"export PATH=$PATH\" >> $HOME/.profile"]

ENV _F_IMG_ID="uRo8ror8JkJUsYHUafR0rA"
