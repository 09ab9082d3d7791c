// Copyright (c) flowr contributors. MIT licence.
using System.Globalization;

namespace Flowr.Runtime.Wasm;

/// <summary>
/// Limits applied to every call of a provided function: result size, run time and linear memory.
/// The defaults keep upstream flow's 1,024-byte result cap; a larger cap may be chosen up to
/// <see cref="MaxResultCap"/>.
/// </summary>
public sealed class WasmOptions
{
    /// <summary>Upstream's <c>MAX_RESULT_SIZE</c>.</summary>
    public const int DefaultResultCap = 1024;

    /// <summary>The largest result cap that may be configured: 16 MiB.</summary>
    public const int MaxResultCap = 16 * 1024 * 1024;

    /// <summary>Default limit of one instance's linear memory: 256 MiB.</summary>
    public const long DefaultMemoryLimitBytes = 256L * 1024 * 1024;

    /// <summary>One WebAssembly page: the smallest memory limit.</summary>
    public const long PageBytes = 64 * 1024;

    private readonly int _resultCap = DefaultResultCap;
    private readonly long _memoryLimitBytes = DefaultMemoryLimitBytes;
    private readonly TimeSpan _callTimeout = DefaultCallTimeout;

    /// <summary>Default run time of one call: 10 s.</summary>
    public static TimeSpan DefaultCallTimeout { get; } = TimeSpan.FromSeconds(10);

    /// <summary>The options used when none are given.</summary>
    public static WasmOptions Default { get; } = new();

    /// <summary>
    /// Largest result a call may return, in bytes; also the least that <c>alloc</c> is asked for
    /// (<c>alloc(max(len, cap))</c>). 1 to <see cref="MaxResultCap"/>; default 1024.
    /// </summary>
    public int ResultCap
    {
        get => _resultCap;
        init => _resultCap = value is >= 1 and <= MaxResultCap
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"The result cap must be between 1 and {MaxResultCap} bytes");
    }

    /// <summary>Largest linear memory one instance may grow to, in bytes (at least 64 KiB, one page).</summary>
    public long MemoryLimitBytes
    {
        get => _memoryLimitBytes;
        init => _memoryLimitBytes = value >= PageBytes
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "The memory limit must be at least one 64 KiB page");
    }

    /// <summary>
    /// Wall-clock time one call may run before it is interrupted (checked at every tick of the
    /// engine's epoch, <see cref="WasmEngine.EpochTick"/>); default 10 s.
    /// </summary>
    public TimeSpan CallTimeout
    {
        get => _callTimeout;
        init => _callTimeout = value > TimeSpan.Zero
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "The call timeout must be positive");
    }

    /// <summary>The call timeout a coordinator asked for, when an executor's cap lowered it (<see cref="WasmCaps"/>).</summary>
    internal TimeSpan? RequestedCallTimeout { get; init; }

    /// <summary>The memory limit a coordinator asked for, when an executor's cap lowered it (<see cref="WasmCaps"/>).</summary>
    internal long? RequestedMemoryLimitBytes { get; init; }

    internal static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    internal static string MiB(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.###", CultureInfo.InvariantCulture);
}
