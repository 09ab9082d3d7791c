// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Runtime.Wasm;

/// <summary>
/// Limits applied to every call of a provided function (README.md, "Limits"). The defaults
/// keep upstream's 1,024-byte result cap; a larger cap may be chosen up to <see cref="MaxResultCap"/>.
/// </summary>
public sealed class WasmOptions
{
    /// <summary>Upstream's <c>MAX_RESULT_SIZE</c>.</summary>
    public const int DefaultResultCap = 1024;

    /// <summary>The largest result cap that may be configured: 16 MiB.</summary>
    public const int MaxResultCap = 16 * 1024 * 1024;

    /// <summary>Default limit of one instance's linear memory: 256 MiB.</summary>
    public const long DefaultMemoryLimitBytes = 256L * 1024 * 1024;

    private readonly int _resultCap = DefaultResultCap;
    private readonly long _memoryLimitBytes = DefaultMemoryLimitBytes;
    private readonly TimeSpan _callTimeout = TimeSpan.FromSeconds(10);

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
        init => _memoryLimitBytes = value >= 65536
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "The memory limit must be at least one 64 KiB page");
    }

    /// <summary>
    /// Wall-clock time one call may run before it is interrupted (epoch interruption, checked
    /// every <see cref="WasmEngine.EpochTick"/>); default 10 s.
    /// </summary>
    public TimeSpan CallTimeout
    {
        get => _callTimeout;
        init => _callTimeout = value > TimeSpan.Zero
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "The call timeout must be positive");
    }

    /// <summary>The epoch deadline of one call, in ticks (at least one).</summary>
    internal ulong DeadlineTicks => (ulong)Math.Max(1, Math.Ceiling(_callTimeout / WasmEngine.EpochTick));
}
