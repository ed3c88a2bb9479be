#!/bin/sh
# Install libtrace's Debian build dependencies when any is missing.
# Runs apt-get as root, or through sudo when available; says what it does.
# EXTRA_DEPS names more Debian packages a target needs (clang, valgrind, ...).
set -e
need=""
have_pc() { pkg-config --exists "$1" 2>/dev/null; }
have_deb() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
command -v make >/dev/null 2>&1 || need="$need make"
command -v pkg-config >/dev/null 2>&1 || need="$need pkg-config"
command -v cc >/dev/null 2>&1 || need="$need gcc libc6-dev"
have_pc libxml-2.0 || need="$need libxml2-dev"
have_pc jansson || need="$need libjansson-dev"
have_pc zlib || need="$need zlib1g-dev"
have_pc libsodium || need="$need libsodium-dev"
have_pc cmocka || need="$need libcmocka-dev"
for p in ${EXTRA_DEPS:-}; do
    have_deb "$p" || need="$need $p"
done
[ -z "$need" ] && exit 0
echo "deps: installing Debian packages:$need"
if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "deps: missing$need; run as root or install them" >&2; exit 1; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086 # word splitting of the package list is intended
$sudo apt-get install -y -qq --no-install-recommends $need
