#!/usr/bin/env bash
# Regenerates (or with --check, verifies) the configuration table in README.md from `aurixa config`,
# the single source of truth for settings (src/core/config.cpp).
set -euo pipefail
bin=${1:?usage: update-readme-config.sh AURIXA_BIN [--check]}
mode=${2:-update}
root=$(cd "$(dirname "$0")/.." && pwd)
readme=$root/README.md
table=$("$bin" config)
new=$(awk -v table="$table" '
  /<!-- config-table:begin -->/ {print; print table; skip=1; next}
  /<!-- config-table:end -->/ {skip=0}
  !skip {print}' "$readme")
if [ "$mode" = "--check" ]; then
  if [ "$new" != "$(cat "$readme")" ]; then
    echo "README.md configuration table is out of date: run scripts/update-readme-config.sh $bin" >&2
    exit 1
  fi
  echo "README.md configuration table matches aurixa config"
else
  printf '%s\n' "$new" > "$readme"
fi
