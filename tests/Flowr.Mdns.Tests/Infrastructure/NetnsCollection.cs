// Copyright (c) flowr contributors. MIT licence.
using Xunit;

namespace Flowr.Mdns.Tests.Infrastructure;

/// <summary>Namespace tests run one at a time: they are timing-sensitive and the machine has two cores.</summary>
[CollectionDefinition("netns")]
public sealed class NetnsCollection;
