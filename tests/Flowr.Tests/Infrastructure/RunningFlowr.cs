// Copyright (c) flowr contributors. MIT licence.
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Flowr.Tests.Infrastructure;

/// <summary>
/// A native flowr (or a command wrapping it) left running so a test can watch its output, send it
/// signals and close its stdout. Output is collected as it comes; the process is killed, by PID,
/// when the test ends.
/// </summary>
internal sealed partial class RunningFlowr : IDisposable
{
    public const int SIGINT = 2;
    public const int SIGTERM = 15;

    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Task _readOut;
    private readonly Task _readErr;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private RunningFlowr(ProcessStartInfo start)
    {
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        start.WorkingDirectory ??= FlowrProcess.RepositoryRoot;
        _process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        _readOut = Pump(_process.StandardOutput.BaseStream, _stdout);
        _readErr = Pump(_process.StandardError.BaseStream, _stderr);
    }

    /// <summary>Starts the native flowr with <paramref name="arguments"/>; its stdin stays open until <see cref="CloseStdin"/>.</summary>
    public static RunningFlowr Start(IEnumerable<string> arguments, string? workingDirectory = null) =>
        new(new ProcessStartInfo(FlowrProcess.Binary, arguments) { WorkingDirectory = workingDirectory });

    /// <summary>Starts the native flowr under <c>script</c>, so stdin, stdout and stderr are one pseudo-terminal.</summary>
    public static RunningFlowr StartOnTerminal(IEnumerable<string> arguments)
    {
        string command = "exec " + string.Join(' ', new[] { FlowrProcess.Binary }.Concat(arguments).Select(Shell));
        return new(new ProcessStartInfo("script", ["-qfec", command, "/dev/null"]));
    }

    public int Pid => _process.Id;

    public string Stdout { get { lock (_stdout) return _stdout.ToString(); } }

    public string Stderr { get { lock (_stderr) return _stderr.ToString(); } }

    /// <summary>The PID of flowr itself: this process, or under <c>script</c> its child.</summary>
    public int FlowrPid()
    {
        if (Path.GetFileName(_process.StartInfo.FileName) != "script") return Pid;
        var until = Stopwatch.StartNew();
        while (until.Elapsed < TimeSpan.FromSeconds(10))
        {
            string children = File.Exists($"/proc/{Pid}/task/{Pid}/children") ? File.ReadAllText($"/proc/{Pid}/task/{Pid}/children").Trim() : "";
            foreach (string child in children.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (File.ReadAllText($"/proc/{child}/comm").Trim() == "flowr") return int.Parse(child, System.Globalization.CultureInfo.InvariantCulture);
            }
            Thread.Sleep(10);
        }
        throw new TimeoutException($"no flowr under script PID {Pid}");
    }

    /// <summary>Waits until <paramref name="condition"/> holds of (stdout, stderr), failing after <paramref name="timeout"/>.</summary>
    public void WaitUntil(Func<string, string, bool> condition, TimeSpan timeout, string what)
    {
        var waited = Stopwatch.StartNew();
        while (!condition(Stdout, Stderr))
        {
            if (waited.Elapsed > timeout) throw new TimeoutException($"{what} did not happen within {timeout.TotalSeconds} s; stdout:\n{Stdout}\nstderr:\n{Stderr}");
            if (_process.HasExited && !condition(Stdout, Stderr))
            {
                throw new InvalidOperationException($"process exited ({_process.ExitCode}) before {what}; stdout:\n{Stdout}\nstderr:\n{Stderr}");
            }
            Thread.Sleep(10);
        }
    }

    public void Signal(int signal, int? pid = null)
    {
        if (Kill(pid ?? Pid, signal) != 0) throw new InvalidOperationException($"kill({pid ?? Pid}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>Closes the read end of flowr's stdout, as <c>head</c> does when it has read enough.</summary>
    public void CloseStdout() => _process.StandardOutput.Close();

    public void CloseStdin() => _process.StandardInput.Close();

    /// <summary>Waits for the exit and returns the exit code; fails after <paramref name="timeout"/>.</summary>
    public int WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            throw new TimeoutException($"PID {Pid} still running after {timeout.TotalSeconds} s; stdout:\n{Tail(Stdout)}\nstderr:\n{Tail(Stderr)}");
        }
        Task.WaitAll([_readOut, _readErr], TimeSpan.FromSeconds(10));
        return _process.ExitCode;
    }

    /// <summary>Time since the process started.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        _process.Dispose();
    }

    private static Task Pump(Stream stream, StringBuilder into) => Task.Run(async () =>
    {
        var buffer = new byte[4096];
        var decoder = Encoding.UTF8.GetDecoder();
        var chars = new char[Encoding.UTF8.GetMaxCharCount(buffer.Length)];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                int count = decoder.GetChars(buffer, 0, read, chars, 0);
                lock (into) into.Append(chars, 0, count);
            }
        }
        catch (Exception error) when (error is IOException or ObjectDisposedException)
        {
            // The test closed this stream on purpose.
        }
    });

    private static string Tail(string text) => text.Length > 2000 ? text[^2000..] : text;

    private static string Shell(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
