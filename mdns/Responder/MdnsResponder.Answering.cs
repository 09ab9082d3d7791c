// Copyright (c) flowr contributors. MIT licence.
using System.Net;
using Flowr.Mdns.Dns;
using Flowr.Mdns.Internal;
using Flowr.Mdns.Responder;

namespace Flowr.Mdns;

public sealed partial class MdnsResponder
{
    // RFC 6762 §6: a record is multicast at most once per second per interface, or 250 ms apart when
    // answering a probe. Keyed by interface index and record identity.
    private readonly Dictionary<(int Interface, string Record), long> _lastMulticast = [];

    // Records already scheduled for a delayed multicast answer: a burst of queries yields one answer.
    private readonly HashSet<(int Interface, string Record)> _pending = [];

    // Unicast answers to legacy queries, bounded per source address.
    private readonly LegacyRateLimiter _legacyLimiter = new();

    private void OnPacket(MdnsSocket socket, ReadOnlySpan<byte> packet, IPEndPoint remote)
    {
        if (!DnsMessage.TryParse(packet, out var message) || message.Header.Opcode != 0 || message.Header.Rcode != 0)
        {
            return;
        }

        if (message.IsResponse)
        {
            // RFC 6762 §11: responses from a source port other than 5353 are not mDNS responses.
            if (remote.Port == DnsConstants.MdnsPort)
            {
                CheckConflicts(socket.Interface, message);
            }

            return;
        }

        if (message.Authorities.Count > 0)
        {
            CheckSimultaneousProbe(message);
        }

        AnswerQuery(socket, message, remote);
    }

