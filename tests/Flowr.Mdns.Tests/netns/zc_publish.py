#!/usr/bin/python3
# Copyright (c) flowr contributors. MIT licence.
"""Publish INSTANCE.TYPE.local. with python3-zeroconf bound to one address; goodbye on SIGTERM or timeout.
usage: zc_publish.py ADDR TYPE INSTANCE PORT SECONDS   (prints READY after probing, GONE after goodbye)"""
import signal, socket, sys, time
from zeroconf import IPVersion, ServiceInfo, Zeroconf

addr, stype, inst, port, secs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5])
stype = stype.rstrip('.') + ('' if stype.rstrip('.').endswith('.local') else '.local') + '.'
host = 'zc-' + addr.replace('.', '-') + '.local.'
zc = Zeroconf(interfaces=[addr], ip_version=IPVersion.V4Only)
info = ServiceInfo(stype, f'{inst}.{stype}', port=port, addresses=[socket.inet_aton(addr)], server=host,
                   properties={'role': 'job-runner', 'proto': '1'})
stop = False
def on_term(*_):
    global stop
    stop = True
signal.signal(signal.SIGTERM, on_term)
zc.register_service(info)
print(f'READY {info.name} {host} {port}', flush=True)
end = time.time() + secs
while not stop and time.time() < end:
    time.sleep(0.05)
zc.unregister_service(info)
zc.close()
print('GONE', flush=True)
