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
#   BENCH_MID_ROWS   data rows of the mid sheet (default 80000: a size whose grid fits in memory
#                    comfortably, to see how the ratios change with size)
#   BENCH_RUNS       runs of each fast command; the median wall time is reported (default 3)
#   BENCH_SLOW_RUNS  runs of xlsx2csv / openpyxl / LibreOffice on the big sheet (default 1: minutes each)
#   BENCH_RESULTS    where to write the report (default bench/RESULTS.md)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BUDCONV=${BUDCONV:-$ROOT/build/bin/budconv}
WORK=${BENCH_DIR:-$ROOT/build/bench}
ROWS=${BENCH_ROWS:-1000000}
MID_ROWS=${BENCH_MID_ROWS:-80000}
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
# Inputs: generated once and cached; regenerated when the generator or the row count changes.
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
MID="$WORK/mid.xlsx"
SMALL="$WORK/small.xlsx"
generate "$BIG" "$ROWS"
generate "$MID" "$MID_ROWS"
generate "$SMALL" 1000

# ---------------------------------------------------------------------------------------------
# Measuring. measure KEY RUNS STDOUT DISPLAY CMD… runs CMD RUNS times under GNU time with its
# standard output sent to STDOUT; records the median wall time, the largest peak RSS and the
# median CPU time (user+sys), or why it failed.
declare -A WALL RSS CPU NRUNS SHOWN STATUS
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else printf "%.2f\n", (a[NR/2]+a[NR/2+1])/2}'; }
measure() {
  local key=$1 runs=$2 out=$3 shown=$4
  shift 4
  SHOWN[$key]=$shown
  NRUNS[$key]=$runs
  local walls=() cpus=() peak=0 i e m u s
  for ((i = 1; i <= runs; i++)); do
    echo "==> [$key] run $i/$runs: $shown"
    if ! /usr/bin/time -f "%e %M %U %S" -o "$WORK/time.txt" "$@" >"$out" 2>"$WORK/$key.stderr"; then
      read -r e m u s < <(tail -n 1 "$WORK/time.txt")
      STATUS[$key]="failed after $e s (peak RSS $((m / 1024)) MB), $(grep -oE '(status|signal) [0-9]+' "$WORK/time.txt" | sed 's/status/exit/'): $(head -n 1 "$WORK/$key.stderr" | cut -c1-200)"
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
  SHOWN[$1]=$2
  NRUNS[$1]=0
  STATUS[$1]=$3
}

R_OUT=$(rel "$WORK/out")
# LibreOffice, when installed (the benchmark never installs it): its own profile under $WORK, so
# another running instance cannot take the conversion over, created by an untimed warm-up run so
# the first measured run does not pay for it; a time limit so a stuck instance cannot hang the run.
SOFFICE_PROFILE="-env:UserInstallation=file://$WORK/soffice-profile"
SOFFICE_TIMEOUT=${BENCH_SOFFICE_TIMEOUT:-1800}
SOFFICE_CSV='csv:Text - txt - csv (StarCalc):44,34,76,1' # comma, double quote, UTF-8 (76), first line 1
if command -v soffice >/dev/null 2>&1; then
  echo "==> warming up LibreOffice (profile in $(rel "$WORK")/soffice-profile)"
  timeout 600 soffice "$SOFFICE_PROFILE" --headless --convert-to "$SOFFICE_CSV" --outdir "$WORK/out/soffice-warmup" "$SMALL" >/dev/null 2>&1 || true
fi
R_BC=$(rel "$BUDCONV")
declare -A LOAD_BEFORE LOAD_AFTER CHECK

