// Copyright (c) flowr contributors. MIT licence.
using System.Globalization;
using Flowr.Runtime.Logging;

namespace Flowr.Cli;

/// <summary>
/// flowr's command line, parsed by hand: it is read on every start, and a general-purpose parser
/// cost more than the rest of a small flow's start-up (bench/README.md, "Start-up"). Options come
/// before the flow; the first argument that is not an option is the flow, and everything after it
/// goes to the flow untouched, even when it looks like an option. <c>--</c> ends the options.
/// </summary>
internal static class CommandLine
{
    private const string Hint = "Try 'flowr --help' for the options.";

    /// <summary>
    /// Parses <paramref name="args"/>. Returns null when the command line is answered without
    /// running anything: <paramref name="message"/> is then the help or version text (exit code 0,
    /// for stdout) or the error and a hint (exit code 1, for stderr).
    /// </summary>
    public static RunnerOptions? Parse(string[] args, out string? message, out int exitCode)
    {
        var builder = new Builder();
        message = null;
        exitCode = 0;
        int i = 0;
        for (; i < args.Length; i++)
        {
            string arg = args[i];
            if (arg == "--")
            {
                i++;
                break;
            }
            if (arg.Length < 2 || arg[0] != '-') break;
            string? problem = arg[1] == '-' ? ParseLong(arg, args, ref i, builder) : ParseShort(arg, args, ref i, builder);
            if (problem is null) continue;
            if (problem.Length == 0)
            {
                message = builder.Answer;   // --help or --version
                return null;
            }
            message = $"flowr: {problem}\n{Hint}\n";
            exitCode = 1;
            return null;
        }
        if (i < args.Length)
        {
            builder.Flow = args[i];
            builder.FlowArgs = args[(i + 1)..];
        }
        return builder.Build();
    }

