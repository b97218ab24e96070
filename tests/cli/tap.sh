# SPDX-License-Identifier: GPL-3.0-or-later
# tap.sh — sourced by the command-line tests: a temp dir removed at exit,
# check and fails printing TAP lines, finish printing the plan and giving
# the exit status. Usage: . "$(dirname "$0")/tap.sh"; check …; finish
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
n=0 failed=0

check() { # description, command…
  local what=$1; shift
  n=$((n + 1))
  if "$@" >"$dir/out" 2>"$dir/err"; then echo "ok $n $what"
  else echo "not ok $n $what"; sed 's/^/# /' "$dir/out" "$dir/err"; failed=$((failed + 1)); fi
}

fails() { # description, expected exit code, command…
  local what=$1 code=$2; shift 2
  n=$((n + 1))
  "$@" >"$dir/out" 2>"$dir/err"; local got=$?
  cp "$dir/err" "$dir/last-err"   # for a check of the message that follows
  if [ "$got" -eq "$code" ]; then echo "ok $n $what"
  else echo "not ok $n $what (exit $got, expected $code)"; sed 's/^/# /' "$dir/out" "$dir/err"; failed=$((failed + 1)); fi
}

finish() {
  echo "1..$n"
  [ "$failed" -eq 0 ]
}
