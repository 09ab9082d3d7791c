// Copyright (c) flowr contributors. MIT licence.
using Flowr.Tests.Infrastructure;

namespace Flowr.Tests.Examples;

/// <summary>
/// One example directory and its expectations, following upstream's harness
/// (flow-language.md §9.1): arguments from test.args (one per line), stdin from test.stdin,
/// expected.stdout byte for byte or expected_unordered.stdout as a multiset of lines.
/// </summary>
internal sealed record ExampleCase(string Name, string Directory)
{
    public static string ExamplesRoot => Path.Combine(FlowrProcess.RepositoryRoot, "examples");

    public static IEnumerable<string> Names() =>
        System.IO.Directory.GetDirectories(ExamplesRoot)
            .Where(d => File.Exists(Path.Combine(d, "root.toml")))
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal);

    public static ExampleCase Load(string name) => new(name, Path.Combine(ExamplesRoot, name));

    public IReadOnlyList<string> Arguments
    {
        get
        {
            string path = Path.Combine(Directory, "test.args");
            return File.Exists(path) ? File.ReadAllLines(path).Where(l => l.Length > 0).ToArray() : [];
        }
    }

    public byte[]? Stdin
    {
        get
        {
            string path = Path.Combine(Directory, "test.stdin");
            return File.Exists(path) ? File.ReadAllBytes(path) : null;
        }
    }

    /// <summary>Runs the example with extra flowr options placed before the flow.</summary>
    public FlowrProcess.Result Run(params string[] options) =>
        FlowrProcess.Run([.. options, Directory, .. Arguments], workingDirectory: Directory, stdin: Stdin);

    /// <summary>Checks a run against the example's expectations; returns a failure description or null.</summary>
    public string? Verify(FlowrProcess.Result result)
    {
        if (result.ExitCode != 0) return $"exit code {result.ExitCode}; stderr: {result.Stderr}";
        if (result.Stderr.Length > 0) return $"stderr is not empty: {result.Stderr}";
        string ordered = Path.Combine(Directory, "expected.stdout");
        string unordered = Path.Combine(Directory, "expected_unordered.stdout");
        if (File.Exists(ordered))
        {
            var expected = File.ReadAllBytes(ordered);
            return expected.AsSpan().SequenceEqual(result.StdoutBytes) ? null : $"stdout differs from expected.stdout:\n{result.Stdout}";
        }
        if (File.Exists(unordered))
        {
            var expected = File.ReadAllLines(unordered).Order(StringComparer.Ordinal);
            var actual = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal);
            return expected.SequenceEqual(actual) ? null : $"stdout lines differ from expected_unordered.stdout:\n{result.Stdout}";
        }
        return "the example has no expected.stdout or expected_unordered.stdout";
    }
}
