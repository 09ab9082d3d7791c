// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Protocol;
using Flowr.Runtime.Wasm;

namespace Flowr.Runtime.Distribution;

/// <summary>What an executor (flowrex) tells the coordinator about itself and how it runs jobs.</summary>
public sealed record ExecutorSessionOptions
{
    /// <summary>Default of <see cref="MaxValueSize"/>: 1 GiB.</summary>
    public const long DefaultMaxValueSize = 1L << 30;

    /// <summary>Smallest <see cref="MaxValueSize"/>: room for any number.</summary>
    public const long MinValueSize = 16;

    private readonly long _maxValueSize = DefaultMaxValueSize;

    /// <summary>Shown in the coordinator's logs.</summary>
    public string Name { get; init; } = Environment.MachineName;

    /// <summary>Executor threads, the reading thread included.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Jobs the executor can hold at once; default 256 per thread, at most 4096.</summary>
    public int? Credit { get; init; }

    /// <summary>Pre-shared key: with one, the executor works only for a coordinator that proves it knows it.</summary>
    public PresharedKey? Key { get; init; }

    /// <summary>Largest message (a batch of jobs with their values) the executor takes from a coordinator.</summary>
    public long MaxMessageLength { get; init; } = ProtocolConstants.DefaultMaxMessageLength;

    /// <summary>
    /// Whether shipped WebAssembly modules run here (with the limits flowr sends); when false the
    /// executor refuses their jobs and flowr runs them.
    /// </summary>
    public bool RunWasm { get; init; } = true;

    /// <summary>
    /// This executor's ceiling on the WebAssembly limits a coordinator ships with a module (flowrex
    /// <c>--max-wasm-memory</c>, <c>--max-wasm-time</c>): a module asking for more runs within these.
    /// </summary>
    public WasmCaps WasmCaps { get; init; } = WasmCaps.Default;

    /// <summary>
    /// Largest value, in encoded bytes, this executor accepts in a job or returns in a result (flowrex
    /// <c>--max-value-size</c>); a result over it is sent as an error result instead. Default 1 GiB.
    /// </summary>
    public long MaxValueSize
    {
        get => _maxValueSize;
        init => _maxValueSize = value >= MinValueSize
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"The largest value size must be at least {MinValueSize} bytes");
    }

    /// <summary>Finds the implementation behind a <c>lib://</c> URL; null when unknown.</summary>
    public required Func<string, IFunctionImplementation?> Resolve { get; init; }

    internal int EffectiveCredit => Credit ?? Math.Min(4096, 256 * Math.Max(1, Threads));
}

/// <summary>How an executor session ended.</summary>
public enum SessionEnd
{
    /// <summary>The coordinator said the flow is done.</summary>
    Done,
    /// <summary>The connection dropped, timed out, or broke the protocol.</summary>
    Dropped,
    /// <summary>The executor was asked to stop.</summary>
    Cancelled,
}
