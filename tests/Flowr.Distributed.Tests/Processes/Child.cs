// Copyright (c) flowr contributors. MIT licence.
using System.Diagnostics;
using System.Text;

namespace Flowr.Distributed.Tests.Processes;

/// <summary>
/// A process started by a test, with its stdout and stderr captured line by line. Disposal kills it
/// (by its PID) if it still runs.
/// </summary>
internal sealed class Child : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly List<string> _stderr = [];
    private readonly Lock _gate = new();
    private readonly Task _stdoutCopy;

    private Child(Process process, byte[]? stdin, bool keepStdinOpen = false)
    {
        _process = process;
        _stdoutCopy = Task.Run(async () =>
        {
            var buffer = new char[4096];
            int n;
            while ((n = await process.StandardOutput.ReadAsync(buffer)) > 0)
            {
                lock (_gate) _stdout.Append(buffer, 0, n);
            }
        });
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_gate) _stderr.Add(e.Data);
        };
        process.BeginErrorReadLine();
        if (keepStdinOpen) return;
        try
        {
            if (stdin is not null) process.StandardInput.BaseStream.Write(stdin);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // It may end without reading its input.
        }
    }

    public int Pid => _process.Id;

    /// <summary>For a child started with its stdin kept open: writes <paramref name="bytes"/> and keeps it open.</summary>
    public void WriteStdin(byte[] bytes)
    {
        _process.StandardInput.BaseStream.Write(bytes);
        _process.StandardInput.BaseStream.Flush();
    }

    /// <summary>For a child started with its stdin kept open: writes <paramref name="bytes"/> and closes it.</summary>
    public void WriteStdinAndClose(byte[] bytes)
    {
        _process.StandardInput.BaseStream.Write(bytes);
        _process.StandardInput.Close();
    }

    public string Stdout
    {
        get
        {
            lock (_gate) return _stdout.ToString();
        }
    }

    public string[] StderrLines
    {
        get
        {
            lock (_gate) return [.. _stderr];
        }
    }

    public string Stderr => string.Join('\n', StderrLines);

    /// <summary>Starts <paramref name="file"/>, inside network namespace <paramref name="netns"/> when given.</summary>
    public static Child Start(string file, IEnumerable<string> args, string? netns = null, IDictionary<string, string>? env = null,
        string? workingDirectory = null, byte[]? stdin = null, string? wrapper = null, bool keepStdinOpen = false)
    {
        var start = new ProcessStartInfo(netns is null ? wrapper ?? file : "/usr/sbin/ip")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Binaries.RepositoryRoot,
        };
        if (netns is not null)
        {
            // `ip netns exec` execs the command, so the PID is the command's own.
            foreach (string a in (string[])["netns", "exec", netns]) start.ArgumentList.Add(a);
            if (wrapper is not null) start.ArgumentList.Add(wrapper);
            start.ArgumentList.Add(file);
        }
        else if (wrapper is not null)
        {
            start.ArgumentList.Add(file);
        }
        foreach (string a in args) start.ArgumentList.Add(a);
        if (env is not null)
        {
            foreach (var (key, value) in env) start.Environment[key] = value;
        }
        return new Child(Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}"), stdin, keepStdinOpen);
    }

    /// <summary>Waits for the process to exit; kills it and throws after <paramref name="timeout"/>.</summary>
    public int WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            Kill();
            throw new TimeoutException($"PID {Pid} did not exit within {timeout.TotalSeconds} s; stderr:\n{Tail()}");
        }
        _process.WaitForExit();
        _stdoutCopy.Wait(TimeSpan.FromSeconds(5));
        return _process.ExitCode;
    }

    /// <summary>Waits until a stderr line satisfies <paramref name="match"/> <paramref name="count"/> times.</summary>
    public void WaitForStderr(Func<string, bool> match, TimeSpan timeout, int count = 1)
    {
        var deadline = Stopwatch.StartNew();
        while (StderrLines.Count(match) < count)
        {
            if (deadline.Elapsed > timeout) throw new TimeoutException($"PID {Pid}: expected stderr line not seen within {timeout.TotalSeconds} s; stderr:\n{Tail()}");
            if (_process.HasExited && StderrLines.Count(match) < count)
            {
                Thread.Sleep(200);
                if (StderrLines.Count(match) >= count) return;
                throw new InvalidOperationException($"PID {Pid} exited ({_process.ExitCode}) before the expected line; stderr:\n{Tail()}");
            }
            Thread.Sleep(20);
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Sends SIGTERM.</summary>
    public void Terminate()
    {
        if (!_process.HasExited) Signal("-TERM");
    }

    /// <summary>Sends SIGKILL.</summary>
    public void Kill()
    {
        if (!_process.HasExited) Signal("-KILL");
        _process.WaitForExit(5000);
    }

    public string Tail(int lines = 40) => string.Join('\n', StderrLines.TakeLast(lines));

    public void Dispose()
    {
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }
        _process.Dispose();
    }

    private void Signal(string signal)
    {
        using var kill = Process.Start("/bin/kill", [signal, Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }
}
