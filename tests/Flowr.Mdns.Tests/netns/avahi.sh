#!/usr/bin/env bash
# Copyright (c) flowr contributors. MIT licence.
# One avahi-daemon inside a network namespace, with its own private D-Bus "system" bus (no systemd,
# /run/dbus untouched). avahi's fixed /run/avahi-daemon is made private by a tmpfs in the mount
# namespace that `ip netns exec` creates.
#
#   avahi.sh start DIR NAME NETNS IFACE   prints "avahi NAME up pid=P dbus=Q bus=unix:path=…" once ready
#   avahi.sh stop DIR                     TERM (then KILL) exactly the two recorded PIDs
# Clients: DBUS_SYSTEM_BUS_ADDRESS=unix:path=DIR/dbus.sock avahi-browse … (run inside NETNS).
set -euo pipefail

start() {
  local d=$1 name=$2 ns=$3 ifc=$4
  mkdir -p "$d"
  cat >"$d/dbus.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:path=$d/dbus.sock</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/><allow own="*"/><allow send_destination="*"/><allow receive_sender="*"/>
  </policy>
</busconfig>
CONF
  cat >"$d/avahi.conf" <<CONF
[server]
host-name=lab-$name
domain-name=local
use-ipv4=yes
use-ipv6=no
allow-interfaces=$ifc
enable-dbus=yes
ratelimit-interval-usec=1000000
ratelimit-burst=1000
[wide-area]
enable-wide-area=no
[publish]
publish-hinfo=no
publish-workstation=no
publish-addresses=yes
[reflector]
enable-reflector=no
[rlimits]
CONF
  rm -f "$d/dbus.sock"
  dbus-daemon --config-file="$d/dbus.conf" --nofork --nopidfile >"$d/dbus.log" 2>&1 &
  echo $! >"$d/dbus.pid"
  for _ in $(seq 100); do [ -S "$d/dbus.sock" ] && break; sleep 0.05; done
  DBUS_SYSTEM_BUS_ADDRESS="unix:path=$d/dbus.sock" ip netns exec "$ns" sh -c \
    'mkdir -p /run/avahi-daemon && mount -t tmpfs -o size=1m flowr-avahi /run/avahi-daemon && exec avahi-daemon --no-drop-root --no-chroot --no-rlimits --no-proc-title --debug -f "$1"' \
    sh "$d/avahi.conf" >"$d/avahi.log" 2>&1 &
  echo $! >"$d/avahi.pid"
  for _ in $(seq 200); do
    grep -q 'Server startup complete' "$d/avahi.log" 2>/dev/null && break
    kill -0 "$(cat "$d/avahi.pid")" 2>/dev/null || break
    sleep 0.05
  done
  if grep -q 'Server startup complete' "$d/avahi.log"; then
    echo "avahi $name up pid=$(cat "$d/avahi.pid") dbus=$(cat "$d/dbus.pid") bus=unix:path=$d/dbus.sock"
  else
    echo "avahi $name FAILED"; tail -20 "$d/avahi.log"; stop "$d"; return 1
  fi
}

stop() {
  local d=$1 f pid
  for f in avahi dbus; do
    [ -e "$d/$f.pid" ] || continue
    pid=$(cat "$d/$f.pid")
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$d/$f.pid"
  done
  rm -f "$d/dbus.sock"
}

case "${1:-}" in
  start) start "$2" "$3" "$4" "$5" ;;
  stop) stop "$2" ;;
  *) sed -n '3,9p' "$0"; exit 2 ;;
esac
