#!/usr/bin/env bash
# Copyright (c) flowr contributors. MIT licence.
# Regenerates TestData/captured/*.hex: real mDNS datagrams from avahi 0.8 and python3-zeroconf,
# captured on a private lab bridge (needs root, the packages and tcpdump). One hex payload per line.
#   capture.sh OUTDIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$(realpath -m "$1"); mkdir -p "$out"
P=fmcap$$; state=$(mktemp -d)
cleanup() {
  [ -n "${TD:-}" ] && kill -INT "$TD" 2>/dev/null; sleep 0.5
  "$here/avahi.sh" stop "$state/a" || true; "$here/avahi.sh" stop "$state/b" || true
  "$here/lab.sh" down "$P"; rm -rf "$state"
}
trap cleanup EXIT
"$here/lab.sh" up "$P" a b c
ip netns exec "$P-sw" tcpdump -i br0 -n -U -w "$state/lab.pcap" 'udp port 5353' >/dev/null 2>&1 & TD=$!
sleep 0.5
"$here/avahi.sh" start "$state/a" a "$P-a" lab0
"$here/avahi.sh" start "$state/b" b "$P-b" lab0
export DBUS_SYSTEM_BUS_ADDRESS=unix:path=$state/b/dbus.sock
ip netns exec "$P-b" avahi-publish -s jobs _flowr._tcp 40200 role=job-runner proto=1 & PUB=$!
ip netns exec "$P-c" /usr/bin/python3 "$here/zc_publish.py" 10.251.0.3 _flowr._tcp zcjobs 40300 6 & ZC=$!
sleep 3
ip netns exec "$P-a" /usr/bin/python3 "$here/zc_find.py" 10.251.0.1 _flowr._tcp jobs 4 || true
DBUS_SYSTEM_BUS_ADDRESS=unix:path=$state/a/dbus.sock ip netns exec "$P-a" timeout 4 avahi-browse -r -t -p _flowr._tcp || true
DBUS_SYSTEM_BUS_ADDRESS=unix:path=$state/a/dbus.sock ip netns exec "$P-a" timeout 3 avahi-resolve -n lab-b.local || true
kill -TERM "$PUB"; wait "$ZC" || true
sleep 1
kill -INT "$TD"; wait "$TD" || true; TD=
# split payloads by sender: .1 = avahi a + zeroconf browser, .2 = avahi b, .3 = zeroconf publisher
/usr/bin/python3 - "$state/lab.pcap" "$out" <<'PY'
import struct, sys
data = open(sys.argv[1], 'rb').read()
endian = '<' if data[:4] == b'\xd4\xc3\xb2\xa1' else '>'
linktype = struct.unpack(endian + 'I', data[20:24])[0]
pos, files = 24, {}
while pos + 16 <= len(data):
    _, _, incl, _ = struct.unpack(endian + 'IIII', data[pos:pos + 16])
    frame = data[pos + 16:pos + 16 + incl]; pos += 16 + incl
    eth = 14 if linktype == 1 else 16
    ip = frame[eth:]
    if len(ip) < 28 or ip[0] >> 4 != 4: continue
    ihl = (ip[0] & 15) * 4
    src = '.'.join(map(str, ip[12:16])); sport = struct.unpack('>H', ip[ihl:ihl + 2])[0]
    payload = ip[ihl + 8:]
    name = {'10.251.0.2': 'avahi', '10.251.0.3': 'zeroconf'}.get(src, 'mixed')
    files.setdefault(name, set()).add(payload.hex())
for name, payloads in files.items():
    with open(f'{sys.argv[2]}/{name}.hex', 'w') as f:
        f.write('\n'.join(sorted(payloads)) + '\n')
    print(name, len(payloads), 'payloads')
PY
