// Copyright (c) flowr contributors. MIT licence.
using BenchmarkDotNet.Attributes;
using Flowr.Runtime.Execution;
using Flowr.Runtime.Protocol;
using Flowr.Runtime.Values;

namespace Flowr.Protocol.Benchmarks;

/// <summary>Encoding and decoding one job (two numeric inputs) and one result, as on the wire: 0 B allocated.</summary>
[MemoryDiagnoser]
public class CodecBenchmarks
{
    private readonly FrameBuffer _buffer = new();
    private readonly Value[] _inputs = [Value.FromInt64(1_234_567), Value.FromDouble(0.5)];
    private readonly Value[] _decoded = new Value[2];

    [Benchmark]
    public long EncodeDecodeJob()
    {
        _buffer.Clear();
        _buffer.BeginFrame(MessageType.Jobs);
        var writer = new ProtocolWriter(_buffer);
        JobCodec.WriteJob(ref writer, 4242, 3, _inputs);
        _buffer.EndFrame();
        FrameReader.TryReadFrame(_buffer.WrittenSpan, out _, out var body, out _, out _);
        var reader = new ProtocolReader(body);
        JobCodec.ReadJobHeader(ref reader, out long id, out _, out int count);
        for (int i = 0; i < count; i++) _decoded[i] = ValueCodec.Read(ref reader);
        return id;
    }

    [Benchmark]
    public bool EncodeDecodeResult()
    {
        _buffer.Clear();
        _buffer.BeginFrame(MessageType.Results);
        var writer = new ProtocolWriter(_buffer);
        JobCodec.WriteResult(ref writer, 4242, JobOutcome.Ok(Value.FromInt64(1_234_568), runAgain: true), 1500);
        _buffer.EndFrame();
        FrameReader.TryReadFrame(_buffer.WrittenSpan, out _, out var body, out _, out _);
        var reader = new ProtocolReader(body);
        JobCodec.ReadResultId(ref reader);
        return JobCodec.ReadOutcome(ref reader, out _, out _).HasOutput;
    }
}
