// Copyright (c) flowr contributors. MIT licence.
using System.CommandLine;
using Flowr.Runtime.Logging;

namespace Flowr.Cli;

/// <summary>
/// flowr's command line (runtime-semantics.md §8), parsed with System.CommandLine, which is
/// trimming- and AOT-safe. Everything after the flow is passed to the flow untouched, even when it
/// looks like an option.
/// </summary>
internal static class CommandLine
{
    private static readonly Option<int?> ThreadsOption = new("--threads", "-t")
    {
        Description = "Local executor threads for library jobs (default: processor count; 0: none)",
    };
    private static readonly Option<int> JobsOption = new("--jobs", "-j")
    {
        Description = "Maximum jobs running at once (default: no limit)",
    };
    private static readonly Option<bool> CompileOption = new("--compile", "-c")
    {
        Description = "Compile the flow, write manifest.json next to its root definition, and exit",
    };
    private static readonly Option<bool> GraphOption = new("--graph")
    {
        Description = "Write flow.dot (and flow.svg when Graphviz is installed) beside the flow's root definition, and exit",
    };
    private static readonly Option<bool> MetricsOption = new("--metrics", "-m")
    {
        Description = "Print metrics after the flow ends",
    };
    private static readonly Option<string> VerbosityOption = new("--verbosity", "-v")
    {
        Description = "Log level: trace, debug, info, warn, error (default), off",
        DefaultValueFactory = _ => "error",
    };
    private static readonly Option<string[]> LibDirOption = new("--libdir", "-L")
    {
        Description = "Add a directory to the library search path (repeatable; also $FLOW_LIB_PATH)",
        AllowMultipleArgumentsPerToken = false,
    };
    private static readonly Option<bool> NativeOption = new("--native", "-n")
    {
        Description = "Use the native flowstdlib (always the case; accepted for compatibility)",
    };
    private static readonly Option<bool> KeepDeadCodeOption = new("--no-optimize")
    {
        Description = "Keep functions whose outputs go nowhere (dead-code removal is on by default)",
    };
    private static readonly Option<bool> RemoteOption = new("--remote")
    {
        Description = "Also run library jobs on flowrex executors that join over the network (always so with -t 0)",
    };
    private static readonly Option<int> ExecutorTimeoutOption = new("--executor-timeout")
    {
        Description = "Seconds library jobs may wait with no executor (-t 0 and no flowrex) before flowr fails (default 30)",
        DefaultValueFactory = _ => 30,
    };
    private static readonly Option<int> WaitExecutorsOption = new("--wait-executors")
    {
        Description = "Start the flow only once N flowrex executors have joined (within --executor-timeout)",
    };
    private static readonly Option<bool> DebuggerOption = new("--debugger", "-d")
    {
        Description = "Run the flow under the interactive debugger (breakpoints, step, print; commands from the terminal)",
    };
    private static readonly Option<int> JobPortOption = new("--job-port")
    {
        Description = "TCP port of the job service for flowrex executors (default: a free one, logged with -v info)",
    };
    private static readonly Option<string?> KeyFileOption = new("--key-file")
    {
        Description = "File holding the pre-shared key executors must share (mode 600; default: $FLOWR_KEY, else ~/.config/flowr/key if present)",
    };
    private static readonly Option<bool> GenerateKeyOption = new("--gen-key")
    {
        Description = "Print a new random pre-shared key and exit",
    };
    private static readonly Option<long> MaxValueSizeOption = new("--max-value-size")
    {
        Description = "Largest message, in bytes, flowr takes from an executor (a batch of results with their values; default 1 GiB)",
        DefaultValueFactory = _ => Runtime.Protocol.ProtocolConstants.DefaultMaxMessageLength,
    };
    private static readonly Argument<string?> FlowArgument = new("flow")
    {
        Description = "Flow directory (with root.toml), .toml file, or manifest.json (default: current directory)",
        Arity = ArgumentArity.ZeroOrOne,
    };
    private static readonly Argument<string[]> FlowArgsArgument = new("flow-args")
    {
        Description = "Arguments passed to the flow",
        Arity = ArgumentArity.ZeroOrMore,
    };

    // Options that take a value, so the scan below can find the flow argument.
    private static readonly HashSet<string> OptionsWithValue =
        ["-t", "--threads", "-j", "--jobs", "-v", "--verbosity", "-L", "--libdir", "--executor-timeout", "--wait-executors", "--key-file", "--max-value-size", "--job-port"];

