#!/usr/bin/env bash
# budconv benchmark: a generated 1,000,000-row × 12-column budget sheet (XLSX) converted to CSV
# by budconv and, in the same run, by the physical floor (unzip of the sheet XML), xlsx2csv,
# openpyxl read-only and LibreOffice (only if installed); plus small real-looking files end to
# end. Wall time and peak RSS come from GNU time; the table goes to bench/RESULTS.md.
#
# Usage (from the repository root): bash bench/run.sh      (./build.sh bench builds, then runs it)
# Environment:
#   BUDCONV          the program (default build/bin/budconv)
#   BENCH_DIR        work dir for the generated input, outputs and the generator (default build/bench)
#   BENCH_ROWS       data rows of the big sheet (default 1000000)
#   BENCH_RUNS       runs of each fast command; the median wall time is reported (default 3)
#   BENCH_SLOW_RUNS  runs of xlsx2csv / openpyxl / LibreOffice on the big sheet (default 1: minutes each)
#   BENCH_RESULTS    where to write the report (default bench/RESULTS.md)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BUDCONV=${BUDCONV:-$ROOT/build/bin/budconv}
WORK=${BENCH_DIR:-$ROOT/build/bench}
ROWS=${BENCH_ROWS:-1000000}
RUNS=${BENCH_RUNS:-3}
SLOW_RUNS=${BENCH_SLOW_RUNS:-1}
RESULTS=${BENCH_RESULTS:-$ROOT/bench/RESULTS.md}
SHARED=${BUDCONV_SHARED:-$ROOT/../shared}
SMALL_RUNS=5
PY=/usr/bin/python3 # the Debian python that has python3-openpyxl, not a pyenv one on PATH
NOTES_MARK='<!-- Everything below this line is kept when bench/run.sh rewrites this file. -->'

# ---------------------------------------------------------------------------------------------
# Tools. Like build.sh: as root, install what is missing; otherwise say what to install.
PACKAGES=(time unzip xlsx2csv python3 python3-openpyxl libxlsxwriter-dev pkg-config gcc)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
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
fi

