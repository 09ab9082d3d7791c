// Copyright (c) flowr contributors. MIT licence.
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Flowr.Runtime.Execution;
using Flowr.Runtime.Logging;
using Flowr.Runtime.Protocol;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Distribution;

// Running jobs and sending their results back.
public sealed partial class ExecutorSession
{
    private const int ResultFrameCut = 64 * 1024;
    /// <summary>A result waits at most this long for others to share its frame: long jobs send theirs at once.</summary>
    private static readonly long BatchTicks = System.Diagnostics.Stopwatch.Frequency / 10_000;   // 100 µs
    private static readonly Func<ExecutorSession, bool> HasWorkOrStop = static self => self._stopping || !self._work.IsEmpty;

    private void Work()
    {
        try
        {
            while (true)
            {
                if (!_work.IsEmpty)
                {
                    var buffer = _buffers.Get();
                    try
                    {
                        Drain(buffer);
                    }
                    finally
                    {
                        _buffers.Return(buffer);
                    }
                }
                if (_stopping) return;
                _waiter.Wait(HasWorkOrStop, this, Timeout.InfiniteTimeSpan);
            }
        }
        catch (Exception error)
        {
            // NOTE: nothing a coordinator sends may end the process: a failure here ends the session.
            Fail($"executor failure: {error.GetType().Name}: {error.Message}");
        }
    }

    private void Fail(string reason)
    {
        _failure ??= reason;
        Log.Error($"Session with flowr ends: {reason}");
        _socket.Shutdown();
    }

    /// <summary>Runs queued jobs and sends their results in batches.</summary>
    private void Drain(FrameBuffer buffer)
    {
        bool open = false;
        long batchStart = 0;
        buffer.Clear();
        buffer.MaxMessageLength = _maxResultMessage;
        while (_work.TryDequeue(out var job))
        {
            long start = Stopwatch.GetTimestamp();
            Execute(job);
            long nanoseconds = (long)Stopwatch.GetElapsedTime(start).TotalNanoseconds;
            if (!open)
            {
                buffer.BeginFrame(MessageType.Results);
                open = true;
                batchStart = start;
            }
            WriteResult(buffer, job, nanoseconds);
            _jobs.Return(job);
            if (buffer.CurrentFrameLength >= ResultFrameCut || Stopwatch.GetTimestamp() - batchStart > BatchTicks)
            {
                Send(buffer);
                open = false;
            }
        }
        if (open) Send(buffer);
    }

    private void WriteResult(FrameBuffer buffer, RemoteJob job, long nanoseconds)
    {
        int before = buffer.Length;
        try
        {
            var writer = new ProtocolWriter(buffer);
            long held = (long)Stopwatch.GetElapsedTime(job.ReceivedAt).TotalNanoseconds;
            if (job.Refused) JobCodec.WriteRefusal(ref writer, job.Id, job.Outcome.Error!);
            else JobCodec.WriteResult(ref writer, job.Id, job.Outcome, nanoseconds, held);
        }
        catch (ProtocolException)
        {
            // The value is more than flowr takes in one message: it gets the reason instead.
            buffer.Truncate(before);
            var writer = new ProtocolWriter(buffer);
            JobCodec.WriteResult(ref writer, job.Id,
                JobOutcome.Fail($"its result is larger than the largest message flowr takes ({_maxResultMessage} bytes)"), nanoseconds);
        }
    }

    private void Send(FrameBuffer buffer)
    {
        buffer.EndFrame();
        try
        {
            _socket.Send(buffer.WrittenSpan);
        }
        catch (Exception error) when (error is SocketException or ObjectDisposedException or ProtocolException)
        {
            _socket.Shutdown();
        }
        buffer.Clear();
    }

    private void Execute(RemoteJob job)
    {
        var table = _implementations;
        var entry = (uint)job.Implementation < (uint)table.Length ? table[job.Implementation] : default;
        if (entry.Refusal is not null)
        {
            job.Refused = true;
            job.Outcome = JobOutcome.Fail(entry.Refusal);
        }
        else if (entry.Code is null)
        {
            job.Outcome = JobOutcome.Fail($"implementation id {job.Implementation} was never announced to executor '{_options.Name}'");
        }
        else if (HasInputOverMaxValueSize(job))
        {
            job.Outcome = JobOutcome.Fail($"an input is larger than this executor's largest value size of {_options.MaxValueSize} bytes (flowrex --max-value-size)");
        }
        else
        {
            try
            {
                job.Outcome = entry.Code.Run(job.InputSpan);
            }
            catch (Exception error)
            {
                job.Outcome = JobOutcome.Fail(error.Message);
            }
            // --max-value-size: a result this executor will not send becomes an error result.
            if (job.Outcome.HasOutput && ValueSize.Exceeds(job.Outcome.Output, _options.MaxValueSize))
            {
                job.Outcome = JobOutcome.Fail($"the result is larger than this executor's largest value size of {_options.MaxValueSize} bytes (flowrex --max-value-size)");
            }
        }
        if (!job.Refused) Interlocked.Increment(ref _jobsRun);
        if (Log.IsEnabled(LogLevel.Debug)) Log.Debug(Describe(job, entry.Url));
    }

    // --max-value-size on the way in; the message limit already bounds what could arrive.
    private bool HasInputOverMaxValueSize(RemoteJob job)
    {
        foreach (ref readonly Value input in job.InputSpan)
        {
            if (ValueSize.Exceeds(input, _options.MaxValueSize)) return true;
        }
        return false;
    }

    private static string Describe(RemoteJob job, string? url)
    {
        var inputs = new StringBuilder();
        foreach (var input in job.InputSpan)
        {
            if (inputs.Length > 0) inputs.Append(", ");
            inputs.Append(input.ToString());
        }
        string outcome = job.Refused ? $"refused: {job.Outcome.Error}"
            : job.Outcome.IsError ? $"error: {job.Outcome.Error}"
            : job.Outcome.HasOutput ? job.Outcome.Output.ToString() : "no output";
        return $"Job #{job.Id} '{url}' ({inputs}) -> {outcome}";
    }
}
