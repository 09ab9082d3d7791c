// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Logging;

namespace Flowr.Cli;

/// <summary>Everything the command line says about one invocation of <c>flowr</c>.</summary>
internal sealed record RunnerOptions
{
    /// <summary>Flow definition directory, .toml file, manifest.json, or a directory holding one.</summary>
    public required string Flow { get; init; }
    /// <summary>Arguments for the flow (args[1..]).</summary>
    public IReadOnlyList<string> FlowArgs { get; init; } = [];
    /// <summary>Local library executor threads; 0 = none.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;
    /// <summary>Cap on jobs running at once; 0 = none.</summary>
    public int MaxJobs { get; init; }
    public bool CompileOnly { get; init; }
    /// <summary>Write flow.dot/flow.svg and exit.</summary>
    public bool Graph { get; init; }
    /// <summary>With <see cref="Graph"/>: draw the functions inside library flows instead of one node per library flow.</summary>
    public bool GraphExpand { get; init; }
    public bool Metrics { get; init; }
    public bool KeepDeadCode { get; init; }
    public LogLevel Verbosity { get; init; } = LogLevel.Error;
    public IReadOnlyList<string> LibDirs { get; init; } = [];
    /// <summary>Accept remote flowrex executors besides the local threads (always so with -t 0).</summary>
    public bool Remote { get; init; }
    /// <summary>How long library jobs may wait with no executor at all before the run fails.</summary>
    public TimeSpan ExecutorTimeout { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Remote executors that must have joined before the flow starts; 0 = none.</summary>
    public int WaitExecutors { get; init; }
    /// <summary>The status line on stderr: null = when stderr is a terminal; true/false = forced.</summary>
    public bool? Progress { get; init; }
    /// <summary>Port of the job service; 0 = a free one.</summary>
    public int JobPort { get; init; }
    /// <summary>File with the pre-shared key (else $FLOWR_KEY, else ~/.config/flowr/key).</summary>
    public string? KeyFile { get; init; }
    /// <summary>Largest message flowr takes from an executor.</summary>
    public long MaxValueSize { get; init; } = Runtime.Protocol.ProtocolConstants.DefaultMaxMessageLength;
    /// <summary>Run under the interactive debugger (<c>-d</c>).</summary>
    public bool Debugger { get; init; }
}
