#!/usr/bin/env bash
# Lints the example GitHub Actions workflow (examples/github-actions/*.yml) with actionlint, built
# from the Go module proxy at a pinned version into a cache that later runs reuse:
# ${SQSC_TOOLS_DIR:-$HOME/.cache/sqs-conformance}/actionlint-<version>/bin/actionlint (its own
# GOPATH and build cache beside it, so nothing else of Go is touched). Needs `go` (1.22 or later).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
VERSION=v1.7.12
TOOLS="${SQSC_TOOLS_DIR:-$HOME/.cache/sqs-conformance}/actionlint-$VERSION"
BIN="$TOOLS/bin/actionlint"

if [ ! -x "$BIN" ]; then
  command -v go >/dev/null || { echo "actionlint.sh: go is needed to build actionlint $VERSION" >&2; exit 1; }
  echo "== building actionlint $VERSION from the Go module proxy into $TOOLS"
  mkdir -p "$TOOLS"
  GOPATH="$TOOLS/gopath" GOMODCACHE="$TOOLS/gopath/pkg/mod" GOCACHE="$TOOLS/gocache" GOBIN="$TOOLS/bin" \
    GOFLAGS=-mod=mod CGO_ENABLED=0 go install "github.com/rhysd/actionlint/cmd/actionlint@$VERSION"
  # The module cache is read-only by default; make it removable, then drop what the binary no longer needs.
  chmod -R u+w "$TOOLS/gopath" "$TOOLS/gocache" 2>/dev/null || true
  rm -rf "$TOOLS/gopath" "$TOOLS/gocache"
fi

echo "== actionlint $("$BIN" -version | head -n 1)"
# shellcheck and pyflakes are used for `run:` scripts when they are on PATH.
"$BIN" -no-color "$ROOT"/examples/github-actions/*.yml
echo "actionlint: examples/github-actions/*.yml passed"
