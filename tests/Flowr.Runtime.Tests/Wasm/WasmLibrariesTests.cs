// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Wasm;

namespace Flowr.Runtime.Tests.Wasm;

/// <summary>External WASM libraries: manifest.json locators on the search path (runtime/Wasm/README.md).</summary>
public sealed class WasmLibrariesTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("flowr-wasmlib-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Library(string searchDirectory, string name, string manifest)
    {
        string directory = Path.Combine(_root, searchDirectory, name);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "manifest.json"), manifest);
        return Path.Combine(_root, searchDirectory);
    }

    [Fact]
    public void A_locator_maps_a_lib_url_to_a_module_relative_to_the_manifest()
    {
        string search = Library("a", "mylib", """
            {"lib_url": "lib://mylib", "locators": {"lib://mylib/text/reverse": "text/reverse.wasm"}, "source_urls": {}}
            """);

        Assert.True(WasmLibraries.TryFindModule("lib://mylib/text/reverse", [search], out string? path));
        Assert.Equal(Path.Combine(search, "mylib", "text", "reverse.wasm"), path);
    }

    [Fact]
    public void The_doubled_last_segment_names_the_same_function()
    {
        string search = Library("b", "mylib", """{"locators": {"lib://mylib/math/add/add": "math/add.wasm"}}""");

        Assert.True(WasmLibraries.TryFindModule("lib://mylib/math/add", [search], out string? path));
        Assert.EndsWith(Path.Combine("mylib", "math", "add.wasm"), path, StringComparison.Ordinal);
    }

    [Fact]
    public void The_first_directory_on_the_path_that_lists_the_function_wins()
    {
        string first = Library("c1", "mylib", """{"locators": {"lib://mylib/other": "other.wasm"}}""");
        string second = Library("c2", "mylib", """{"locators": {"lib://mylib/f": "f2.wasm"}}""");
        string third = Library("c3", "mylib", """{"locators": {"lib://mylib/f": "f3.wasm"}}""");

        Assert.True(WasmLibraries.TryFindModule("lib://mylib/f", [Path.Combine(_root, "missing"), first, second, third], out string? path));
        Assert.Equal(Path.Combine(second, "mylib", "f2.wasm"), path);
    }

    [Theory]
    [InlineData("lib://mylib/absent")]
    [InlineData("lib://otherlib/f")]
    [InlineData("context://stdio/stdout")]
    [InlineData("lib://")]
    public void Unknown_functions_and_libraries_are_not_found(string location)
    {
        string search = Library("d", "mylib", """{"locators": {"lib://mylib/f": "f.wasm"}}""");

        Assert.False(WasmLibraries.TryFindModule(location, [search], out _));
    }

    [Fact]
    public void An_unreadable_manifest_is_an_error_naming_it()
    {
        string search = Library("e", "brokenlib", "{ not json");

        var error = Assert.Throws<WasmException>(() => WasmLibraries.TryFindModule("lib://brokenlib/f", [search], out _));
        Assert.Contains(Path.Combine(search, "brokenlib", "manifest.json"), error.Message, StringComparison.Ordinal);
    }
}
