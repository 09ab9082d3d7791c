// Copyright (c) flowr contributors. MIT licence.
using Flowr.Mdns.Tests.Infrastructure;
using Xunit;

namespace Flowr.Mdns.Tests.Interop;

/// <summary>
/// Three hosts on a private bridge (a = 10.251.0.1, b = .2, c = .3), avahi-daemon with a private D-Bus
/// in a and b. Our tool runs in c; python3-zeroconf in a. Torn down after the test class.
/// </summary>
public sealed class InteropLab : IAsyncLifetime
{
    private NetLab? _lab;

    internal NetLab Lab => _lab ?? throw new InvalidOperationException("lab not started");

    public string BusA { get; private set; } = string.Empty;

    public string BusB { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        _lab = await NetLab.CreateLanAsync("a", "b", "c");
        BusA = await _lab.StartAvahiAsync("a");
        BusB = await _lab.StartAvahiAsync("b");
    }

    public async Task DisposeAsync()
    {
        if (_lab is not null)
        {
            await _lab.DisposeAsync();
        }
    }
}
