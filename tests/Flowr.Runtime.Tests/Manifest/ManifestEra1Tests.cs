// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Model;
using Flowr.Runtime.Model.Manifest;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Tests.Manifest;

public class ManifestEra1Tests
{
    // Flows and functions share one id counter: root flow 0, sub-flow 3, functions 2, 5 and 12.
    private const string Era1 = """
        {
          "metadata": {"name": "sparse", "version": "1.0.0", "description": "", "authors": ["A"]},
          "lib_references": ["lib://flowstdlib/math/add"],
          "context_references": ["context://stdio/stdout"],
          "flows": {
            "0": {"process_id": 0, "parent_id": null, "sub_flow_ids": [3], "name": "sparse", "route": "/sparse", "delegation_score": 2},
            "3": {"process_id": 3, "parent_id": 0, "sub_flow_ids": [], "name": "sub", "route": "/sparse/sub"}
          },
          "functions": {
            "12": {"name": "add", "route": "/sparse/sub/add", "process_id": 12, "parent_id": 3,
                   "implementation_location": "lib://flowstdlib/math/add/add",
                   "inputs": [{"name": "i1", "initializer": {"once": 0}}, {"name": "i2"}],
                   "output_connections": [
                     {"destination_id": 2, "destination_io_number": 0, "destination_parent_id": 0, "internal": false,
                      "destination": "/sparse/print"},
                     {"source": {"Input": 0}, "destination_id": 12, "destination_io_number": 1, "destination_parent_id": 3,
                      "internal": true}]},
            "2": {"process_id": 2, "parent_id": 0, "implementation_location": "context://stdio/stdout",
                  "inputs": [{"generic": true}]},
            "5": {"process_id": 5, "parent_id": 3, "implementation_location": "lib://flowstdlib/math/add",
                  "inputs": [{}, {}],
                  "output_connections": [{"source": {"Output": "/0"}, "destination_id": 12, "destination_io_number": 0, "destination_parent_id": 3}]}
          },
          "source_urls": {"file:///a/root.toml": "file:///a/root.toml", "lib://flowstdlib/math/add": "file:///lib/add.toml"}
        }
        """;

    [Fact]
    public void Sparse_ids_become_dense_indexes_and_destinations_are_rewritten()
    {
        var manifest = ManifestReader.Read(Era1, "/a/manifest.json");
        Assert.Equal(3, manifest.Functions.Count);
        var (print, adder, add) = (manifest.Functions[0], manifest.Functions[1], manifest.Functions[2]);
        Assert.Equal([0, 1, 2], manifest.Functions.Select(f => f.Id));

        Assert.Equal("context://stdio/stdout", print.ImplementationLocation);
        Assert.Equal(0, print.FlowId);
        Assert.True(print.Inputs[0].Generic);

        Assert.Equal(1, adder.FlowId);
        var toAdd = Assert.Single(adder.OutputConnections);
        Assert.Equal((2, 0, 1), (toAdd.DestinationId, toAdd.DestinationIo, toAdd.DestinationFlowId));
        Assert.Equal(ConnectionSource.FromOutput("/0"), toAdd.Source);

        Assert.Equal("lib://flowstdlib/math/add", add.ImplementationLocation);
        Assert.Equal(("add", "/sparse/sub/add", 1), (add.Name, add.Route, add.FlowId));
        Assert.Equal(["i1", "i2"], add.Inputs.Select(i => i.Name));
        Assert.Equal(new InputInitializer(InitializerKind.Once, Value.FromInt64(0)), add.Inputs[0].Initializer);
        Assert.Equal(2, add.OutputConnections.Count);
        var toPrint = add.OutputConnections[0];
        Assert.Equal((0, 0, 0, "/sparse/print"), (toPrint.DestinationId, toPrint.DestinationIo, toPrint.DestinationFlowId, toPrint.DestinationRoute));
        var loop = add.OutputConnections[1];
        Assert.Equal((2, 1, 1), (loop.DestinationId, loop.DestinationIo, loop.DestinationFlowId));
        Assert.Equal(ConnectionSource.FromInput(0), loop.Source);

        Assert.Equal(("sparse", "1.0.0", ""), (manifest.Metadata.Name, manifest.Metadata.Version, manifest.Metadata.Description));
        Assert.Equal(["A"], manifest.Metadata.Authors);
        Assert.Equal(
            [new("file:///a/root.toml", "file:///a/root.toml"), new("lib://flowstdlib/math/add", "file:///lib/add.toml")],
            manifest.SourceUrls);
    }

    [Fact]
    public void A_read_era1_manifest_writes_as_a_valid_0142_manifest()
    {
        var manifest = ManifestReader.Read(Era1, "/a/manifest.json");
        string json = ManifestWriter.ToJson(manifest, debug: true);
        Assert.DoesNotContain("process_id", json, StringComparison.Ordinal);
        var again = ManifestReader.Read(json, "/a/manifest.json");
        ManifestAssert.Same(manifest, again, withDebug: true, withInputNames: false);
    }

    [Fact]
    public void Flow_ids_are_dense_even_without_a_flows_table()
    {
        const string json = """
            {"functions": {
              "7": {"process_id": 7, "parent_id": 4, "implementation_location": "context://stdio/stdout", "inputs": [{}]},
              "9": {"process_id": 9, "parent_id": 0, "implementation_location": "lib://flowstdlib/math/add",
                    "inputs": [{}, {}],
                    "output_connections": [{"destination_id": 7, "destination_io_number": 0, "destination_parent_id": 4}]}}}
            """;
        var manifest = ManifestReader.Read(json, "m.json");
        Assert.Equal(1, manifest.Functions[0].FlowId);
        Assert.Equal(0, manifest.Functions[1].FlowId);
        Assert.Equal((0, 1), (manifest.Functions[1].OutputConnections[0].DestinationId, manifest.Functions[1].OutputConnections[0].DestinationFlowId));
    }
}
