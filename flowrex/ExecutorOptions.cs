// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Distribution;
using Flowr.Runtime.Logging;
using Flowr.Runtime.Protocol;
using Flowr.Runtime.Wasm;

namespace Flowrex;

/// <summary>flowrex's command line: how it finds flowr, how it runs jobs, its key, and the caps it puts on what flowr asks.</summary>
internal sealed record ExecutorOptions
{
    public int Threads { get; init; } = Environment.ProcessorCount;
    public LogLevel Verbosity { get; init; } = LogLevel.Error;
    /// <summary>HOST:PORT of a job service to use instead of mDNS discovery.</summary>
    public string? Coordinator { get; init; }
    /// <summary>mDNS service type override (else $FLOWR_MDNS_SERVICE_TYPE, else _flowr._tcp).</summary>
    public string? ServiceType { get; init; }
    /// <summary>Interfaces to browse on (names or IPv4 addresses); all multicast ones when empty.</summary>
    public IReadOnlyList<string> Interfaces { get; init; } = [];
    /// <summary>False with --no-wasm: refuse shipped WebAssembly modules, so flowr runs those jobs itself.</summary>
    public bool RunWasm { get; init; } = true;
    /// <summary>The pre-shared key (--key-file, else $FLOWR_KEY, else ~/.config/flowr/key); null: none.</summary>
    public PresharedKey? Key { get; init; }
    /// <summary>
    /// False with --no-advertise: do not listen for flowr nor advertise this executor (_flowrex._tcp) while
    /// it waits; it then joins a flowr only when it finds that flowr's job service itself.
    /// </summary>
    public bool Advertise { get; init; } = true;

    // Caps on what a coordinator may ask of this process (--max-wasm-memory, --max-wasm-time, --max-value-size).
    /// <summary>This executor's ceiling on the memory and time limits flowr ships with a WebAssembly module.</summary>
    public WasmCaps WasmCaps { get; init; } = WasmCaps.Default;
    /// <summary>Largest value, in encoded bytes, taken in a job or sent in a result.</summary>
    public long MaxValueSize { get; init; } = ExecutorSessionOptions.DefaultMaxValueSize;

    /// <summary>wasm32 addresses at most 4 GiB.</summary>
    private const long MaxWasmMemory = 4L << 30;

    public const string Usage = """
        flowrex: run flow library jobs for a flowr found on the local network

        Usage: flowrex [OPTIONS]

        Options:
          -t, --threads <N>            Executor threads (default: processor count)
          -v, --verbosity <LEVEL>      trace, debug, info, warn, error (default), off
          -c, --coordinator <HOST:PORT> Connect to this job service instead of discovering one with mDNS
          -i, --interface <NAME|ADDR>  Browse for flowr on this interface only (repeatable)
              --service-type <TYPE>    mDNS service type (default: $FLOWR_MDNS_SERVICE_TYPE or _flowr._tcp)
              --no-wasm                Run no WebAssembly modules (flowr ships them with its limits); flowr runs those jobs
              --key-file <FILE>        Pre-shared key file (mode 600); default $FLOWR_KEY, else ~/.config/flowr/key if present
              --no-advertise           Do not make this executor known while it waits (a starting flowr then cannot
                                       bring it in at once; it joins when it finds flowr's job service)
              --max-wasm-memory <SIZE> Most memory one WebAssembly instance may use, whatever flowr asks (default 256M; 64K to 4G)
              --max-wasm-time <TIME>   Longest one WebAssembly call may run, whatever flowr asks (default 10s; e.g. 500ms, 2m)
              --max-value-size <SIZE>  Largest value taken in a job or sent back in a result (default 1G)
          -V, --version                Print the version
          -h, --help                   Print this help

        Sizes take K, M or G (binary units); a module asking for more memory or time than the caps runs within them.
        Environment: FLOWR_KEY  pre-shared key: with one, flowrex works only for a flowr that proves it has the same
        """;

