// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Distributed.Tests.Processes;

/// <summary>
/// Tests that assert times (joins within milliseconds, attempts per second) run alone, one at a time:
/// beside qemu and the other process tests on a two-core machine, a process may wait hundreds of
/// milliseconds for a core.
/// </summary>
[CollectionDefinition("timing", DisableParallelization = true)]
public sealed class DiscoveryTimingCollection;
