// Copyright (c) flowr contributors. MIT licence.
using System.Diagnostics;
using Flowr.Compiler.Benchmarks;
using Flowr.Runtime.Compiler;
using Flowr.Runtime.Library;
using Flowr.Runtime.Model;
using Flowr.Runtime.Model.Manifest;

namespace Flowr.Runtime.Tests.Compiler.Scale;

/// <summary>
/// Generated flows (the compile benchmark's): a large flow compiles to exactly the small flow's
/// manifest repeated, side by side or nested, and the largest shapes compile within a bound that
/// only a super-linear compiler would miss.
/// </summary>
public sealed class ScaleTests : IDisposable
{
    // Generous: the compile takes a few seconds here; a quadratic one would take minutes.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private readonly FlowFiles _files = new();

    public void Dispose() => _files.Dispose();

    private CompilerOptions Options() => new()
    {
        StandardLibrary = BuiltInDefinitionTree.StandardLibrary(),
        Context = FlowFiles.Context(),
        Warning = _files.Warnings.Add,
    };

    private FlowManifest Compile(string directory) => new FlowCompiler(Options()).Compile(directory);

    [Fact]
    public void Units_side_by_side_compile_to_one_unit_repeated()
    {
        const int Copies = 1_500;
        FlowGenerator.UnitsSideBySide(FlowGenerator.To(_files.PathOf("one")), 1);
        FlowGenerator.UnitsSideBySide(FlowGenerator.To(_files.PathOf("many")), Copies);

        var small = Compile(_files.PathOf("one"));
        var large = Compile(_files.PathOf("many"));

        // stdout, six functions of flowstdlib's sequence (its 'last' tap leads nowhere here and is removed) and the add.
        Assert.Equal(8, small.Functions.Count);
        var expected = Repeat(small, Copies, FlowGenerator.UnitFlows, (copy, route) => route.Replace("/root/u0/", $"/root/u{copy}/", StringComparison.Ordinal));
        AssertSameManifest(expected, large, _files.PathOf("one"), _files.PathOf("many"));
        Assert.Empty(_files.Warnings);
    }

    [Fact]
    public void Units_nested_compile_to_one_unit_repeated_at_every_level()
    {
        const int Levels = 300;
        FlowGenerator.UnitsNested(FlowGenerator.To(_files.PathOf("one")), 1);
        FlowGenerator.UnitsNested(FlowGenerator.To(_files.PathOf("deep")), Levels);

        var small = Compile(_files.PathOf("one"));
        var large = Compile(_files.PathOf("deep"));

        // Each level is a flow holding the unit (a flow holding the sequence flow) and the next level.
        const int FlowsPerLevel = 1 + FlowGenerator.UnitFlows;
        var expected = Repeat(small, Levels, FlowsPerLevel, (level, route) =>
            route.Replace("/root/l0/", "/root/" + string.Join('/', Enumerable.Range(0, level + 1).Select(l => $"l{l}")) + "/", StringComparison.Ordinal));
        AssertSameManifest(expected, large, _files.PathOf("one"), _files.PathOf("deep"), extraSourceUrls: Levels - 1);
    }

