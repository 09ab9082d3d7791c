// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Runtime.Wasm;

/// <summary>
/// An executor's own ceiling on the limits a coordinator sends with a module (flowrex
/// <c>--max-wasm-memory</c>, <c>--max-wasm-time</c>). A module asking for more is not refused: its
/// calls run with the lower of the two (<see cref="Apply"/>), so a coordinator cannot make this
/// process spend unbounded memory or time, and a call stopped by a lowered limit says so.
/// </summary>
public sealed record WasmCaps
{
    /// <summary>Default memory cap of one instance: 256 MiB, the default limit flowr itself sends.</summary>
    public const long DefaultMaxMemoryBytes = WasmOptions.DefaultMemoryLimitBytes;

    private readonly long _maxMemoryBytes = DefaultMaxMemoryBytes;
    private readonly TimeSpan _maxCallTime = DefaultMaxCallTime;

    /// <summary>Default cap on one call: 10 s, the default limit flowr itself sends.</summary>
    public static TimeSpan DefaultMaxCallTime { get; } = WasmOptions.DefaultCallTimeout;

    /// <summary>The defaults: what flowr sends unless told otherwise, so ordinary flows are never clamped.</summary>
    public static WasmCaps Default { get; } = new();

    /// <summary>Largest linear memory one instance may have, in bytes (at least one 64 KiB page).</summary>
    public long MaxMemoryBytes
    {
        get => _maxMemoryBytes;
        init => _maxMemoryBytes = value >= WasmOptions.PageBytes
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "The memory cap must be at least one 64 KiB page");
    }

    /// <summary>Longest one call may run.</summary>
    public TimeSpan MaxCallTime
    {
        get => _maxCallTime;
        init => _maxCallTime = value > TimeSpan.Zero
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "The call time cap must be positive");
    }

    /// <summary>
    /// The limits calls run with when a coordinator asks for <paramref name="requested"/>: each one
    /// lowered to its cap where it is above. <paramref name="clamped"/> names what was lowered, for the log.
    /// </summary>
    public WasmOptions Apply(WasmOptions requested, out string? clamped)
    {
        ArgumentNullException.ThrowIfNull(requested);
        bool memory = requested.MemoryLimitBytes > _maxMemoryBytes;
        bool time = requested.CallTimeout > _maxCallTime;
        if (!memory && !time)
        {
            clamped = null;
            return requested;
        }
        var parts = new List<string>(2);
        if (time) parts.Add($"{WasmOptions.Seconds(requested.CallTimeout)} s a call lowered to {WasmOptions.Seconds(_maxCallTime)} s");
        if (memory) parts.Add($"{WasmOptions.MiB(requested.MemoryLimitBytes)} MiB of memory lowered to {WasmOptions.MiB(_maxMemoryBytes)} MiB");
        clamped = string.Join(", ", parts);
        return new WasmOptions
        {
            ResultCap = requested.ResultCap,
            CallTimeout = time ? _maxCallTime : requested.CallTimeout,
            MemoryLimitBytes = memory ? _maxMemoryBytes : requested.MemoryLimitBytes,
            RequestedCallTimeout = time ? requested.CallTimeout : null,
            RequestedMemoryLimitBytes = memory ? requested.MemoryLimitBytes : null,
        };
    }
}
