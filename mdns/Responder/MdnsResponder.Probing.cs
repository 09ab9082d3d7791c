// Copyright (c) flowr contributors. MIT licence.
using Flowr.Mdns.Dns;
using Flowr.Mdns.Internal;
using Flowr.Mdns.Responder;

namespace Flowr.Mdns;

public sealed partial class MdnsResponder
{
    // RFC 6762 §8.1: three probes 250 ms apart after a random 0–250 ms delay.
    private const int ProbeCount = 3;
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(250);

    // RFC 6762 §8.1: after 15 conflicts within 10 s, wait 5 s before each further attempt.
    private const int ConflictBurst = 15;

    private readonly Queue<long> _recentConflicts = new();

    private async Task ProbeAsync(ServiceEntry entry, CancellationToken ct)
    {
        while (true)
        {
            lock (_gate)
            {
                ThrowIfRemoved(entry);
                entry.State = ServiceState.Probing;
                entry.Conflict = false;
                entry.HostConflict = false;
            }

            while (entry.ConflictSignal.CurrentCount > 0)
            {
                await entry.ConflictSignal.WaitAsync(0, ct).ConfigureAwait(false);
            }

            await Task.Delay(Random.Shared.Next(0, 251), ct).ConfigureAwait(false);
            bool conflict = false;
            for (int i = 0; i < ProbeCount && !conflict; i++)
            {
                SendProbe(entry);
                await entry.ConflictSignal.WaitAsync(ProbeInterval, ct).ConfigureAwait(false);
                conflict = entry.Conflict || entry.HostConflict;
                lock (_gate)
                {
                    ThrowIfRemoved(entry);
                }
            }

            lock (_gate)
            {
                if (!conflict)
                {
                    entry.State = ServiceState.Announced;
                    return;
                }

                if (entry.HostConflict)
                {
                    _hostRenames++;
                    _hostLabel = $"{_baseHostLabel}-{_hostRenames}";
                    Log($"mdns: host name conflict; now using {HostName}");
                }

                if (entry.Conflict)
                {
                    if (!_options.RenameOnConflict)
                    {
                        throw new MdnsNameConflictException(entry.FullName);
                    }

                    string old = entry.FullName;
                    do
                    {
                        entry.Rename();
                    }
                    while (_services.Exists(s => s != entry && DnsName.TextEquals(s.FullName, entry.FullName)));

                    Log($"mdns: '{old}' is taken (RFC 6762 §9); probing '{entry.FullName}'");
                }
            }

            bool burst;
            lock (_gate)
            {
                long now = Environment.TickCount64;
                _recentConflicts.Enqueue(now);
                while (_recentConflicts.Count > 0 && now - _recentConflicts.Peek() > 10_000)
                {
                    _recentConflicts.Dequeue();
                }

                burst = _recentConflicts.Count >= ConflictBurst;
            }

            if (burst)
            {
                await Task.Delay(5000, ct).ConfigureAwait(false);
            }
        }
    }

    // RFC 6762 §8.1/§8.2: probe = query "ANY?" for each name, proposed records in the Authority section.
    // NOTE: every probe is QM. With several stacks bound to port 5353 on one host, a unicast reply to a
    // QU probe reaches only one of their sockets (Linux delivers unicast to one SO_REUSEPORT socket),
    // so multicast replies are the safe choice.
    private void SendProbe(ServiceEntry entry)
    {
        lock (_gate)
        {
            foreach (var socket in _sockets)
            {
                var probe = OutgoingMessage.Query();
                probe.Questions.Add(new DnsQuestion(entry.FullName, DnsType.Any, false));
                probe.Questions.Add(new DnsQuestion(HostName, DnsType.Any, false));
                probe.Authorities.Add((entry.Srv(HostName), false));
                probe.Authorities.Add((entry.TxtRecord(), false));
                probe.Authorities.Add((ServiceEntry.HostAddress(HostName, socket.Interface), false));
                Send(socket, probe);
            }
        }
    }

    // RFC 6762 §8.3: at least two unsolicited responses one second apart; we send three (0, 1 s, 3 s).
    private void StartAnnouncing(ServiceEntry entry)
    {
        Announce(entry);
        var token = _cts.Token;
        _ = Task.Run(async () =>
        {
            try
            {
                await Task.Delay(1000, token).ConfigureAwait(false);
                Announce(entry);
                await Task.Delay(2000, token).ConfigureAwait(false);
                Announce(entry);
                entry.AnnouncementsSent.TrySetResult();
            }
            catch (OperationCanceledException)
            {
            }
        });
    }

