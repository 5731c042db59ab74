#!/usr/bin/env bash
# `make load`: the load test of issue 14, goal 4 — a province's busy day (load/locustfile.py)
# against three setups of the release server, each with the demo province plus synthetic data:
#   sqlite    one instance, SQLite, files on disk
#   postgres  one instance, PostgreSQL, files on disk
#   nginx     two instances behind nginx, PostgreSQL, files in Garage (S3)
# Each setup, LOAD_USERS users each time: the mix at a person's pace for LOAD_SECONDS (the busy
# day's latencies), the mix without think time for LOAD_SECONDS (the capacity), then the static
# JSON ceiling alone for LOAD_CEILING_SECONDS. Traffic only to 127.0.0.1. Results: the
# tables printed at the end and kept in target/load/<time>/summary.md. Not part of `make test`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
seconds="${LOAD_SECONDS:-60}"
ceiling_seconds="${LOAD_CEILING_SECONDS:-20}"
users="${LOAD_USERS:-40}"
units="${LOAD_UNITS:-2000}"
applications="${LOAD_APPLICATIONS:-100000}"
configs="${LOAD_CONFIGS:-sqlite postgres nginx}"
jobs="${CARGO_BUILD_JOBS:-2}"
locust_version=2.47.0

# nginx and Garage (the nginx setup), as the multi-instance test installs them.
SCALE_INSTALL_ONLY=1 scripts/test-scale.sh
export SCALE_GARAGE_BIN="${SCALE_GARAGE_BIN:-$HOME/.cargo/bin/garage}"

venv="${CARGO_TARGET_DIR:-$root/target}/tools/load-venv"
if [[ "$("$venv/bin/locust" --version 2>/dev/null | awk '{print $2}')" != "$locust_version" ]]; then
  echo "installing locust $locust_version (PyPI) into $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "locust==$locust_version"
fi

cargo build -j "$jobs" --release -p backend --bin backend -p e2e --bin cluster
export E2E_BACKEND_BIN="$root/target/release/backend"
out="$root/target/load/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
(cd "$scratch" && DATABASE_URL="sqlite://$scratch/demo.db" "$E2E_BACKEND_BIN" demo --json) >"$out/accounts.json"
export LOAD_ACCOUNTS="$out/accounts.json"

for config in $configs; do
  case "$config" in
    sqlite) args=(--instances 1 --edge) ;;
    postgres) args=(--instances 1 --postgres --edge) ;;
    nginx) args=(--instances 2 --postgres --s3 --nginx --edge) ;;
    *) echo "unknown setup $config (sqlite, postgres, nginx)" >&2; exit 2 ;;
  esac
  echo "==> $config: starting (${args[*]}, $units units, $applications applications)"
  "$root/target/release/cluster" "${args[@]}" --units "$units" --applications "$applications" \
    >"$out/$config-cluster.json" 2>"$out/$config-cluster.log" &
  cluster_pid=$!
  until [[ -s "$out/$config-cluster.json" ]]; do
    if ! kill -0 "$cluster_pid" 2>/dev/null; then
      cat "$out/$config-cluster.log" >&2
      exit 1
    fi
    sleep 1
  done
  entry="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["entry"])' "$out/$config-cluster.json")"
  # The applicants' drafts and sign-in (load/locustfile.py, Applicant).
  export LOAD_CLUSTER="$out/$config-cluster.json"
  echo "==> $config: ready at $entry; the mix at a person's pace, $users users, ${seconds}s"
  LOAD_THINK=1 "$venv/bin/locust" -f load/locustfile.py --headless --only-summary -u "$users" -r "$users" \
    -t "${seconds}s" --host "$entry" --csv "$out/$config-mix" Clerk Applicant Uploader Public SignIn \
    >"$out/$config-mix.log" 2>&1 || true
  echo "==> $config: the mix without think time, $users users, ${seconds}s"
  LOAD_THINK=0 "$venv/bin/locust" -f load/locustfile.py --headless --only-summary -u "$users" -r "$users" \
    -t "${seconds}s" --host "$entry" --csv "$out/$config-saturated" Clerk Applicant Uploader Public SignIn \
    >"$out/$config-saturated.log" 2>&1 || true
  echo "==> $config: the static JSON ceiling, $users users, ${ceiling_seconds}s"
  "$venv/bin/locust" -f load/locustfile.py --headless --only-summary -u "$users" -r "$users" \
    -t "${ceiling_seconds}s" --host "$entry" --csv "$out/$config-ceiling" Ceiling \
    >"$out/$config-ceiling.log" 2>&1 || true
  kill -INT "$cluster_pid"
  wait "$cluster_pid" || true
done
{
  echo "Load test at $(git rev-parse --short HEAD), $(nproc) cores, $users users, mix ${seconds}s, ceiling ${ceiling_seconds}s, $units units + $applications applications over the demo."
  echo
  "$venv/bin/python" load/summary.py "$out" $configs
} | tee "$out/summary.md"
