// Copyright (c) flowr contributors. MIT licence.
using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Flowr.Tests.Debugger;

/// <summary>
/// A command run on a pseudo-terminal by util-linux <c>script</c>, as a user at a terminal would run
/// it: what the test types goes to the terminal, and what the terminal shows is read back (escape
/// sequences and carriage returns removed). Disposal kills the process tree by PID.
/// </summary>
internal sealed partial class PtySession : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _gate = new();
    private readonly Task _reader;
    private int _typedAt;

    private PtySession(Process process)
    {
        _process = process;
        _reader = Task.Run(async () =>
        {
            var buffer = new char[4096];
            int n;
            while ((n = await process.StandardOutput.ReadAsync(buffer)) > 0)
            {
                lock (_gate) _output.Append(buffer, 0, n);
            }
        });
    }

    /// <summary>
    /// Runs <paramref name="shellCommand"/> (sh syntax, so it may redirect) on a new terminal, inside
    /// network namespace <paramref name="netns"/> when given.
    /// </summary>
    public static PtySession Start(string shellCommand, string workingDirectory, IDictionary<string, string>? environment = null, string? netns = null)
    {
        var start = new ProcessStartInfo(netns is null ? "/usr/bin/script" : "/usr/sbin/ip")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        // `ip netns exec` execs its command, so the PID stays script's own.
        if (netns is not null) foreach (string argument in (string[])["netns", "exec", netns, "/usr/bin/script"]) start.ArgumentList.Add(argument);
        foreach (string argument in (string[])["-q", "-f", "-e", "-c", shellCommand, "/dev/null"]) start.ArgumentList.Add(argument);
        start.Environment["TERM"] = "xterm";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        return new PtySession(Process.Start(start) ?? throw new InvalidOperationException("could not start script"));
    }

    public int Pid => _process.Id;

    /// <summary>What the terminal showed so far, without escape sequences and carriage returns.</summary>
    public string Screen
    {
        get
        {
            string raw;
            lock (_gate) raw = _output.ToString();
            return Escapes().Replace(raw, "").Replace("\r", "", StringComparison.Ordinal);
        }
    }

    /// <summary>Waits for the debugger's prompt (the last line is "Job #N> " and nothing typed), then types <paramref name="line"/> and Enter.</summary>
    public void Command(string line, TimeSpan timeout)
    {
        // Only a prompt drawn after the last command counts: the previous one is still on the screen.
        int from = _typedAt;
        WaitUntil(screen => Prompt().IsMatch(screen[Math.Min(from, screen.Length)..]), timeout, "a prompt");
        _typedAt = Screen.Length;
        Type(line + "\r");
    }

    public void Type(string keys)
    {
        _process.StandardInput.Write(keys);
        _process.StandardInput.Flush();
    }

    /// <summary>Waits until the screen shows <paramref name="text"/> at least <paramref name="count"/> times.</summary>
    public void WaitFor(string text, TimeSpan timeout, int count = 1) =>
        WaitUntil(screen => Occurrences(screen, text) >= count, timeout, $"'{text}' ×{count}");

    public static int Occurrences(string screen, string text)
    {
        int found = 0;
        for (int at = screen.IndexOf(text, StringComparison.Ordinal); at >= 0; at = screen.IndexOf(text, at + text.Length, StringComparison.Ordinal)) found++;
        return found;
    }

    public int WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout)) throw new TimeoutException($"PID {Pid} did not exit within {timeout.TotalSeconds} s; screen:\n{Screen}");
        _process.WaitForExit();
        _reader.Wait(TimeSpan.FromSeconds(5));
        return _process.ExitCode;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
    }

    private void WaitUntil(Func<string, bool> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition(Screen))
        {
            if (clock.Elapsed > timeout) throw new TimeoutException($"PID {Pid}: {what} not seen within {timeout.TotalSeconds} s; screen:\n{Screen}");
            if (_process.HasExited)
            {
                Thread.Sleep(200);
                if (condition(Screen)) return;
                throw new InvalidOperationException($"PID {Pid} exited ({_process.ExitCode}) before {what}; screen:\n{Screen}");
            }
            Thread.Sleep(20);
        }
    }

    [GeneratedRegex(@"\x1b(\[[0-9;?]*[A-Za-z~]|[=>])")]
    private static partial Regex Escapes();

    [GeneratedRegex(@"(^|\n)Job #\d+> $")]
    private static partial Regex Prompt();
}
