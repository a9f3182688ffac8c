FROM uv_image_local AS uv
FROM mambaorg/micromamba:2.0.3-debian12-slim AS micromamba

FROM debian:bookworm-slim

WORKDIR /
USER root
ENV PATH="${PATH:-/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin}"
RUN --mount=type=cache,sharing=locked,mode=0777,target=/var/cache/apt,id=apt ["/bin/sh", "-c", "apt-get update && apt-get install -y --no-install-recommends \"$@\"", "apt-install", "curl"]
RUN --mount=from=micromamba,source=/etc/ssl/certs/ca-certificates.crt,target=/tmp/ca-certificates.crt ["/bin/sh", "-c", "[ -f /etc/ssl/certs/ca-certificates.crt ] || { mkdir -p /etc/ssl/certs/ && cp /tmp/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt; }"]

RUN ["/bin/sh", "-c", "id -u flytekit || useradd --create-home --shell /bin/bash flytekit"]
RUN ["/bin/sh", "-c", "chown -R flytekit /root && chown -R flytekit /home"]

RUN --mount=type=cache,sharing=locked,mode=0777,target=/opt/micromamba/pkgs,id=micromamba --mount=from=micromamba,source=/usr/bin/micromamba,target=/usr/bin/micromamba ["/bin/sh", "-c", "/usr/bin/micromamba config set use_lockfiles False && ( /usr/bin/micromamba create -n runtime --root-prefix /opt/micromamba -c conda-forge \"$@\" || /usr/bin/micromamba install -n runtime --root-prefix /opt/micromamba -c conda-forge \"$@\" ) && chown -R flytekit /opt/micromamba", "micromamba-env", "python=3.12", "scipy==1.13.0", "numpy"]

ENV PATH="/opt/micromamba/envs/runtime/bin:$PATH" \
    UV_PYTHON="/opt/micromamba/envs/runtime/bin/python" \
    UV_COMPILE_BYTECODE="1" \
    UV_LINK_MODE="copy" \
    FLYTE_SDK_RICH_TRACEBACKS="0" \
    SSL_CERT_DIR="/etc/ssl/certs" \
    PYTHONPATH="/root" \
    MY_ENV="MY_VALUE"

RUN --mount=type=cache,sharing=locked,mode=0777,target=/root/.cache/uv,id=uv --mount=from=uv,source=/uv,target=/usr/bin/uv --mount=type=bind,target=/requirements_uv.txt,src=requirements_uv.txt --mount=type=secret,id=secret_0,target=/etc/gitconfig --mount=type=secret,id=secret_1,target=/secret_dst_2 ["/usr/bin/uv", "pip", "install", "--index-url", "https://url.com", "--extra-index-url", "https://extra-url.com", "--requirement", "requirements_uv.txt"]

ENV PATH="$PATH:/usr/local/nvidia/bin:/usr/local/cuda/bin" \
    LD_LIBRARY_PATH="/usr/local/nvidia/lib64:$LD_LIBRARY_PATH"

ENTRYPOINT ["/bin/bash"]

COPY --chown=flytekit ["./src", "/root"]
COPY --chown=flytekit ["copy/hello.txt", "/root/"]
COPY --chown=flytekit ["copy/conf", "/root/conf/"]

RUN --mount=type=cache,sharing=locked,mode=0777,target=/root/.cache/uv,id=uv --mount=from=uv,source=/uv,target=/usr/bin/uv ["/bin/sh", "-c", "mkdir my_dir"]

WORKDIR /root
SHELL ["/bin/bash", "-c"]
USER flytekit
RUN ["/bin/bash", "-c", "mkdir -p $HOME && echo \"export PATH=$PATH\" >> $HOME/.profile"]

ENV _F_IMG_ID="u69OkA7Wc2IMbQofKy4M_A"
