// Copyright (c) flowr contributors. MIT licence.
using System.Reflection;

namespace Flowr.Distributed.Tests.Processes;

/// <summary>Where the native binaries under test are: $FLOWR_PUBLISH_DIR, else publish/ in the repository.</summary>
internal static class Binaries
{
    public static string RepositoryRoot { get; } =
        typeof(Binaries).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "RepositoryRoot").Value!;

    public static string PublishRoot =>
        Environment.GetEnvironmentVariable("FLOWR_PUBLISH_DIR") is { Length: > 0 } dir ? dir : Path.Combine(RepositoryRoot, "publish");

    public static string Flowr => Require(Path.Combine(PublishRoot, "linux-x64", "flowr"));

    public static string Flowrex => Require(Path.Combine(PublishRoot, "linux-x64", "flowrex"));

    public static string FlowrexArm64 => Require(Path.Combine(PublishRoot, "linux-arm64", "flowrex"));

    public static string Examples => Path.Combine(RepositoryRoot, "examples");

    private static string Require(string path) =>
        File.Exists(path) ? path : throw new FileNotFoundException($"'{path}' not found: run `make publish RID=...` first (or set FLOWR_PUBLISH_DIR)");
}
