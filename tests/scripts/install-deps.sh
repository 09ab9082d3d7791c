#!/usr/bin/env bash
# Installs every Debian package that building, publishing (x64 and arm64), testing and
# benchmarking flowr needs. Idempotent and quick when everything is already there.
set -euo pipefail

packages=(
  clang-14 lld llvm                               # AOT link driver, wasm-ld, llvm-objcopy
  gcc-aarch64-linux-gnu libc6-dev-arm64-cross     # arm64 cross binutils, libgcc, libc
  qemu-user                                       # runs the arm64 binaries
  hyperfine                                       # whole-process timings
  file                                            # tests/scripts/arm64-check.sh checks the ELF machine
  graphviz                                        # flow.svg from flow.dot
  iproute2 dbus avahi-daemon avahi-utils python3-zeroconf tcpdump   # mDNS interop tests
)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "install-deps: need root to install: ${missing[*]}" >&2
    exit 1
  fi
  echo "install-deps: installing ${missing[*]}"
  # The mDNS tests start their own avahi-daemon inside namespaces: installing the package must not
  # start one on the host's network, so services may not start while apt runs.
  policy=/usr/sbin/policy-rc.d
  added_policy=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"
    chmod +x "$policy"
    added_policy=1
  fi
  trap '[ "$added_policy" = 1 ] && rm -f "$policy"' EXIT
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# ILCompiler looks for `clang` on PATH; Debian 12 only has clang-14.
if ! command -v clang >/dev/null 2>&1 && [ -x /usr/bin/clang-14 ]; then
  ln -sf /usr/bin/clang-14 /usr/local/bin/clang
fi
