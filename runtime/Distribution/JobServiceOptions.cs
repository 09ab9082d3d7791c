// Copyright (c) flowr contributors. MIT licence.
using System.Net;
using Flowr.Runtime.Protocol;

namespace Flowr.Runtime.Distribution;

/// <summary>How a <see cref="JobService"/> listens and waits for remote executors.</summary>
public sealed record JobServiceOptions
{
    /// <summary>Default for <see cref="ExecutorTimeout"/>: 30 s.</summary>
    public static readonly TimeSpan DefaultExecutorTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// With no local threads: how long library jobs may wait with no executor connected before the run
    /// fails (<see cref="JobService.Failed"/>).
    /// </summary>
    public TimeSpan ExecutorTimeout { get; init; } = DefaultExecutorTimeout;

    /// <summary>The address the job port listens on; all IPv4 interfaces by default.</summary>
    public IPAddress BindAddress { get; init; } = IPAddress.Any;

    /// <summary>The TCP port; 0 (the default) picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Pre-shared key both sides prove they know, which then protects every frame (PROTOCOL.md); null: none.</summary>
    public PresharedKey? Key { get; init; }

    /// <summary>Largest message (a batch of jobs or results with their values) flowr takes from an executor.</summary>
    public long MaxMessageLength { get; init; } = ProtocolConstants.DefaultMaxMessageLength;

    /// <summary>Identifies this run in the advertisement and the handshake; random when null.</summary>
    public string? RunId { get; init; }

    /// <summary>Jobs in flight at once; bounds the pending queue and each executor's credit.</summary>
    public int MaxInFlight { get; init; } = 4096;

    /// <summary>Environment variable holding the pre-shared key, for flowr and flowrex.</summary>
    public const string KeyEnvironmentVariable = "FLOWR_KEY";
}
