// Copyright (c) flowr contributors. MIT licence.
using System.Net;
using Flowr.Mdns.Browser;
using Flowr.Mdns.Dns;
using Flowr.Mdns.Internal;

namespace Flowr.Mdns;

public sealed partial class MdnsBrowser
{
    // RFC 6762 §5.2: repeated queries at least 1 s apart, doubling, at most one hour apart.
    private const long MaxQueryIntervalMs = 3_600_000;

    private readonly Dictionary<(string Name, ushort Type), long> _lastAsked = [];

    /// <summary>
    /// RFC 6763 §4–§5: PTR → instance, SRV → host and port, TXT, A → addresses. Asks for what is missing
    /// (at most once per second per name and type). Caller holds _gate.
    /// </summary>
    private List<(bool Found, ServiceInstance Instance)> Resolve(long now, List<DnsQuestion> questions)
    {
        var changes = new List<(bool, ServiceInstance)>();
        foreach (var state in _browsed.Values)
        {
            var present = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var ptr in _cache.Find(state.Type, DnsType.Ptr).ToList())
            {
                string name = ptr.Record.Target!;
                if (!present.Add(name))
                {
                    continue;
                }

                var instance = TryResolve(state.Type, name, now, questions);
                if (instance is null)
                {
                    continue;
                }

                if (!_resolved.TryGetValue(name, out var old) || !old.SameAs(instance))
                {
                    _resolved[name] = instance;
                    changes.Add((true, instance));
                    CompleteWaiters(instance);
                }
            }

            foreach (var gone in _resolved.Values.Where(i => DnsName.TextEquals(i.ServiceType, state.Type) && !present.Contains(i.FullName)).ToList())
            {
                _resolved.Remove(gone.FullName);
                changes.Add((false, gone));
            }
        }

        return changes;
    }

    private ServiceInstance? TryResolve(string type, string name, long now, List<DnsQuestion> questions)
    {
        // With several links to one LAN, stay on the interface the instance was resolved on, so that
        // packets heard on the other link do not make it flap between address sets.
        int preferred = _resolved.TryGetValue(name, out var known) ? known.InterfaceIndex : -1;
        var srv = _cache.Find(name, DnsType.Srv)
            .OrderBy(e => e.InterfaceIndex == preferred ? 0 : 1).ThenByDescending(e => e.ReceivedAt).FirstOrDefault();
        var txt = _cache.Find(name, DnsType.Txt)
            .Where(e => srv is null || e.InterfaceIndex == srv.InterfaceIndex).MaxBy(e => e.ReceivedAt);
        if (srv is null)
        {
            Ask(name, DnsType.Srv, now, questions);
        }

        if (txt is null)
        {
            Ask(name, DnsType.Txt, now, questions);
        }

        if (srv is null || txt is null)
        {
            return null;
        }

        string host = srv.Record.Target!;
        var addresses = _cache.Find(host, DnsType.A).Concat(_cache.Find(host, DnsType.Aaaa))
            .Where(e => e.InterfaceIndex == srv.InterfaceIndex)
            .Select(e => WithScope(e.Record.Address!, e.InterfaceIndex))
            .Distinct()
            .OrderBy(a => a.AddressFamily)
            .ToList();
        if (addresses.Count == 0)
        {
            Ask(host, DnsType.A, now, questions);
            return null;
        }

        return new ServiceInstance(
            DnsName.FirstLabel(name), type, name, host, srv.Record.Port, addresses, DnsRecord.DecodeTxt(txt.Record.Txt), srv.InterfaceIndex);
    }

    // An IPv6 link-local address is only usable with the interface it was learned on.
    private static IPAddress WithScope(IPAddress address, int interfaceIndex) =>
        address.IsIPv6LinkLocal ? new IPAddress(address.GetAddressBytes(), interfaceIndex) : address;

    private void Ask(string name, ushort type, long now, List<DnsQuestion> questions)
    {
        if (_lastAsked.TryGetValue((name, type), out long last) && now - last < 1000)
        {
            return;
        }

        if (_lastAsked.Count >= RecordCache.MaxEntries)
        {
            _lastAsked.Clear();
        }

        _lastAsked[(name, type)] = now;
        questions.Add(new DnsQuestion(name, type, false));
    }

    private void CompleteWaiters(ServiceInstance instance)
    {
        foreach (var waiter in _waiters)
        {
            if (DnsName.TextEquals(waiter.Type, instance.ServiceType) && waiter.Match(instance))
            {
                waiter.Completion.TrySetResult(instance);
            }
        }
    }

    /// <summary>Sends one QM query holding all <paramref name="questions"/> on every interface (RFC 6762 §5.3).</summary>
    private void SendQueries(List<DnsQuestion> questions)
    {
        if (questions.Count == 0)
        {
            return;
        }

        var query = OutgoingMessage.Query();
        query.Questions.AddRange(questions);
        Span<byte> buffer = stackalloc byte[DnsConstants.MaxMessageLength];
        int length = query.Write(buffer);
        foreach (var socket in _sockets)
        {
            socket.SendMulticast(buffer[..length]);
        }
    }

    /// <summary>Sends due browse queries and refreshes, expires records, and wakes at the next due time.</summary>
    private async Task MaintainAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            List<DnsQuestion> questions = [];
            List<(bool, ServiceInstance)> changes = [];
            long wait = 250;
            lock (_gate)
            {
                long now = Environment.TickCount64;
                foreach (var state in _browsed.Values)
                {
                    if (now >= state.NextQueryAt)
                    {
                        questions.Add(new DnsQuestion(state.Type, DnsType.Ptr, false));
                        state.NextQueryAt = now + state.IntervalMs;
                        state.IntervalMs = Math.Min(state.IntervalMs * 2, MaxQueryIntervalMs);
                    }

                    wait = Math.Min(wait, state.NextQueryAt - now);
                }

                AddRefreshQuestions(now, questions);
                if (_cache.Expire(now))
                {
                    changes = Resolve(now, questions);
                }
            }

            SendQueries(questions);
            Raise(changes);
            try
            {
                await _wake.WaitAsync(TimeSpan.FromMilliseconds(Math.Max(1, wait)), ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    // RFC 6762 §5.2: while a record is wanted, re-query at 80, 85, 90 and 95 % of its TTL (plus 0–2 %).
    private void AddRefreshQuestions(long now, List<DnsQuestion> questions)
    {
        foreach (var entry in _cache.Entries)
        {
            var record = entry.Record;
            if (entry.RefreshesSent >= 4 || record.Ttl == 0 || !IsWanted(record))
            {
                continue;
            }

            double fraction = 0.80 + (0.05 * entry.RefreshesSent) + (Random.Shared.NextDouble() * 0.02);
            if (now >= entry.ReceivedAt + (long)(record.Ttl * 1000L * fraction))
            {
                entry.RefreshesSent++;
                if (!questions.Exists(q => q.Type == record.Type && DnsName.TextEquals(q.Name, record.Name)))
                {
                    questions.Add(new DnsQuestion(record.Name, record.Type, false));
                }
            }
        }
    }

    private bool IsWanted(DnsRecord record) => record.Type switch
    {
        DnsType.Ptr => _browsed.ContainsKey(record.Name),
        DnsType.Srv or DnsType.Txt => _resolved.ContainsKey(record.Name),
        DnsType.A or DnsType.Aaaa => _resolved.Values.Any(i => DnsName.TextEquals(i.HostName, record.Name)),
        _ => false,
    };
}
