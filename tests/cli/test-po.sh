#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Translations: POTFILES.in lists, sorted, every file with translatable
# strings; po/it.po has no untranslated or fuzzy message. Prints TAP.
set -u
cd "${MESON_SOURCE_ROOT:-$(dirname "$0")/../..}"
n=0 failed=0
ok() { n=$((n + 1)); echo "ok $n $1"; }
bad() { n=$((n + 1)); echo "not ok $n $1"; failed=$((failed + 1)); }

listed=$(grep -v '^#' po/POTFILES.in | grep -v '^$')
if [ "$listed" = "$(printf '%s\n' "$listed" | LC_ALL=C sort)" ]; then ok "POTFILES.in is sorted"; else bad "POTFILES.in is sorted"; fi

missing=$(grep -rlE '_\(|N_\(|C_\(|translatable="yes"' app resources --include='*.c' --include='*.ui' --include='*.in' --include='*.xml' \
          | LC_ALL=C sort | while read -r f; do printf '%s\n' "$listed" | grep -qx "$f" || echo "$f"; done)
if [ -z "$missing" ]; then ok "POTFILES.in lists every file with strings"; else bad "POTFILES.in misses: $missing"; fi

stats=$(msgfmt --check --statistics -o /dev/null po/it.po 2>&1)
case "$stats" in
  *untranslated*|*fuzzy*|*error*) bad "po/it.po is complete ($stats)" ;;
  *) ok "po/it.po is complete ($stats)" ;;
esac

echo "1..$n"
[ "$failed" -eq 0 ]
