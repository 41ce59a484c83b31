#!/usr/bin/env bash
# Installs every Debian package AURIXA needs to build, run and test. Idempotent: a second run with
# everything present does nothing (no apt-get update, no network). Run as root (or with sudo available).
set -euo pipefail

PACKAGES=(
  # toolchain
  build-essential cmake ninja-build ccache pkg-config clang-format git
  # core: Boost 1.81 (Asio/Beast/JSON/URL), TLS, logging, CLI
  libboost1.81-all-dev libboost-json1.81-dev libboost-url1.81-dev libssl-dev libspdlog-dev libfmt-dev libcli11-dev
  # store
  libsoci-dev libsqlite3-dev sqlite3 libpq-dev postgresql libhiredis-dev redis-server libargon2-dev
  # safety, rag, auth
  libre2-dev libphonenumber8 libprotobuf-dev libabsl-dev libutf8proc-dev libxapian-dev libhnswlib-dev libjwt-dev
  # tests and benchmarks
  libgtest-dev libgmock-dev googletest libbenchmark-dev wrk nginx-light curl jq openssl python3
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

# libphonenumber-dev depends on Boost 1.74's -dev packages, which conflict with 1.81. Its headers and
# link symlink are unpacked from Debian's own .deb into PHONENUMBER_PREFIX instead (no dpkg dependency).
PHONENUMBER_PREFIX=${PHONENUMBER_PREFIX:-/opt/aurixa/phonenumber}
need_phonenumber=0
[ -f "$PHONENUMBER_PREFIX/usr/include/phonenumbers/phonenumberutil.h" ] || need_phonenumber=1

if [ ${#missing[@]} -eq 0 ] && [ $need_phonenumber -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "install-deps: installing ${missing[*]:-} (phonenumber headers: $need_phonenumber)"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# Boost 1.74 -dev packages conflict with 1.81; remove them if a previous install pulled them in.
if dpkg-query -W -f='${Status}' libboost1.74-dev 2>/dev/null | grep -q "install ok installed"; then
  $SUDO apt-get remove -y -qq 'libboost*1.74-dev' || true
fi
[ ${#missing[@]} -gt 0 ] && $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
if [ $need_phonenumber -eq 1 ]; then
  tmp=$(mktemp -d)
  (cd "$tmp" && apt-get download -qq libphonenumber-dev)
  $SUDO mkdir -p "$PHONENUMBER_PREFIX"
  $SUDO dpkg-deb -x "$tmp"/libphonenumber-dev_*.deb "$PHONENUMBER_PREFIX"
  rm -rf "$tmp"
fi
echo "install-deps: done"
