// Copyright (c) flowr contributors. MIT licence.
using Flowr.Tests.Infrastructure;

namespace Flowr.Tests.Debugger;

/// <summary>
/// The native <c>flowr -d</c> driven through a pseudo-terminal as a user would: commands typed at the
/// terminal, the flow's stdout redirected to a file so the two can be told apart.
/// </summary>
public sealed class DebuggerTerminalTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    private readonly string _dir = Directory.CreateTempSubdirectory("flowr-debugger-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Example(string name) => Path.Combine(FlowrProcess.RepositoryRoot, "examples", name);

    private static string Quote(string path) => "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private PtySession Start(string arguments) =>
        PtySession.Start($"exec {Quote(FlowrProcess.Binary)} {arguments}", _dir, new Dictionary<string, string> { ["HOME"] = _dir });

    [Fact]
    public void Fibonacci_break_on_a_function_step_print_continue_to_the_end_run_again_and_quit()
    {
        string output = Path.Combine(_dir, "out.txt");
        using var session = Start($"-d {Quote(Example("fibonacci"))} > {Quote(output)}");

        session.WaitFor("flowr debugger: 2 functions, 1 ready to run.", Limit);
        session.Command("b add", Limit);
        session.WaitFor("Breakpoint set on function #0 /my-first-flow/add", Limit);
        session.Command("r", Limit);
        session.WaitFor("Break before Job #1 of #0 /my-first-flow/add (breakpoint on function #0 /my-first-flow/add), to run on the executor threads", Limit);
        session.WaitFor("  i1 = 0\n  i2 = 1\n", Limit);
        session.Command("s", Limit);
        session.WaitFor("Job #1 of #0 /my-first-flow/add finished: output 1\nBreak before Job #2 of #1 /my-first-flow/stdout (step), to run on the coordinator thread\n  default = 1\n", Limit);
        session.Command("p", Limit);
        session.WaitFor("Jobs in flight:\n  Job #2 of #1 /my-first-flow/stdout next, to run on the coordinator thread\n", Limit);
        session.Command("c", Limit);
        session.WaitFor("Break before Job #3 of #0 /my-first-flow/add", Limit);
        session.Command("p add", Limit);
        session.WaitFor("#0 /my-first-flow/add (lib://flowstdlib/math/add), in flow #0 /my-first-flow\n", Limit);
        session.Command("d *", Limit);
        session.WaitFor("Deleted 2 breakpoint(s)", Limit);
        session.Command("c", Limit);
        session.WaitFor("Flow has completed: 183 jobs created", Limit);
        session.Command("r", Limit);
        session.WaitFor("Running the flow again from its initial state", Limit);
        session.WaitFor("Flow has completed: 183 jobs created", Limit, count: 2);
        session.Command("q", Limit);

        Assert.Equal(0, session.WaitForExit(Limit));
        // The flow's stdout holds the series of each run and nothing of the debugger's.
        string expected = File.ReadAllText(Path.Combine(Example("fibonacci"), "expected.stdout"));
        Assert.Equal(expected + expected, File.ReadAllText(output));
        Assert.Contains("Debugger is exiting", session.Screen, StringComparison.Ordinal);
        Assert.Equal(["b add", "r", "s", "p", "c", "p add", "d *", "c", "r", "q"], File.ReadAllLines(Path.Combine(_dir, ".flowr_history")));
    }

    [Fact]
    public void The_flow_reads_its_own_stdin_from_a_file_while_commands_come_from_the_terminal()
    {
        string output = Path.Combine(_dir, "out.txt");
        string example = Example("line-echo");
        using var session = Start($"-d {Quote(example)} < {Quote(Path.Combine(example, "test.stdin"))} > {Quote(output)}");

        session.Command("b stdout", Limit);
        session.WaitFor("Breakpoint set on function #1 /line-echo/stdout", Limit);
        session.Command("c", Limit);
        session.WaitFor("Break before Job #2 of #1 /line-echo/stdout (breakpoint on function #1 /line-echo/stdout), to run on the coordinator thread\n  default = \"Hello\"\n", Limit);
        session.Command("c", Limit);
        session.WaitFor("Flow has completed", Limit);
        // Up recalls the last command ('c', which at the end leaves), as at a shell.
        session.Command("\u001b[A", Limit);
        session.WaitFor("Debugger is exiting\n", Limit);

        Assert.Equal(0, session.WaitForExit(Limit));
        Assert.Equal(File.ReadAllText(Path.Combine(example, "expected.stdout")), File.ReadAllText(output));
    }

    [Fact]
    public void Ctrl_C_at_the_prompt_keeps_the_debugger_and_Ctrl_D_leaves_it()
    {
        using var session = Start($"--debugger {Quote(Example("hello-world"))} > /dev/null");

        session.Command("b foo\u0003", Limit);
        session.WaitFor("^C\nUse 'q' or 'quit' (or Ctrl-D) to leave the debugger\n", Limit);
        session.Command("\u0004", Limit);

        Assert.Equal(0, session.WaitForExit(Limit));
        Assert.Contains("Debugger is exiting: the flow is stopped", session.Screen, StringComparison.Ordinal);
        Assert.DoesNotContain("Breakpoint set", session.Screen, StringComparison.Ordinal);
    }

    [Fact]
    public void Ended_by_SIGTERM_at_the_prompt_it_gives_the_terminal_back_in_its_normal_mode()
    {
        // The shell asks the terminal its mode once flowr is gone: canonical ("icanon"), not raw ("-icanon").
        using var session = PtySession.Start(
            $"{Quote(FlowrProcess.Binary)} -d {Quote(Example("hello-world"))} > /dev/null & echo \"flowr pid $!\"; wait; echo; stty -a | tr ' ' '\\n' | grep -x -- '-\\?icanon'",
            _dir, new Dictionary<string, string> { ["HOME"] = _dir });
        session.WaitFor("Job #0> ", Limit);
        session.Type("p");                   // a line is being edited: the terminal is in raw mode
        session.WaitFor("Job #0> p", Limit);
        var pid = System.Text.RegularExpressions.Regex.Match(session.Screen, @"flowr pid (\d+)").Groups[1].Value;
        using (var kill = System.Diagnostics.Process.Start("/bin/kill", ["-TERM", pid])) kill.WaitForExit();

        session.WaitForExit(Limit);
        Assert.EndsWith("\nicanon\n", session.Screen, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_terminal_commands_come_from_stdin_and_the_flow_keeps_its_arguments()
    {
        // setsid: a new session has no controlling terminal, as under CI.
        var start = new System.Diagnostics.ProcessStartInfo("/usr/bin/setsid")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _dir,
        };
        foreach (string argument in (string[])[FlowrProcess.Binary, "-d", Example("args"), "one", "two", "three", "four"]) start.ArgumentList.Add(argument);
        using var process = System.Diagnostics.Process.Start(start)!;
        process.StandardInput.Write("b stdout\nc\nc\nq\n");
        process.StandardInput.Close();
        // Both outputs are a few lines: far below a pipe's buffer, so reading one after the other cannot block.
        string stdout = process.StandardOutput.ReadToEnd();
        string log = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(Limit)) process.Kill(entireProcessTree: true);

        Assert.Equal(0, process.ExitCode);
        Assert.Equal(File.ReadAllText(Path.Combine(Example("args"), "expected.stdout")), stdout);
        Assert.StartsWith("flowr debugger: no terminal, so commands are read from standard input\n", log, StringComparison.Ordinal);
        Assert.Contains("Job #2> c\nFlow has completed: 2 jobs created", log, StringComparison.Ordinal);
        Assert.Contains("  default = \"three\"\n", log, StringComparison.Ordinal);
    }
}
