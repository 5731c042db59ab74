#!/usr/bin/env bash
# `make test-scale`: the multi-instance test (e2e/tests/scale.rs) — two server instances on one
# PostgreSQL database behind nginx, attachments in Garage (an S3-compatible store). Installs
# nginx (Debian package) and Garage (crates.io, pinned) when they are missing. `.ci/run` calls it
# after `make test`; docs/DEPLOYMENT.md describes the topology it proves.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"
jobs="${CARGO_BUILD_JOBS:-2}"
started=$SECONDS
say() { printf '\n==> [%ss] %s\n' "$((SECONDS - started))" "$*"; }
sudo_cmd=()
[[ "$(id -u)" != 0 ]] && sudo_cmd=(sudo)

# nginx from Debian, and the C libraries Garage links (libsodium, zstd, SQLite) so that its build
# compiles none of them. nginx's package would start a server on port 80 at install; the policy
# file keeps it from starting anything (the test starts its own nginx on a free port).
packages=(nginx libsodium-dev libzstd-dev libsqlite3-dev pkg-config)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if (( ${#missing[@]} )); then
  say "installing ${missing[*]} (Debian packages)"
  policy=/usr/sbin/policy-rc.d
  placed=0
  if [[ ! -e "$policy" ]]; then
    printf '#!/bin/sh\nexit 101\n' | "${sudo_cmd[@]}" tee "$policy" >/dev/null
    "${sudo_cmd[@]}" chmod 755 "$policy"
    placed=1
  fi
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  ((placed)) && "${sudo_cmd[@]}" rm -f "$policy"
fi

# Garage, the S3-compatible store, from crates.io (RustFS needs a newer Rust than this
# machine's; docs/DEPLOYMENT.md says why Garage). Built for the test, not for production: the
# dev profile, SQLite metadata only, the system's libraries (4–8 minutes on 2 cores, where
# the default release build took 28).
garage_version=2.5.0
garage_bin="${SCALE_GARAGE_BIN:-$HOME/.cargo/bin/garage}"
if [[ "$("$garage_bin" --version 2>/dev/null | awk '{print $2}')" != "cargo:$garage_version" ]]; then
  say "installing garage $garage_version (cargo install, dev profile; 4–8 min on 2 cores)"
  garage_flags=(--version "$garage_version" --debug --no-default-features --features sqlite,system-libs -j "$jobs")
  cargo install garage "${garage_flags[@]}" --locked || cargo install garage "${garage_flags[@]}"
  garage_bin="$HOME/.cargo/bin/garage"
fi
export SCALE_GARAGE_BIN="$garage_bin"
# `make load` only needs the tools.
[[ "${SCALE_INSTALL_ONLY:-0}" == 1 ]] && exit 0

pg_url="${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
export TEST_POSTGRES_URL="$pg_url"

say "building the server"
cargo build -j "$jobs" -p backend --bin backend
export E2E_BACKEND_BIN="$root/target/debug/backend"

say "two instances, nginx, Garage, PostgreSQL"
cargo test -j "$jobs" -p e2e --test scale -- --ignored --nocapture
say "multi-instance test passed"
