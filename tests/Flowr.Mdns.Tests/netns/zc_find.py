#!/usr/bin/python3
# Copyright (c) flowr contributors. MIT licence.
"""Browse TYPE with python3-zeroconf bound to one address; print the first instance named INSTANCE.
usage: zc_find.py ADDR TYPE INSTANCE SECONDS
prints: RESOLVED <name> server=<host> addrs=<a,b> port=<p> txt=<k=v;...>  (exit 0), else NOTFOUND (exit 1)"""
import socket, sys, threading
from zeroconf import IPVersion, ServiceBrowser, ServiceStateChange, Zeroconf

addr, stype, inst, secs = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
stype = stype.rstrip('.') + ('' if stype.rstrip('.').endswith('.local') else '.local') + '.'
want = f'{inst}.{stype}'
zc = Zeroconf(interfaces=[addr], ip_version=IPVersion.V4Only)
done = threading.Event()

def on_change(zeroconf, service_type, name, state_change):
    print(f'EVENT {state_change.name} {name}', flush=True)
    if name.lower() != want.lower() or state_change not in (ServiceStateChange.Added, ServiceStateChange.Updated):
        return
    info = zeroconf.get_service_info(service_type, name, timeout=3000)
    if info and info.addresses:
        addrs = ','.join(socket.inet_ntoa(a) for a in info.addresses)
        txt = ';'.join(sorted(f'{k.decode()}={(v or b"").decode()}' for k, v in info.properties.items()))
        print(f'RESOLVED {name} server={info.server} addrs={addrs} port={info.port} txt={txt}', flush=True)
        done.set()

browser = ServiceBrowser(zc, stype, handlers=[on_change])
ok = done.wait(secs)
browser.cancel()
zc.close()
if not ok:
    print('NOTFOUND', flush=True)
sys.exit(0 if ok else 1)
