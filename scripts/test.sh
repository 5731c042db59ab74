#!/usr/bin/env bash
# `make test`: every check the project has, in the order that fails fastest.
# PostgreSQL tests need a server (TEST_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/postgres);
# when none answers they are skipped and reported as skipped, except under CI=true, where that fails.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
# A whole run compiles each crate once: incremental state would only cost time and disk.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"
jobs="${CARGO_BUILD_JOBS:-2}"
started=$SECONDS
last=$SECONDS
# Each step prints how long the one before it took, so a slow run shows where its time went.
step() {
  printf '\n==> [%ss, previous step %ss] %s\n' "$((SECONDS - started))" "$((SECONDS - last))" "$*"
  last=$SECONDS
}

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

# The SPA's release build (wasm, one LTO link per entry, wasm-opt, brotli) and the fuzz targets'
# instrumented build run beside the native tests at the lowest CPU priority: they take the CPU
# the tests leave idle (they wait on PostgreSQL and on each other's servers) and never slow
# them. Their logs are shown when their results are needed.
frontend_log="$(mktemp)"
fuzz_log="$(mktemp)"
stop_background_builds() {
  local pid
  for pid in "${frontend_pid:-}" "${fuzz_pid:-}"; do
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
      pkill -TERM -P "$pid" 2>/dev/null || true
      kill "$pid" 2>/dev/null || true
    fi
  done
  rm -f "$frontend_log" "$fuzz_log"
}
trap stop_background_builds EXIT
nice -n 19 scripts/build-frontend.sh >"$frontend_log" 2>&1 &
frontend_pid=$!
# The fuzz targets' smoke run builds them in the fuzz crate's dev profile (unoptimised): 353 s
# cold against 740 s for the release profile that `make fuzz` campaigns use.
export FUZZ_PROFILE=dev
nice -n 19 scripts/fuzz.sh build >"$fuzz_log" 2>&1 &
fuzz_pid=$!

# Waits for a background build, shows its log, and stops the run when it failed.
await_build() {
  local pid="$1" log="$2" what="$3" status=0
  wait "$pid" || status=$?
  cat "$log"
  if ((status != 0)); then
    echo "$what failed (exit $status)" >&2
    exit "$status"
  fi
}

step "unit and API tests (SQLite + PostgreSQL; the SPA and the fuzz targets build beside them)"
cargo test -j "$jobs" --workspace --exclude frontend --exclude e2e -- "${skip_args[@]}"
step "coverage-guided fuzzing (cargo fuzz, libFuzzer, 5 s per target; built beside the tests)"
await_build "$fuzz_pid" "$fuzz_log" "scripts/fuzz.sh build"
scripts/fuzz.sh 5
step "SPA unit tests (native)"
cargo test -j "$jobs" -p frontend

step "the SPA's release build (started beside the tests) and the server for the browser journeys"
await_build "$frontend_pid" "$frontend_log" "scripts/build-frontend.sh"
# The server the API tests built (cargo builds a package's binaries for its integration tests):
# asked for with the same command, so nothing is rebuilt. `cargo build -p backend` would
# resolve other features (no dev-dependencies) and compile the tree again, about 2 minutes.
cargo test -j "$jobs" --workspace --exclude frontend --exclude e2e --no-run
[[ -x "${CARGO_TARGET_DIR:-$root/target}/debug/backend" ]] || { echo "the test build left no server binary" >&2; exit 1; }

step "the API contract as four roles (schemathesis, every check and phase, seed 1, two roles at a time)"
BACKEND_BIN="${CARGO_TARGET_DIR:-$root/target}/debug/backend" scripts/contract.sh 5 1 100

step "browser journeys (headless Chromium)"
E2E_BACKEND_BIN="${CARGO_TARGET_DIR:-$root/target}/debug/backend" E2E_STATIC_DIR="$root/frontend/dist" \
  cargo test -j "$jobs" -p e2e -- --test-threads=1

step "done"
printf '\n==> make test passed in %ss\n' "$((SECONDS - started))"
