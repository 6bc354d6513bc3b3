#!/usr/bin/env bash
# Installs everything libqnet needs to build, test and benchmark on a fresh
# Debian 12 machine. Idempotent: installs only what is missing. Run as root
# (or through sudo).
set -euo pipefail

packages=(
  # build
  meson ninja-build pkg-config gcc gettext
  libglib2.0-dev libglib2.0-bin libgnutls28-dev libjson-glib-dev zlib1g-dev
  libgtk-4-dev gobject-introspection libgirepository1.0-dev gir1.2-glib-2.0
  gir1.2-gtk-4.0 gi-docgen
  # test peers and tools
  nginx-light vsftpd gnutls-bin curl
  xvfb xauth imagemagick dbus
  gjs python3-gi python3-pytest
  desktop-file-utils appstream
  # sanitizers, fuzzing, valgrind
  clang libclang-rt-14-dev valgrind
  # benchmark anchors
  libsoup-3.0-dev libcurl4-gnutls-dev
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
