// Copyright (c) flowr contributors. MIT licence.
using Flowr.Tests.Infrastructure;

namespace Flowr.Tests.Cli;

/// <summary>flowr's command line, run as a real process.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flowr-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteFlow(string name, string toml)
    {
        string dir = Path.Combine(_dir, name);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "root.toml"), toml);
        return dir;
    }

    private static string Fibonacci => Path.Combine(FlowrProcess.RepositoryRoot, "examples", "fibonacci");
    private static string FibonacciExpected => File.ReadAllText(Path.Combine(Fibonacci, "expected.stdout"));

    [Theory]
    [InlineData("--help")]
    [InlineData("--version")]
    public void Help_and_version_exit_zero(string option)
    {
        var result = FlowrProcess.Run([option]);
        Assert.Equal(0, result.ExitCode);
        Assert.NotEmpty(result.Stdout);
    }

    [Fact]
    public void Help_lists_every_option()
    {
        string help = FlowrProcess.Run(["--help"]).Stdout;
        foreach (string option in new[] { "--threads", "--jobs", "--compile", "--metrics", "--verbosity", "--libdir", "--native", "--graph" })
        {
            Assert.Contains(option, help);
        }
    }

    [Fact]
    public void An_unknown_option_fails_with_one_line_and_a_hint_not_the_help()
    {
        var result = FlowrProcess.Run(["--no-such-option", Fibonacci]);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Equal("flowr: unknown option '--no-such-option'\nTry 'flowr --help' for the options.\n", result.Stderr);
    }

    [Fact]
    public void A_bad_option_value_fails_with_one_line_and_a_hint_not_the_help()
    {
        var result = FlowrProcess.Run(["-t", "abc", Fibonacci]);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Equal("flowr: invalid value 'abc' for -t: expected a whole number of threads, 0 or more\nTry 'flowr --help' for the options.\n", result.Stderr);
    }

    [Fact]
    public void Flowr_and_flowrex_print_the_same_version()
    {
        string flowrex = Path.Combine(Path.GetDirectoryName(FlowrProcess.Binary)!, "flowrex");
        string flowrVersion = FlowrProcess.Run(["--version"]).Stdout.Trim();
        var start = new System.Diagnostics.ProcessStartInfo(flowrex, "--version") { RedirectStandardOutput = true };
        using var process = System.Diagnostics.Process.Start(start)!;
        string flowrexVersion = process.StandardOutput.ReadToEnd().Trim();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)));
        Assert.Matches(@"^flowr \d+\.\d+\.\d+$", flowrVersion);
        Assert.Equal(flowrVersion["flowr ".Length..], flowrexVersion["flowrex ".Length..]);
    }

    [Fact]
    public void A_toml_file_path_runs_like_its_directory()
    {
        var result = FlowrProcess.Run([Path.Combine(Fibonacci, "root.toml")]);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(FibonacciExpected, result.Stdout);
    }

    [Fact]
    public void Compile_writes_a_manifest_that_runs_with_the_same_output()
    {
        string dir = WriteFlow("fib", File.ReadAllText(Path.Combine(Fibonacci, "root.toml")));
        var compile = FlowrProcess.Run(["-c", dir]);
        Assert.Equal(0, compile.ExitCode);
        string manifest = Path.Combine(dir, "manifest.json");
        Assert.Equal($"Wrote {manifest}\n", compile.Stdout);
        Assert.Contains("\"implementation_location\": \"lib://flowstdlib/math/add\"", File.ReadAllText(manifest));

        var run = FlowrProcess.Run([manifest]);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(FibonacciExpected, run.Stdout);

        // A directory with root.toml is compiled fresh even when a manifest sits beside it.
        File.WriteAllText(Path.Combine(dir, "root.toml"), "flow = \"x\"\n[[process]]\nsource = \"context://stdio/stdout\"\ninput.default = { once = \"fresh\" }\n");
        Assert.Equal("fresh\n", FlowrProcess.Run([dir]).Stdout);
    }

    [Fact]
    public void Flow_arguments_after_the_flow_are_passed_even_when_they_look_like_options()
    {
        var result = FlowrProcess.Run([Path.Combine(FlowrProcess.RepositoryRoot, "examples", "args"), "-t", "--x", "-1", "last"]);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("-1\n", result.Stdout);
    }

    [Fact]
    public void An_unconnected_input_is_reported_with_the_file_and_route()
    {
        string dir = WriteFlow("bad", "flow = \"bad\"\n[[process]]\nsource = \"lib://flowstdlib/math/add\"\ninput.i2 = { once = 1 }\n[[process]]\nsource = \"context://stdio/stdout\"\n[[connection]]\nfrom = \"add\"\nto = \"stdout\"\n");
        var result = FlowrProcess.Run([dir]);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(Path.Combine(dir, "root.toml"), result.Stderr);
        Assert.Contains("Input at route '/bad/add/i1' is not connected to nor initialized", result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public void A_missing_flow_fails_clearly()
    {
        var result = FlowrProcess.Run([Path.Combine(_dir, "nowhere")]);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("nowhere", result.Stderr);
    }

    [Fact]
    public void Threads_zero_without_executors_fails_instead_of_hanging()
    {
        var result = FlowrProcess.Run(["-t", "0", Fibonacci], timeout: TimeSpan.FromSeconds(120));
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("executor", result.Stderr);
    }

    [Fact]
    public void Verbosity_info_logs_to_stderr_only()
    {
        var result = FlowrProcess.Run(["-v", "debug", Fibonacci]);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(FibonacciExpected, result.Stdout);
        Assert.Contains("DEBUG - ", result.Stderr);
    }

    [Fact]
    public void A_user_library_on_the_library_path_is_found()
    {
        string lib = Path.Combine(_dir, "mylib");
        Directory.CreateDirectory(Path.Combine(lib, "mylib"));
        File.WriteAllText(Path.Combine(lib, "mylib", "greet.toml"),
            "flow = \"greet\"\n[[process]]\nsource = \"context://stdio/stdout\"\ninput.default = { once = \"from a library\" }\n");
        string dir = WriteFlow("uses-lib", "flow = \"uses\"\n[[process]]\nsource = \"lib://mylib/greet\"\n");
        var result = FlowrProcess.Run(["-L", lib, dir]);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("from a library\n", result.Stdout);
    }
}
