#!/usr/bin/env bash
# Copyright (c) flowr contributors. MIT licence.
# Installs what the mDNS interop tests need (Debian 12, as root): avahi-daemon and avahi-utils,
# python3-zeroconf, tcpdump (netns/capture.sh), iproute2 and dbus.
# The tests start their own avahi-daemon inside namespaces; package installation must not start one
# on the host's network, so a policy-rc.d that forbids starting services is in place while installing.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
policy=/usr/sbin/policy-rc.d
added_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy"
  chmod +x "$policy"
  added_policy=1
fi
cleanup() { [ "$added_policy" = 1 ] && rm -f "$policy"; return 0; }
trap cleanup EXIT
apt-get update
apt-get install -y --no-install-recommends \
    avahi-daemon avahi-utils python3-zeroconf tcpdump iproute2 dbus
if pgrep -x avahi-daemon >/dev/null; then
  echo "note: an avahi-daemon is running in this namespace (not started by this script); the tests do not use it" >&2
fi