    /// <summary>The option table: names, whether a value follows, and what it sets.</summary>
    private static string? Apply(Option option, string name, string? value, Builder builder)
    {
        switch (option)
        {
            case Option.Help:
                builder.Answer = Usage.Text;
                return "";
            case Option.Version:
                builder.Answer = $"flowr {BuildInfo.Version}\n";
                return "";
            case Option.Threads:
                if (!TryCount(value!, out int threads)) return BadValue(name, value!, "a whole number of threads, 0 or more");
                builder.Threads = threads;
                return null;
            case Option.Jobs:
                if (!TryCount(value!, out int jobs)) return BadValue(name, value!, "a whole number of jobs, 0 or more (0: no limit)");
                builder.MaxJobs = jobs;
                return null;
            case Option.Verbosity:
                if (!Log.TryParseLevel(value!, out var level)) return BadValue(name, value!, "one of trace, debug, info, warn, error, off");
                builder.Verbosity = level;
                return null;
            case Option.LibDir:
                builder.LibDirs.Add(value!);
                return null;
            case Option.ExecutorTimeout:
                if (!TryCount(value!, out int seconds) || seconds < 1) return BadValue(name, value!, "a whole number of seconds, 1 or more");
                builder.ExecutorTimeout = seconds;
                return null;
            case Option.WaitExecutors:
                if (!TryCount(value!, out int executors)) return BadValue(name, value!, "a whole number of executors, 0 or more");
                builder.WaitExecutors = executors;
                return null;
            case Option.JobPort:
                if (!TryCount(value!, out int port) || port > 65535) return BadValue(name, value!, "a TCP port, 0 to 65535 (0: a free one)");
                builder.JobPort = port;
                return null;
            case Option.KeyFile:
                builder.KeyFile = value;
                return null;
            case Option.MaxValueSize:
                if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long size)
                    || size < Runtime.Protocol.ProtocolConstants.MaxFrameLength || size > Runtime.Protocol.ProtocolConstants.MaxMessageLengthLimit)
                {
                    return BadValue(name, value!, $"a number of bytes from {Runtime.Protocol.ProtocolConstants.MaxFrameLength} to {Runtime.Protocol.ProtocolConstants.MaxMessageLengthLimit}");
                }
                builder.MaxValueSize = size;
                return null;
            case Option.GenerateKey:
                builder.Answer = Runtime.Protocol.PresharedKey.Generate() + "\n";
                return "";
            case Option.Compile: builder.CompileOnly = true; return null;
            case Option.Graph: builder.Graph = true; return null;
            case Option.GraphExpand: builder.Graph = builder.GraphExpand = true; return null;
            case Option.Metrics: builder.Metrics = true; return null;
            case Option.Native: return null;
            case Option.NoOptimize: builder.KeepDeadCode = true; return null;
            case Option.Remote: builder.Remote = true; return null;
            case Option.Progress: builder.Progress = true; return null;
            case Option.NoProgress: builder.Progress = false; return null;
            case Option.Debugger: builder.Debugger = true; return null;
            default: return $"unknown option '{name}'";
        }
    }

    private enum Option
    {
        Unknown, Help, Version, Threads, Jobs, Compile, Graph, GraphExpand, Metrics, Verbosity, LibDir, Native,
        NoOptimize, Remote, ExecutorTimeout, WaitExecutors, Progress, NoProgress, JobPort, KeyFile, MaxValueSize, GenerateKey,
        Debugger,
    }

    private static Option Long(string name) => name switch
    {
        "--help" => Option.Help,
        "--version" => Option.Version,
        "--threads" => Option.Threads,
        "--jobs" => Option.Jobs,
        "--compile" => Option.Compile,
        "--graph" => Option.Graph,
        "--graph-expand" => Option.GraphExpand,
        "--metrics" => Option.Metrics,
        "--verbosity" => Option.Verbosity,
        "--libdir" => Option.LibDir,
        "--native" => Option.Native,
        "--no-optimize" => Option.NoOptimize,
        "--remote" => Option.Remote,
        "--executor-timeout" => Option.ExecutorTimeout,
        "--wait-executors" => Option.WaitExecutors,
        "--progress" => Option.Progress,
        "--no-progress" => Option.NoProgress,
        "--job-port" => Option.JobPort,
        "--key-file" => Option.KeyFile,
        "--max-value-size" => Option.MaxValueSize,
        "--gen-key" => Option.GenerateKey,
        "--debugger" => Option.Debugger,
        _ => Option.Unknown,
    };

    private static Option Short(char name) => name switch
    {
        'h' or '?' => Option.Help,
        'V' => Option.Version,
        't' => Option.Threads,
        'j' => Option.Jobs,
        'c' => Option.Compile,
        'm' => Option.Metrics,
        'v' => Option.Verbosity,
        'L' => Option.LibDir,
        'n' => Option.Native,
        'd' => Option.Debugger,
        _ => Option.Unknown,
    };

    private static bool TakesValue(Option option) =>
        option is Option.Threads or Option.Jobs or Option.Verbosity or Option.LibDir or Option.ExecutorTimeout or Option.WaitExecutors
            or Option.JobPort or Option.KeyFile or Option.MaxValueSize;

    /// <summary>Every long option, for "did you mean" and for the help test.</summary>
    internal static IReadOnlyList<string> LongNames { get; } =
    [
        "--help", "--version", "--threads", "--jobs", "--compile", "--graph", "--graph-expand", "--metrics", "--verbosity",
        "--libdir", "--native", "--no-optimize", "--remote", "--executor-timeout", "--wait-executors", "--progress", "--no-progress",
        "--job-port", "--key-file", "--max-value-size", "--gen-key", "--debugger",
    ];

    // --name, --name VALUE, --name=VALUE
    private static string? ParseLong(string arg, string[] args, ref int i, Builder builder)
    {
        int equals = arg.IndexOf('=');
        string name = equals > 0 ? arg[..equals] : arg;
        var option = Long(name);
        if (option == Option.Unknown) return UnknownLong(name);
        string? value = null;
        if (TakesValue(option))
        {
            value = equals > 0 ? arg[(equals + 1)..] : i + 1 < args.Length ? args[++i] : null;
            if (value is null) return $"{name} needs a value";
        }
        else if (equals > 0)
        {
            return $"{name} takes no value";
        }
        return Apply(option, name, value, builder);
    }

    // -t 4, -t4, -t=4, and flags bundled: -cm
    private static string? ParseShort(string arg, string[] args, ref int i, Builder builder)
    {
        for (int k = 1; k < arg.Length; k++)
        {
            string name = "-" + arg[k];
            var option = Short(arg[k]);
            if (option == Option.Unknown)
            {
                return k == 1 ? $"unknown option '{arg}'" : $"unknown option '{name}' in '{arg}'";
            }
            if (!TakesValue(option))
            {
                string? answer = Apply(option, name, null, builder);
                if (answer is not null) return answer;
                continue;
            }
            string? value = k + 1 < arg.Length ? arg[(k + 1)..].TrimStart('=') : i + 1 < args.Length ? args[++i] : null;
            if (value is null) return $"{name} needs a value";
            return Apply(option, name, value, builder);
        }
        return null;
    }

    private static string UnknownLong(string name)
    {
        string? closest = null;
        int best = int.MaxValue;
        foreach (string candidate in LongNames)
        {
            int distance = EditDistance(name, candidate);
            if (distance < best)
            {
                best = distance;
                closest = candidate;
            }
        }
        return best <= 2 ? $"unknown option '{name}' (did you mean '{closest}'?)" : $"unknown option '{name}'";
    }

    private static int EditDistance(string a, string b)
    {
        var row = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) row[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.Length];
    }

    private static bool TryCount(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    private static string BadValue(string name, string value, string expected) => $"invalid value '{value}' for {name}: expected {expected}";

    private sealed class Builder
    {
        public string Answer = "";
        public string Flow = ".";
        public string[] FlowArgs = [];
        public int? Threads;
        public int MaxJobs;
        public bool CompileOnly, Graph, GraphExpand, Metrics, KeepDeadCode, Remote, Debugger;
        public bool? Progress;
        public LogLevel Verbosity = LogLevel.Error;
        public readonly List<string> LibDirs = [];
        public int ExecutorTimeout = 30;
        public int WaitExecutors;
        public int JobPort;
        public string? KeyFile;
        public long MaxValueSize = Runtime.Protocol.ProtocolConstants.DefaultMaxMessageLength;

        public RunnerOptions Build() => new()
        {
            Flow = Flow,
            FlowArgs = FlowArgs,
            Threads = Threads ?? Environment.ProcessorCount,
            MaxJobs = MaxJobs,
            CompileOnly = CompileOnly,
            Graph = Graph,
            GraphExpand = GraphExpand,
            Metrics = Metrics,
            KeepDeadCode = KeepDeadCode,
            Verbosity = Verbosity,
            LibDirs = LibDirs,
            Remote = Remote || WaitExecutors > 0,
            ExecutorTimeout = TimeSpan.FromSeconds(ExecutorTimeout),
            WaitExecutors = WaitExecutors,
            Progress = Progress,
            JobPort = JobPort,
            KeyFile = KeyFile,
            MaxValueSize = MaxValueSize,
            Debugger = Debugger,
        };
    }
}
