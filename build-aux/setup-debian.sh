#!/bin/sh
# setup-debian.sh — installs the Debian 12 packages Casefile needs that are
# not installed yet (nothing when all are there). With --tests, also what
# the test suite and the benchmarks use. README.md says why each is needed.
set -eu

build="build-essential meson ninja-build pkg-config gettext itstool
       libglib2.0-dev libglib2.0-bin libsqlite3-dev libarchive-dev nettle-dev
       libjson-glib-dev zlib1g-dev libgtk-4-dev libadwaita-1-dev
       libxml2-dev libpoppler-glib-dev libgmime-3.0-dev libgsf-1-dev libgexiv2-dev
       shared-mime-info desktop-file-utils appstream"
tests="xvfb xauth dbus dbus-x11 xdotool imagemagick fonts-noto-cjk
       python3 unzip libarchive-tools p7zip-full time strace qpdf
       poppler-utils recollcmd tnef sqlite3"

wanted=$build
if [ "${1:-}" = "--tests" ]; then
  wanted="$build $tests"
fi

missing=""
for package in $wanted; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $package"
  fi
done
[ -z "$missing" ] && exit 0

echo "Installing:$missing"
sudo=""
if [ "$(id -u)" != 0 ]; then
  sudo=sudo
fi
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends $missing
