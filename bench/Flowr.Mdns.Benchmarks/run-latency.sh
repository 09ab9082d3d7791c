#!/usr/bin/env bash
# Copyright (c) flowr contributors. MIT licence.
# Runs the loopback latency measurement (issue 3 item 4) inside a private network namespace, so the
# multicast never touches the host's network. Needs root (unshare -n).  usage: run-latency.sh [RUNS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${FLOWR_ARTIFACTS:-/tmp/art-mdns}
dotnet build -c Release "$here" -p:FLOWR_ARTIFACTS="$out" >/dev/null
dll="$out/bin/Flowr.Mdns.Benchmarks/release/Flowr.Mdns.Benchmarks.dll"
exec unshare -n sh -c 'ip link set lo up && ip link set lo multicast on && ip route add 224.0.0.0/4 dev lo src 127.0.0.1 && exec dotnet "$0" latency "$1"' "$dll" "${1:-20}"
