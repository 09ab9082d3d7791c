// Copyright (c) flowr contributors. MIT licence.
using System.Text;
using Flowr.Runtime.Compiler;

namespace Flowr.Runtime.Tests.Compiler;

public sealed class DefinitionFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flowr-definition-file-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_file_is_read_whole_without_its_byte_order_mark()
    {
        string path = Path.Combine(_dir, "a.toml");
        File.WriteAllText(path, "function = \"é\"\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        Assert.Equal("function = \"é\"\n", DefinitionFile.ReadAllText(path));
    }

    [Fact]
    public void A_file_longer_than_the_first_buffer_is_read_to_its_end()
    {
        string path = Path.Combine(_dir, "long.toml");
        string text = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"# line {i}\n"));
        File.WriteAllText(path, text);

        Assert.Equal(text, DefinitionFile.ReadAllText(path));
    }

    [Fact]
    public void An_empty_file_is_empty_text()
    {
        string path = Path.Combine(_dir, "empty.toml");
        File.WriteAllText(path, "");

        Assert.Equal("", DefinitionFile.ReadAllText(path));
    }

    [Fact]
    public void A_file_that_is_missing_or_a_directory_fails_naming_it()
    {
        string missing = Path.Combine(_dir, "missing.toml");
        var error = Assert.ThrowsAny<IOException>(() => DefinitionFile.ReadAllText(missing));
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);

        var directoryError = Record.Exception(() => DefinitionFile.ReadAllText(_dir));
        Assert.True(directoryError is IOException or UnauthorizedAccessException, directoryError?.GetType().Name ?? "no error");
        Assert.Contains(_dir, directoryError!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Something_endless_stops_at_the_limit()
    {
        var error = Assert.Throws<IOException>(() => DefinitionFile.ReadAllText("/dev/zero"));

        Assert.Contains("larger than 64 MiB", error.Message);
    }
}
