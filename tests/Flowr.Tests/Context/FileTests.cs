// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;
using static Flowr.Tests.Context.ContextHarness;

namespace Flowr.Tests.Context;

public sealed class FileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("flowr-context-file-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void File_read_gives_bytes_string_and_path()
    {
        string path = Path.Combine(_directory, "in.txt");
        File.WriteAllBytes(path, "hé\n"u8.ToArray());
        JobOutcome outcome = new ContextHarness().Run("file/file_read", Value.FromString(path));
        Assert.True(outcome.RunAgain);
        Assert.Equal(Value.Parse("[104,195,169,10]"), Member(outcome.Output, "bytes"));
        Assert.Equal(Value.FromString("hé\n"), Member(outcome.Output, "string"));
        Assert.Equal(Value.FromString(path), Member(outcome.Output, "path"));
    }

    [Fact]
    public void File_read_replaces_invalid_utf8()
    {
        string path = Path.Combine(_directory, "bad.bin");
        File.WriteAllBytes(path, [0x41, 0xC3, 0x28, 0x42]);
        JobOutcome outcome = new ContextHarness().Run("file/file_read", Value.FromString(path));
        Assert.Equal(Value.FromString("A\uFFFD(B"), Member(outcome.Output, "string"));
        Assert.Equal(4, Member(outcome.Output, "bytes").ArrayLength);
    }

    [Fact]
    public void File_read_of_an_empty_file_gives_empty_values()
    {
        string path = Path.Combine(_directory, "empty");
        File.WriteAllBytes(path, []);
        JobOutcome outcome = new ContextHarness().Run("file/file_read", Value.FromString(path));
        Assert.Equal(Value.FromArray([]), Member(outcome.Output, "bytes"));
        Assert.Equal(Value.FromString(""), Member(outcome.Output, "string"));
    }

    [Fact]
    public void File_read_errors_give_no_output_and_stop()
    {
        var harness = new ContextHarness();
        foreach (Value path in new[] { Value.FromString(Path.Combine(_directory, "missing")), Value.FromString(_directory), Value.FromInt64(3) })
        {
            JobOutcome outcome = harness.Run("file/file_read", path);
            Assert.False(outcome.HasOutput);
            Assert.False(outcome.RunAgain);
            Assert.False(outcome.IsError);
        }
    }

    [Fact]
    public void File_write_creates_and_overwrites()
    {
        string path = Path.Combine(_directory, "out.bin");
        var harness = new ContextHarness();
        JobOutcome first = harness.Run("file/file_write", Value.FromString(path), Value.Parse("[0,1,255,104]"));
        Assert.False(first.HasOutput);
        Assert.True(first.RunAgain);
        Assert.Equal(new byte[] { 0, 1, 255, 104 }, File.ReadAllBytes(path));
        harness.Run("file/file_write", Value.FromString(path), Value.Parse("[65]"));
        Assert.Equal("A"u8.ToArray(), File.ReadAllBytes(path));
        harness.Run("file/file_write", Value.FromString(path), Value.Parse("[]"));
        Assert.Empty(File.ReadAllBytes(path));
    }

    [Theory]
    [InlineData("[1,256]")]
    [InlineData("[-1]")]
    [InlineData("[1.0]")]
    [InlineData("[\"a\"]")]
    [InlineData("[null]")]
    [InlineData("7")]
    public void File_write_rejects_elements_that_are_not_bytes(string bytes)
    {
        string path = Path.Combine(_directory, "never.bin");
        JobOutcome outcome = new ContextHarness().Run("file/file_write", Value.FromString(path), Value.Parse(bytes));
        Assert.True(outcome.IsError);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void File_write_to_a_missing_directory_is_an_error()
    {
        string path = Path.Combine(_directory, "no", "such", "dir.bin");
        JobOutcome outcome = new ContextHarness().Run("file/file_write", Value.FromString(path), Value.Parse("[1]"));
        Assert.True(outcome.IsError);
        Assert.Contains(path, outcome.Error);
    }
}