    private void Announce(ServiceEntry entry)
    {
        lock (_gate)
        {
            if (entry.State != ServiceState.Announced)
            {
                return;
            }

            if (entry.FirstAnnouncedAt == 0)
            {
                entry.FirstAnnouncedAt = System.Diagnostics.Stopwatch.GetTimestamp();
            }

            entry.LastAnnouncedAt = Environment.TickCount64;

            foreach (var socket in _sockets)
            {
                var message = OutgoingMessage.Response();
                message.Answers.Add((entry.Ptr(), false));
                message.Answers.Add((entry.Srv(HostName), true));
                message.Answers.Add((entry.TxtRecord(), true));
                message.Answers.Add((ServiceEntry.HostAddress(HostName, socket.Interface), true));
                message.Answers.Add((entry.Enumeration(), false));
                Send(socket, message);
                NoteMulticast(socket, message);
            }
        }
    }

    // RFC 6762 §8.4: changed data is announced like new data, with the cache-flush bit, so caches replace
    // the old TXT; here once at once (or a second after the previous announcement) and once a second later.
    internal void UpdateTxt(ServiceEntry entry, IReadOnlyDictionary<string, string> txt)
    {
        int version;
        lock (_gate)
        {
            if (entry.State == ServiceState.Removed)
            {
                return;
            }

            entry.Txt = DnsRecordWriter.EncodeTxt(txt);
            entry.TxtPairs = new Dictionary<string, string>(txt, StringComparer.OrdinalIgnoreCase);
            version = ++entry.TxtVersion;

            // While probing there is nothing to update: the announcements will carry the new data.
            if (entry.State != ServiceState.Announced || entry.UpdatePending)
            {
                return;
            }

            entry.UpdatePending = true;
        }

        var token = _cts.Token;
        _ = Task.Run(async () =>
        {
            try
            {
                long wait;
                lock (_gate)
                {
                    wait = entry.LastAnnouncedAt + 1000 - Environment.TickCount64;
                }

                if (wait > 0)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(wait), token).ConfigureAwait(false);
                }

                lock (_gate)
                {
                    entry.UpdatePending = false;
                    version = entry.TxtVersion;
                }

                Announce(entry);
                await Task.Delay(1000, token).ConfigureAwait(false);
                lock (_gate)
                {
                    if (entry.TxtVersion != version || entry.UpdatePending)
                    {
                        return;
                    }
                }

                Announce(entry);
            }
            catch (OperationCanceledException)
            {
            }
        });
    }

    // RFC 6762 §10.1: goodbye = the records again with TTL 0. Shared names (the A record, the
    // enumeration PTR) only when no other advertised service still uses them. Caller holds _gate.
    private void SendGoodbyes(List<ServiceEntry> leaving)
    {
        foreach (var socket in _sockets)
        {
            var message = new OutgoingMessage { Flags = DnsConstants.ResponseFlags, TtlOverride = 0 };
            foreach (var entry in leaving)
            {
                message.AddAnswer(entry.Ptr(), false);
                message.AddAnswer(entry.Srv(HostName), false);
                message.AddAnswer(entry.TxtRecord(), false);
                if (!_services.Exists(s => s.State == ServiceState.Announced && DnsName.TextEquals(s.ServiceType, entry.ServiceType)))
                {
                    message.AddAnswer(entry.Enumeration(), false);
                }
            }

            if (!_services.Exists(s => s.State == ServiceState.Announced))
            {
                message.AddAnswer(ServiceEntry.HostAddress(HostName, socket.Interface), false);
            }

            Send(socket, message);
        }
    }

    /// <summary>RFC 6762 §9: a conflict after announcing sends the service back to probing.</summary>
    private void Reprobe(ServiceEntry entry)
    {
        var token = _cts.Token;
        _ = Task.Run(async () =>
        {
            string before = entry.FullName;
            try
            {
                await ProbeAsync(entry, token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or MdnsNameConflictException)
            {
                Log($"mdns: re-probing '{before}' stopped: {e.Message}");
                Withdraw(entry);
                return;
            }

            if (entry.Registration is { } registration)
            {
                registration.HostName = HostName;
                StartAnnouncing(entry);
                if (!DnsName.TextEquals(before, entry.FullName))
                {
                    registration.RaiseRenamed();
                }
            }
        });
    }

    private static void ThrowIfRemoved(ServiceEntry entry)
    {
        if (entry.State == ServiceState.Removed)
        {
            throw new OperationCanceledException("The service was withdrawn while probing.");
        }
    }

    private static void Send(MdnsSocket socket, OutgoingMessage message)
    {
        Span<byte> buffer = stackalloc byte[DnsConstants.MaxMessageLength];
        socket.SendMulticast(buffer[..message.Write(buffer)]);
    }
}
