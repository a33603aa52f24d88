#!/usr/bin/env bash
# Runs regsim's libFuzzer targets (fuzz/, built by the asan preset) on their corpora.
#   bash scripts/fuzz.sh [--seconds N] [--build DIR] [TARGET...]     TARGET: scenario table recipe run_file
# Seeds come from the source tree (shipped and test scenarios, recipes, tables, run files written by
# the build's regsim) and fuzz/corpus/<target> (inputs that once crashed, kept as tests); what the
# fuzzer learns is kept in DIR/fuzz/corpus/<target>, a crash in DIR/fuzz/findings/. Exit 1 on a crash,
# a leak, a timeout (30 s per input, under the sanitizers) or an input needing more than 2 GB.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=60
build=build/asan
targets=()
while (($#)); do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --build) build="$2"; shift 2 ;;
    -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) targets+=("$1"); shift ;;
  esac
done
((${#targets[@]})) || targets=(scenario table recipe run_file)

work="$build/fuzz"
seed_files() {
  case "$1" in
    scenario) find scenarios tests/data/scenarios -name '*.yaml' ;;
    recipe) find scenarios tests/data/recipes -name '*.yaml' -path '*recipe*' ;;
    table | run_file) ;;  # fuzz/corpus holds their seeds; run files are written below
  esac
}

status=0
for target in "${targets[@]}"; do
  program="$work/${target}_fuzzer"
  [[ -x "$program" ]] || { echo "fuzz: no $program; build it with: cmake --preset asan && cmake --build --preset fuzz" >&2; exit 2; }
  seeds="$work/seeds/$target"
  corpus="$work/corpus/$target"
  findings="$work/findings"
  rm -rf "$seeds"
  mkdir -p "$seeds" "$corpus" "$findings"
  while IFS= read -r file; do cp "$file" "$seeds/${file//\//_}"; done < <(seed_files "$target")
  if [[ "$target" == run_file ]]; then
    for scenario in scenarios/examples/miller-blair.yaml scenarios/examples/miller-blair-projects.yaml; do
      "$build/regsim" run "$scenario" --set time.report=yearly -o "$seeds/$(basename "$scenario" .yaml).h5" >/dev/null
    done
  fi
  echo "fuzz: $target for ${seconds} s"
  log="$work/$target.log"
  # The first folder receives what the fuzzer finds; the others are read only.
  # libhdf5 leaks a few blocks of its free lists on some damaged files: its leak, not regsim's.
  if ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=tests/lsan.supp \
     "$program" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 \
       -print_final_stats=1 -artifact_prefix="$findings/$target-" "$corpus" "$seeds" "fuzz/corpus/$target" \
       >"$log" 2>&1; then
    grep -E '^(#[0-9]+[[:space:]]+DONE|stat::number_of_executed_units|stat::peak_rss_mb)' "$log" | sed "s/^/fuzz: $target: /"
  else
    status=1
    echo "fuzz: $target FAILED; the log is $log, the input in $findings:" >&2
    grep -E 'ERROR|SUMMARY|Test unit written' "$log" | head -5 >&2
  fi
done
exit "$status"
