// Copyright (c) flowr contributors. MIT licence.
using System.Collections.Concurrent;
using Flowr.Runtime.Protocol;

namespace Flowr.Distributed.Tests.InProcess;

/// <summary>Stretched keys for tests, each stretched once (stretching is slow on purpose).</summary>
internal static class Keys
{
    private static readonly ConcurrentDictionary<string, PresharedKey> Stretched = new();

    public static PresharedKey Of(string secret) => Stretched.GetOrAdd(secret, s => PresharedKey.FromSecret(s, "a test"));
}
