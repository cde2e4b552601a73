#!/usr/bin/env bash
# budconv set-up, build and run script. Usage: ./build.sh demo | test | sanitize | build | bench | samples | clean
#   demo      install what is missing, build (Release), run the main job on samples/ into out/demo/
#   test      install what is missing, build (Release), run the whole test suite (ctest)
#   sanitize  the same test suite built with AddressSanitizer + UndefinedBehaviorSanitizer (build-asan/)
#   build     install what is missing and build (Release) only
#   bench     build, then run the benchmarks in bench/ (writes bench/RESULTS.md)
#   samples   build, then regenerate samples/*-goals.xlsx and *-budget.xlsx from the canonical samples
#             (samples/goal-forms.tsv, samples/budget-forms.tsv)
#   clean     remove build/, build-asan/ and out/
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
JOBS=$(nproc 2>/dev/null || echo 2)

# Debian 12 packages the build and the tests need (the tests use xmllint and openpyxl as
# independent readers of what we write, and xlwt to save the goal forms as legacy .xls).
PACKAGES=(cmake g++ make pkg-config libpugixml-dev libboost-dev libcli11-dev catch2 libzip-dev
  libxlsxwriter-dev libexpat1-dev libfreexl-dev libxml2-utils python3 python3-openpyxl
  python3-xlwt)

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

# The summary `budconv validate FILE` prints on stderr, without the file name ("0 个错误，2 个警告，7 个提示").
validation_summary() {
  { "$ROOT/build/bin/budconv" validate "$1" 2>&1 >/dev/null || true; } | tail -n 1 | sed 's/.*：//'
}

demo() {
  local exe="$ROOT/build/bin/budconv" out="$ROOT/out/demo"
  mkdir -p "$out"
  echo "==> budconv formats"
  "$exe" formats
  local n=0 forms=0
  for f in "$ROOT"/samples/*.xml; do
    [ -e "$f" ] || continue
    local base
    base=$(basename "$f" .xml)
    echo
    echo "==> budconv inspect samples/$base.xml"
    "$exe" inspect "$f"
    "$exe" convert "$f" -o "$out/$base.xml" --force 2>/dev/null
    cmp -s "$f" "$out/$base.xml" && echo "    samples/$base.xml → out/demo/$base.xml: identical bytes"
    n=$((n + 1))
  done
  # Each sample in its region's official form (samples/*-goals.xlsx, `./build.sh samples`) into the
  # other regions' forms; what a form cannot hold is listed in the log and kept in its hidden sheet.
  for f in "$ROOT"/samples/*-goals.xlsx; do
    [ -e "$f" ] || continue
    local base region
    base=$(basename "$f" .xlsx)
    region=${base%%-*}
    for other in hebei henan sichuan; do
      [ "$other" = "$region" ] && continue
      if "$exe" convert "$f" --to "$other" -o "$out/$base.to-$other.xlsx" --force 2>"$out/$base.to-$other.log"; then
        echo "    samples/$base.xlsx → out/demo/$base.to-$other.xlsx ($(grep -o '写出所用模板：[^ ]*' "$out/$base.to-$other.log" | head -n 1 | sed 's/.*：//'))"
        forms=$((forms + 1))
      else
        echo "    samples/$base.xlsx → $other: failed: $(tail -n 1 "$out/$base.to-$other.log")"
      fi
    done
  done
  # The budget tables of seeds 001 and 004 in their region's form (samples/*-budget.xlsx) into the
  # other regions' forms, each validated before and after (findings: budconv validate FILE).
  for f in "$ROOT"/samples/*-budget.xlsx; do
    [ -e "$f" ] || continue
    local base region
    base=$(basename "$f" .xlsx)
    region=${base%%-*}
    for other in hebei henan sichuan; do
      [ "$other" = "$region" ] && continue
      if "$exe" convert "$f" --to "$other" -o "$out/$base.to-$other.xlsx" --force 2>"$out/$base.to-$other.log"; then
        echo "    samples/$base.xlsx ($(validation_summary "$f")) → out/demo/$base.to-$other.xlsx ($(grep -o '写出所用模板：[^ ]*' "$out/$base.to-$other.log" | head -n 1 | sed 's/.*：//'); $(validation_summary "$out/$base.to-$other.xlsx"))"
        forms=$((forms + 1))
      else
        echo "    samples/$base.xlsx → $other: failed: $(tail -n 1 "$out/$base.to-$other.log")"
      fi
    done
  done
  echo
  echo "==> demo done: $n samples inspected and converted, $forms regional forms converted into another region, in out/demo/"
}

# Lays the goal tables and the budget tables of each canonical sample out in its region's forms
# (samples/goal-forms.tsv, samples/budget-forms.tsv).
# SOURCE_DATE_EPOCH fixes the workbook's creation time, so an unchanged sample keeps its bytes.
samples() {
  local exe="$ROOT/build/bin/budconv" src tmpl out made=0 list
  local known
  known=$("$exe" formats)
  for list in goal-forms.tsv budget-forms.tsv; do
    while IFS=$'\t' read -r src tmpl out; do
      case "$src" in '#'* | '') continue ;; esac
      if ! grep -q "^ *$tmpl " <<<"$known"; then
        echo "    samples/$out: skipped, template $tmpl is not built"
        continue
      fi
      # --no-recovery: a sample is the official form as a user has it, without the hidden sheet.
      SOURCE_DATE_EPOCH=1609459200 "$exe" convert "$ROOT/samples/$src" --to "$tmpl" -o "$ROOT/samples/$out" \
        --no-recovery --force 2>/dev/null
      echo "    samples/$src → samples/$out ($tmpl)"
      made=$((made + 1))
    done <"$ROOT/samples/$list"
  done
  echo "==> $made sample workbooks written; check them with: (cd build && ctest -R sample)"
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
  samples)
    ensure_packages
    configure_and_build "$ROOT/build" budconv_program
    samples
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
    sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
