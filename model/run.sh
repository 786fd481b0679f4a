#!/usr/bin/env bash
# Checks one configuration: model/run.sh N FENCING FIX [safety|liveness] [extra pan options]
# e.g. model/run.sh 3 0 1 safety. Runs in a temporary directory; prints pan's summary.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
n=$1 fencing=$2 fix=$3 mode=${4:-safety}
shift 4 || shift $#
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"
spin -a -DN="$n" -DFENCING="$fencing" -DFIX="$fix" "$here/heartline.pml" >/dev/null
if [ "$mode" = safety ]; then
  gcc -O2 -w -DSAFETY -DNOCLAIM -DNOREDUCE -o pan pan.c
  ./pan -m1000000 "$@" || true
else
  gcc -O2 -w -DNOREDUCE -o pan pan.c
  ./pan -a -m1000000 -N converges "$@" || true
fi
if [ -f heartline.pml.trail ]; then
  cp heartline.pml.trail "$here/last.trail"
  spin -t -p -g -DN="$n" -DFENCING="$fencing" -DFIX="$fix" "$here/heartline.pml" > "$here/last.trail.txt" 2>&1 || true
  echo "trail: model/last.trail.txt"
fi
