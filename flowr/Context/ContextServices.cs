// Copyright (c) flowr contributors. MIT licence.
using System.Diagnostics.CodeAnalysis;
using Flowr.Context.Files;
using Flowr.Context.Image;
using Flowr.Context.Stdio;
using Flowr.Runtime.Execution;

namespace Flowr.Context;

/// <summary>
/// What the context functions of one run share: the flow's arguments, the standard streams and the
/// image buffers. Created once per run by the runner; every context job runs on the one context
/// thread (docs/runtime.md, "Where jobs run"), so nothing here is locked.
/// </summary>
internal sealed class ContextServices
{
    internal const string Scheme = "context://";

    private readonly IReadOnlyList<string> _flowArgs;
    private readonly TextSink _stdout;
    private readonly TextSink _stderr;
    private readonly StdinReader _stdin;
    private readonly ImageBuffers _images = new();
    private readonly Dictionary<string, IFunctionImplementation> _created = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    /// <param name="flowArgs">The flow's arguments; <c>flowArgs[0]</c> is the flow's URL.</param>
    public ContextServices(IReadOnlyList<string> flowArgs, Stream stdin, Stream stdout, Stream stderr)
        : this(flowArgs, stdin, stdout, stderr, TimeProvider.System)
    {
    }

    internal ContextServices(IReadOnlyList<string> flowArgs, Stream stdin, Stream stdout, Stream stderr, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(flowArgs);
        _flowArgs = flowArgs;
        _stdin = new StdinReader(stdin ?? throw new ArgumentNullException(nameof(stdin)));
        _stdout = new TextSink(stdout ?? throw new ArgumentNullException(nameof(stdout)));
        _stderr = new TextSink(stderr ?? throw new ArgumentNullException(nameof(stderr)));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>Every function path this runner implements (without the scheme), in the order of
    /// docs/context-functions.md; the Era B variants <c>*_format</c> share their base implementation.</summary>
    internal static IReadOnlyList<string> FunctionPaths { get; } =
    [
        "stdio/stdout", "stdio/stdout_format", "stdio/stderr", "stdio/stderr_format", "stdio/stdin",
        "stdio/readline", "args/get", "file/file_read", "file/file_write", "image/image_buffer", "time/get",
    ];

    /// <summary>
    /// The implementation of <paramref name="location"/>, e.g. <c>context://stdio/stdout</c>; the last
    /// segment may be doubled (<c>context://stdio/stdout/stdout</c>). One instance per function path
    /// per run, so state such as time/get's previous call is shared as upstream shares it.
    /// </summary>
    public bool TryCreate(string location, [NotNullWhen(true)] out IFunctionImplementation? implementation)
    {
        implementation = null;
        if (location is null || !TryNormalize(location, out string? path)) return false;
        if (_created.TryGetValue(path, out implementation)) return true;
        implementation = Create(path);
        if (implementation is null) return false;
        _created.Add(path, implementation);
        return true;
    }

    /// <summary>True once a context function wrote to stdout.</summary>
    public bool WroteToStdout => _stdout.HasWritten;

    /// <summary>
    /// Tells the sinks which of them write to the terminal the status line is on (stderr always;
    /// stdout when it is that terminal too), so their lines erase it first.
    /// </summary>
    public void ShareTerminalWithStatusLine(bool stdoutToo)
    {
        _stderr.SharesStatusTerminal = true;
        _stdout.SharesStatusTerminal = stdoutToo;
    }

    /// <summary>Called once when the flow has ended: writes the image buffers as PNG files, then
    /// flushes stdout and stderr.</summary>
    public void Complete()
    {
        try
        {
            _images.WriteAll();
        }
        finally
        {
            _stdout.Flush();
            _stderr.Flush();
        }
    }

    private IFunctionImplementation? Create(string path) => path switch
    {
        "stdio/stdout" or "stdio/stdout_format" => new Stdout(_stdout),
        "stdio/stderr" or "stdio/stderr_format" => new Stderr(_stderr),
        "stdio/stdin" => new Stdin(_stdin),
        "stdio/readline" => new Readline(_stdin, _stdout),
        "args/get" => new Args.Get(_flowArgs),
        "file/file_read" => new FileRead(),
        "file/file_write" => new FileWrite(),
        "image/image_buffer" => new ImageBuffer(_images),
        "time/get" => new Time.Get(_time),
        _ => null,
    };

    // "context://stdio/stdout" and "context://stdio/stdout/stdout" both give "stdio/stdout"
    // (some upstream manifests double the last segment).
    internal static bool TryNormalize(string location, [NotNullWhen(true)] out string? path)
    {
        path = null;
        if (!location.StartsWith(Scheme, StringComparison.Ordinal)) return false;
        string rest = location[Scheme.Length..].Trim('/');
        if (rest.EndsWith(".toml", StringComparison.Ordinal)) rest = rest[..^".toml".Length];
        string[] segments = rest.Split('/');
        if (segments.Length == 3 && segments[1] == segments[2]) rest = $"{segments[0]}/{segments[1]}";
        else if (segments.Length != 2) return false;
        path = rest;
        return true;
    }
}
