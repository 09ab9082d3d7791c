// Copyright (c) flowr contributors. MIT licence.
using System.Net;
using System.Net.Sockets;
using Flowr.Runtime.Distribution;
using Flowr.Runtime.Protocol;

namespace Flowr.Distributed.Tests.InProcess;

/// <summary>
/// A coordinator that accepts a connection and resets it at once (seen from a hostile one that stops
/// listening with a connection pending) ends that session; it must not end flowrex.
/// </summary>
public sealed class ResetConnectionTests
{
    [Fact]
    public void A_session_on_a_connection_reset_before_it_starts_ends_as_dropped()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        using var executor = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        // As flowrex connects: asynchronously, with a deadline.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        executor.ConnectAsync(listener.LocalEndPoint!, deadline.Token).AsTask().GetAwaiter().GetResult();
        using (var accepted = listener.Accept())
        {
            accepted.LingerState = new LingerOption(true, 0);   // close with a reset
        }
        Thread.Sleep(100);

        var result = ExecutorSession.Run(executor, Harness.Executor("reset"), CancellationToken.None);

        Assert.Equal(SessionEnd.Dropped, result.End);
        Assert.Equal(0, result.JobsRun);
    }

    [Fact]
    public void A_frame_socket_over_a_reset_connection_is_made_and_reports_the_drop_when_used()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        client.ConnectAsync(listener.LocalEndPoint!, deadline.Token).AsTask().GetAwaiter().GetResult();
        using (var accepted = listener.Accept())
        {
            accepted.LingerState = new LingerOption(true, 0);
        }
        Thread.Sleep(100);

        using var frames = new FrameSocket(client);

        Assert.NotNull(frames.RemoteEndPoint);
        Assert.ThrowsAny<SocketException>(() => frames.ReceiveFrames(new IgnoreFrames(), TimeSpan.FromSeconds(5)));
    }

    private sealed class IgnoreFrames : IFrameHandler
    {
        public void OnFrame(MessageType type, ReadOnlySpan<byte> body)
        {
        }
    }
}
