// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Model;
using Flowr.Runtime.Model.Manifest;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Tests.Manifest;

public class ManifestWriterTests
{
    [Fact]
    public void Fibonacci_is_written_as_in_the_spec()
    {
        string json = ManifestWriter.ToJson(ManifestSamples.Fibonacci(), debug: false);
        const string expected = """
            {
              "metadata": {
                "name": "",
                "version": "",
                "description": "",
                "authors": []
              },
              "lib_references": [
                "lib://flowstdlib/math/add"
              ],
              "context_references": [
                "context://stdio/stdout"
              ],
              "functions": [
                {
                  "function_id": 0,
                  "flow_id": 0,
                  "implementation_location": "lib://flowstdlib/math/add",
                  "inputs": [
                    {
                      "initializer": {
                        "once": 0
                      }
                    },
                    {
                      "initializer": {
                        "once": 1
                      }
                    }
                  ],
                  "output_connections": [
                    {
                      "destination_id": 0,
                      "destination_io_number": 1,
                      "destination_flow_id": 0
                    },
                    {
                      "destination_id": 1,
                      "destination_io_number": 0,
                      "destination_flow_id": 0
                    },
                    {
                      "source": {
                        "Input": 1
                      },
                      "destination_id": 0,
                      "destination_io_number": 0,
                      "destination_flow_id": 0
                    }
                  ]
                },
                {
                  "function_id": 1,
                  "flow_id": 0,
                  "implementation_location": "context://stdio/stdout",
                  "inputs": [
                    {
                      "generic": true
                    }
                  ]
                }
              ]
            }
            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), json);
        Assert.Equal(Value.Parse(ManifestSamples.FibonacciFromSpec), Value.Parse(json));
    }

    [Fact]
    public void Debug_adds_names_routes_destinations_and_source_urls_in_upstream_order()
    {
        string json = ManifestWriter.ToJson(ManifestSamples.Fibonacci(), debug: true);
        string function0 = json[json.IndexOf("\"name\": \"add\"", StringComparison.Ordinal)..];
        AssertInOrder(function0, "\"name\": \"add\"", "\"route\": \"/fibonacci/add\"", "\"function_id\": 0", "\"flow_id\": 0",
            "\"implementation_location\"", "\"inputs\"", "\"output_connections\"");
        AssertInOrder(function0, "\"destination_id\": 0", "\"destination_io_number\": 1", "\"destination_flow_id\": 0",
            "\"destination\": \"/fibonacci/add/i2\"", "\"name\": \"sum\"");
        AssertInOrder(json, "\"metadata\"", "\"lib_references\"", "\"context_references\"", "\"functions\"", "\"source_urls\"");
        Assert.Contains("""
              "source_urls": [
                [
                  "file:///flows/fibonacci/root.toml",
                  "file:///flows/fibonacci/root.toml"
                ],
                [
                  "lib://flowstdlib/math/add",
                  "lib://flowstdlib/math/add/add.toml"
                ]
              ]
            }
            """.ReplaceLineEndings("\n"), json, StringComparison.Ordinal);

        var document = Value.Parse(json).AsObject!;
        document.TryGetValue("functions", out var functions);
        var print = functions.ArrayItems[1].AsObject!;
        Assert.True(print.TryGetValue("name", out var name));
        Assert.Equal("print", name.AsString);
        var connections = functions.ArrayItems[0].AsObject!.Members.ToArray().Single(m => m.Key == "output_connections").Value;
        // The second connection has a destination route but no name: the empty name is omitted.
        Assert.False(connections.ArrayItems[1].AsObject!.TryGetValue("name", out _));
        Assert.True(connections.ArrayItems[1].AsObject!.TryGetValue("destination", out _));
    }

    [Fact]
    public void Without_debug_no_debug_field_is_written()
    {
        string json = ManifestWriter.ToJson(ManifestSamples.Fibonacci(), debug: false);
        Assert.DoesNotContain("\"name\": \"add\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"route\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"destination\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("source_urls", json, StringComparison.Ordinal);
        Assert.DoesNotContain("i2-to-i1", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Optional_input_and_connection_fields_are_written_only_when_set()
    {
        string json = ManifestWriter.ToJson(ManifestSamples.Everything(), debug: false);
        Assert.Contains("""
                  "inputs": [
                    {
                      "array_order": 2,
                      "flow_initializer": {
                        "always": [
                          [
                            1,
                            2.5
                          ],
                          []
                        ]
                      }
                    },
                    {
                      "initializer": {
                        "always": {
                          "a": "x\ny",
                          "b": null
                        }
                      }
                    },
                    {}
                  ],
            """.ReplaceLineEndings("\n").Replace("x\ny", "x\\ny", StringComparison.Ordinal), json, StringComparison.Ordinal);
        Assert.Contains("""
                      "source": {
                        "Output": "/json/1"
                      },
            """.ReplaceLineEndings("\n"), json, StringComparison.Ordinal);
        Assert.Contains("""
                      "generic": true
            """.ReplaceLineEndings("\n"), json, StringComparison.Ordinal);
        // A function with neither inputs nor connections has neither field.
        Assert.EndsWith("""
                {
                  "function_id": 3,
                  "flow_id": 2,
                  "implementation_location": "provided/double.wasm"
                }
              ]
            }
            """.ReplaceLineEndings("\n"), json, StringComparison.Ordinal);
        Assert.Contains("\"authors\": [\n      \"Ann <ann@example.com>\",\n      \"Bob\"\n    ]", json, StringComparison.Ordinal);
        Assert.Contains("\"description\": \"all \\\"fields\\\"\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Debug_source_urls_are_written_even_when_empty()
    {
        var manifest = new FlowManifest { Functions = [] };
        Assert.EndsWith("\"functions\": [],\n  \"source_urls\": []\n}", ManifestWriter.ToJson(manifest, debug: true), StringComparison.Ordinal);
        Assert.EndsWith("\"functions\": []\n}", ManifestWriter.ToJson(manifest, debug: false), StringComparison.Ordinal);
    }

    [Fact]
    public void Function_ids_must_equal_their_indexes()
    {
        var manifest = new FlowManifest { Functions = [new FunctionSpec { Id = 1, FlowId = 0, ImplementationLocation = "lib://x/y" }] };
        var error = Assert.Throws<ArgumentException>(() => ManifestWriter.ToJson(manifest, debug: false));
        Assert.Contains("index 0 has id 1", error.Message);
    }

    private static void AssertInOrder(string text, params string[] parts)
    {
        int position = 0;
        foreach (string part in parts)
        {
            int found = text.IndexOf(part, position, StringComparison.Ordinal);
            Assert.True(found >= 0, $"'{part}' not found after position {position}");
            position = found + part.Length;
        }
    }

    [Fact]
    public void Writing_to_a_stream_gives_the_same_text_in_pieces()
    {
        // Large enough to be sent in several pieces.
        var one = ManifestSamples.Fibonacci();
        var functions = Enumerable.Range(0, 2_000).Select(i => new FunctionSpec
        {
            Id = i,
            FlowId = 0,
            Name = $"f{i}",
            Route = $"/r/f{i}",
            ImplementationLocation = one.Functions[0].ImplementationLocation,
            Inputs = one.Functions[0].Inputs,
            OutputConnections = one.Functions[0].OutputConnections,
        }).ToList();
        var manifest = new FlowManifest { Functions = functions, SourceUrls = one.SourceUrls, LibReferences = one.LibReferences };
        using var stream = new CountingStream();

        ManifestWriter.WriteTo(manifest, stream, debug: true);

        Assert.True(stream.Writes > 2, $"{stream.Writes} writes");
        Assert.Equal(ManifestWriter.ToJson(manifest, debug: true), System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private sealed class CountingStream : MemoryStream
    {
        public int Writes { get; private set; }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Writes++;
            base.Write(buffer);
        }
    }
}
