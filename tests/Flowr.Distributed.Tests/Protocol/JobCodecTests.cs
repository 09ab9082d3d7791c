// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Protocol;
using Flowr.Runtime.Values;

namespace Flowr.Distributed.Tests.Protocol;

public sealed class JobCodecTests
{
    [Fact]
    public void A_batch_of_jobs_round_trips()
    {
        using var buffer = new FrameBuffer(16);
        buffer.BeginFrame(MessageType.Jobs);
        var writer = new ProtocolWriter(buffer);
        JobCodec.WriteJob(ref writer, 1, 0, [Value.FromInt64(1), Value.FromInt64(-2)]);
        JobCodec.WriteJob(ref writer, 300, 7, []);
        JobCodec.WriteJob(ref writer, long.MaxValue, 2, [Value.Parse("[\"x\",{\"y\":null}]")]);
        buffer.EndFrame();

        Assert.Equal(ReadStatus.Success, FrameReader.TryReadFrame(buffer.WrittenSpan, out var type, out var body, out _, out _));
        Assert.Equal(MessageType.Jobs, type);
        var reader = new ProtocolReader(body);
        var jobs = new List<(long, int, string)>();
        while (!reader.IsAtEnd)
        {
            JobCodec.ReadJobHeader(ref reader, out long id, out int implementation, out int count);
            var inputs = new List<string>();
            for (int i = 0; i < count; i++) inputs.Add(ValueCodec.Read(ref reader).ToString());
            jobs.Add((id, implementation, string.Join(" ", inputs)));
        }
        Assert.Equal([(1L, 0, "1 -2"), (300L, 7, ""), (long.MaxValue, 2, "[\"x\",{\"y\":null}]")], jobs);
    }

    [Fact]
    public void Results_keep_no_value_distinct_from_null_and_carry_errors_and_run_again()
    {
        JobOutcome[] outcomes =
        [
            JobOutcome.Ok(Value.Null, runAgain: true),
            JobOutcome.NoOutput(runAgain: true),
            JobOutcome.NoOutput(runAgain: false),
            JobOutcome.Ok(Value.FromDouble(2.5), runAgain: false),
            JobOutcome.Fail("math/divide: division by zero"),
        ];
        using var buffer = new FrameBuffer(8);
        var writer = new ProtocolWriter(buffer);
        for (int i = 0; i < outcomes.Length; i++) JobCodec.WriteResult(ref writer, i + 10, outcomes[i], runNanoseconds: 1000L * i);

        var reader = new ProtocolReader(buffer.WrittenSpan);
        for (int i = 0; i < outcomes.Length; i++)
        {
            Assert.Equal(i + 10, JobCodec.ReadResultId(ref reader));
            var read = JobCodec.ReadOutcome(ref reader, out _, out long nanoseconds);
            Assert.Equal(1000L * i, nanoseconds);
            Assert.Equal(outcomes[i].HasOutput, read.HasOutput);
            Assert.Equal(outcomes[i].RunAgain, read.RunAgain);
            Assert.Equal(outcomes[i].Error, read.Error);
            Assert.Equal(outcomes[i].Output, read.Output);
            Assert.Equal(outcomes[i].Output.Kind, read.Output.Kind);
        }
        Assert.True(reader.IsAtEnd);
    }

    [Fact]
    public void A_refusal_is_an_error_the_reader_can_tell_from_a_failed_job()
    {
        using var buffer = new FrameBuffer(8);
        var writer = new ProtocolWriter(buffer);
        JobCodec.WriteRefusal(ref writer, 5, "module 'm.wasm': no WebAssembly here");
        JobCodec.WriteResult(ref writer, 6, JobOutcome.Fail("trapped"), 42);

        var reader = new ProtocolReader(buffer.WrittenSpan);
        Assert.Equal(5, JobCodec.ReadResultId(ref reader));
        var refusal = JobCodec.ReadOutcome(ref reader, out bool refused, out _);
        Assert.True(refused);
        Assert.Equal("module 'm.wasm': no WebAssembly here", refusal.Error);
        Assert.Equal(6, JobCodec.ReadResultId(ref reader));
        var failure = JobCodec.ReadOutcome(ref reader, out refused, out long ran);
        Assert.Equal(42, ran);
        Assert.False(refused);
        Assert.Equal("trapped", failure.Error);
        Assert.True(reader.IsAtEnd);
    }

    [Fact]
    public void Unknown_result_flags_are_malformed()
    {
        Assert.Throws<ProtocolException>(() =>
        {
            var reader = new ProtocolReader([1, 8, 0]);
            JobCodec.ReadResultId(ref reader);
            JobCodec.ReadOutcome(ref reader, out _, out _);
        });
    }

    [Fact]
    public void Encoding_and_decoding_numeric_jobs_and_results_allocates_nothing()
    {
        using var buffer = new FrameBuffer();
        Value[] inputs = [Value.FromInt64(12345), Value.FromDouble(0.5), Value.FromInt64(-7), Value.True];
        var decoded = new Value[inputs.Length];
        RoundTrip(buffer, inputs, decoded);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++) RoundTrip(buffer, inputs, decoded);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(inputs, decoded);
    }

    private static void RoundTrip(FrameBuffer buffer, Value[] inputs, Value[] decoded)
    {
        buffer.Clear();
        buffer.BeginFrame(MessageType.Jobs);
        var writer = new ProtocolWriter(buffer);
        JobCodec.WriteJob(ref writer, 99, 1, inputs);
        buffer.EndFrame();
        FrameReader.TryReadFrame(buffer.WrittenSpan, out _, out var body, out _, out _);
        var reader = new ProtocolReader(body);
        JobCodec.ReadJobHeader(ref reader, out long id, out _, out int count);
        for (int i = 0; i < count; i++) decoded[i] = ValueCodec.Read(ref reader);

        buffer.Clear();
        buffer.BeginFrame(MessageType.Results);
        writer = new ProtocolWriter(buffer);
        JobCodec.WriteResult(ref writer, id, JobOutcome.Ok(decoded[0], runAgain: true), 250);
        buffer.EndFrame();
        FrameReader.TryReadFrame(buffer.WrittenSpan, out _, out body, out _, out _);
        reader = new ProtocolReader(body);
        JobCodec.ReadResultId(ref reader);
        JobCodec.ReadOutcome(ref reader, out _, out _);
    }
}
