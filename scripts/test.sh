#!/usr/bin/env bash
# `make test`: every check the project has, in the order that fails fastest.
# PostgreSQL tests need a server (TEST_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/postgres);
# when none answers they are skipped and reported as skipped, except under CI=true, where that fails.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
jobs="${CARGO_BUILD_JOBS:-2}"
step() { printf '\n==> %s\n' "$*"; }
started=$SECONDS

step "tools"
scripts/ensure-tools.sh --test

step "format"
cargo fmt --all -- --check

step "clippy (native crates, every target)"
cargo clippy -j "$jobs" --workspace --exclude frontend --all-targets -- -D warnings
step "clippy (the SPA, for wasm32)"
cargo clippy -j "$jobs" -p frontend --target wasm32-unknown-unknown --all-targets -- -D warnings
step "shared compiles for wasm32 without backend features"
cargo check -j "$jobs" -p shared --target wasm32-unknown-unknown

pg_url="${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
export TEST_POSTGRES_URL="$pg_url"
hostport="${pg_url#*://}"; hostport="${hostport#*@}"; hostport="${hostport%%/*}"
pg_host="${hostport%%:*}"; pg_port="${hostport##*:}"
[[ "$pg_port" == "$hostport" ]] && pg_port=5432
skip_args=()
if timeout 3 bash -c "exec 3<>/dev/tcp/$pg_host/$pg_port" 2>/dev/null; then
  echo "PostgreSQL answers at $pg_host:$pg_port: the suite runs on SQLite and PostgreSQL"
elif [[ "${CI:-}" == "true" ]]; then
  echo "PostgreSQL does not answer at $pg_host:$pg_port and CI=true: failing" >&2
  exit 1
else
  echo "SKIPPED: PostgreSQL does not answer at $pg_host:$pg_port; every postgres test is skipped"
  skip_args=(--skip postgres)
fi

step "unit and API tests (SQLite + PostgreSQL)"
cargo test -j "$jobs" --workspace --exclude frontend --exclude e2e -- "${skip_args[@]}"
step "SPA unit tests (native)"
cargo test -j "$jobs" -p frontend

step "build the SPA and the server for the browser journeys"
scripts/build-frontend.sh
cargo build -j "$jobs" -p backend --bin backend

step "browser journeys (headless Chromium)"
E2E_BACKEND_BIN="${CARGO_TARGET_DIR:-$root/target}/debug/backend" E2E_STATIC_DIR="$root/frontend/dist" \
  cargo test -j "$jobs" -p e2e -- --test-threads=1

printf '\n==> make test passed in %ss\n' "$((SECONDS - started))"
