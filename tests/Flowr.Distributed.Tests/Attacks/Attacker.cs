// Copyright (c) flowr contributors. MIT licence.
using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Flowr.Runtime.Execution;
using Flowr.Runtime.Protocol;
using Flowr.Runtime.Values;

namespace Flowr.Distributed.Tests.Attacks;

/// <summary>
/// Hostile peers, as processes the tests start in a namespace (<c>dotnet Flowr.Distributed.Tests.dll ROLE …</c>).
/// Each prints what it achieved on stdout, for the test to check.
/// </summary>
internal static class Attacker
{
    public static int Run(string[] args)
    {
        int Int(int i) => int.Parse(args[i], CultureInfo.InvariantCulture);
        switch (args[0])
        {
            case "tamper-relay":
                TamperRelay(Int(1), Int(2), args[3]);
                return 0;
            case "fake-coordinator":
                FakeCoordinator(Int(1), args[2]);
                return 0;
            case "withhold":
                Withhold(Int(1));
                return 0;
            case "flood":
                Flood(Int(1), Int(2), Int(3));
                return 0;
            case "module-flood":
                ModuleFlood.Run(Int(1), args[2]);
                return 0;
            case "fuzz-flowr":
                FrameFuzzer.AgainstCoordinator(Int(1), args[2], FrameFuzzer.ParseCount(args[3]), Int(4));
                return 0;
            case "fuzz-flowrex":
                FrameFuzzer.AgainstExecutor(Int(1), args[2], FrameFuzzer.ParseCount(args[3]), Int(4));
                return 0;
            default:
                Console.Error.WriteLine($"unknown role '{args[0]}'");
                return 2;
        }
    }

    private static TcpListener Listen(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        return listener;
    }

    private static Socket Connect(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
        return socket;
    }

    /// <summary>
    /// Sits between flowrex and flowr (flowrex connects here; this connects to flowr), passes the handshake
    /// on untouched, then tampers once with what flowrex sends: <c>forge</c> injects results of its own,
    /// <c>flip</c> changes a byte of a frame, <c>replay</c> sends a frame twice. Later connections pass.
    /// </summary>
    private static void TamperRelay(int listenPort, int targetPort, string mode)
    {
        var listener = Listen(listenPort);
        int tampered = 0;
        while (true)
        {
            var executor = listener.AcceptSocket();
            executor.NoDelay = true;
            var coordinator = Connect(targetPort);
            bool tamper = Interlocked.Exchange(ref tampered, 1) == 0;
            new Thread(() => Pipe(coordinator, executor, null)) { IsBackground = true }.Start();
            new Thread(() => Pipe(executor, coordinator, tamper ? mode : null)) { IsBackground = true }.Start();
        }
    }

    private static void Pipe(Socket from, Socket to, string? tamperMode)
    {
        try
        {
            int frames = 0;
            while (true)
            {
                byte[] header = ReadExactly(from, 4);
                int length = (int)BinaryPrimitives.ReadUInt32LittleEndian(header);
                byte[] frame = [.. header, .. ReadExactly(from, length)];
                frames++;
                // hello and auth are frames 1 and 2; from the third on, frames are sealed.
                if (tamperMode is not null && frames == 3)
                {
                    switch (tamperMode)
                    {
                        case "forge":
                            to.Send(ForgedResults());
                            break;
                        case "flip":
                            frame[frame.Length / 2] ^= 0x40;
                            break;
                        case "replay":
                            to.Send(frame);
                            break;
                    }
                    Console.WriteLine($"tampered: {tamperMode}");
                    tamperMode = null;
                }
                to.Send(frame);
            }
        }
        catch (Exception error) when (error is SocketException or EndOfStreamException or ObjectDisposedException)
        {
            try { to.Shutdown(SocketShutdown.Both); } catch (SocketException) { }
            try { from.Shutdown(SocketShutdown.Both); } catch (SocketException) { }
        }
    }

    /// <summary>A plain results frame answering jobs 1–200 with 1001, as the old relay attack did.</summary>
    private static byte[] ForgedResults()
    {
        using var buffer = new FrameBuffer();
        buffer.BeginFrame(MessageType.Results);
        var writer = new ProtocolWriter(buffer);
        for (long id = 1; id <= 200; id++) JobCodec.WriteResult(ref writer, id, JobOutcome.Ok(Value.FromInt64(1001)), 1000, 2000);
        buffer.EndFrame();
        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] ReadExactly(Socket socket, int count)
    {
        var bytes = new byte[count];
        int got = 0;
        while (got < count)
        {
            int n = socket.Receive(bytes, got, count - got, SocketFlags.None);
            if (n == 0) throw new EndOfStreamException();
            got += n;
        }
        return bytes;
    }

