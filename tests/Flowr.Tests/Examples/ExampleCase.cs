// Copyright (c) flowr contributors. MIT licence.
using Flowr.Tests.Infrastructure;

namespace Flowr.Tests.Examples;

/// <summary>
/// One example directory and its expectations, following upstream's harness
/// (upstream's utilities crate): arguments from test.args (one per line), stdin from test.stdin,
/// expected.stdout byte for byte, expected_unordered.stdout as a multiset of lines,
/// expected_contains.stdout as lines that must all appear in stdout, expected.file against the test.file the
/// example writes.
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

    /// <summary>The file an example with an expected.file writes, in its directory (upstream's test.file).</summary>
    public string OutputFile => Path.Combine(Directory, "test.file");

    /// <summary>Runs the example with extra flowr options placed before the flow, after removing an old output file.</summary>
    public FlowrProcess.Result Run(params string[] options)
    {
        DeleteOutputFile();
        return FlowrProcess.Run([.. options, Directory, .. Arguments], workingDirectory: Directory, stdin: Stdin);
    }

    public void DeleteOutputFile()
    {
        if (File.Exists(OutputFile)) File.Delete(OutputFile);
    }

    /// <summary>
    /// Checks a run against every expectation file the example has (§9.1 step 4); returns a failure
    /// description or null. Any stderr output fails.
    /// </summary>
    public string? Verify(FlowrProcess.Result result)
    {
        if (result.ExitCode != 0) return $"exit code {result.ExitCode}; stderr: {result.Stderr}";
        if (result.Stderr.Length > 0) return $"stderr is not empty: {result.Stderr}";
        bool any = false;
        foreach (var (file, check) in Expectations())
        {
            string path = Path.Combine(Directory, file);
            if (!File.Exists(path)) continue;
            any = true;
            string? failure = check(path, result);
            if (failure is not null) return failure;
        }
        return any ? null : "the example has no expected.stdout, expected_unordered.stdout, expected_contains.stdout or expected.file";
    }

    private (string File, Func<string, FlowrProcess.Result, string?> Check)[] Expectations() =>
    [
        ("expected.stdout", CheckOrdered),
        ("expected_unordered.stdout", CheckUnordered),
        ("expected_contains.stdout", CheckContains),
        ("expected.file", CheckFile),
    ];

    private static string? CheckOrdered(string path, FlowrProcess.Result result) =>
        File.ReadAllBytes(path).AsSpan().SequenceEqual(result.StdoutBytes) ? null : $"stdout differs from expected.stdout:\n{result.Stdout}";

    private static string? CheckUnordered(string path, FlowrProcess.Result result)
    {
        var expected = File.ReadAllLines(path).Order(StringComparer.Ordinal);
        var actual = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal);
        return expected.SequenceEqual(actual) ? null : $"stdout lines differ from expected_unordered.stdout:\n{result.Stdout}";
    }

    // Upstream lists fragments too (router's "BCACBBC" for the line "BCACBBC75"): a line may appear inside a longer one.
    private static string? CheckContains(string path, FlowrProcess.Result result)
    {
        string? missing = File.ReadAllLines(path).FirstOrDefault(l => l.Length > 0 && !result.Stdout.Contains(l, StringComparison.Ordinal));
        return missing is null ? null : $"stdout lacks '{missing}' of expected_contains.stdout:\n{result.Stdout}";
    }

    // A PNG is compared by its pixels (zlib output may differ between machines), anything else byte for byte.
    private string? CheckFile(string path, FlowrProcess.Result result)
    {
        if (!File.Exists(OutputFile)) return $"the example wrote no {Path.GetFileName(OutputFile)}";
        byte[] expected = File.ReadAllBytes(path);
        byte[] actual = File.ReadAllBytes(OutputFile);
        if (PngImage.HasSignature(expected))
        {
            if (!PngImage.HasSignature(actual)) return "test.file is not a PNG file";
            string? difference = PngImage.Decode(actual).Difference(PngImage.Decode(expected));
            return difference is null ? null : $"test.file differs from expected.file: {difference}";
        }
        return expected.AsSpan().SequenceEqual(actual) ? null : "test.file differs from expected.file";
    }
}
