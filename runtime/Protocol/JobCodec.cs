// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Protocol;

/// <summary>
/// Jobs and results inside <c>jobs</c> and <c>results</c> frames, which hold as many as fit, back to back
/// (PROTOCOL.md, "Jobs and results"). Numeric values go through without allocation.
/// </summary>
public static class JobCodec
{
    private const byte HasOutputFlag = 1;
    private const byte RunAgainFlag = 2;
    private const byte ErrorFlag = 4;
    private const byte RefusedFlag = 8;

    /// <summary>Longest error message carried in a result.</summary>
    public const int MaxErrorLength = 64 * 1024;

    /// <summary>A job: varint job id, varint implementation id, varint input count, the input values.</summary>
    public static void WriteJob(ref ProtocolWriter writer, long jobId, int implementationId, scoped ReadOnlySpan<Value> inputs)
    {
        writer.WriteVarUInt((ulong)jobId);
        writer.WriteVarUInt((ulong)implementationId);
        writer.WriteVarUInt((ulong)inputs.Length);
        foreach (ref readonly Value input in inputs) ValueCodec.Write(ref writer, input);
    }

    /// <summary>Reads a job's ids and input count; the caller then reads that many values with <see cref="ValueCodec.Read"/>.</summary>
    public static void ReadJobHeader(ref ProtocolReader reader, out long jobId, out int implementationId, out int inputCount)
    {
        ulong id = reader.ReadVarUInt();
        if (id > long.MaxValue) ProtocolThrow.Malformed("job id out of range");
        jobId = (long)id;
        implementationId = reader.ReadLength(1 << 20);
        inputCount = reader.ReadLength(Math.Min(reader.Remaining, ushort.MaxValue));
    }

    /// <summary>
    /// A result: varint job id, flags (1 = has output, 2 = run again, 4 = error, 8 = refused), varint
    /// nanoseconds the job ran, varint nanoseconds the executor held it (from receiving it to sending its
    /// result: its run and its wait behind other jobs), then the output value when flag 1 is set, then the
    /// error message when flag 4 is set. "No output" and "output null" differ.
    /// </summary>
    public static void WriteResult(ref ProtocolWriter writer, long jobId, in JobOutcome outcome, long runNanoseconds, long heldNanoseconds = 0)
    {
        writer.WriteVarUInt((ulong)jobId);
        if (outcome.Error is { } error)
        {
            writer.WriteByte(ErrorFlag);
            WriteTimes(ref writer, runNanoseconds, heldNanoseconds);
            writer.WriteString(error.Length > MaxErrorLength ? error[..MaxErrorLength] : error);
            return;
        }
        byte flags = (byte)((outcome.HasOutput ? HasOutputFlag : 0) | (outcome.RunAgain ? RunAgainFlag : 0));
        writer.WriteByte(flags);
        WriteTimes(ref writer, runNanoseconds, heldNanoseconds);
        if (outcome.HasOutput) ValueCodec.Write(ref writer, outcome.Output);
    }

    private static void WriteTimes(ref ProtocolWriter writer, long runNanoseconds, long heldNanoseconds)
    {
        writer.WriteVarUInt((ulong)Math.Max(0, runNanoseconds));
        writer.WriteVarUInt((ulong)Math.Max(0, heldNanoseconds));
    }

    /// <summary>
    /// A refusal (flags 4 + 8): this executor cannot run the job's implementation at all (unknown URL,
    /// a WebAssembly module it cannot load), so the coordinator runs the job elsewhere.
    /// </summary>
    public static void WriteRefusal(ref ProtocolWriter writer, long jobId, string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        writer.WriteVarUInt((ulong)jobId);
        writer.WriteByte(ErrorFlag | RefusedFlag);
        writer.WriteVarUInt(0);
        writer.WriteVarUInt(0);
        writer.WriteString(reason.Length > MaxErrorLength ? reason[..MaxErrorLength] : reason);
    }

    /// <summary>Reads the job id that starts a result; then call <see cref="ReadOutcome"/>.</summary>
    public static long ReadResultId(ref ProtocolReader reader)
    {
        ulong id = reader.ReadVarUInt();
        if (id > long.MaxValue) ProtocolThrow.Malformed("job id out of range");
        return (long)id;
    }

    /// <summary>Reads the rest of a result; <paramref name="refused"/> is true for a refusal (whose outcome is the error).</summary>
    public static JobOutcome ReadOutcome(ref ProtocolReader reader, out bool refused, out long runNanoseconds) =>
        ReadOutcome(ref reader, out refused, out runNanoseconds, out _);

    /// <summary>Reads the rest of a result with both its times (see <see cref="WriteResult"/>).</summary>
    public static JobOutcome ReadOutcome(ref ProtocolReader reader, out bool refused, out long runNanoseconds, out long heldNanoseconds)
    {
        byte flags = reader.ReadByte();
        runNanoseconds = ReadNanoseconds(ref reader);
        heldNanoseconds = ReadNanoseconds(ref reader);
        refused = flags == (ErrorFlag | RefusedFlag);
        if (flags == ErrorFlag || refused)
        {
            string error = reader.ReadString();
            return JobOutcome.Fail(error);
        }
        if ((flags & ~(HasOutputFlag | RunAgainFlag)) != 0) ProtocolThrow.Malformed($"bad result flags {flags}");
        bool runAgain = (flags & RunAgainFlag) != 0;
        return (flags & HasOutputFlag) != 0
            ? JobOutcome.Ok(ValueCodec.Read(ref reader), runAgain)
            : JobOutcome.NoOutput(runAgain);
    }

    private static long ReadNanoseconds(ref ProtocolReader reader)
    {
        ulong value = reader.ReadVarUInt();
        return value > long.MaxValue ? long.MaxValue : (long)value;
    }
}
