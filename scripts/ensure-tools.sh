#!/usr/bin/env bash
# Installs what the build and the tests need when it is missing; does nothing when present.
#   scripts/ensure-tools.sh          build tools: wasm32 target, wasm-bindgen-cli, wasm-opt, brotli
#   scripts/ensure-tools.sh --test   the above + Chromium, ChromeDriver and axe-core for browser tests,
#                                    and cargo-fuzz for the fuzzing step
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
want_browser=0
[[ "${1:-}" == "--test" ]] && want_browser=1

say() { printf '==> %s\n' "$*"; }

# 1. The wasm32 standard library.
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "installing the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# 2. wasm-bindgen-cli at exactly the version in Cargo.lock (the CLI and the library must match).
lock_version="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
if [[ -z "$lock_version" ]]; then
  echo "cannot find wasm-bindgen in Cargo.lock" >&2
  exit 1
fi
have_version="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
if [[ "$have_version" != "$lock_version" ]]; then
  say "installing wasm-bindgen-cli $lock_version (found: ${have_version:-none}); this takes a few minutes"
  # Not --locked: the CLI's own lock file does not resolve on this toolchain.
  cargo install wasm-bindgen-cli --version "$lock_version" -j 2
fi

# 3. wasm-opt (optional: the build works without it, only larger). Debian's binaryen is too old
#    for current Rust wasm, so a recent one comes from the npm registry into .tools/.
wasm_opt="$root/.tools/node_modules/.bin/wasm-opt"
if [[ ! -x "$wasm_opt" ]]; then
  if command -v npm >/dev/null 2>&1; then
    say "installing wasm-opt (binaryen from npm) into .tools/"
    mkdir -p .tools
    npm install --prefix .tools --no-audit --no-fund --loglevel=error binaryen@132 \
      || say "wasm-opt could not be installed; the SPA will be built without it"
  else
    say "npm not found: the SPA will be built without wasm-opt"
  fi
fi

# 4. axe-core, the accessibility checker the browser journeys run on every page they visit
#    (e2e/src/lib.rs injects .tools/node_modules/axe-core/axe.min.js). From the npm registry,
#    pinned; only with --test, like the browser.
axe="$root/.tools/node_modules/axe-core/axe.min.js"
if [[ "$want_browser" == 1 && ! -f "$axe" ]]; then
  if command -v npm >/dev/null 2>&1; then
    say "installing axe-core (npm) into .tools/"
    mkdir -p .tools
    npm install --prefix .tools --no-audit --no-fund --loglevel=error axe-core@4.14.1
  else
    echo "npm not found: the browser journeys need axe-core (.tools/node_modules/axe-core)" >&2
    exit 1
  fi
fi

# 4b. cargo-fuzz, the libFuzzer driver of the coverage-guided fuzzing step (scripts/fuzz.sh);
#     from crates.io, pinned; only with --test. It runs on this stable toolchain without a
#     sanitizer (`-s none`; docs/TESTING.md "Fuzzing").
cargo_fuzz_version=0.13.2
if [[ "$want_browser" == 1 ]] && [[ "$(cargo fuzz --version 2>/dev/null | awk '{print $2}')" != "$cargo_fuzz_version" ]]; then
  say "installing cargo-fuzz $cargo_fuzz_version"
  cargo install cargo-fuzz --version "$cargo_fuzz_version" --locked -j 2 \
    || cargo install cargo-fuzz --version "$cargo_fuzz_version" -j 2
fi

# 5. brotli, for the precompressed assets (.br next to each asset; gzip is in every base system).
if ! command -v brotli >/dev/null 2>&1; then
  say "installing brotli (Debian package)"
  sudo_cmd=()
  [[ "$(id -u)" != 0 ]] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq brotli >/dev/null
fi

# 6. The browser for the journeys, and CJK fonts so that its screenshots show Chinese.
if [[ "$want_browser" == 1 ]]; then
  packages=()
  command -v chromium >/dev/null 2>&1 || packages+=(chromium)
  command -v chromedriver >/dev/null 2>&1 || packages+=(chromium-driver)
  [[ -n "$(fc-list :lang=zh 2>/dev/null | head -1)" ]] || packages+=(fonts-noto-cjk)
  if (( ${#packages[@]} )); then
    say "installing ${packages[*]} (Debian packages)"
    sudo_cmd=()
    [[ "$(id -u)" != 0 ]] && sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${packages[@]}" >/dev/null
  fi
fi
