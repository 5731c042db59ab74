#!/usr/bin/env bash
# Flamegraphs of the workflow-action path (issue 14, goal 2): the release API tests built with
# frame pointers (their own target dir, so the normal build stays as it is), the perf benchmark
# at a small scale with a sustained run of withdraw/submit actions, `perf record` attached to
# the test process (the whole machine for PostgreSQL, whose server processes do part of the
# work) for the length of that run, folded and drawn with inferno.
#
#   scripts/profile-actions.sh            # both engines
#   PROFILE_ENGINES=sqlite scripts/profile-actions.sh
#
# Output: docs/perf/actions-<engine><PROFILE_TAG>.svg and the folded stacks next to them
# (.folded.gz), plus the benchmark's own lines in target/profile/actions-<engine>.log.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v perf >/dev/null || { echo "perf is missing (Debian: linux-perf)" >&2; exit 1; }
if ! command -v inferno-flamegraph >/dev/null; then
    cargo install inferno --version 0.12.8 --locked
fi

export CARGO_TARGET_DIR=target/profile
export RUSTFLAGS="-C force-frame-pointers=yes"
cargo test --release -p backend --test api --no-run
mkdir -p docs/perf

engines=${PROFILE_ENGINES:-"sqlite postgres"}
tag=${PROFILE_TAG:-}
seconds=${PROFILE_SECONDS:-20}
for engine in $engines; do
    log="$CARGO_TARGET_DIR/actions-$engine.log"
    data="$CARGO_TARGET_DIR/actions-$engine.perf"
    skip=()
    if [ "$engine" = sqlite ]; then skip=(PERF_SKIP_POSTGRES=1); else skip=(PERF_SKIP_SQLITE=1); fi
    env "${skip[@]}" PERF_APPLICATIONS="${PERF_APPLICATIONS:-20000}" \
        PERF_ACCOUNTS="${PERF_ACCOUNTS:-10000}" PERF_UNITS="${PERF_UNITS:-500}" \
        PERF_ACTION_ROUNDS="${PERF_ACTION_ROUNDS:-10}" \
        cargo test --release -p backend --test api perf::the_workflow -- \
        --ignored --nocapture --test-threads=1 >"$log" 2>&1 &
    runner=$!
    pid=""
    for _ in $(seq 1 1200); do
        pid=$(sed -n 's/^sustained actions ([A-Za-z]*): starting, pid \([0-9]*\)$/\1/p' "$log" | head -1)
        [ -n "$pid" ] && break
        kill -0 "$runner" 2>/dev/null || break
        sleep 0.5
    done
    if [ -z "$pid" ]; then
        echo "the benchmark never reached its sustained actions; see $log" >&2
        exit 1
    fi
    # PostgreSQL's own processes do part of each action's work: record the whole machine there.
    target=(-p "$pid")
    if [ "$engine" = postgres ]; then target=(-a); fi
    perf record -F 499 -g "${target[@]}" -o "$data" -- sleep "$seconds" >/dev/null 2>&1
    wait "$runner"
    perf script -i "$data" 2>/dev/null | inferno-collapse-perf >"$CARGO_TARGET_DIR/actions-$engine.folded"
    inferno-flamegraph --minwidth 0.2 --title "Workflow actions, $engine (withdraw/submit, 8 clients)" \
        <"$CARGO_TARGET_DIR/actions-$engine.folded" >"docs/perf/actions-$engine$tag.svg"
    gzip -9c "$CARGO_TARGET_DIR/actions-$engine.folded" >"docs/perf/actions-$engine$tag.folded.gz"
    grep -E '^(sustained actions|actions:|HTTP ceiling)' "$log" || true
    echo "docs/perf/actions-$engine$tag.svg"
done