# bench_sheet TAG FILE: every tool on one generated sheet, keys TAG_floor, TAG_budconv, …
bench_sheet() {
  local tag=$1 file=$2 rf
  rf=$(rel "$file")
  LOAD_BEFORE[$tag]=$(cut -d' ' -f1-3 /proc/loadavg)
  measure "${tag}_floor" "$RUNS" /dev/null "unzip -p $rf xl/worksheets/sheet1.xml > /dev/null" \
    unzip -p "$file" xl/worksheets/sheet1.xml
  if [ -x "$BUDCONV" ]; then
    measure "${tag}_budconv" "$RUNS" /dev/null "$R_BC convert $rf -o $R_OUT/$tag-budconv.csv --force" \
      "$BUDCONV" convert "$file" -o "$WORK/out/$tag-budconv.csv" --force
  else
    skip "${tag}_budconv" "$R_BC convert $rf -o $R_OUT/$tag-budconv.csv --force" "not built ($R_BC missing)"
  fi
  measure "${tag}_xlsx2csv" "$SLOW_RUNS" "$WORK/out/$tag-xlsx2csv.csv" "xlsx2csv $rf > $R_OUT/$tag-xlsx2csv.csv" \
    xlsx2csv "$file"
  measure "${tag}_openpyxl" "$SLOW_RUNS" /dev/null "$PY bench/openpyxl_csv.py $rf $R_OUT/$tag-openpyxl.csv" \
    "$PY" "$ROOT/bench/openpyxl_csv.py" "$file" "$WORK/out/$tag-openpyxl.csv"
  if command -v soffice >/dev/null 2>&1; then
    measure "${tag}_soffice" "$SLOW_RUNS" /dev/null "soffice --headless --convert-to '$SOFFICE_CSV' --outdir $R_OUT/soffice-$tag $rf" \
      timeout "$SOFFICE_TIMEOUT" soffice "$SOFFICE_PROFILE" --headless --convert-to "$SOFFICE_CSV" --outdir "$WORK/out/soffice-$tag" "$file"
  else
    skip "${tag}_soffice" "soffice --headless --convert-to csv --outdir $R_OUT/soffice-$tag $rf" \
      "not installed (not installed on purpose; the benchmark never installs LibreOffice)"
  fi
  LOAD_AFTER[$tag]=$(cut -d' ' -f1-3 /proc/loadavg)
  check_output "$tag"
}

