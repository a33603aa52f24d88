#!/bin/bash
# Byte comparison of the run files two regsim binaries write for every shipped scenario (a
# refactoring should leave them identical but for the `created` timestamp):
#   bash scripts/compare-run-bytes.sh OLD_REGSIM NEW_REGSIM
set -u
cd "$(dirname "$0")/.."
old=$(realpath "$1"); new=$(realpath "$2"); d=$(mktemp -d)
for s in $(find scenarios -name '*.yaml' -not -path 'scenarios/data/*' | sort); do
  n=$(echo $s | tr / _)
  $old run $s -o $d/old_$n.h5 --quiet >/dev/null 2>&1 || echo "old failed $s"
  $new run $s -o $d/new_$n.h5 --quiet >/dev/null 2>&1 || echo "new failed $s"
  diffs=$(cmp -l $d/old_$n.h5 $d/new_$n.h5 | wc -l)
  size=$(stat -c %s $d/new_$n.h5)
  # the bytes that differ must all lie inside the `created` timestamp
  created_at=$(grep -abo '20[0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9:]*Z' $d/new_$n.h5 | head -1 | cut -d: -f1)
  outside=$(cmp -l $d/old_$n.h5 $d/new_$n.h5 | awk -v a=$created_at '{ if ($1-1 < a || $1-1 >= a+20) c++ } END {print c+0}')
  echo "$s: $size bytes, $diffs differ, $outside outside created"
done
rm -rf $d
