#!/usr/bin/env bash
# Coverage-guided fuzzing of every `backend/fuzz` target with libFuzzer (cargo fuzz), on the
# stable toolchain without a sanitizer (the targets are safe Rust; docs/TESTING.md "Fuzzing").
#   scripts/fuzz.sh [SECONDS]   each target SECONDS (default 5) from the committed corpus
#                               (backend/fuzz/corpus/<target>); a crash fails the run and leaves
#                               the input in backend/fuzz/artifacts/<target>/
#   scripts/fuzz.sh build       only build the targets (`make test` starts this beside the tests,
#                               with FUZZ_PROFILE=dev)
# FUZZ_KEEP_CORPUS=1 adds what the run found to the committed corpus (for a long campaign);
# otherwise new inputs go to a temporary directory and the committed corpus is left as it is.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root/backend"
seconds="${1:-5}"
# FUZZ_PROFILE=dev (make test's smoke run) builds in the fuzz crate's dev profile (unoptimised,
# checks on: half the build, a tenth of the executions); the default is its release profile, for
# campaigns.
case "${FUZZ_PROFILE:-release}" in
  release) flags=(-s none --release --codegen-units 16) ;;
  dev) flags=(-s none --dev --codegen-units 16) ;;
  *) echo "FUZZ_PROFILE must be release or dev" >&2; exit 2 ;;
esac
export CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-2}"
cargo fuzz build "${flags[@]}"
[[ "$seconds" == build ]] && exit 0
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
failed=()
for target in $(cargo fuzz list); do
  corpus="fuzz/corpus/$target"
  if [[ "${FUZZ_KEEP_CORPUS:-}" == 1 ]]; then
    dirs=("$corpus")
  else
    mkdir -p "$scratch/$target"
    dirs=("$scratch/$target" "$corpus")
  fi
  log="$scratch/$target.log"
  if cargo fuzz run "${flags[@]}" "$target" "${dirs[@]}" -- \
      -max_total_time="$seconds" -print_final_stats=1 >"$log" 2>&1; then
    runs="$(awk '/^stat::number_of_executed_units/ { print $2 }' "$log")"
    cov="$(grep -o 'cov: [0-9]*' "$log" | tail -1)"
    printf '  %-18s %10s runs  %s\n' "$target" "${runs:-?}" "$cov"
  else
    cat "$log"
    failed+=("$target")
  fi
done
if (( ${#failed[@]} )); then
  echo "fuzzing found failing inputs in: ${failed[*]} (see backend/fuzz/artifacts/)" >&2
  exit 1
fi
