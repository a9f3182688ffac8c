FROM 127.0.0.1:5000/base:1

WORKDIR /
USER root
ENV PATH="${PATH:-/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin}"
RUN --mount=type=cache,sharing=locked,mode=0777,target=/var/cache/apt,id=apt ["/bin/sh", "-c", "apt-get update && apt-get install -y --no-install-recommends \"$@\"", "apt-install", "git", "curl"]

RUN ["/bin/sh", "-c", "id -u flytekit || useradd --create-home --shell /bin/bash flytekit"]
RUN ["/bin/sh", "-c", "chown -R flytekit /root && chown -R flytekit /home"]

ENV MODE="batch" \
    GREETING="hello world"

ENV PATH="$PATH:/usr/local/nvidia/bin:/usr/local/cuda/bin" \
    LD_LIBRARY_PATH="/usr/local/nvidia/lib64:$LD_LIBRARY_PATH"

ENTRYPOINT ["/bin/sh", "-c"]

COPY --chown=flytekit ["copy/conf", "/root/conf/"]
COPY --chown=flytekit ["copy/hello.txt", "/root/"]

RUN ["/bin/sh", "-c", "mkdir -p /opt/data && echo ok > /opt/data/ok"]

WORKDIR /root
USER flytekit

ENV _F_IMG_ID="Eo9c4ArdwHLm21V-zSqk_A"
