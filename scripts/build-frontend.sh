#!/usr/bin/env bash
# Builds the SPA into frontend/dist/: one bundle per entry (frontend/src/bin/<entry>.rs; which
# paths each serves is shared::spa::SpaEntry), each with content-hashed js and wasm under assets/
# and its own <entry>.html that loads them without any inline script or style (the server's CSP
# forbids both). Every asset and HTML file gets precompressed .br (brotli -q 11) and .gz
# (gzip -9) siblings that the server sends by Accept-Encoding. Prints each bundle's raw and
# gzipped size (wasm + js) and fails when one is above its budget.
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
ENTRIES=(public portal admin security title manage publicity experts reviewer online certificates)
# Budgets for gzip -9 of wasm + js, per entry, in bytes (docs/PERFORMANCE.md, "Entries by
# audience", says why and has the history). The public site 72 KiB, under its target of 120 KB:
# it has no Yew, only web-sys (docs/PERFORMANCE.md, "The public entry without Yew"); sign-in and
# the first screen after it (the portal entry, where every account kind lands) 244 KiB, under
# 250,000 B in either reading of "250 KB". The other entries are loaded only by the people whose
# screens they hold; each budget is what it measured when the entries were split by audience
# (a UI key holding its own texts, then admin/security, manage/publicity, experts/reviewer,
# online/reviewer) plus about 8 %. An entry over its budget is split by audience again
# (docs/DECISIONS.md), not given a bigger budget.
declare -A BUDGET=([public]=$((72 * 1024)) [portal]=$((244 * 1024))
  [admin]=$((418 * 1024)) [security]=$((347 * 1024)) [title]=$((416 * 1024))
  [manage]=$((366 * 1024)) [publicity]=$((336 * 1024)) [experts]=$((348 * 1024))
  [reviewer]=$((325 * 1024)) [online]=$((419 * 1024)) [certificates]=$((317 * 1024)))

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
for tool in gzip brotli; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "error: $tool not found; run scripts/ensure-tools.sh" >&2
    exit 1
  fi
done

echo "==> cargo build (frontend, every entry, $PROFILE, $TRIPLE)"
CARGO_TARGET_DIR="$TARGET_DIR" cargo build -p frontend --bins --target "$TRIPLE" \
  --profile "$PROFILE" -j "${CARGO_BUILD_JOBS:-2}"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

opt="${WASM_OPT:-$ROOT/.tools/node_modules/.bin/wasm-opt}"
have_opt=0
if [[ -x "$opt" || -n "${WASM_OPT:-}" ]] && "$opt" --version >/dev/null 2>&1; then
  have_opt=1
  echo "==> wasm-opt: $("$opt" --version)"
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

app_css="$(publish "$FRONTEND/static/app.css" app .css)"
favicon="$(publish "$FRONTEND/static/favicon.svg" favicon .svg)"

# process ENTRY: wasm-bindgen, wasm-opt, publish the hashed js/wasm/boot and the entry's HTML,
# and write "raw gzip brotli" of its wasm + js + boot into $WORK/ENTRY.sizes. The entries are
# independent and each step is single-threaded, so they run CARGO_BUILD_JOBS at a time.
process() {
  local entry="$1" wasm js_url wasm_url boot_url raw=0 gz=0 br=0 url
  echo "==> $entry: wasm-bindgen"
  wasm-bindgen --target web --no-typescript --out-dir "$WORK/$entry" --out-name "$entry" \
    "$TARGET_DIR/$TRIPLE/$PROFILE/$entry.wasm"
  if [[ -d "$WORK/$entry/snippets" ]]; then
    # Inline JS snippets would need their own hashed copies; none of our dependencies has any.
    echo "error: wasm-bindgen produced snippets/, which this script does not publish" >&2
    return 1
  fi
  wasm="$WORK/$entry/${entry}_bg.wasm"
  if ((have_opt)); then
    echo "==> $entry: wasm-opt -Oz"
    "$opt" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
      --enable-mutable-globals --enable-reference-types --enable-multivalue \
      -o "$WORK/$entry/opt.wasm" "$wasm"
    mv "$WORK/$entry/opt.wasm" "$wasm"
  fi
  js_url="$(publish "$WORK/$entry/$entry.js" "$entry" .js)"
  wasm_url="$(publish "$wasm" "$entry" _bg.wasm)"
  cat >"$WORK/$entry/boot.js" <<EOF
import init from '$js_url';

init({ module_or_path: '$wasm_url' }).catch((error) => {
  console.error('职称评审子系统: the application failed to start', error);
});
EOF
  boot_url="$(publish "$WORK/$entry/boot.js" "boot-$entry" .js)"
  sed -e "s|{{APP_CSS}}|$app_css|g" \
    -e "s|{{APP_JS}}|$js_url|g" \
    -e "s|{{APP_WASM}}|$wasm_url|g" \
    -e "s|{{BOOT_JS}}|$boot_url|g" \
    -e "s|{{FAVICON}}|$favicon|g" \
    "$FRONTEND/index.html" >"$OUT/$entry.html"
  if grep -q '{{' "$OUT/$entry.html"; then
    echo "error: unreplaced placeholder in frontend/index.html:" >&2
    grep -n '{{' "$OUT/$entry.html" >&2
    return 1
  fi
  # The precompressed siblings the server sends are also what the sizes are measured on.
  for url in "$wasm_url" "$js_url" "$boot_url"; do
    precompress "$OUT$url"
    raw=$((raw + $(wc -c <"$OUT$url")))
    gz=$((gz + $(wc -c <"$OUT$url.gz")))
    br=$((br + $(wc -c <"$OUT$url.br")))
  done
  precompress "$OUT/$entry.html"
  echo "$raw $gz $br" >"$WORK/$entry.sizes"
  echo "==> $entry: done"
}

# precompress FILE: FILE.gz (gzip -9) and FILE.br (brotli -q 11) beside it.
precompress() {
  gzip -9 -n -c "$1" >"$1.gz"
  brotli -q 11 -f -o "$1.br" "$1"
}

parallel="${CARGO_BUILD_JOBS:-2}"
pids=()
failed=0
for entry in "${ENTRIES[@]}"; do
  while (($(jobs -rp | wc -l) >= parallel)); do
    wait -n || failed=1
  done
  process "$entry" &
  pids+=($!)
done
for pid in "${pids[@]}"; do
  wait "$pid" || failed=1
done
if ((failed)); then
  echo "error: building an entry failed (see above)" >&2
  exit 1
fi

echo "==> precompressing the shared assets (brotli -q 11, gzip -9)"
precompress "$OUT$app_css"
precompress "$OUT$favicon"

rm -rf "$DIST"
mv "$OUT" "$DIST"
echo "==> frontend/dist written"
ls -l "$DIST" "$DIST/assets"

echo "==> bundle sizes in bytes (wasm + js of each entry; the budget is on gzip -9)"
over=0
printf '%-8s %10s %10s %10s %10s\n' entry raw gzip brotli budget
for entry in "${ENTRIES[@]}"; do
  read -r raw gz br <"$WORK/$entry.sizes"
  printf '%-8s %10d %10d %10d %10d\n' "$entry" "$raw" "$gz" "$br" "${BUDGET[$entry]}"
  if ((gz > BUDGET[$entry])); then
    echo "error: the $entry bundle is $gz bytes gzipped, above its budget of ${BUDGET[$entry]}" >&2
    over=1
  fi
done
exit "$over"
