#!/bin/sh
# check-translations.sh SRCDIR — the translations are whole:
#  1. po/POTFILES.in lists every source file with translatable strings
#     (C files using _(), N_(), C_(), NC_(), g_dngettext; .ui files with
#     translatable="yes"; the desktop file, metainfo and schema), lists only
#     files that exist, and is sorted;
#  2. every language in po/LINGUAS translates every string the sources have
#     now (strings extracted afresh, not from a stale .pot), with nothing
#     fuzzy, and its formats match (msgfmt --check).
set -eu
src=$(cd "$1" && pwd)
cd "$src"
status=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

listed=$work/listed
grep -v '^#' po/POTFILES.in | sed '/^$/d' > "$listed"

LC_ALL=C sort -c "$listed" 2> /dev/null || {
  echo "po/POTFILES.in is not sorted (LC_ALL=C sort)"
  status=1
}
while read -r file; do
  [ -f "$file" ] || { echo "po/POTFILES.in lists $file, which does not exist"; status=1; }
done < "$listed"

{
  grep -rlE '(^|[^A-Za-z0-9_])(_|N_|C_|NC_|g_dngettext|g_dpgettext2)\(' src --include='*.c'
  grep -rl 'translatable="yes"' ui --include='*.ui'
  ls data/*.desktop.in data/*.metainfo.xml.in data/*.gschema.xml
} | LC_ALL=C sort -u > "$work/wanted"
comm -23 "$work/wanted" "$listed" | while read -r file; do
  echo "$file has translatable strings but is not in po/POTFILES.in"
  echo x >> "$work/missing"
done
[ -f "$work/missing" ] && status=1

# The same extraction the build does (meson's glib preset).
xgettext --from-code=UTF-8 --add-comments=TRANSLATORS --package-name=casefile \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  --files-from="$listed" --directory="$src" --output="$work/casefile.pot" 2> "$work/xgettext.log" || {
  cat "$work/xgettext.log"
  exit 1
}

for lang in $(sed 's/#.*//' po/LINGUAS); do
  msgmerge --quiet --no-fuzzy-matching --output-file="$work/$lang.po" "po/$lang.po" "$work/casefile.pot"
  stats=$(LC_ALL=C msgfmt --check --statistics --output-file=/dev/null "$work/$lang.po" 2>&1) || {
    echo "po/$lang.po: $stats"
    status=1
    continue
  }
  case "$stats" in
    *untranslated*|*fuzzy*)
      echo "po/$lang.po is not complete: $stats"
      msgattrib --untranslated --no-wrap "$work/$lang.po" | grep '^msgid' | sed -n '2,40p'
      status=1
      ;;
    *)
      echo "po/$lang.po: $stats"
      ;;
  esac
done
exit $status
