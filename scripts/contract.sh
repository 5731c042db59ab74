#!/usr/bin/env bash
# The API contract, tried as an integrator would (issue 13): schemathesis against the real
# server on SQLite with the demo province, signed in as each ROLE in turn, every check, every
# phase (examples, coverage, fuzzing, stateful), a fixed seed. Exit code 1 on any failure.
#   scripts/contract.sh [EXAMPLES] [SEED]        (make test: 5 examples, seed 1)
#   CONTRACT_ROLES="sysadmin" scripts/contract.sh 100 7   (a longer run of one role)
# Builds the debug server when BACKEND_BIN is not given, and installs schemathesis (PyPI, the
# version below) into target/tools/venv when missing. `make test` runs it as the applicant;
# the other roles join when they pass (docs/SECURITY.md says where the contract stands).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
examples="${1:-5}"
seed="${2:-1}"
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

failed=()
for role in $roles; do
  work="$(mktemp -d)"
  port=$((20000 + RANDOM % 20000))
  DATABASE_URL="sqlite://$work/db.sqlite" DATA_DIR="$work/files" PORT="$port" BIND=127.0.0.1 \
    DEMO=1 HTTP_WORKERS=2 JWT_SECRET="contract-run-secret-0123456789abcdef0123456789abcdef-$RANDOM" \
    STATIC_DIR="$work/static" \
    RUST_LOG=warn "$bin" serve >"$work/server.log" 2>&1 &
  server=$!
  base="http://127.0.0.1:$port"
  for _ in $(seq 1 300); do
    curl -fsS "$base/api/health" >/dev/null 2>&1 && break
    if ! kill -0 "$server" 2>/dev/null; then
      cat "$work/server.log" >&2
      echo "the server for $role did not start" >&2
      exit 1
    fi
    sleep 0.2
  done
  echo "==> contract as $role ($base, $examples examples, seed $seed)"
  status=0
  (
    # In the run's own folder: schemathesis and hypothesis keep caches (earlier failures to
    # replay) in the working directory, and a run must not depend on the one before it.
    cd "$work"
    CONTRACT_BASE_URL="$base" CONTRACT_USERNAME="$role" CONTRACT_PASSWORD="Demo#Title2026" \
      PYTHONPATH="$root/scripts/contract" SCHEMATHESIS_HOOKS=hooks \
      "$st" --config-file "$root/scripts/contract/schemathesis.toml" run \
      "$base/api/openapi.json" --checks all --phases examples,coverage,fuzzing,stateful \
      -n "$examples" --seed "$seed" --workers 1 --no-shrink \
      --report junit --report-junit-path "$reports/$role.xml"
  ) || status=$?
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  if ((status != 0)); then
    failed+=("$role")
    cp "$work/server.log" "$reports/$role.server.log" || true
  fi
  rm -rf "$work"
done
if ((${#failed[@]})); then
  echo "contract failures as: ${failed[*]} (reports in $reports)" >&2
  exit 1
fi
echo "contract: no failures for $roles"