# check_output TAG: does budconv's CSV say what xlsx2csv's says? A difference is reported, not
# judged: xlsx2csv is a reference, not the specification.
check_output() {
  local tag=$1
  CHECK[$tag]="not checked (budconv did not convert the file)"
  [ "${STATUS[${tag}_budconv]}" = ok ] && [ "${STATUS[${tag}_xlsx2csv]}" = ok ] || return 0
  local a="$WORK/out/$tag-budconv.csv" b="$WORK/out/$tag-xlsx2csv.csv" lf="$WORK/out/$tag-budconv-lf.csv"
  # budconv ends records with CRLF (RFC 4180), xlsx2csv with LF: compare without the CRs.
  tr -d '\r' <"$a" >"$lf"
  local la lb n ndiff
  la=$(wc -l <"$lf")
  lb=$(wc -l <"$b")
  if cmp -s "$lf" "$b"; then
    CHECK[$tag]="budconv's CSV is identical to xlsx2csv's apart from line ends (CRLF vs LF): $la lines."
  else
    ndiff=$(diff --speed-large-files "$lf" "$b" | grep -c '^<' || true)
    n=$(cmp "$lf" "$b" 2>/dev/null | sed -n 's/.* line \([0-9]*\).*/\1/p' || true)
    n=${n:-1}
    CHECK[$tag]="budconv's CSV ($la lines) differs from xlsx2csv's ($lb lines) beyond line ends on $ndiff lines; the first is line $n:
\`\`\`
budconv : $(sed -n "${n}p" "$lf" | cut -c1-300)
xlsx2csv: $(sed -n "${n}p" "$b" | cut -c1-300)
\`\`\`"
  fi
  rm -f "$lf"
  CHECK[$tag]="${CHECK[$tag]}
First data row written by budconv: \`$(sed -n 2p "$a" | tr -d '\r')\`"
}

bench_sheet big "$BIG"
bench_sheet mid "$MID"

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
  small "s_xml_$b" "$R_BC convert samples/$b.xml -o $R_OUT/$b.xml --to xml --force" \
    "$BUDCONV" convert "$f" -o "$WORK/out/$b.xml" --to xml --force
done

# ---------------------------------------------------------------------------------------------
# Report.
mb() { awk -v k="$1" 'BEGIN {printf "%.0f", k / 1024}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.1f×", a / b; else print "–"}'; }
row() { # row TAG TOOL LABEL: one table line
  local tag=$1 k="$1_$2" label=$3
  if [ "${STATUS[$k]}" != ok ]; then
    echo "| $label | – | – | – | – | – | – | – | ${STATUS[$k]} |"
    return
  fi
  local vs_floor vs_budconv="–" cpu_floor cpu_budconv="–"
  vs_floor=$(ratio "${WALL[$k]}" "${WALL[${tag}_floor]:-0}")
  cpu_floor=$(ratio "${CPU[$k]}" "${CPU[${tag}_floor]:-0}")
  if [ "${STATUS[${tag}_budconv]}" = ok ]; then
    vs_budconv=$(ratio "${WALL[$k]}" "${WALL[${tag}_budconv]}")
    cpu_budconv=$(ratio "${CPU[$k]}" "${CPU[${tag}_budconv]}")
  fi
  echo "| $label | ${CPU[$k]} | $cpu_floor | $cpu_budconv | ${WALL[$k]} | $vs_floor | $vs_budconv | $(mb "${RSS[$k]}") | ${NRUNS[$k]} |"
}
verdict() { # verdict TEXT yes|no|failed|na MEASURED
  case $2 in
    yes) echo "| $1 | $3 | **met** |" ;;
    no) echo "| $1 | $3 | **missed** |" ;;
    failed) echo "| $1 | $3 | **missed**: budconv did not convert the file |" ;;
    *) echo "| $1 | $3 | not measured |" ;;
  esac
}
targets() { # targets TAG
  local tag=$1 b="$1_budconv" f="$1_floor" x="$1_xlsx2csv"
  local t1=na t2=na t3=na m1="budconv not measured" m2="budconv not measured" m3="budconv not measured" r
  if [ "${STATUS[$b]}" = ok ]; then
    # Judged on CPU time (user + system): on a shared machine it does not stretch with the load.
    r=$(awk -v a="${CPU[$b]}" -v b="${CPU[$f]}" 'BEGIN {printf "%.2f", a / b}')
    t1=$(awk -v r="$r" 'BEGIN {print (r <= 3) ? "yes" : "no"}')
    m1="CPU ${CPU[$b]} s vs ${CPU[$f]} s: ${r}× the floor (wall: ${WALL[$b]} s vs ${WALL[$f]} s, $(ratio "${WALL[$b]}" "${WALL[$f]}"))"
    if [ "${STATUS[$x]}" = ok ]; then
      r=$(awk -v a="${CPU[$x]}" -v b="${CPU[$b]}" 'BEGIN {printf "%.1f", a / b}')
      t2=$(awk -v r="$r" 'BEGIN {print (r >= 10) ? "yes" : "no"}')
      m2="CPU ${CPU[$x]} s vs ${CPU[$b]} s: ${r}× faster (wall: ${WALL[$x]} s vs ${WALL[$b]} s, $(ratio "${WALL[$x]}" "${WALL[$b]}"))"
    fi
    t3=$([ "$(mb "${RSS[$b]}")" -lt 500 ] && echo yes || echo no)
    m3="$(mb "${RSS[$b]}") MB"
  elif [ "${STATUS[$b]#failed}" != "${STATUS[$b]}" ]; then
    t1=failed t2=failed t3=failed
    m1="${STATUS[$b]}" m2="see above" m3="see above"
  fi
  echo "| target | measured | verdict |"
  echo "|---|---|---|"
  verdict "budconv within 3× of the floor" "$t1" "$m1"
  verdict "budconv at least 10× faster than xlsx2csv" "$t2" "$m2"
  verdict "budconv peak RSS under 500 MB" "$t3" "$m3"
}
sheet_report() { # sheet_report TAG FILE ROWS TITLE
  local tag=$1 file=$2 rows=$3 title=$4 bytes k
  bytes=$(unzip -Zl "$file" xl/worksheets/sheet1.xml 2>/dev/null | awk 'NR == 1 {print $4}')
  echo "## $title: $(echo "$rows" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta') data rows"
  echo
  echo "\`$(rel "$file")\`: $(stat -c %s "$file") bytes; \`xl/worksheets/sheet1.xml\` ${bytes:-?} bytes uncompressed."
  echo "Load average (1/5/15 min) before these runs: ${LOAD_BEFORE[$tag]}; after: ${LOAD_AFTER[$tag]}."
  echo
  echo "| tool | CPU s | CPU vs floor | CPU vs budconv | wall s | wall vs floor | wall vs budconv | peak RSS MB | runs |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  row "$tag" floor "floor: unzip sheet1.xml"
  row "$tag" budconv "**budconv convert**"
  row "$tag" xlsx2csv "xlsx2csv"
  row "$tag" openpyxl "openpyxl read_only + csv"
  row "$tag" soffice "LibreOffice headless"
  echo
  echo '```sh'
  for k in floor budconv xlsx2csv openpyxl soffice; do echo "${SHOWN[${tag}_$k]}"; done
  echo '```'
  echo
  echo "Targets:"
  echo
  targets "$tag"
  echo
  echo "Output check: ${CHECK[$tag]}"
  echo
}

