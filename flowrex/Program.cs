// Copyright (c) flowr contributors. MIT licence.
using System.Reflection;
using System.Runtime.InteropServices;
using Flowr.Runtime.Logging;

namespace Flowrex;

internal static class Program
{
    /// <summary>
    /// How long a stop signal waits for the session to wind down (running WebAssembly calls are
    /// interrupted within an epoch tick) before the process exits anyway: a module being compiled
    /// cannot be interrupted.
    /// </summary>
    private static readonly TimeSpan StopGrace = TimeSpan.FromMilliseconds(800);

    public static string Version { get; } =
        typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    private static int Main(string[] args)
    {
        var options = ExecutorOptions.Parse(args, out int exitCode);
        if (options is null) return exitCode;
        Log.Level = options.Verbosity;
        using var stop = new CancellationTokenSource();
        int signals = 0;
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var collector = new IdleCollector();
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
            if (Interlocked.Increment(ref signals) > 1)
            {
                // A second signal: no more waiting.
                Environment.Exit(1);
            }
            Log.Debug($"Stopping on {context.Signal}");
            new Thread(() =>
            {
                Thread.Sleep(StopGrace);
                Log.Warn($"flowrex did not stop within {StopGrace.TotalSeconds} s of {context.Signal}; exiting now");
                Environment.Exit(1);
            }) { IsBackground = true, Name = "flowrex-stop-watchdog" }.Start();
            stop.Cancel();
        }
    }
}
