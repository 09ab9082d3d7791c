// Copyright (c) flowr contributors. MIT licence.
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Channels;

namespace Flowr.Mdns.Tests.Infrastructure;

/// <summary>
/// A process started by a test: stdout and stderr lines are collected and can be awaited; disposal ends it
/// (by its PID, with its children) if it is still running.
/// </summary>
internal sealed partial class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly StringBuilder _all = new();
    private readonly List<string> _seen = [];
    private int _reported;

    private ChildProcess(Process process) => _process = process;

    public int Pid => _process.Id;

    public string Name { get; private init; } = string.Empty;

    /// <summary>Everything printed so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_all)
            {
                return _all.ToString();
            }
        }
    }

    public static ChildProcess Start(string fileName, IEnumerable<string> args, IDictionary<string, string>? env = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in env ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new ChildProcess(process) { Name = $"{fileName} {string.Join(' ', info.ArgumentList)}" };
        process.OutputDataReceived += (_, e) => child.OnLine(e.Data, false);
        process.ErrorDataReceived += (_, e) => child.OnLine(e.Data, true);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits for a stdout or stderr line matching <paramref name="match"/>; fails with the output on timeout or exit.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout, string what)
    {
        lock (_seen)
        {
            var earlier = _seen.Find(l => match(l));
            if (earlier is not null)
            {
                return earlier;
            }
        }

        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (await _lines.Reader.WaitToReadAsync(cts.Token))
            {
                while (_lines.Reader.TryRead(out var line))
                {
                    if (match(line))
                    {
                        return line;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{what}: not seen within {timeout.TotalSeconds} s from '{Name}'. Output:\n{Output}");
        }

        throw new InvalidOperationException($"{what}: '{Name}' exited ({ExitCodeText()}) first. Output:\n{Output}");
    }

    /// <summary>Waits for exit and returns the exit code; kills the process and fails on timeout.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"'{Name}' did not exit within {timeout.TotalSeconds} s. Output:\n{Output}");
        }

        return _process.ExitCode;
    }

    /// <summary>Closes the process's standard input.</summary>
    public void CloseStdin() => _process.StandardInput.Close();

    /// <summary>Sends SIGTERM to this process (by PID).</summary>
    public void Terminate() => Signal(15);

    /// <summary>Sends a signal to this process (by PID).</summary>
    public void Signal(int signal)
    {
        if (!_process.HasExited)
        {
            _ = SysKill(_process.Id, signal);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Terminate();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            try
            {
                await _process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                Kill();
            }
        }

        _process.Dispose();
    }

    private void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(3000);
        }
        catch (InvalidOperationException)
        {
        }
    }

    private string ExitCodeText() => _process.HasExited ? $"exit {_process.ExitCode}" : "running";

    private void OnLine(string? line, bool stderr)
    {
        if (line is null)
        {
            if (!stderr && Interlocked.Exchange(ref _reported, 1) == 0)
            {
                _lines.Writer.TryComplete();
            }

            return;
        }

        lock (_all)
        {
            _all.Append(stderr ? "[err] " : string.Empty).AppendLine(line);
        }

        // avahi-publish reports on stderr, so both streams can be waited on.
        lock (_seen)
        {
            _seen.Add(line);
        }

        _lines.Writer.TryWrite(line);
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SysKill(int pid, int signal);
}