CPU_MODEL=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
MEM_TOTAL=$(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo)
NOTES=""
if [ -f "$RESULTS" ] && grep -qF "$NOTES_MARK" "$RESULTS"; then
  NOTES=$(awk -v mark="$NOTES_MARK" 'found {print} $0 == mark {found = 1}' "$RESULTS")
fi

{
  echo "# Benchmark results"
  echo
  echo "Written by \`bash bench/run.sh\` (also run by \`./build.sh bench\`); every number below was measured by"
  echo "that script in the run it describes. Re-run it to refresh them."
  echo
  echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- Machine: $(nproc) CPUs ($CPU_MODEL), $MEM_TOTAL RAM, $(uname -sr). The machine is shared: with a"
  echo "  load average above the CPU count, wall times stretch; CPU times (user + system) are steadier."
  echo "- budconv: \`$R_BC\`, commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "  (the working tree may hold uncommitted changes)"
  echo "- Tools: xlsx2csv $(dpkg-query -W -f='${Version}' xlsx2csv), python3-openpyxl $(dpkg-query -W -f='${Version}' python3-openpyxl)," \
    "$($PY --version 2>&1), $(unzip -v | head -n 1 | cut -d' ' -f1-2), GNU time $(dpkg-query -W -f='${Version}' time)." \
    "LibreOffice: $(command -v soffice >/dev/null 2>&1 && echo installed || echo "not installed, so not measured")."
  echo
  echo "The input sheets are generated by \`bench/gen_sheet.c\` (libxlsxwriter, deterministic, cached in"
  echo "\`$(rel "$WORK")\`): one sheet 支出明细表, a header row and N data rows × 12 columns: 序号; 单位编码 (text,"
  echo "e.g. \`010101\`); 单位名称; 功能分类科目编码 (text, e.g. \`2101202\`); 功能分类科目名称 (城乡居民基本医疗保险,"
  echo "行政运行, …); 经济分类科目编码 (text); 经济分类科目名称; 合计 / 基本支出 / 项目支出 / 财政拨款 (元, two decimals,"
  echo "\`#,##0.00\`; 项目支出 blank in ~30 % of rows); 下达日期 (a date, \`yyyy-mm-dd\`). Strings are in the shared"
  echo "string table, as Excel and WPS write them. Amounts are written the way libxlsxwriter (and Python's"
  echo "XlsxWriter) write doubles, \`%.16G\`, so about 6 % of them are stored with binary noise"
  echo "(\`583602.8199999999\` for 583,602.82), as in many real exports."
  echo
  echo "Each command was run the number of times shown: wall time is the median, peak RSS the largest, CPU"
  echo "the median user + system time (GNU \`/usr/bin/time -f \"%e %M %U %S\"\`). \"CPU vs floor\" = the tool's"
  echo "CPU time ÷ the floor's, \"CPU vs budconv\" = the tool's CPU time ÷ budconv's (so xlsx2csv's entry is how many"
  echo "times faster budconv is); the wall columns are the same for wall time. xlsx2csv, openpyxl (and LibreOffice) ran $SLOW_RUNS time(s) per sheet"
  echo "(\`BENCH_SLOW_RUNS\`; on 1,000,000 rows each takes minutes), the floor and budconv $RUNS times."
  echo "The targets are: within 3× of the floor, at least 10× faster than xlsx2csv, peak RSS under 500 MB."
  echo "The speed targets are judged on CPU time, since the machine is shared; wall times are shown beside them."
  echo
  sheet_report big "$BIG" "$ROWS" "The big sheet"
  sheet_report mid "$MID" "$MID_ROWS" "The mid sheet"
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
