// Copyright (c) flowr contributors. MIT licence.
using System.Net;
using System.Net.Sockets;
using Flowr.Runtime.Distribution;
using Flowr.Runtime.Execution;
using Flowr.Runtime.Protocol;
using Flowr.Runtime.Values;

namespace Flowr.Distributed.Tests.InProcess;

/// <summary>An executor written against the raw protocol, to send what a well-behaved flowrex never would.</summary>
public sealed class RawExecutorTests
{
    [Fact]
    public void Results_for_unknown_jobs_and_repeated_results_are_used_at_most_once()
    {
        var flow = TestFlows.FanOut(5);
        Task? executor = null;
        Harness.Run(flow, new JobServiceOptions(), service => executor = Task.Factory.StartNew(
            () => RunRawExecutor(service.Port), TaskCreationOptions.LongRunning));

        Assert.Equal([1000L, 1001, 1002, 1003, 1004], flow.Collected.Values.Order());
        Assert.True(executor!.Wait(TimeSpan.FromSeconds(30)));
    }

    /// <summary>Credit 1; answers each job with its sum, then the same result again and one for a job never sent.</summary>
    private static void RunRawExecutor(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
        using var frames = new FrameSocket(socket);
        RawPeer.SendHello(frames, "raw", credit: 1);
        var handler = new Handler(frames);
        while (!handler.Done && frames.ReceiveFrames(handler))
        {
        }
    }

    private sealed class Handler(FrameSocket frames) : IFrameHandler
    {
        private readonly FrameBuffer _buffer = new();

        public bool Done { get; private set; }

        public void OnFrame(MessageType type, ReadOnlySpan<byte> body)
        {
            if (type == MessageType.Welcome) RawPeer.HandshakeOver(frames);
            if (type == MessageType.Done) Done = true;
            if (type != MessageType.Jobs) return;
            var reader = new ProtocolReader(body);
            _buffer.Clear();
            _buffer.BeginFrame(MessageType.Results);
            var writer = new ProtocolWriter(_buffer);
            JobCodec.WriteResult(ref writer, 1_000_000, JobOutcome.Ok(Value.FromInt64(-1)), 0);
            while (!reader.IsAtEnd)
            {
                JobCodec.ReadJobHeader(ref reader, out long id, out _, out int count);
                long sum = 0;
                for (int i = 0; i < count; i++)
                {
                    ValueCodec.Read(ref reader).TryGetInt64(out long input);
                    sum += input;
                }
                JobCodec.WriteResult(ref writer, id, JobOutcome.Ok(Value.FromInt64(sum)), 0);
                JobCodec.WriteResult(ref writer, id, JobOutcome.Ok(Value.FromInt64(-sum)), 0);
            }
            _buffer.EndFrame();
            frames.Send(_buffer.WrittenSpan);
        }
    }
}
