#!/usr/bin/env bash
# Checks that every translation in po/ is valid and complete for the
# current sources: extracts the messages of POTFILES.in, merges each .po
# with them and fails on fuzzy or untranslated messages.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cd "$top/po"
xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --add-comments -f POTFILES.in -D "$top" -o "$tmp/messages.pot"
status=0
for lang in $(cat LINGUAS); do
  msgmerge -q "$lang.po" "$tmp/messages.pot" -o "$tmp/$lang.po"
  stats=$(LC_ALL=C msgfmt -c --statistics -o /dev/null "$tmp/$lang.po" 2>&1)
  echo "$lang: $stats"
  case "$stats" in
    *fuzzy*|*untranslated*) status=1 ;;
  esac
done
exit $status