    /// <summary>Parses the arguments; null with <paramref name="exitCode"/> set when nothing should run.</summary>
    public static ExecutorOptions? Parse(string[] args, out int exitCode)
    {
        var options = new ExecutorOptions();
        var interfaces = new List<string>();
        string? keyFile = null;
        exitCode = 0;
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            string? inline = null;
            int equals = arg.IndexOf('=');
            if (arg.StartsWith("--", StringComparison.Ordinal) && equals > 0)
            {
                inline = arg[(equals + 1)..];
                arg = arg[..equals];
            }
            switch (arg)
            {
                case "-h" or "--help":
                    Console.Out.WriteLine(Usage);
                    return null;
                case "-V" or "--version":
                    Console.Out.WriteLine($"flowrex {Program.Version}");
                    return null;
                case "-t" or "--threads":
                    if (!int.TryParse(inline ?? Next(args, ref i), out int threads) || threads < 1) return Fail("--threads needs a number ≥ 1", out exitCode);
                    options = options with { Threads = threads };
                    break;
                case "-v" or "--verbosity":
                    string text = inline ?? Next(args, ref i) ?? "";
                    if (!Log.TryParseLevel(text, out var level)) return Fail($"invalid verbosity '{text}' (use trace, debug, info, warn, error or off)", out exitCode);
                    options = options with { Verbosity = level };
                    break;
                case "-c" or "--coordinator":
                    string? coordinator = inline ?? Next(args, ref i);
                    if (coordinator is null || !coordinator.Contains(':')) return Fail("--coordinator needs HOST:PORT", out exitCode);
                    options = options with { Coordinator = coordinator };
                    break;
                case "-i" or "--interface":
                    string? name = inline ?? Next(args, ref i);
                    if (name is null) return Fail("--interface needs a name or address", out exitCode);
                    interfaces.Add(name);
                    break;
                case "--service-type":
                    string? type = inline ?? Next(args, ref i);
                    if (type is null) return Fail("--service-type needs a type like _flowr._tcp", out exitCode);
                    options = options with { ServiceType = type };
                    break;
                case "--no-wasm":
                    options = options with { RunWasm = false };
                    break;
                case "--key-file":
                    keyFile = inline ?? Next(args, ref i);
                    if (keyFile is null) return Fail("--key-file needs a file", out exitCode);
                    break;
                case "--max-wasm-memory":
                    string? memoryText = inline ?? Next(args, ref i);
                    if (!Quantities.TryParseSize(memoryText, out long memory) || memory is < WasmOptions.PageBytes or > MaxWasmMemory)
                    {
                        return Fail($"--max-wasm-memory needs a size from 64K to 4G, like 256M (got '{memoryText}')", out exitCode);
                    }
                    options = options with { WasmCaps = options.WasmCaps with { MaxMemoryBytes = memory } };
                    break;
                case "--max-wasm-time":
                    string? timeText = inline ?? Next(args, ref i);
                    if (!Quantities.TryParseTime(timeText, out var time)) return Fail($"--max-wasm-time needs a time up to 24h, like 10s or 500ms (got '{timeText}')", out exitCode);
                    options = options with { WasmCaps = options.WasmCaps with { MaxCallTime = time } };
                    break;
                case "--max-value-size":
                    string? sizeText = inline ?? Next(args, ref i);
                    if (!Quantities.TryParseSize(sizeText, out long size) || size < ExecutorSessionOptions.MinValueSize || size > ProtocolConstants.MaxMessageLengthLimit - 64 * 1024)
                    {
                        return Fail($"--max-value-size needs a size of at least {ExecutorSessionOptions.MinValueSize} bytes (and at most 2G), like 64M (got '{sizeText}')", out exitCode);
                    }
                    options = options with { MaxValueSize = size };
                    break;
                case "--no-advertise":
                    options = options with { Advertise = false };
                    break;
                default:
                    return Fail($"unexpected argument '{args[i]}'\n\n{Usage}", out exitCode);
            }
        }
        try
        {
            options = options with { Key = KeySource.Load(keyFile) };
        }
        catch (ArgumentException error)
        {
            return Fail(error.Message, out exitCode);
        }
        return options with { Interfaces = interfaces };
    }

    private static string? Next(string[] args, ref int i) => i + 1 < args.Length ? args[++i] : null;

    private static ExecutorOptions? Fail(string message, out int exitCode)
    {
        Console.Error.WriteLine($"flowrex: {message}");
        exitCode = 1;
        return null;
    }
}
