#!/usr/bin/env bash
# Builds the SPA into frontend/dist/: content-hashed assets under assets/ and an index.html that
# loads them without any inline script or style (the server's CSP forbids both).
#
#   scripts/build-frontend.sh            # from any directory
#
# Honours CARGO_TARGET_DIR (default <root>/target), CARGO_BUILD_JOBS (default 2) and WASM_OPT
# (path to a wasm-opt; default <root>/.tools/node_modules/.bin/wasm-opt; optional).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FRONTEND="$ROOT/frontend"
DIST="$FRONTEND/dist"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
PROFILE="wasm-release"
TRIPLE="wasm32-unknown-unknown"
# Budget for the gzipped wasm, in bytes (640 KiB; docs/PERFORMANCE.md says why).
MAX_GZIP_BYTES=$((640 * 1024))

cd "$ROOT"

# wasm-bindgen's CLI must match the library version pinned in Cargo.lock exactly.
want="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)"
if ! command -v wasm-bindgen >/dev/null 2>&1; then
  echo "error: wasm-bindgen not found; install it with: cargo install wasm-bindgen-cli --version $want --locked" >&2
  exit 1
fi
have="$(wasm-bindgen --version | awk '{ print $2 }')"
if [[ "$have" != "$want" ]]; then
  echo "error: wasm-bindgen CLI is $have but Cargo.lock pins $want" >&2
  echo "       cargo install wasm-bindgen-cli --version $want --locked --force" >&2
  exit 1
fi

echo "==> cargo build (frontend, $PROFILE, $TRIPLE)"
CARGO_TARGET_DIR="$TARGET_DIR" cargo build -p frontend --target "$TRIPLE" --profile "$PROFILE" \
  -j "${CARGO_BUILD_JOBS:-2}"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

echo "==> wasm-bindgen"
wasm-bindgen --target web --no-typescript --out-dir "$WORK/bindgen" --out-name app \
  "$TARGET_DIR/$TRIPLE/$PROFILE/frontend.wasm"
if [[ -d "$WORK/bindgen/snippets" ]]; then
  # Inline JS snippets would need their own hashed copies; none of our dependencies has any.
  echo "error: wasm-bindgen produced snippets/, which this script does not publish" >&2
  exit 1
fi

WASM="$WORK/bindgen/app_bg.wasm"
opt="${WASM_OPT:-$ROOT/.tools/node_modules/.bin/wasm-opt}"
if [[ -x "$opt" || -n "${WASM_OPT:-}" ]] && "$opt" --version >/dev/null 2>&1; then
  echo "==> wasm-opt -Oz ($("$opt" --version))"
  "$opt" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    -o "$WORK/app_bg.opt.wasm" "$WASM"
  mv "$WORK/app_bg.opt.wasm" "$WASM"
else
  echo "note: no working wasm-opt (set WASM_OPT or install binaryen into .tools/); wasm left unoptimised by binaryen"
fi

hash() { sha256sum "$1" | cut -c1-12; }

OUT="$WORK/dist"
mkdir -p "$OUT/assets"

# publish SOURCE NAME EXT: copies SOURCE to assets/NAME-<hash>EXT and prints the URL path.
publish() {
  local name
  name="$2-$(hash "$1")$3"
  cp "$1" "$OUT/assets/$name"
  echo "/assets/$name"
}

app_js="$(publish "$WORK/bindgen/app.js" app .js)"
app_wasm="$(publish "$WASM" app _bg.wasm)"
app_css="$(publish "$FRONTEND/static/app.css" app .css)"
favicon="$(publish "$FRONTEND/static/favicon.svg" favicon .svg)"

cat >"$WORK/boot.js" <<EOF
import init from '$app_js';

init({ module_or_path: '$app_wasm' }).catch((error) => {
  console.error('职称评审子系统: the application failed to start', error);
});
EOF
boot_js="$(publish "$WORK/boot.js" boot .js)"

sed -e "s|{{APP_CSS}}|$app_css|g" \
  -e "s|{{APP_JS}}|$app_js|g" \
  -e "s|{{APP_WASM}}|$app_wasm|g" \
  -e "s|{{BOOT_JS}}|$boot_js|g" \
  -e "s|{{FAVICON}}|$favicon|g" \
  "$FRONTEND/index.html" >"$OUT/index.html"
if grep -q '{{' "$OUT/index.html"; then
  echo "error: unreplaced placeholder in frontend/index.html:" >&2
  grep -n '{{' "$OUT/index.html" >&2
  exit 1
fi

rm -rf "$DIST"
mv "$OUT" "$DIST"

final_wasm="$DIST$app_wasm"
raw=$(wc -c <"$final_wasm")
gz=$(gzip -9c "$final_wasm" | wc -c)
echo "==> frontend/dist written"
ls -l "$DIST" "$DIST/assets"
echo "wasm: $raw bytes raw, $gz bytes gzipped (gzip -9)"
if ((gz > MAX_GZIP_BYTES)); then
  echo "error: gzipped wasm exceeds the budget of $MAX_GZIP_BYTES bytes" >&2
  exit 1
fi
