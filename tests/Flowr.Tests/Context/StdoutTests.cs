// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;

namespace Flowr.Tests.Context;

public class StdoutTests
{
    [Fact]
    public void Strings_print_raw_with_a_newline()
    {
        var harness = new ContextHarness();
        JobOutcome outcome = harness.Run("stdio/stdout", Value.FromString("Hello \"World\"!"));
        Assert.Equal("Hello \"World\"!\n", harness.StdoutText);
        Assert.False(outcome.HasOutput);
        Assert.True(outcome.RunAgain);
        Assert.False(outcome.IsError);
    }

    [Theory]
    [InlineData("2.0", "2.0")]
    [InlineData("42", "42")]
    [InlineData("-7", "-7")]
    [InlineData("15.811388300841896", "15.811388300841896")]
    [InlineData("1e16", "1e16")]
    [InlineData("18446744073709551615", "18446744073709551615")]
    [InlineData("true", "true")]
    [InlineData("false", "false")]
    [InlineData("[1, 2.0, \"a\", null]", "[1,2.0,\"a\",null]")]
    [InlineData("{\"b\": 1, \"a\": [true]}", "{\"a\":[true],\"b\":1}")]
    [InlineData("\"\"", "")]
    public void Values_print_as_their_display_text(string json, string printed)
    {
        var harness = new ContextHarness();
        harness.Run("stdio/stdout", Value.Parse(json));
        Assert.Equal(printed + "\n", harness.StdoutText);
    }

    [Fact]
    public void Null_prints_nothing_and_runs_again()
    {
        var harness = new ContextHarness();
        JobOutcome outcome = harness.Run("stdio/stdout", Value.Null);
        Assert.Equal(0, harness.Stdout.Length);
        Assert.True(outcome.RunAgain);
    }

    [Fact]
    public void Lines_keep_the_order_of_the_jobs()
    {
        var harness = new ContextHarness();
        var stdout = harness.Create("stdio/stdout");
        for (int i = 1; i <= 3; i++) stdout.Run([Value.FromInt64(i)]);
        stdout.Run([Value.FromDouble(0.5)]);
        Assert.Equal("1\n2\n3\n0.5\n", harness.StdoutText);
    }

    [Fact]
    public void Output_is_utf8_without_a_byte_order_mark()
    {
        var harness = new ContextHarness();
        harness.Run("stdio/stdout", Value.FromString("héllo ✓ 𝄞"));
        Assert.Equal("héllo ✓ 𝄞\n"u8.ToArray(), harness.Stdout.ToArray());
    }

    [Fact]
    public void Long_strings_and_arrays_are_printed_whole()
    {
        var harness = new ContextHarness();
        string text = new('x', 100_000);
        var items = new Value[10_000];
        for (int i = 0; i < items.Length; i++) items[i] = Value.FromInt64(i);
        var stdout = harness.Create("stdio/stdout");
        stdout.Run([Value.FromString(text)]);
        stdout.Run([Value.FromArray(items)]);
        stdout.Run([Value.FromString("after")]);
        Assert.Equal(text + "\n" + Value.FromArray(items).ToString() + "\nafter\n", harness.StdoutText);
    }

    [Fact]
    public void Stderr_prints_with_the_same_rules_to_stderr_only()
    {
        var harness = new ContextHarness();
        JobOutcome outcome = harness.Run("stdio/stderr", Value.Parse("[\"a\",2.0]"));
        harness.Run("stdio/stderr", Value.Null);
        harness.Run("stdio/stderr", Value.FromString("raw"));
        Assert.Equal("[\"a\",2.0]\nraw\n", harness.StderrText);
        Assert.Equal(0, harness.Stdout.Length);
        Assert.True(outcome.RunAgain);
    }

    [Theory]
    [InlineData("Count: {}", "Count: 42")]
    [InlineData("{} items", "42 items")]
    [InlineData("{} + {} = 2", "42 + {} = 2")]
    [InlineData("{}", "42")]
    [InlineData("", "42")]
    [InlineData("static text", "static text")]
    public void Format_input_replaces_the_first_placeholder(string format, string printed)
    {
        var harness = new ContextHarness();
        harness.Run("stdio/stdout_format", Value.FromInt64(42), Value.FromString(format));
        Assert.Equal(printed + "\n", harness.StdoutText);
    }

    [Fact]
    public void Format_input_works_on_the_plain_location_and_on_stderr()
    {
        var harness = new ContextHarness();
        harness.Run("stdio/stdout", Value.FromString("world"), Value.FromString("Hello, {}!"));
        harness.Run("stdio/stderr", Value.FromDouble(2.5), Value.FromString("about {}"));
        harness.Run("stdio/stdout", Value.Null, Value.FromString("never {}"));
        Assert.Equal("Hello, world!\n", harness.StdoutText);
        Assert.Equal("about 2.5\n", harness.StderrText);
    }

    [Fact]
    public void Printing_numbers_and_booleans_does_not_allocate()
    {
        var services = new Flowr.Context.ContextServices(["flow"], Stream.Null, Stream.Null, Stream.Null);
        Assert.True(services.TryCreate("context://stdio/stdout", out var stdout));
        Value[][] inputs = [[Value.FromInt64(7540113804746346429)], [Value.FromInt64(-3)], [Value.FromDouble(15.811388300841896)], [Value.True]];
        foreach (Value[] input in inputs) stdout.Run(input);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            foreach (Value[] input in inputs) stdout.Run(input);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Complete_flushes_the_streams()
    {
        var stdout = new FlushCountingStream();
        var services = new Flowr.Context.ContextServices(["flow"], new MemoryStream(), stdout, new MemoryStream());
        Assert.True(services.TryCreate("context://stdio/stdout", out var implementation));
        implementation.Run([Value.FromInt64(1)]);
        Assert.Equal(1, stdout.Flushes);
        services.Complete();
        Assert.Equal(2, stdout.Flushes);
    }

    private sealed class FlushCountingStream : MemoryStream
    {
        public int Flushes { get; private set; }

        public override void Flush()
        {
            Flushes++;
            base.Flush();
        }
    }
}
