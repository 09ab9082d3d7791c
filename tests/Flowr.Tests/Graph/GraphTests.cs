// Copyright (c) flowr contributors. MIT licence.
using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Flowr.Cli;
using Flowr.Running;
using Flowr.Tests.Infrastructure;

namespace Flowr.Tests.Graph;

/// <summary><c>flowr --graph</c>: library flows whole, sub-flows with ports, labels off the arrowheads, files named.</summary>
public sealed partial class GraphTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flowr-graph-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string CopyExample(string name)
    {
        string source = Path.Combine(FlowrProcess.RepositoryRoot, "examples", name);
        string target = Path.Combine(_dir, name);
        Directory.CreateDirectory(target);
        foreach (string file in Directory.GetFiles(source, "*.toml")) File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        return target;
    }

    private static (int ExitCode, string Stdout, string Dot) Draw(string flow, bool expand = false)
    {
        using var stdin = new MemoryStream();
        using var stdout = new MemoryStream();
        using var stderr = new MemoryStream();
        int exit = FlowRunner.Run(new RunnerOptions { Flow = flow, Graph = true, GraphExpand = expand }, stdin, stdout, stderr);
        Assert.Equal("", Encoding.UTF8.GetString(stderr.ToArray()));
        string directory = Directory.Exists(flow) ? flow : Path.GetDirectoryName(flow)!;
        return (exit, Encoding.UTF8.GetString(stdout.ToArray()), File.ReadAllText(Path.Combine(directory, "flow.dot")));
    }

    [Fact]
    public void A_library_flow_is_one_node_unless_expanded()
    {
        string flow = CopyExample("sequence");

        var (exitCode, _, dot) = Draw(flow);

        Assert.Equal(0, exitCode);
        Assert.Contains("\"/sequence/sequence\" [shape=plain", dot);
        Assert.Contains("lib://flowstdlib/math/sequence", dot);
        Assert.DoesNotContain("/sequence/sequence/add", dot);
        Assert.DoesNotContain("subgraph", dot);
        // Its ports are the library flow's inputs and outputs, and connections attach to them.
        Assert.Contains("\"/sequence/sequence\":o2:e -> \"/sequence/join\":i1:w", dot);

        var (_, _, expanded) = Draw(flow, expand: true);

        Assert.Contains("subgraph \"cluster_/sequence/sequence\"", expanded);
        Assert.Contains("\"/sequence/sequence/add\" [shape=plain", expanded);
        Assert.Contains("\"/sequence/sequence:in:start\" [shape=rarrow", expanded);
        Assert.Contains("\"/sequence/sequence:out:last\" -> \"/sequence/join\":i1:w", expanded);
    }

    [Fact]
    public void Sub_flows_are_clusters_with_their_input_and_output_ports()
    {
        string flow = CopyExample("prime");

        var (_, _, dot) = Draw(flow);

        Assert.Contains("subgraph \"cluster_/prime/candidates\"", dot);
        Assert.Contains("\"/prime/candidates:in:limit\" [shape=rarrow", dot);
        Assert.Contains("\"/prime/candidates:out:candidates\" [shape=rarrow", dot);
        // From the parent into the sub-flow's port, and from the port to what is inside.
        Assert.Matches("\"/prime/get\":o1:e -> \"/prime/candidates:in:limit\"", dot);
        Assert.Matches("\"/prime/candidates:in:limit\" -> \"/prime/candidates/", dot);
    }

    [Theory]
    [InlineData("sequence", false)]
    [InlineData("sequence", true)]
    [InlineData("prime", false)]
    [InlineData("prime", true)]
    [InlineData("router", false)]
    [InlineData("fibonacci", false)]
    public void Every_edge_joins_declared_nodes_and_no_label_sits_at_an_arrowhead(string example, bool expand)
    {
        var (_, _, dot) = Draw(CopyExample(example), expand);

        var nodes = NodeDeclaration().Matches(dot).Select(m => m.Groups[1].Value).ToHashSet();
        var edges = Edge().Matches(dot).ToList();
        Assert.NotEmpty(edges);
        foreach (Match edge in edges)
        {
            Assert.Contains(edge.Groups[1].Value, nodes);
            Assert.Contains(edge.Groups[2].Value, nodes);
        }
        Assert.DoesNotContain("headlabel", dot);
        Assert.DoesNotContain("taillabel", dot);
    }

    [Fact]
    public void Graphviz_draws_it_without_complaint_and_the_files_written_are_printed()
    {
        string flow = CopyExample("prime");

        var (exitCode, stdout, _) = Draw(flow, expand: true);

        Assert.Equal(0, exitCode);
        string dotFile = Path.Combine(flow, "flow.dot");
        string svgFile = Path.Combine(flow, "flow.svg");
        Assert.Equal($"Wrote {dotFile}\nWrote {svgFile}\n", stdout);
        var start = new ProcessStartInfo("dot", ["-Tsvg", dotFile, "-o", Path.Combine(_dir, "check.svg")]) { RedirectStandardError = true };
        using var process = Process.Start(start)!;
        string complaints = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)));
        Assert.Equal(0, process.ExitCode);
        Assert.Equal("", complaints);
    }

    [Fact]
    public void A_function_removed_as_dead_code_is_drawn_greyed()
    {
        string flow = Path.Combine(_dir, "dead");
        Directory.CreateDirectory(flow);
        File.WriteAllText(Path.Combine(flow, "root.toml"), """
            flow = "dead"
            [[process]]
            alias = "unused"
            source = "lib://flowstdlib/math/add"
            input.i1 = { once = 1 }
            input.i2 = { once = 2 }
            [[process]]
            source = "context://stdio/stdout"
            input.default = { once = "hi" }
            """);

        var (_, _, dot) = Draw(flow);

        string unused = dot.Split('\n').Single(line => line.Contains("\"/dead/unused\" [shape=plain", StringComparison.Ordinal));
        Assert.Contains("removed: its outputs go nowhere", unused);
        string stdout = dot.Split('\n').Single(line => line.Contains("\"/dead/stdout\" [shape=plain", StringComparison.Ordinal));
        Assert.DoesNotContain("removed", stdout);
    }

    [Fact]
    public void A_manifest_is_drawn_from_its_functions()
    {
        string flow = CopyExample("fibonacci");
        using (var none = new MemoryStream())
        {
            Assert.Equal(0, FlowRunner.Run(new RunnerOptions { Flow = flow, CompileOnly = true }, none, new MemoryStream(), new MemoryStream()));
        }

        var (exitCode, _, dot) = Draw(Path.Combine(flow, "manifest.json"));

        Assert.Equal(0, exitCode);
        Assert.Contains("lib://flowstdlib/math/add", dot);
        Assert.DoesNotContain("headlabel", dot);
    }

    // "id" [ ... ];  (declarations, not edges)
    [GeneratedRegex("^\\s*(\"[^\"]*\") \\[", RegexOptions.Multiline)]
    private static partial Regex NodeDeclaration();

    // "a"(:port:compass)? -> "b"(:port:compass)?
    [GeneratedRegex("(\"[^\"]*\")(?::\\w+:\\w+)? -> (\"[^\"]*\")(?::\\w+:\\w+)?")]
    private static partial Regex Edge();
}
