// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Model;
using Flowr.Runtime.Model.Manifest;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Tests.Manifest;

public class ManifestReaderTests
{
    private const string Path = "/flows/fib/manifest.json";

    [Fact]
    public void The_spec_fibonacci_manifest_reads()
    {
        var manifest = ManifestReader.Read(ManifestSamples.FibonacciFromSpec, Path);
        var expected = ManifestSamples.Fibonacci();
        ManifestAssert.Same(expected, manifest, withDebug: false);
        Assert.Equal(Path, manifest.FlowUrl);
        Assert.Equal("/flows/fib", manifest.BaseDirectory);
        Assert.True(manifest.Functions[1].Inputs[0].Generic);
        Assert.Equal(ConnectionSource.FromInput(1), manifest.Functions[0].OutputConnections[2].Source);
        Assert.True(manifest.Functions[0].OutputConnections[0].Source.IsWholeOutput);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Write_then_read_gives_the_same_manifest(bool debug)
    {
        foreach (var manifest in new[] { ManifestSamples.Fibonacci(), ManifestSamples.Everything() })
        {
            string json = ManifestWriter.ToJson(manifest, debug);
            var read = ManifestReader.Read(json, Path);
            ManifestAssert.Same(manifest, read, withDebug: debug);
            Assert.Equal(json, ManifestWriter.ToJson(read, debug));
        }
    }

    [Fact]
    public void Base_directory_is_the_manifest_directory()
    {
        var relative = ManifestReader.Read(ManifestSamples.FibonacciFromSpec, "examples/fib/manifest.json");
        Assert.Equal("examples/fib/manifest.json", relative.FlowUrl);
        Assert.Equal(System.IO.Path.GetFullPath("examples/fib"), relative.BaseDirectory);
        var fileUrl = ManifestReader.Read(ManifestSamples.FibonacciFromSpec, "file:///flows/fib/manifest.json");
        Assert.Equal("/flows/fib", fileUrl.BaseDirectory);
        var http = ManifestReader.Read(ManifestSamples.FibonacciFromSpec, "http://example.com/flows/fib/manifest.json");
        Assert.Equal("http://example.com/flows/fib", http.BaseDirectory);
    }

    [Fact]
    public void A_manifest_file_reads_from_disk()
    {
        string directory = Directory.CreateTempSubdirectory("flowr-manifest-").FullName;
        try
        {
            string file = System.IO.Path.Combine(directory, "manifest.json");
            File.WriteAllText(file, ManifestWriter.ToJson(ManifestSamples.Everything(), debug: true));
            var manifest = ManifestReader.ReadFile(file);
            ManifestAssert.Same(ManifestSamples.Everything(), manifest, withDebug: true);
            Assert.Equal(directory, manifest.BaseDirectory);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData("lib://flowstdlib/math/add/add", "lib://flowstdlib/math/add")]
    [InlineData("lib://flowstdlib/math/add", "lib://flowstdlib/math/add")]
    [InlineData("context://stdio/stdout/stdout", "context://stdio/stdout")]
    [InlineData("context://stdio/stdout", "context://stdio/stdout")]
    [InlineData("lib://flowstdlib/flowstdlib", "lib://flowstdlib/flowstdlib")]
    [InlineData("provided/add/add", "provided/add/add")]
    public void Doubled_last_segments_are_normalized(string location, string expected)
    {
        Assert.Equal(expected, ManifestReader.NormalizeLocation(location));
    }

    [Fact]
    public void Unknown_fields_are_ignored_and_metadata_is_optional()
    {
        const string json = """
            {"extra": 1, "functions": [{"function_id": 0, "flow_id": 0, "implementation_location": "lib://a/b",
              "priority": 3, "inputs": [{"depth": 2}], "output_connections": []}]}
            """;
        var manifest = ManifestReader.Read(json, Path);
        Assert.Equal(FlowMetadata.Empty, manifest.Metadata);
        Assert.Empty(manifest.LibReferences);
        Assert.Single(manifest.Functions[0].Inputs);
        Assert.Empty(manifest.Functions[0].OutputConnections);
    }
}
