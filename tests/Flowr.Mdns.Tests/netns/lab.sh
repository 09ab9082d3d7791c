#!/usr/bin/env bash
# Copyright (c) flowr contributors. MIT licence.
# Private multicast LANs of network namespaces for the mDNS tests. Needs root and iproute2.
#
#   lab.sh up PREFIX HOST...   switch namespace PREFIX-sw (bridge br0, snooping off) and one namespace
#                              PREFIX-HOST per host with veth lab0 = 10.251.0.N/24 (N = position),
#                              lo up, route 224.0.0.0/4 dev lab0, no default route
#   lab.sh loop NAME           one namespace with only lo: up, multicast on, route 224.0.0.0/4 dev lo
#   lab.sh down PREFIX         TERM then KILL the processes inside PREFIX-* namespaces, delete them
set -euo pipefail

NET=10.251.0

ns_add() { [ -e "/var/run/netns/$1" ] || ip netns add "$1"; ip -n "$1" link set lo up; }

up() {
  local prefix=$1; shift
  local sw="$prefix-sw" i=0 h ns
  ns_add "$sw"
  ip netns exec "$sw" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 >/dev/null 2>&1 || true
  ip -n "$sw" link show br0 >/dev/null 2>&1 || ip -n "$sw" link add br0 type bridge
  ip -n "$sw" link set br0 type bridge mcast_snooping 0 stp_state 0 forward_delay 0
  ip -n "$sw" link set br0 up
  for h in "$@"; do
    i=$((i + 1)); ns="$prefix-$h"
    ns_add "$ns"
    if ! ip -n "$ns" link show lab0 >/dev/null 2>&1; then
      ip -n "$sw" link del "p-$h" >/dev/null 2>&1 || true
      ip -n "$sw" link add "p-$h" type veth peer name lab0 netns "$ns"
    fi
    ip -n "$sw" link set "p-$h" master br0 up
    ip -n "$ns" link set lab0 multicast on up
    ip -n "$ns" addr replace "$NET.$i/24" dev lab0
    ip -n "$ns" route replace 224.0.0.0/4 dev lab0
  done
}

loop() {
  ns_add "$1"
  ip -n "$1" link set lo multicast on
  ip -n "$1" route replace 224.0.0.0/4 dev lo src 127.0.0.1
}

end_pids() {
  local ns=$1 pids
  pids=$(ip netns pids "$ns" 2>/dev/null || true)
  [ -z "$pids" ] && return 0
  kill -TERM $pids 2>/dev/null || true
  for _ in $(seq 20); do
    pids=$(ip netns pids "$ns" 2>/dev/null || true)
    [ -z "$pids" ] && return 0
    sleep 0.1
  done
  kill -KILL $pids 2>/dev/null || true
}

down() {
  local ns
  for ns in $(ip netns list | awk '{print $1}' | grep -E "^$1(-|$)" || true); do
    end_pids "$ns"
    ip netns del "$ns" 2>/dev/null || true
  done
}

case "${1:-}" in
  up) shift; up "$@" ;;
  loop) loop "$2" ;;
  down) down "$2" ;;
  *) sed -n '3,11p' "$0"; exit 2 ;;
esac
