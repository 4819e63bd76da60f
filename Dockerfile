# syntax=docker/dockerfile:1
#
# The Maillage API in a small image: `docker compose up` builds it (see
# docker-compose.yml), or `docker build -t maillage .` then
# `docker run -p 8080:8080 maillage` (embedded store in /data).

ARG GO_VERSION=1.26

# Build: a static binary, dependencies downloaded in their own layer so that
# a source change does not fetch them again.
FROM golang:${GO_VERSION} AS build
WORKDIR /src
ENV CGO_ENABLED=0 GOFLAGS=-trimpath
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
ARG VERSION=docker
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build \
    go build -ldflags="-s -w -X main.version=${VERSION}" -o /out/maillage ./cmd/maillage \
 && mkdir -p /out/data

# Run: no shell, no package manager, a non-root user (uid 65532).
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/maillage /usr/local/bin/maillage
COPY --from=build --chown=65532:65532 /out/data /data
ENV MAILLAGE_ADDR=:8080 \
    MAILLAGE_DATA=/data \
    MAILLAGE_LOG_FORMAT=json
VOLUME ["/data"]
EXPOSE 8080
# 65532 is the nonroot user of the distroless image.
USER 65532:65532
ENTRYPOINT ["/usr/local/bin/maillage"]
CMD ["serve"]
