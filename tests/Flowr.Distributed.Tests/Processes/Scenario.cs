// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Distributed.Tests.Processes;

/// <summary>Runs of the native flowr and flowrex for the distributed process tests.</summary>
internal static class Scenario
{
    public const string Waiting = "INFO - Waiting for beacon matching 'jobs._flowr._tcp.local'";
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    /// <summary>flowrex inside <paramref name="netns"/>, browsing for this lab's service type.</summary>
    public static Child StartFlowrex(NetworkLab lab, string netns, string verbosity = "debug", int threads = 2, string? binary = null, string? wrapper = null) =>
        Child.Start(binary ?? Binaries.Flowrex, ["-v", verbosity, "-t", threads.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            netns, lab.Env, wrapper: wrapper);

    /// <summary>The waiting line for a lab's own service type (flowrex logs the type it browses).</summary>
    public static string WaitingFor(NetworkLab lab) => $"INFO - Waiting for beacon matching 'jobs.{lab.ServiceType}.local'";

    /// <summary>Starts flowr -t 0 on a private copy of an example inside <paramref name="netns"/>.</summary>
    public static Child StartRemoteFlowr(NetworkLab lab, string netns, string example, string verbosity = "info", params string[] extra)
    {
        string directory = lab.CopyExample(example);
        return Child.Start(Binaries.Flowr, ["-t", "0", "-v", verbosity, "--executor-timeout", "60", .. extra, directory, .. Args(directory)],
            netns, lab.Env, workingDirectory: directory, stdin: Stdin(directory));
    }

    /// <summary>
    /// The example run in flowr's own process (default threads, no job service) on a private copy: the
    /// reference output, with the file it writes (test.file) appended when there is one.
    /// </summary>
    public static string Reference(string example)
    {
        string directory = Path.Combine(Path.GetTempPath(), $"flowr-ref-{Guid.NewGuid():N}");
        CopyDirectory(Path.Combine(Binaries.Examples, example), directory);
        try
        {
            using var run = Child.Start(Binaries.Flowr, [directory, .. Args(directory)], workingDirectory: directory, stdin: Stdin(directory));
            Assert.Equal(0, run.WaitForExit(Limit));
            return run.Stdout + OutputFile(directory);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>What a finished remote run printed, with its test.file appended.</summary>
    public static string Output(Child flowr, NetworkLab lab, string example) => flowr.Stdout + OutputFile(lab.ExampleCopy(example));

    /// <summary>The test.file an example run wrote in <paramref name="directory"/>, as text to compare; empty when none.</summary>
    public static string OutputFileOf(string directory) => OutputFile(directory);

    /// <summary>The arguments of an example (test.args).</summary>
    public static string[] ArgsOf(string directory) => Args(directory);

    /// <summary>The stdin of an example (test.stdin), or null.</summary>
    public static byte[]? StdinOf(string directory) => Stdin(directory);

    private static string OutputFile(string directory)
    {
        string path = Path.Combine(directory, "test.file");
        return File.Exists(path) ? "\n--- test.file ---\n" + Convert.ToHexString(File.ReadAllBytes(path)) : "";
    }

    public static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (string sub in Directory.GetDirectories(from)) CopyDirectory(sub, Path.Combine(to, Path.GetFileName(sub)));
    }

    /// <summary>Stdout compared as the example's expectations do: in order, or as a multiset when its order is not fixed.</summary>
    public static void AssertSameOutput(string example, string expected, string actual)
    {
        bool unordered = File.Exists(Path.Combine(Binaries.Examples, example, "expected_unordered.stdout"));
        if (unordered)
        {
            Assert.Equal(expected.Split('\n').Order(StringComparer.Ordinal), actual.Split('\n').Order(StringComparer.Ordinal));
        }
        else
        {
            Assert.Equal(expected, actual);
        }
    }

    /// <summary>Compiles the flow in <paramref name="directory"/> with <c>flowr -c</c> and tells whether any function is not a context one.</summary>
    public static bool HasNonContextFunctions(string directory)
    {
        using var compile = Child.Start(Binaries.Flowr, ["-c", directory], workingDirectory: directory);
        Assert.Equal(0, compile.WaitForExit(Limit));
        var manifest = Flowr.Runtime.Model.Manifest.ManifestReader.ReadFile(Path.Combine(directory, "manifest.json"));
        return manifest.Functions.Any(f => !f.IsContext);
    }

    public static IEnumerable<string> Examples() =>
        Directory.GetDirectories(Binaries.Examples)
            .Where(d => File.Exists(Path.Combine(d, "root.toml")))
            .Select(d => Path.GetFileName(d)!)
            .Order(StringComparer.Ordinal);

    private static string[] Args(string directory)
    {
        string path = Path.Combine(directory, "test.args");
        return File.Exists(path) ? File.ReadAllLines(path).Where(l => l.Length > 0).ToArray() : [];
    }

    private static byte[]? Stdin(string directory)
    {
        string path = Path.Combine(directory, "test.stdin");
        return File.Exists(path) ? File.ReadAllBytes(path) : null;
    }
}
