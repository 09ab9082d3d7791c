// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Model;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Tests.Manifest;

/// <summary>Hand-built manifests shared by the manifest tests.</summary>
internal static class ManifestSamples
{
    /// <summary>The fibonacci flow (examples/fibonacci) as upstream's 0.142 manifest, with its debug information.</summary>
    public static FlowManifest Fibonacci() => new()
    {
        LibReferences = ["lib://flowstdlib/math/add"],
        ContextReferences = ["context://stdio/stdout"],
        Functions =
        [
            new FunctionSpec
            {
                Id = 0,
                FlowId = 0,
                Name = "add",
                Route = "/fibonacci/add",
                ImplementationLocation = "lib://flowstdlib/math/add",
                Inputs =
                [
                    new InputSpec { Initializer = new InputInitializer(InitializerKind.Once, Value.FromInt64(0)) },
                    new InputSpec { Initializer = new InputInitializer(InitializerKind.Once, Value.FromInt64(1)) },
                ],
                OutputConnections =
                [
                    new OutputConnection { DestinationId = 0, DestinationIo = 1, DestinationFlowId = 0, DestinationRoute = "/fibonacci/add/i2", Name = "sum" },
                    new OutputConnection { DestinationId = 1, DestinationIo = 0, DestinationFlowId = 0, DestinationRoute = "/fibonacci/print" },
                    new OutputConnection { Source = ConnectionSource.FromInput(1), DestinationId = 0, DestinationIo = 0, DestinationFlowId = 0, DestinationRoute = "/fibonacci/add/i1", Name = "i2-to-i1" },
                ],
            },
            new FunctionSpec
            {
                Id = 1,
                FlowId = 0,
                Name = "print",
                Route = "/fibonacci/print",
                ImplementationLocation = "context://stdio/stdout",
                Inputs = [new InputSpec { Generic = true }],
            },
        ],
        SourceUrls =
        [
            new("file:///flows/fibonacci/root.toml", "file:///flows/fibonacci/root.toml"),
            new("lib://flowstdlib/math/add", "lib://flowstdlib/math/add/add.toml"),
        ],
    };

    /// <summary>The same manifest written compactly (not pretty, same structure).</summary>
    public const string FibonacciFromSpec = """
        {
          "metadata": {"name": "", "version": "", "description": "", "authors": []},
          "lib_references": ["lib://flowstdlib/math/add"],
          "context_references": ["context://stdio/stdout"],
          "functions": [
            {"function_id": 0, "flow_id": 0,
             "implementation_location": "lib://flowstdlib/math/add",
             "inputs": [{"initializer": {"once": 0}}, {"initializer": {"once": 1}}],
             "output_connections": [
               {"destination_id": 0, "destination_io_number": 1, "destination_flow_id": 0},
               {"destination_id": 1, "destination_io_number": 0, "destination_flow_id": 0},
               {"source": {"Input": 1},
                "destination_id": 0, "destination_io_number": 0, "destination_flow_id": 0}]},
            {"function_id": 1, "flow_id": 0,
             "implementation_location": "context://stdio/stdout",
             "inputs": [{"generic": true}]}
          ]
        }
        """;

    /// <summary>A manifest exercising every optional field.</summary>
    public static FlowManifest Everything() => new()
    {
        Metadata = new FlowMetadata("everything", "1.2.3", "all \"fields\"", ["Ann <ann@example.com>", "Bob"]),
        LibReferences = ["lib://flowstdlib/control/tap", "lib://flowstdlib/math/add"],
        ContextReferences = ["context://args/get", "context://stdio/stdout"],
        Functions =
        [
            new FunctionSpec
            {
                Id = 0,
                FlowId = 0,
                Name = "get",
                Route = "/everything/get",
                ImplementationLocation = "context://args/get",
                OutputConnections =
                [
                    new OutputConnection { Source = ConnectionSource.FromOutput("/json/1"), DestinationId = 1, DestinationIo = 1, DestinationFlowId = 1 },
                ],
            },
            new FunctionSpec
            {
                Id = 1,
                FlowId = 1,
                Name = "tap",
                Route = "/everything/sub/tap",
                ImplementationLocation = "lib://flowstdlib/control/tap",
                Inputs =
                [
                    new InputSpec { ArrayOrder = 2, FlowInitializer = new InputInitializer(InitializerKind.Always, Value.Parse("[[1,2.5],[]]")) },
                    new InputSpec { Initializer = new InputInitializer(InitializerKind.Always, Value.Parse("{\"b\":null,\"a\":\"x\\ny\"}")) },
                    new InputSpec(),
                ],
                OutputConnections =
                [
                    new OutputConnection { DestinationId = 2, DestinationIo = 0, DestinationFlowId = 0, DestinationRoute = "/everything/print" },
                ],
            },
            new FunctionSpec
            {
                Id = 2,
                FlowId = 0,
                ImplementationLocation = "context://stdio/stdout",
                Inputs = [new InputSpec { Generic = true, ArrayOrder = 1 }],
            },
            new FunctionSpec { Id = 3, FlowId = 2, ImplementationLocation = "provided/double.wasm" },
        ],
        SourceUrls = [new("file:///e/root.toml", "file:///e/root.toml")],
    };
}
