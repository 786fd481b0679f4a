#!/usr/bin/env bash
# Replays a trail as one line per step: model/replay.sh TRAIL N FENCING FIX
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cp "$1" "$dir/heartline.pml.trail"
cp "$here/heartline.pml" "$dir/"
cd "$dir"
spin -t -DN="$2" -DFENCING="$3" -DFIX="$4" heartline.pml | sed -n 's/^ *MODEL //p'