mkdir -p "$WORK/out"
rel() { # a path as it should read in the report: relative to the repository root where possible
  local p=$1
  p=${p/#$ROOT\//}
  printf '%s' "$p"
}

# ---------------------------------------------------------------------------------------------
# Input: generated once and cached; regenerated when the generator or the row count changes.
GEN="$WORK/gen_sheet"
if [ ! -x "$GEN" ] || [ "$ROOT/bench/gen_sheet.c" -nt "$GEN" ]; then
  echo "==> compiling bench/gen_sheet.c"
  # shellcheck disable=SC2046  # pkg-config output is a list of words
  cc -O2 -std=c11 -Wall -Wextra -Werror "$ROOT/bench/gen_sheet.c" -o "$GEN" $(pkg-config --cflags --libs xlsxwriter)
fi
generate() { # generate OUT ROWS: (re)writes OUT unless its stamp says it is current
  local out=$1 rows=$2 stamp
  stamp="rows=$rows gen=$(sha256sum "$ROOT/bench/gen_sheet.c" | cut -c1-16)"
  if [ -f "$out" ] && [ -f "$out.stamp" ] && [ "$(cat "$out.stamp")" = "$stamp" ]; then
    return 0
  fi
  echo "==> generating $(rel "$out") ($rows data rows)"
  rm -f "$out" "$out.stamp"
  /usr/bin/time -f "    generated in %e s, peak RSS %M KB" "$GEN" "$out" "$rows"
  echo "$stamp" >"$out.stamp"
}
BIG="$WORK/big.xlsx"
SMALL="$WORK/small.xlsx"
generate "$BIG" "$ROWS"
generate "$SMALL" 1000

# ---------------------------------------------------------------------------------------------
# Measuring. measure KEY RUNS STDOUT DISPLAY CMD… runs CMD RUNS times under GNU time with its
# standard output sent to STDOUT; records the median wall time, the largest peak RSS and the
# median CPU time (user+sys), or why it could not run.
declare -A WALL RSS CPU NRUNS SHOWN STATUS
ORDER=()
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else printf "%.2f\n", (a[NR/2]+a[NR/2+1])/2}'; }
measure() {
  local key=$1 runs=$2 out=$3 shown=$4
  shift 4
  ORDER+=("$key")
  SHOWN[$key]=$shown
  NRUNS[$key]=$runs
  local walls=() cpus=() peak=0 i e m u s
  for ((i = 1; i <= runs; i++)); do
    echo "==> [$key] run $i/$runs: $shown"
    if ! /usr/bin/time -f "%e %M %U %S" -o "$WORK/time.txt" "$@" >"$out" 2>"$WORK/$key.stderr"; then
      STATUS[$key]="failed (exit $(grep -o 'exited with non-zero status [0-9]*' "$WORK/time.txt" | awk '{print $NF}')): $(grep -v '^Command exited' "$WORK/$key.stderr" | head -n 1 | cut -c1-200)"
      echo "    ${STATUS[$key]}"
      return 0
    fi
    read -r e m u s <"$WORK/time.txt"
    walls+=("$e")
    cpus+=("$(awk -v u="$u" -v s="$s" 'BEGIN {printf "%.2f", u + s}')")
    [ "$m" -gt "$peak" ] && peak=$m
    echo "    ${e} s, peak RSS $((m / 1024)) MB"
  done
  WALL[$key]=$(median "${walls[@]}")
  CPU[$key]=$(median "${cpus[@]}")
  RSS[$key]=$peak
  STATUS[$key]=ok
}
skip() { # skip KEY DISPLAY REASON
  ORDER+=("$1")
  SHOWN[$1]=$2
  NRUNS[$1]=0
  STATUS[$1]=$3
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
R_BIG=$(rel "$BIG")
R_OUT=$(rel "$WORK/out")

# The big sheet.
measure floor "$RUNS" /dev/null "unzip -p $R_BIG xl/worksheets/sheet1.xml > /dev/null" \
  unzip -p "$BIG" xl/worksheets/sheet1.xml
if [ -x "$BUDCONV" ]; then
  measure budconv "$RUNS" /dev/null "$(rel "$BUDCONV") convert $R_BIG -o $R_OUT/budconv.csv --force" \
    "$BUDCONV" convert "$BIG" -o "$WORK/out/budconv.csv" --force
else
  skip budconv "$(rel "$BUDCONV") convert $R_BIG -o $R_OUT/budconv.csv" "not built ($(rel "$BUDCONV") missing)"
fi
measure xlsx2csv "$SLOW_RUNS" "$WORK/out/xlsx2csv.csv" "xlsx2csv $R_BIG > $R_OUT/xlsx2csv.csv" \
  xlsx2csv "$BIG"
measure openpyxl "$SLOW_RUNS" /dev/null "$PY bench/openpyxl_csv.py $R_BIG $R_OUT/openpyxl.csv" \
  "$PY" "$ROOT/bench/openpyxl_csv.py" "$BIG" "$WORK/out/openpyxl.csv"
if command -v soffice >/dev/null 2>&1; then
  measure soffice "$SLOW_RUNS" /dev/null "soffice --headless --convert-to csv --outdir $R_OUT/soffice $R_BIG" \
    soffice --headless --convert-to csv --outdir "$WORK/out/soffice" "$BIG"
else
  skip soffice "soffice --headless --convert-to csv --outdir $R_OUT/soffice $R_BIG" \
    "not installed (LibreOffice is deliberately not installed for this benchmark)"
fi
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# Small files end to end: process start, plugin loading, detection, reading and writing.
SMALL_KEYS=()
small() { # small KEY DISPLAY CMD…
  local key=$1 shown=$2
  shift 2
  SMALL_KEYS+=("$key")
  if [ ! -x "$BUDCONV" ] && [ "$1" = "$BUDCONV" ]; then
    skip "$key" "$shown" "not built"
  else
    measure "$key" "$SMALL_RUNS" /dev/null "$shown" "$@"
  fi
}
CORPUS_FILE="$SHARED/corpus/tealeg-xlsx/panic_test.xlsx" # one Chinese sheet, 9,884 rows × 8 columns
R_BC=$(rel "$BUDCONV")
small s_gen_budconv "$R_BC convert $(rel "$SMALL") -o $R_OUT/small.csv --force" \
  "$BUDCONV" convert "$SMALL" -o "$WORK/out/small.csv" --force
small s_gen_xlsx2csv "xlsx2csv $(rel "$SMALL") > $R_OUT/small-xlsx2csv.csv" xlsx2csv "$SMALL"
if [ -f "$CORPUS_FILE" ]; then
  small s_corpus_budconv "$R_BC convert ../shared/corpus/tealeg-xlsx/panic_test.xlsx -o $R_OUT/panic_test.csv --force" \
    "$BUDCONV" convert "$CORPUS_FILE" -o "$WORK/out/panic_test.csv" --force
  small s_corpus_xlsx2csv "xlsx2csv ../shared/corpus/tealeg-xlsx/panic_test.xlsx > $R_OUT/panic_test-xlsx2csv.csv" \
    xlsx2csv "$CORPUS_FILE"
  small s_corpus_openpyxl "$PY bench/openpyxl_csv.py ../shared/corpus/tealeg-xlsx/panic_test.xlsx $R_OUT/panic_test-openpyxl.csv" \
    "$PY" "$ROOT/bench/openpyxl_csv.py" "$CORPUS_FILE" "$WORK/out/panic_test-openpyxl.csv"
fi
for f in "$ROOT"/samples/*.xml; do
  [ -e "$f" ] || continue
  b=$(basename "$f" .xml)
  small "s_xml_$b" "$R_BC convert samples/$b.xml -o $R_OUT/$b.xml --force" \
    "$BUDCONV" convert "$f" -o "$WORK/out/$b.xml" --force
done

# ---------------------------------------------------------------------------------------------
# Does budconv's CSV say what xlsx2csv's says? (Both print the stored values; a difference is
# reported, not judged: xlsx2csv is a reference, not the specification.)
CHECK="not checked (budconv did not run)"
if [ "${STATUS[budconv]}" = ok ] && [ "${STATUS[xlsx2csv]}" = ok ]; then
  a="$WORK/out/budconv.csv" b="$WORK/out/xlsx2csv.csv"
  la=$(wc -l <"$a") lb=$(wc -l <"$b")
  if cmp -s "$a" "$b"; then
    CHECK="budconv's CSV is byte-identical to xlsx2csv's ($la lines)."
  else
    n=$(cmp "$a" "$b" 2>/dev/null | sed -n 's/.* line \([0-9]*\).*/\1/p')
    n=${n:-1}
    CHECK="budconv's CSV ($la lines) differs from xlsx2csv's ($lb lines); first difference on line $n:
\`\`\`
budconv : $(sed -n "${n}p" "$a" | cut -c1-300)
xlsx2csv: $(sed -n "${n}p" "$b" | cut -c1-300)
\`\`\`"
  fi
  # Codes with leading digits/zeros must stay text, amounts must keep their decimals.
  row2=$(sed -n 2p "$a" | tr -d '\r')
  CHECK="$CHECK
First data row written by budconv: \`$row2\`"
fi

# ---------------------------------------------------------------------------------------------
# Report.
mb() { awk -v k="$1" 'BEGIN {printf "%.0f", k / 1024}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.1f×", a / b; else print "–"}'; }
row() { # row KEY LABEL: one table line
  local k=$1 label=$2
  if [ "${STATUS[$k]}" != ok ]; then
    echo "| $label | – | – | – | – | – | ${STATUS[$k]} |"
    return
  fi
  local vs_floor vs_budconv="not measured"
  vs_floor=$(ratio "${WALL[$k]}" "${WALL[floor]:-0}")
  [ "${STATUS[budconv]}" = ok ] && vs_budconv=$(ratio "${WALL[$k]}" "${WALL[budconv]}")
  echo "| $label | ${WALL[$k]} | $vs_floor | $vs_budconv | ${CPU[$k]} | $(mb "${RSS[$k]}") | ${NRUNS[$k]} |"
}
target() { # target TEXT OK? MEASURED
  if [ "$2" = yes ]; then echo "| $1 | $3 | **met** |"; elif [ "$2" = no ]; then echo "| $1 | $3 | **missed** |"; else echo "| $1 | $3 | not measured |"; fi
}

CPU_MODEL=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
MEM_TOTAL=$(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo)
SHEET_BYTES=$(unzip -Zl "$BIG" xl/worksheets/sheet1.xml 2>/dev/null | awk 'NR == 1 {print $4}')
[ -z "$SHEET_BYTES" ] && SHEET_BYTES=$(unzip -p "$BIG" xl/worksheets/sheet1.xml | wc -c)
NOTES=""
if [ -f "$RESULTS" ] && grep -qF "$NOTES_MARK" "$RESULTS"; then
  NOTES=$(sed -n "/$(printf '%s' "$NOTES_MARK" | sed 's/[][\.*^$/]/\\&/g')/,\$p" "$RESULTS" | tail -n +2)
fi

t1=na t2=na t3=na m1="budconv not measured" m2=$m1 m3=$m1
if [ "${STATUS[budconv]}" = ok ]; then
  f=$(awk -v a="${WALL[budconv]}" -v b="${WALL[floor]}" 'BEGIN {printf "%.1f", a / b}')
  t1=$(awk -v r="$f" 'BEGIN {print (r <= 3) ? "yes" : "no"}')
  m1="${WALL[budconv]} s vs ${WALL[floor]} s: ${f}× the floor (CPU time: $(ratio "${CPU[budconv]}" "${CPU[floor]}"))"
  if [ "${STATUS[xlsx2csv]}" = ok ]; then
    x=$(awk -v a="${WALL[xlsx2csv]}" -v b="${WALL[budconv]}" 'BEGIN {printf "%.1f", a / b}')
    t2=$(awk -v r="$x" 'BEGIN {print (r >= 10) ? "yes" : "no"}')
    m2="${WALL[xlsx2csv]} s vs ${WALL[budconv]} s: ${x}× faster (CPU time: $(ratio "${CPU[xlsx2csv]}" "${CPU[budconv]}"))"
  fi
  t3=$( [ "$(mb "${RSS[budconv]}")" -lt 500 ] && echo yes || echo no)
  m3="$(mb "${RSS[budconv]}") MB"
fi

{
  echo "# Benchmark results"
  echo
  echo "Written by \`bash bench/run.sh\` (also run by \`./build.sh bench\`); every number below was measured by"
  echo "that script in the run it describes. Re-run it to refresh them."
  echo
  echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- Machine: $(nproc) CPUs ($CPU_MODEL), $MEM_TOTAL RAM, $(uname -sr)"
  echo "- Load average (1/5/15 min) before the big-sheet runs: $LOAD_BEFORE; after: $LOAD_AFTER (the machine is shared, so"
  echo "  expect some noise in wall times)"
  echo "- budconv: \`$(rel "$BUDCONV")\`, commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "  (working tree may hold uncommitted changes)"
  echo "- Tools: xlsx2csv $(dpkg-query -W -f='${Version}' xlsx2csv), python3-openpyxl $(dpkg-query -W -f='${Version}' python3-openpyxl)," \
    "$($PY --version 2>&1), $(unzip -v | head -n 1 | cut -d' ' -f1-2), GNU time $(dpkg-query -W -f='${Version}' time)"
  echo
  echo "## The big sheet"
  echo
  echo "\`$R_BIG\`: one sheet 支出明细表, a header row and $ROWS data rows × 12 columns, generated by"
  echo "\`bench/gen_sheet.c\` (libxlsxwriter, deterministic): 序号; 单位编码 (text, e.g. \`010101\`); 单位名称;"
  echo "功能分类科目编码 (text, e.g. \`2101202\`); 功能分类科目名称 (城乡居民基本医疗保险, 行政运行, …);"
  echo "经济分类科目编码 (text); 经济分类科目名称; 合计 / 基本支出 / 项目支出 / 财政拨款 (元, two decimals,"
  echo "\`#,##0.00\`; 项目支出 blank in ~30 % of rows); 下达日期 (a date, \`yyyy-mm-dd\`). Strings are in the shared"
  echo "string table, as Excel and WPS write them. File: $(stat -c %s "$BIG") bytes; \`xl/worksheets/sheet1.xml\`:"
  echo "$SHEET_BYTES bytes uncompressed."
  echo
  echo "Each command was run the number of times shown; wall time is the median, peak RSS the largest"
  echo "(GNU \`/usr/bin/time -f \"%e %M %U %S\"\`), CPU = user + system. \"vs budconv\" = its wall time ÷"
  echo "budconv's (how many times slower than budconv)."
  echo
  echo "| tool | wall s | vs floor | vs budconv | CPU s | peak RSS MB | runs |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  row floor "floor: unzip sheet1.xml"
  row budconv "**budconv convert**"
  row xlsx2csv "xlsx2csv"
  row openpyxl "openpyxl read_only + csv"
  row soffice "LibreOffice headless"
  echo
  echo "Commands (from the repository root):"
  echo
  echo '```sh'
  for k in floor budconv xlsx2csv openpyxl soffice; do echo "${SHOWN[$k]}"; done
  echo '```'
  echo
  if [ "$SLOW_RUNS" -eq 1 ]; then
    echo "xlsx2csv, openpyxl (and LibreOffice) were run once each on the big sheet (\`BENCH_SLOW_RUNS=1\`,"
    echo "the default, because on 1,000,000 rows each takes minutes); the others $RUNS times."
    echo
  fi
  echo "### Targets"
  echo
  echo "| target | measured | verdict |"
  echo "|---|---|---|"
  target "budconv within 3× of the floor" "$t1" "$m1"
  target "budconv at least 10× faster than xlsx2csv" "$t2" "$m2"
  target "budconv peak RSS under 500 MB" "$t3" "$m3"
  echo
  echo "### Output check"
  echo
  echo "$CHECK"
  echo
  echo "## Small files end to end"
  echo
  echo "Each run $SMALL_RUNS times, median wall time; this is mostly process start, plugin loading and detection."
  echo "\`small.xlsx\` is the same generator with 1,000 rows; \`panic_test.xlsx\` is a third-party file"
  echo "(tealeg/xlsx test data, one sheet 上传模板, 9,884 rows × 8 columns, Chinese text)."
  echo
  echo "| command | wall s | CPU s | peak RSS MB | runs |"
  echo "|---|---:|---:|---:|---:|"
  for k in "${SMALL_KEYS[@]}"; do
    if [ "${STATUS[$k]}" = ok ]; then
      echo "| \`${SHOWN[$k]}\` | ${WALL[$k]} | ${CPU[$k]} | $(mb "${RSS[$k]}") | ${NRUNS[$k]} |"
    else
      echo "| \`${SHOWN[$k]}\` | – | – | – | ${STATUS[$k]} |"
    fi
  done
  echo
  echo "$NOTES_MARK"
  if [ -n "$NOTES" ]; then echo "$NOTES"; fi
} >"$RESULTS"
echo "==> wrote $(rel "$RESULTS")"