    [Fact]
    public void A_flow_of_100k_processes_compiles_within_the_bound()
    {
        const int Processes = 100_000;
        FlowGenerator.Chain(FlowGenerator.To(_files.Root), Processes);

        var watch = Stopwatch.StartNew();
        var manifest = Compile(_files.Root);
        watch.Stop();

        Assert.True(watch.Elapsed < Bound, $"compiling {Processes} processes took {watch.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(Processes + 1, manifest.Functions.Count);
        // stdout is function 0; a<i> is function i + 1 and sends to a<i+1>'s i1, the last one to stdout.
        for (int i = 1; i <= Processes; i++)
        {
            var connection = Assert.Single(manifest.Functions[i].OutputConnections);
            Assert.Equal((i == Processes ? 0 : i + 1, 0), (connection.DestinationId, connection.DestinationIo));
        }
    }

    [Fact]
    public void A_chain_of_sub_flows_20k_deep_compiles_within_the_bound()
    {
        // NOTE: twenty thousand files are kept in memory (a library tree), not written to disk: on a
        // busy CI disk creating them costs far more than compiling them.
        const int Depth = 20_000;
        var library = FlowFiles.StandardLibrary();
        FlowGenerator.Nest((path, text) => library.Add("nest/" + path, text), Depth);
        var options = new CompilerOptions { StandardLibrary = library, Context = FlowFiles.Context(), Warning = _files.Warnings.Add };

        var watch = Stopwatch.StartNew();
        var manifest = new FlowCompiler(options).Compile("lib://flowstdlib/nest/root");
        watch.Stop();

        Assert.True(watch.Elapsed < Bound, $"compiling {Depth} nested flows took {watch.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(2, manifest.Functions.Count);
        var add = manifest.Functions[1];
        Assert.Equal(Depth, add.FlowId);
        Assert.Equal("/nest/" + string.Join('/', Enumerable.Range(0, Depth).Select(l => $"l{l}")) + "/add", add.Route);
        // The initializer on l0/in went down every level; the sum comes back up every level to stdout.
        Assert.Equal(new InputInitializer(InitializerKind.Once, Flowr.Runtime.Values.Value.FromInt64(1)), add.Inputs[0].FlowInitializer);
        var toStdout = Assert.Single(add.OutputConnections);
        Assert.Equal((0, 0), (toStdout.DestinationId, toStdout.DestinationFlowId));
        Assert.Empty(_files.Warnings);
    }

    /// <summary>
    /// The manifest of <paramref name="copies"/> units from the manifest of one: stdout (function 0,
    /// flow 0) once, then each copy's functions with ids, flow ids and routes moved along.
    /// </summary>
    private static FlowManifest Repeat(FlowManifest small, int copies, int flowsPerCopy, Func<int, string, string> route)
    {
        int unit = small.Functions.Count - 1;
        var functions = new List<FunctionSpec> { small.Functions[0] };
        for (int copy = 0; copy < copies; copy++)
        {
            foreach (var function in small.Functions.Skip(1))
            {
                functions.Add(new FunctionSpec
                {
                    Id = function.Id + copy * unit,
                    FlowId = function.FlowId + copy * flowsPerCopy,
                    Name = function.Name,
                    Route = route(copy, function.Route),
                    ImplementationLocation = function.ImplementationLocation,
                    Inputs = function.Inputs,
                    OutputConnections = function.OutputConnections.Select(c => c.DestinationId == 0 ? c : new OutputConnection
                    {
                        Source = c.Source,
                        DestinationId = c.DestinationId + copy * unit,
                        DestinationIo = c.DestinationIo,
                        DestinationFlowId = c.DestinationFlowId + copy * flowsPerCopy,
                        DestinationRoute = route(copy, c.DestinationRoute),
                        Name = c.Name,
                    }).ToList(),
                });
            }
        }
        return new FlowManifest
        {
            Metadata = small.Metadata,
            LibReferences = small.LibReferences,
            ContextReferences = small.ContextReferences,
            Functions = functions,
            SourceUrls = small.SourceUrls,
            FlowUrl = small.FlowUrl,
            BaseDirectory = small.BaseDirectory,
        };
    }

    // The whole manifest as flowr -c writes it (debug information included), the directories aside;
    // the large flow may have read more files (one per level).
    private static void AssertSameManifest(FlowManifest expected, FlowManifest actual, string expectedDirectory, string actualDirectory, int extraSourceUrls = 0)
    {
        Assert.Equal(expected.SourceUrls.Count + extraSourceUrls, actual.SourceUrls.Count);
        Assert.Equal(expected.SourceUrls.Select(pair => pair.Key.Replace(expectedDirectory, "DIR", StringComparison.Ordinal)),
            actual.SourceUrls.Select(pair => pair.Key.Replace(actualDirectory, "DIR", StringComparison.Ordinal)).Where(url => !url.Contains("/levels/l", StringComparison.Ordinal) || url.EndsWith("/levels/l0.toml", StringComparison.Ordinal)));
        string expectedJson = ManifestWriter.ToJson(WithoutSources(expected), debug: true).Replace(expectedDirectory, "DIR", StringComparison.Ordinal);
        string actualJson = ManifestWriter.ToJson(WithoutSources(actual), debug: true).Replace(actualDirectory, "DIR", StringComparison.Ordinal);
        Assert.Equal(expected.Functions.Count, actual.Functions.Count);
        Assert.Equal(expectedJson, actualJson);
    }

    private static FlowManifest WithoutSources(FlowManifest manifest) => new()
    {
        Metadata = manifest.Metadata,
        LibReferences = manifest.LibReferences,
        ContextReferences = manifest.ContextReferences,
        Functions = manifest.Functions,
        FlowUrl = manifest.FlowUrl,
        BaseDirectory = manifest.BaseDirectory,
    };
}
