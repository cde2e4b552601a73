#!/usr/bin/env bash
# budconv set-up, build and run script. Usage: ./build.sh demo | test | sanitize | build | bench | clean
#   demo      install what is missing, build (Release), run the main job on samples/ into out/demo/
#   test      install what is missing, build (Release), run the whole test suite (ctest)
#   sanitize  the same test suite built with AddressSanitizer + UndefinedBehaviorSanitizer (build-asan/)
#   build     install what is missing and build (Release) only
#   bench     build, then run the benchmarks in bench/ (writes bench/RESULTS.md)
#   clean     remove build/, build-asan/ and out/
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
JOBS=$(nproc 2>/dev/null || echo 2)

# Debian 12 packages the build and the tests need (the tests use xmllint and openpyxl as
# independent readers of what we write).
PACKAGES=(cmake g++ make pkg-config libpugixml-dev libboost-dev libcli11-dev catch2 libzip-dev
  libxlsxwriter-dev libexpat1-dev libfreexl-dev libxml2-utils python3 python3-openpyxl)

ensure_packages() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$p")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ]; then
    echo "==> installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
  else
    echo "Missing Debian packages: ${missing[*]}" >&2
    echo "Install them with:  sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
}

# configure_and_build DIR TARGET [cmake args…]  (re-configuring an up-to-date tree is cheap)
configure_and_build() {
  local dir=$1 target=$2
  shift 2
  cmake -S "$ROOT" -B "$dir" -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
  cmake --build "$dir" -j"$JOBS" --target "$target"
}

run_tests() {
  local dir=$1
  (cd "$dir" && ctest --output-on-failure -j"$JOBS")
}

demo() {
  local exe="$ROOT/build/bin/budconv" out="$ROOT/out/demo"
  mkdir -p "$out"
  echo "==> budconv formats"
  "$exe" formats
  local n=0 forms=0
  for f in "$ROOT"/samples/*.xml; do
    [ -e "$f" ] || continue
    local base region
    base=$(basename "$f" .xml)
    region=${base%%-*}
    echo
    echo "==> budconv inspect samples/$base.xml"
    "$exe" inspect "$f"
    "$exe" convert "$f" -o "$out/$base.xml" --force 2>/dev/null
    cmp -s "$f" "$out/$base.xml" && echo "    samples/$base.xml → out/demo/$base.xml: identical bytes"
    n=$((n + 1))
    # Lay the goal tables out in their region's official form, then read that form back.
    if "$exe" convert "$f" --to "$region" -o "$out/$base.$region.xlsx" --force 2>"$out/$base.log"; then
      "$exe" convert "$out/$base.$region.xlsx" -o "$out/$base.$region.xml" --force 2>>"$out/$base.log"
      echo "    → out/demo/$base.$region.xlsx (the $region form) → out/demo/$base.$region.xml; notes in out/demo/$base.log"
      forms=$((forms + 1))
      # …and from that form into every other region that has a template for it.
      for other in hebei henan sichuan; do
        [ "$other" = "$region" ] && continue
        if "$exe" convert "$out/$base.$region.xlsx" --to "$other" -o "$out/$base.$region-to-$other.xlsx" --force 2>>"$out/$base.log"; then
          echo "    → out/demo/$base.$region-to-$other.xlsx (the $other form; what it cannot hold is listed in the log)"
        fi
      done
    else
      echo "    (no $region template can lay this document out yet: $(tail -n 1 "$out/$base.log"))"
    fi
  done
  echo
  echo "==> demo done: $n samples inspected and converted, $forms laid out in their regional form, in out/demo/"
}

verb=${1:-}
case "$verb" in
  demo)
    ensure_packages
    configure_and_build "$ROOT/build" budconv_program
    demo
    ;;
  test)
    ensure_packages
    configure_and_build "$ROOT/build" all
    run_tests "$ROOT/build"
    ;;
  sanitize)
    ensure_packages
    configure_and_build "$ROOT/build-asan" all -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUDCONV_SANITIZE=ON
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 LSAN_OPTIONS=suppressions="$ROOT/tests/lsan.supp":print_suppressions=0 \
      UBSAN_OPTIONS=print_stacktrace=1 run_tests "$ROOT/build-asan"
    ;;
  build)
    ensure_packages
    configure_and_build "$ROOT/build" all
    ;;
  bench)
    ensure_packages
    configure_and_build "$ROOT/build" budconv_program
    bash "$ROOT/bench/run.sh"
    ;;
  clean)
    rm -rf "$ROOT/build" "$ROOT/build-asan" "$ROOT/out"
    ;;
  *)
    sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
