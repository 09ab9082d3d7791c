// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Runtime.Coordinator;

/// <summary>How the run state picks ready functions.</summary>
public enum ReadyOrder
{
    /// <summary>First in, first out (the project's default, runtime-semantics.md §2).</summary>
    Fifo,
    /// <summary>A random ready entry, as upstream's default; for order-independence tests.</summary>
    Random,
}

/// <summary>Settings of one run.</summary>
public sealed class RunStateOptions
{
    /// <summary>Cap on jobs running at once (<c>-j</c>); 0 = no cap. A debugger may change it mid-run.</summary>
    public int MaxJobs { get; set; }

    /// <summary>How ready functions are picked. A debugger may change it mid-run.</summary>
    public ReadyOrder Order { get; set; } = ReadyOrder.Fifo;

    /// <summary>Seed for <see cref="ReadyOrder.Random"/>.</summary>
    public int Seed { get; init; } = 1;
}
