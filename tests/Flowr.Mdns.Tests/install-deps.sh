#!/usr/bin/env bash
# Copyright (c) flowr contributors. MIT licence.
# Installs what the mDNS interop tests need (Debian 12, run as root).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends \
    avahi-daemon avahi-utils python3-zeroconf tcpdump iproute2 dbus
