#!/usr/bin/env bash
# The API contract, tried as an integrator would (issue 13): schemathesis against the real
# server on SQLite with the demo province, signed in as each ROLE (two at a time), every check, every
# phase (examples, coverage, fuzzing, stateful), a fixed seed. Exit code 1 on any failure.
#   scripts/contract.sh [EXAMPLES] [SEED] [SCENARIOS]   (make test: 5 examples, seed 1, 100 scenarios)
#   CONTRACT_ROLES="sysadmin" scripts/contract.sh 100 7 1000   (a longer run of one role)
# EXAMPLES are per operation in the examples, coverage and fuzzing phases (valid and invalid
# requests); SCENARIOS are the stateful phase's chains of valid calls (each up to 6 steps,
# following the document's links), run as a second pass against the same server.
# Builds the debug server when BACKEND_BIN is not given, and installs schemathesis (PyPI, the
# version below) into target/tools/venv when missing. `make test` runs it for the four roles.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
examples="${1:-5}"
seed="${2:-1}"
scenarios="${3:-100}"
bin="${BACKEND_BIN:-${CARGO_TARGET_DIR:-$root/target}/debug/backend}"
st="${SCHEMATHESIS:-${CARGO_TARGET_DIR:-$root/target}/tools/venv/bin/schemathesis}"
# applicant · employer handler · HRSS handler · system administrator
roles="${CONTRACT_ROLES:-520101198506152344 county_emp_handler county_hrss_handler sysadmin}"
reports="${CONTRACT_REPORTS:-${CARGO_TARGET_DIR:-$root/target}/contract}"
mkdir -p "$reports"
schemathesis_version=4.32.5
if [[ -z "${BACKEND_BIN:-}" ]]; then
  cargo build -p backend --bin backend
fi
if [[ -z "${SCHEMATHESIS:-}" ]] && ! "$st" --version 2>/dev/null | grep -q "$schemathesis_version"; then
  venv="$(dirname "$(dirname "$st")")"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "schemathesis==$schemathesis_version"
fi

# One role's run: its own server (SQLite, demo province) on its own port and folder; the
# output goes to $reports/<role>.log, the exit status says whether it passed.
contract_as() {
  local role="$1" port="$2" work server status=0
  work="$(mktemp -d)"
  DATABASE_URL="sqlite://$work/db.sqlite" DATA_DIR="$work/files" PORT="$port" BIND=127.0.0.1 \
    DEMO=1 HTTP_WORKERS=2 JWT_SECRET="contract-run-secret-0123456789abcdef0123456789abcdef-$RANDOM" \
    STATIC_DIR="$work/static" \
    RUST_LOG=warn "$bin" serve >"$work/server.log" 2>&1 &
  server=$!
  local base="http://127.0.0.1:$port"
  for _ in $(seq 1 300); do
    curl -fsS "$base/api/health" >/dev/null 2>&1 && break
    if ! kill -0 "$server" 2>/dev/null; then
      cat "$work/server.log"
      echo "the server for $role did not start"
      rm -rf "$work"
      return 1
    fi
    sleep 0.2
  done
  echo "==> contract as $role ($base, $examples examples, $scenarios stateful scenarios, seed $seed)"
  (
    # In the run's own folder: schemathesis and hypothesis keep caches (earlier failures to
    # replay) in the working directory, and a run must not depend on the one before it.
    cd "$work"
    export CONTRACT_BASE_URL="$base" CONTRACT_USERNAME="$role" CONTRACT_PASSWORD="Demo#Title2026" \
      PYTHONPATH="$root/scripts/contract" SCHEMATHESIS_HOOKS=hooks
    run() {
      "$st" --config-file "$root/scripts/contract/schemathesis.toml" run \
        "$base/api/openapi.json" --checks all --seed "$seed" --workers 1 --no-shrink "$@"
    }
    pass=0
    run --phases examples,coverage,fuzzing -n "$examples" \
      --report junit --report-junit-path "$reports/$role.xml" || pass=$?
    # The stateful pass: valid requests only, lists asked for without their optional filters
    # so that chains start from real objects (scripts/contract/stateful_hooks.py).
    SCHEMATHESIS_HOOKS=stateful_hooks run --phases stateful --mode positive -n "$scenarios" \
      --report junit --report-junit-path "$reports/$role.stateful.xml" || pass=$?
    exit "$pass"
  ) || status=$?
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  ((status == 0)) || cp "$work/server.log" "$reports/$role.server.log" || true
  rm -rf "$work"
  return "$status"
}

# CONTRACT_JOBS roles at a time (default 2: each run is one Python process and one server).
jobs="${CONTRACT_JOBS:-2}"
first_port=$((20000 + RANDOM % 20000))
index=0
for role in $roles; do
  while (($(jobs -rp | wc -l) >= jobs)); do
    wait -n || true
  done
  rm -f "$reports/$role.status"
  (
    status=0
    contract_as "$role" $((first_port + index)) >"$reports/$role.log" 2>&1 || status=$?
    echo "$status" >"$reports/$role.status"
  ) &
  index=$((index + 1))
done
wait
failed=()
for role in $roles; do
  cat "$reports/$role.log"
  [[ "$(cat "$reports/$role.status" 2>/dev/null)" == 0 ]] || failed+=("$role")
done
if ((${#failed[@]})); then
  echo "contract failures as: ${failed[*]} (reports in $reports)" >&2
  exit 1
fi
echo "contract: no failures for $roles"