    /// <summary>
    /// Parses <paramref name="args"/>. Returns null with <paramref name="exitCode"/> set when the
    /// command line was fully handled here (help, version, or an error already printed).
    /// </summary>
    public static RunnerOptions? Parse(string[] args, out int exitCode)
    {
        var root = new RootCommand("flowr: compile and run flow programs written in TOML")
        {
            ThreadsOption, JobsOption, CompileOption, GraphOption, MetricsOption, VerbosityOption,
            LibDirOption, NativeOption, KeepDeadCodeOption, RemoteOption, ExecutorTimeoutOption, WaitExecutorsOption,
            KeyFileOption, GenerateKeyOption, MaxValueSizeOption, JobPortOption, DebuggerOption,
            FlowArgument, FlowArgsArgument,
        };
        var result = root.Parse(SeparateFlowArgs(args));
        if (result.Errors.Count > 0 || result.Action is not null)
        {
            // Help, version, or a parse error: System.CommandLine prints it.
            exitCode = result.Invoke();
            if (result.Errors.Count > 0 && exitCode == 0) exitCode = 1;
            return null;
        }
        exitCode = 0;
        if (result.GetValue(GenerateKeyOption))
        {
            Console.Out.WriteLine(Runtime.Protocol.PresharedKey.Generate());
            return null;
        }
        if (result.GetValue(JobPortOption) is < 0 or > 65535)
        {
            Console.Error.WriteLine("flowr: --job-port must be a TCP port (0-65535)");
            exitCode = 1;
            return null;
        }
        long maxValueSize = result.GetValue(MaxValueSizeOption);
        if (maxValueSize < Runtime.Protocol.ProtocolConstants.MaxFrameLength || maxValueSize > Runtime.Protocol.ProtocolConstants.MaxMessageLengthLimit)
        {
            Console.Error.WriteLine($"flowr: --max-value-size must be between {Runtime.Protocol.ProtocolConstants.MaxFrameLength} and {Runtime.Protocol.ProtocolConstants.MaxMessageLengthLimit}");
            exitCode = 1;
            return null;
        }
        string verbosityText = result.GetValue(VerbosityOption) ?? "error";
        if (!Log.TryParseLevel(verbosityText, out var verbosity))
        {
            Console.Error.WriteLine($"flowr: invalid verbosity '{verbosityText}' (use trace, debug, info, warn, error or off)");
            exitCode = 1;
            return null;
        }
        int? threads = result.GetValue(ThreadsOption);
        int jobs = result.GetValue(JobsOption);
        if (threads < 0 || jobs < 0)
        {
            Console.Error.WriteLine("flowr: --threads and --jobs must not be negative");
            exitCode = 1;
            return null;
        }
        int executorTimeout = result.GetValue(ExecutorTimeoutOption);
        int waitExecutors = result.GetValue(WaitExecutorsOption);
        if (executorTimeout < 1 || waitExecutors < 0)
        {
            Console.Error.WriteLine("flowr: --executor-timeout must be at least 1 and --wait-executors not negative");
            exitCode = 1;
            return null;
        }
        return new RunnerOptions
        {
            Flow = result.GetValue(FlowArgument) ?? ".",
            FlowArgs = result.GetValue(FlowArgsArgument) ?? [],
            Threads = threads ?? Environment.ProcessorCount,
            MaxJobs = jobs,
            CompileOnly = result.GetValue(CompileOption),
            Graph = result.GetValue(GraphOption),
            Metrics = result.GetValue(MetricsOption),
            KeepDeadCode = result.GetValue(KeepDeadCodeOption),
            Verbosity = verbosity,
            LibDirs = result.GetValue(LibDirOption) ?? [],
            Remote = result.GetValue(RemoteOption) || waitExecutors > 0,
            ExecutorTimeout = TimeSpan.FromSeconds(executorTimeout),
            WaitExecutors = waitExecutors,
            KeyFile = result.GetValue(KeyFileOption),
            JobPort = result.GetValue(JobPortOption),
            MaxValueSize = maxValueSize,
            Debugger = result.GetValue(DebuggerOption),
        };
    }

    /// <summary>Inserts "--" after the flow argument so the flow's own arguments are never parsed as options.</summary>
    internal static string[] SeparateFlowArgs(string[] args)
    {
        for (int i = 0; i < args.Length; i++)
        {
            string token = args[i];
            if (token == "--") return args;
            if (token.StartsWith('-') && token.Length > 1)
            {
                if (OptionsWithValue.Contains(token)) i++;
                continue;
            }
            return [.. args.AsSpan(0, i + 1), "--", .. args.AsSpan(i + 1)];
        }
        return args;
    }
}
