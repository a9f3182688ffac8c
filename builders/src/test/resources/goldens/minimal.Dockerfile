FROM debian:bookworm-slim

WORKDIR /
USER root
ENV PATH="${PATH:-/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin}"

RUN ["/bin/sh", "-c", "id -u flytekit || useradd --create-home --shell /bin/bash flytekit"]
RUN ["/bin/sh", "-c", "chown -R flytekit /root && chown -R flytekit /home"]

ENV PATH="$PATH:/usr/local/nvidia/bin:/usr/local/cuda/bin" \
    LD_LIBRARY_PATH="/usr/local/nvidia/lib64:$LD_LIBRARY_PATH"

WORKDIR /root
USER flytekit

ENV _F_IMG_ID="Nb74Q4VUBdWWyIXIQbjL8Q"
