// Copyright (c) flowr contributors. MIT licence.
using System.Reflection;
using System.Runtime.InteropServices;
using Flowr.Runtime.Logging;

namespace Flowrex;

internal static class Program
{
    public static string Version { get; } =
        typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    private static int Main(string[] args)
    {
        var options = ExecutorOptions.Parse(args, out int exitCode);
        if (options is null) return exitCode;
        Log.Level = options.Verbosity;
        using var stop = new CancellationTokenSource();
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        try
        {
            Log.Info($"'flowrex' version {Version}");
            Log.Info($"Starting {options.Threads} executor threads");
            new ExecutorLoop(options).Run(stop.Token);
            Log.Debug("flowrex stopped");
            return 0;
        }
        catch (Exception error)
        {
            Log.Error($"flowrex: {error.Message}");
            return 1;
        }

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
    }
}
