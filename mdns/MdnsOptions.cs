// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Mdns;

/// <summary>Options shared by <see cref="MdnsResponder"/> and <see cref="MdnsBrowser"/>.</summary>
public sealed class MdnsOptions
{
    /// <summary>The service type flowr uses (RFC 6763 §7): <c>_flowr._tcp</c>.</summary>
    public const string DefaultServiceType = "_flowr._tcp";

    /// <summary>Environment variable a host program may read to override the service type (see <see cref="ServiceTypeFromEnvironment"/>).</summary>
    public const string ServiceTypeEnvironmentVariable = "FLOWR_MDNS_SERVICE_TYPE";

    /// <summary>
    /// Interface allow-list: interface names (<c>eth0</c>) or IPv4 addresses (<c>127.0.0.1</c>). Null or empty
    /// means every up, multicast-capable IPv4 interface, or loopback when it is the only one.
    /// </summary>
    public IReadOnlyList<string>? Interfaces { get; init; }

    /// <summary>
    /// When set, replaces the service type passed to <see cref="MdnsResponder.AdvertiseAsync"/> and
    /// <see cref="MdnsBrowser.FindFirstAsync(string, string, TimeSpan, CancellationToken)"/>, so that tests running in
    /// parallel on one host use distinct types and cannot see each other.
    /// </summary>
    public string? ServiceTypeOverride { get; init; }

    /// <summary>
    /// Responder only: the first label of the SRV target host name, default <c>flowr-&lt;hostname&gt;</c>.
    /// Never the machine's own name, which avahi may own.
    /// </summary>
    public string? HostName { get; init; }

    /// <summary>
    /// Responder only: on a name conflict found by probing, rename the instance to <c>name (2)</c>,
    /// <c>name (3)</c>… (true, the default), or fail <see cref="MdnsResponder.AdvertiseAsync"/> with
    /// <see cref="MdnsNameConflictException"/> (false).
    /// </summary>
    public bool RenameOnConflict { get; init; } = true;

    /// <summary>
    /// Browser only: when browsing a type starts, also send a one-shot query from an ephemeral port at once
    /// (RFC 6762 §5.1). Responders answer it by unicast without the 20–120 ms delay of multicast answers
    /// (our responder within a rate limit per source), so services announced already are found in about
    /// one round trip. The usual multicast queries follow as without it.
    /// </summary>
    public bool QueryAtOnce { get; init; }

    /// <summary>Receives diagnostic messages (conflicts, renames, socket fallbacks). Must not block.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>The service type a waiting executor (flowrex) advertises itself under: <c>_flowrex._tcp</c>.</summary>
    public const string DefaultExecutorServiceType = "_flowrex._tcp";

    /// <summary>
    /// The executors' service type that goes with a job service type: its first label with <c>ex</c>
    /// appended (<c>_flowr._tcp</c> → <c>_flowrex._tcp</c>), so that tests overriding one override both.
    /// </summary>
    public static string ExecutorServiceTypeFor(string jobServiceType)
    {
        string type = QualifyServiceType(jobServiceType);
        int dot = type.IndexOf('.', StringComparison.Ordinal);
        return string.Concat(type.AsSpan(0, dot), "ex", type.AsSpan(dot, type.Length - dot - ".local".Length));
    }

    /// <summary>Returns the value of <c>FLOWR_MDNS_SERVICE_TYPE</c> if set, else <paramref name="fallback"/>.</summary>
    public static string ServiceTypeFromEnvironment(string fallback = DefaultServiceType) =>
        Environment.GetEnvironmentVariable(ServiceTypeEnvironmentVariable) is { Length: > 0 } value ? value : fallback;

    /// <summary>Returns "_x._tcp.local" for "_x._tcp", "_x._tcp.local" or "_x._tcp.local.".</summary>
    internal static string QualifyServiceType(string serviceType)
    {
        string type = serviceType.TrimEnd('.');
        if (!type.StartsWith('_') || (!type.Contains("._tcp", StringComparison.OrdinalIgnoreCase) && !type.Contains("._udp", StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException($"'{serviceType}' is not a DNS-SD service type like _flowr._tcp (RFC 6763 §7).", nameof(serviceType));
        }

        return type.EndsWith(".local", StringComparison.OrdinalIgnoreCase) ? type : type + ".local";
    }

    internal string EffectiveServiceType(string serviceType) => QualifyServiceType(ServiceTypeOverride ?? serviceType);
}