    // RFC 6762 §6 and §6.7: answer what we own; legacy unicast queriers (source port ≠ 5353) get a
    // unicast reply echoing ID and question, TTL ≤ 10 s, and no cache-flush bits, within a rate limit
    // per source address (LegacyRateLimiter).
    private void AnswerQuery(MdnsSocket socket, DnsMessage query, IPEndPoint remote)
    {
        bool legacy = remote.Port != DnsConstants.MdnsPort;
        bool probe = query.Authorities.Count > 0;
        var response = legacy
            ? new OutgoingMessage { Id = query.Header.Id, Flags = DnsConstants.ResponseFlags, TtlCap = 10 }
            : OutgoingMessage.Response();
        bool shared = false;
        lock (_gate)
        {
            foreach (var question in query.Questions)
            {
                if (legacy)
                {
                    response.Questions.Add(question);
                }

                shared |= AddAnswers(socket.Interface, question, response);
            }

            // RFC 6762 §7.1: known-answer suppression, using only the Answer section (the Authority
            // section of a probe holds proposed records, not known answers).
            response.Answers.RemoveAll(a => query.Answers.Exists(
                k => k.SameKey(a.Record) && k.SameRdata(a.Record) && k.Ttl >= a.Record.Ttl / 2));
            if (response.Answers.Count == 0)
            {
                return;
            }

            if (legacy)
            {
                for (int i = 0; i < response.Answers.Count; i++)
                {
                    response.Answers[i] = (response.Answers[i].Record, false);
                }

                for (int i = 0; i < response.Additionals.Count; i++)
                {
                    response.Additionals[i] = (response.Additionals[i].Record, false);
                }

                if (!_legacyLimiter.TryTake(remote.Address, Environment.TickCount64, out bool firstDrop))
                {
                    if (firstDrop)
                    {
                        Log($"mdns: legacy queries from {remote.Address} are over the rate limit; dropping answers");
                    }

                    return;
                }

                Span<byte> buffer = stackalloc byte[DnsConstants.MaxMessageLength];
                socket.Send(buffer[..response.Write(buffer)], remote);
                return;
            }
        }

        // RFC 6762 §6: answers with shared records wait 20–120 ms; probes and unique answers go at once,
        // but never sooner than the per-record multicast limit allows.
        long now = Environment.TickCount64;
        long sendAt = now + (shared && !probe ? Random.Shared.Next(20, 121) : 0);
        lock (_gate)
        {
            int index = socket.Interface.Index;
            response.Answers.RemoveAll(a => _pending.Contains((index, Key(a.Record))));
            if (response.Answers.Count == 0)
            {
                return;
            }

            long gap = probe ? 250 : 1000;
            foreach (var (record, _) in response.Answers)
            {
                if (_lastMulticast.TryGetValue((index, Key(record)), out long last))
                {
                    sendAt = Math.Max(sendAt, last + gap);
                }
            }

            if (sendAt <= now)
            {
                SendAnswer(socket, response);
                return;
            }

            response.Answers.ForEach(a => _pending.Add((index, Key(a.Record))));
        }

        var token = _cts.Token;
        _ = Task.Run(async () =>
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(sendAt - now), token).ConfigureAwait(false);
                SendAnswer(socket, response);
            }
            catch (OperationCanceledException)
            {
            }
        });
    }

    private void SendAnswer(MdnsSocket socket, OutgoingMessage response)
    {
        lock (_gate)
        {
            response.Answers.ForEach(a => _pending.Remove((socket.Interface.Index, Key(a.Record))));

            // Drop records of services withdrawn or renamed while the answer waited.
            response.Answers.RemoveAll(a => !StillOwned(a.Record));
            response.Additionals.RemoveAll(a => !StillOwned(a.Record));
            if (response.Answers.Count == 0)
            {
                return;
            }

            Send(socket, response);
            NoteMulticast(socket, response);
        }
    }

    /// <summary>Adds answers for one question; returns true when a shared record (PTR) was added. Caller holds _gate.</summary>
    private bool AddAnswers(MdnsInterface iface, DnsQuestion question, OutgoingMessage response)
    {
        bool shared = false;
        bool any = question.Type == DnsType.Any;
        foreach (var entry in _services)
        {
            if (entry.State != ServiceState.Announced)
            {
                continue;
            }

            // RFC 6763 §4.1 browse (PTR), with SRV/TXT/A as additional records (§12.1).
            if ((any || question.Type == DnsType.Ptr) && DnsName.TextEquals(question.Name, entry.ServiceType))
            {
                response.AddAnswer(entry.Ptr(), false);
                response.AddAdditional(entry.Srv(HostName), true);
                response.AddAdditional(entry.TxtRecord(), true);
                response.AddAdditional(ServiceEntry.HostAddress(HostName, iface), true);
                shared = true;
            }

            // RFC 6763 §9: service type enumeration.
            if ((any || question.Type == DnsType.Ptr) && DnsName.TextEquals(question.Name, ServiceEntry.EnumerationName))
            {
                response.AddAnswer(entry.Enumeration(), false);
                shared = true;
            }

            // RFC 6763 §5 resolve: SRV (A as additional, §12.2) and TXT on the instance name.
            if (DnsName.TextEquals(question.Name, entry.FullName))
            {
                if (any || question.Type == DnsType.Srv)
                {
                    response.AddAnswer(entry.Srv(HostName), true);
                    response.AddAdditional(ServiceEntry.HostAddress(HostName, iface), true);
                }

                if (any || question.Type == DnsType.Txt)
                {
                    response.AddAnswer(entry.TxtRecord(), true);
                }

                // RFC 6762 §6.1: a type we do not have on a name we own gets an NSEC answer.
                if (!any && question.Type is not (DnsType.Srv or DnsType.Txt))
                {
                    response.AddAnswer(entry.InstanceNsec(), true);
                }
            }
        }

        // The host's address on the interface the query arrived on (avahi re-resolves with A?).
        if (DnsName.TextEquals(question.Name, HostName) && _services.Exists(s => s.State == ServiceState.Announced))
        {
            response.AddAnswer(
                any || question.Type == DnsType.A ? ServiceEntry.HostAddress(HostName, iface) : ServiceEntry.HostNsec(HostName), true);
        }

        // RFC 6762 §6.2: with an A record and no AAAA, say so with an NSEC in the Additional section.
        if (response.Answers.Exists(a => a.Record.Type == DnsType.A) || response.Additionals.Exists(a => a.Record.Type == DnsType.A))
        {
            response.AddAdditional(ServiceEntry.HostNsec(HostName), true);
        }

        return shared;
    }

    // RFC 6762 §8.1 (while probing) and §9 (after announcing): a response carrying a record for one of
    // our unique names with different rdata is a conflict. Identical rdata is not; goodbyes are ignored.
    private void CheckConflicts(MdnsInterface iface, DnsMessage response)
    {
        var reprobe = new List<ServiceEntry>();
        lock (_gate)
        {
            foreach (var record in response.Answers.Concat(response.Additionals))
            {
                if (record.Ttl == 0)
                {
                    continue;
                }

                bool hostClash = record.Type is DnsType.A && DnsName.TextEquals(record.Name, HostName)
                    && !iface.Address.Equals(record.Address);
                foreach (var entry in _services)
                {
                    bool clash = hostClash;
                    if (!clash && DnsName.TextEquals(record.Name, entry.FullName))
                    {
                        var ours = record.Type == DnsType.Srv ? entry.Srv(HostName) : record.Type == DnsType.Txt ? entry.TxtRecord() : null;
                        clash = ours is null || !ours.SameRdata(record);
                        if (clash)
                        {
                            entry.Conflict = true;
                        }
                    }
                    else if (hostClash)
                    {
                        entry.HostConflict = true;
                    }

                    if (!clash)
                    {
                        continue;
                    }

                    if (entry.State == ServiceState.Probing)
                    {
                        entry.ConflictSignal.Release();
                    }
                    else if (entry.State == ServiceState.Announced)
                    {
                        Log($"mdns: conflicting {record} for announced '{entry.FullName}'; probing again");
                        entry.State = ServiceState.Probing;
                        reprobe.Add(entry);
                    }
                }
            }
        }

        reprobe.ForEach(Reprobe);
    }

    // RFC 6762 §8.2: two hosts probing for one name at once compare their proposed records; the
    // lexicographically later data wins. The loser treats it as a conflict.
    private void CheckSimultaneousProbe(DnsMessage probe)
    {
        lock (_gate)
        {
            foreach (var entry in _services)
            {
                if (entry.State != ServiceState.Probing)
                {
                    continue;
                }

                var theirs = probe.Authorities.FindAll(r => DnsName.TextEquals(r.Name, entry.FullName));
                if (theirs.Count == 0)
                {
                    continue;
                }

                List<DnsRecord> ours = [entry.Srv(HostName), entry.TxtRecord()];
                if (ProbeTieBreak.Compare(ours, theirs) < 0)
                {
                    Log($"mdns: lost the simultaneous probe tie-break for '{entry.FullName}'");
                    entry.Conflict = true;
                    entry.ConflictSignal.Release();
                }
            }
        }
    }

    private bool StillOwned(DnsRecord record) =>
        _services.Exists(s => s.State == ServiceState.Announced
            && (DnsName.TextEquals(record.Name, s.FullName) || DnsName.TextEquals(record.Name, s.ServiceType)
                || DnsName.TextEquals(record.Name, HostName) || DnsName.TextEquals(record.Name, ServiceEntry.EnumerationName)));

    private void NoteMulticast(MdnsSocket socket, OutgoingMessage message)
    {
        long now = Environment.TickCount64;
        foreach (var (record, _) in message.Answers)
        {
            _lastMulticast[(socket.Interface.Index, Key(record))] = now;
        }
    }

    private static string Key(DnsRecord record) => $"{record.Type}/{record.Name}/{record.Target}".ToLowerInvariant();
}