    /// <summary>
    /// A coordinator without the key: takes one flowrex connection, answers its hello with a welcome that
    /// has no proof (<c>no-proof</c>) or a wrong one (<c>wrong-proof</c>), then sends it a job and counts the
    /// results it gets.
    /// </summary>
    private static void FakeCoordinator(int port, string mode)
    {
        var listener = Listen(port);
        using var socket = listener.AcceptSocket();
        using var frames = new FrameSocket(socket);
        var handler = new Collector();
        while (!handler.Hello && frames.ReceiveFrames(handler, TimeSpan.FromSeconds(10)))
        {
        }
        using var buffer = new FrameBuffer();
        byte[]? proof = mode == "wrong-proof" ? RandomNumberGenerator.GetBytes(ProtocolConstants.AuthSize) : null;
        new WelcomeMessage(ProtocolConstants.Version, "fake-run", 1000, ProtocolConstants.DefaultMaxMessageLength,
            RandomNumberGenerator.GetBytes(ProtocolConstants.AuthSize), proof).WriteFrame(buffer);
        ControlMessages.WriteImplementation(buffer, 0, "lib://flowstdlib/math/add");
        buffer.BeginFrame(MessageType.Jobs);
        var writer = new ProtocolWriter(buffer);
        JobCodec.WriteJob(ref writer, 1, 0, [Value.FromInt64(41), Value.FromInt64(1)]);
        buffer.EndFrame();
        try
        {
            frames.Send(buffer.WrittenSpan);
            var until = DateTime.UtcNow.AddSeconds(3);
            while (DateTime.UtcNow < until && frames.ReceiveFrames(handler, TimeSpan.FromSeconds(3)))
            {
            }
        }
        catch (Exception error) when (error is SocketException or ProtocolException or ObjectDisposedException)
        {
            // flowrex hung up, as it should.
        }
        Console.WriteLine($"results={handler.Results}");
        Console.WriteLine($"close={handler.CloseReason ?? "(none)"}");
    }

    private sealed class Collector : IFrameHandler
    {
        public bool Hello { get; private set; }
        public int Results { get; private set; }
        public string? CloseReason { get; private set; }

        public void OnFrame(MessageType type, ReadOnlySpan<byte> body)
        {
            switch (type)
            {
                case MessageType.Hello:
                    Hello = true;
                    break;
                case MessageType.Results:
                    var reader = new ProtocolReader(body);
                    while (!reader.IsAtEnd)
                    {
                        JobCodec.ReadResultId(ref reader);
                        JobCodec.ReadOutcome(ref reader, out _, out _);
                        Results++;
                    }
                    break;
                case MessageType.Close:
                    CloseReason = ControlMessages.ReadClose(body);
                    break;
            }
        }
    }

    /// <summary>An executor that joins flowr (no key), takes every job it is given and answers none, sending heartbeats so it looks alive.</summary>
    private static void Withhold(int port)
    {
        using var socket = Connect(port);
        using var frames = new FrameSocket(socket);
        using (var buffer = new FrameBuffer())
        {
            new HelloMessage(ProtocolConstants.Version, "withholder", "x64", 1, 64, ProtocolConstants.DefaultMaxMessageLength,
                RandomNumberGenerator.GetBytes(ProtocolConstants.AuthSize)).WriteFrame(buffer);
            frames.Send(buffer.WrittenSpan);
        }
        var handler = new Hoarder(frames);
        using var heartbeat = new Timer(_ => frames.HeartbeatIfIdle(), null, 200, 200);
        try
        {
            while (!handler.Done && frames.ReceiveFrames(handler, TimeSpan.FromSeconds(60)))
            {
            }
        }
        catch (Exception error) when (error is SocketException or ProtocolException or ObjectDisposedException)
        {
            // flowr dropped it.
        }
        Console.WriteLine($"jobs={handler.Jobs}");
    }

    private sealed class Hoarder(FrameSocket frames) : IFrameHandler
    {
        public int Jobs { get; private set; }
        public bool Done { get; private set; }

        public void OnFrame(MessageType type, ReadOnlySpan<byte> body)
        {
            switch (type)
            {
                case MessageType.Welcome:
                    frames.Authenticated(ProtocolConstants.DefaultMaxMessageLength, ProtocolConstants.DefaultMaxMessageLength, null, null);
                    break;
                case MessageType.Jobs:
                    var reader = new ProtocolReader(body);
                    while (!reader.IsAtEnd)
                    {
                        JobCodec.ReadJobHeader(ref reader, out _, out _, out int count);
                        for (int i = 0; i < count; i++) ValueCodec.Read(ref reader);
                        Jobs++;
                    }
                    break;
                case MessageType.Done:
                    Done = true;
                    break;
            }
        }
    }

    /// <summary>
    /// Before any handshake: <paramref name="connections"/> connections at once, each announcing a 16 MiB
    /// hello and sending as much of it as it can, <paramref name="rounds"/> times.
    /// </summary>
    private static void Flood(int port, int connections, int rounds)
    {
        long sent = 0;
        var chunk = new byte[1 << 20];
        for (int round = 0; round < rounds; round++)
        {
            var sockets = new List<Socket>();
            for (int i = 0; i < connections; i++)
            {
                try
                {
                    var socket = Connect(port);
                    sockets.Add(socket);
                    byte[] header = new byte[5];
                    BinaryPrimitives.WriteUInt32LittleEndian(header, 16 * 1024 * 1024);
                    header[4] = (byte)MessageType.Hello;
                    socket.Send(header);
                }
                catch (SocketException)
                {
                    // Refused or closed at once: that is the defence working.
                }
            }
            Parallel.ForEach(sockets, socket =>
            {
                try
                {
                    socket.SendTimeout = 2000;
                    for (int i = 0; i < 16; i++) Interlocked.Add(ref sent, socket.Send(chunk));
                }
                catch (SocketException)
                {
                    // Closed by flowr.
                }
            });
            foreach (var socket in sockets) socket.Dispose();
        }
        Console.WriteLine($"sent={sent}");
    }
}
