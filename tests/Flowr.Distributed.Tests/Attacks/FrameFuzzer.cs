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
/// A peer that knows the key, completes the handshake, then sends random and mutated frames: most are
/// well-formed but hostile (results for jobs never sent, unknown implementations, random values, huge
/// credit), one in <see cref="MalformedEvery"/> is damaged (bytes flipped, cut short, extended), which
/// closes the connection; it then connects again, until it has sent the number of frames asked for.
/// Frames are sealed with the session keys, so they reach the message handlers.
/// </summary>
internal sealed class FrameFuzzer
{
    private const int MalformedEvery = 200;
    private const int Batch = 64;
    private readonly Random _random;
    private readonly PresharedKey _key;
    private long _sent;
    private int _sessions;

    private FrameFuzzer(int seed, string key)
    {
        _random = new Random(seed);
        _key = PresharedKey.FromSecret(key, "the fuzzer's key");
    }

    /// <summary>As an executor: connects to flowr's job port again and again.</summary>
    public static void AgainstCoordinator(int port, string key, long frames, int seed)
    {
        var fuzzer = new FrameFuzzer(seed, key);
        while (fuzzer._sent < frames)
        {
            using var socket = Connect(port);
            if (socket is null)
            {
                Thread.Sleep(50);
                continue;
            }
            fuzzer.Session(socket, coordinator: false, frames);
        }
        Console.WriteLine($"frames={fuzzer._sent} sessions={fuzzer._sessions}");
    }

    /// <summary>As a coordinator: takes flowrex's connections (it uses --coordinator) again and again.</summary>
    public static void AgainstExecutor(int port, string key, long frames, int seed)
    {
        var fuzzer = new FrameFuzzer(seed, key);
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        while (fuzzer._sent < frames)
        {
            using var socket = listener.AcceptSocket();
            fuzzer.Session(socket, coordinator: true, frames);
        }
        Console.WriteLine($"frames={fuzzer._sent} sessions={fuzzer._sessions}");
    }

    private static Socket? Connect(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
            return socket;
        }
        catch (SocketException)
        {
            socket.Dispose();
            return null;
        }
    }

    private void Session(Socket socket, bool coordinator, long frames)
    {
        _sessions++;
        using var connection = new FrameSocket(socket);
        var handshake = new Handshake(connection, _key, coordinator);
        try
        {
            if (!handshake.Run()) return;
            // A reader that throws away whatever comes back, so the peer never waits on us.
            var drain = new Thread(() => Drain(connection)) { IsBackground = true };
            drain.Start();
            using var buffer = new FrameBuffer();
            while (_sent < frames)
            {
                buffer.Clear();
                for (int i = 0; i < Batch; i++)
                {
                    if (_random.Next(MalformedEvery) == 0)
                    {
                        // A damaged frame ends the session; send it raw, past the sealing.
                        connection.Send(buffer.WrittenSpan);
                        SendDamaged(connection, coordinator);
                        _sent += buffer.Length == 0 ? 1 : i + 1;
                        return;
                    }
                    WriteHostile(buffer, coordinator);
                }
                connection.Send(buffer.WrittenSpan);
                _sent += Batch;
            }
        }
        catch (Exception error) when (error is SocketException or ProtocolException or ObjectDisposedException or IOException)
        {
            // The peer closed the connection: that is what it should do with a bad frame.
        }
    }

    private static void Drain(FrameSocket connection)
    {
        var ignore = new Ignore();
        try
        {
            while (connection.ReceiveFrames(ignore, TimeSpan.FromSeconds(30)))
            {
            }
        }
        catch (Exception error) when (error is SocketException or ProtocolException or ObjectDisposedException)
        {
        }
    }

    private sealed class Ignore : IFrameHandler
    {
        public void OnFrame(MessageType type, ReadOnlySpan<byte> body)
        {
        }
    }

    /// <summary>A well-formed message a hostile peer might send; what a well-behaved one never would.</summary>
    private void WriteHostile(FrameBuffer buffer, bool coordinator)
    {
        if (coordinator)
        {
            switch (_random.Next(6))
            {
                case 0:
                    ControlMessages.WriteImplementation(buffer, _random.Next(64), _random.Next(3) switch
                    {
                        0 => "lib://flowstdlib/math/add",
                        1 => $"lib://flowstdlib/nothing/{_random.Next()}",
                        _ => $"wasm://sha256/{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))}",
                    });
                    return;
                case 1:
                case 2:
                    buffer.BeginFrame(MessageType.Jobs);
                    var jobs = new ProtocolWriter(buffer);
                    for (int j = _random.Next(1, 4); j > 0; j--)
                    {
                        JobCodec.WriteJob(ref jobs, _random.NextInt64(1, long.MaxValue), _random.Next(64), [RandomValue(2), RandomValue(2)]);
                    }
                    buffer.EndFrame();
                    return;
                case 3:
                    ControlMessages.WritePing(buffer, MessageType.Ping, (ulong)_random.NextInt64());
                    return;
                case 4:
                    buffer.WriteEmptyFrame(MessageType.Heartbeat);
                    return;
                default:
                    buffer.BeginFrame(MessageType.Module);
                    var module = new ProtocolWriter(buffer);
                    module.WriteString(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));
                    module.WriteString("fuzz.wasm");
                    byte[] bytes = RandomNumberGenerator.GetBytes(_random.Next(1, 256));
                    module.WriteVarUInt((ulong)bytes.Length);
                    module.WriteBytes(bytes);
                    module.WriteVarUInt(1024);
                    module.WriteVarUInt((ulong)_random.Next(1, 1000));
                    module.WriteVarUInt((ulong)_random.Next(64, 1024));
                    buffer.EndFrame();
                    return;
            }
        }
        switch (_random.Next(4))
        {
            case 0:
            case 1:
                buffer.BeginFrame(MessageType.Results);
                var results = new ProtocolWriter(buffer);
                for (int r = _random.Next(1, 4); r > 0; r--)
                {
                    // Ids flowr never hands out: a result for them must be ignored.
                    long id = _random.NextInt64(1L << 40, long.MaxValue);
                    var outcome = _random.Next(3) switch
                    {
                        0 => JobOutcome.Ok(RandomValue(3), _random.Next(2) == 0),
                        1 => JobOutcome.NoOutput(_random.Next(2) == 0),
                        _ => JobOutcome.Fail($"fuzz {_random.Next()}"),
                    };
                    JobCodec.WriteResult(ref results, id, outcome, _random.NextInt64(long.MaxValue), _random.NextInt64(long.MaxValue));
                }
                buffer.EndFrame();
                return;
            case 2:
                ControlMessages.WriteCredit(buffer, _random.Next(1 << 20));
                return;
            default:
                buffer.WriteEmptyFrame(MessageType.Heartbeat);
                return;
        }
    }

    private Value RandomValue(int depth) => _random.Next(depth > 0 ? 8 : 6) switch
    {
        0 => Value.Null,
        1 => _random.Next(2) == 0 ? Value.True : Value.False,
        2 => Value.FromInt64(_random.NextInt64(long.MinValue, long.MaxValue)),
        3 => Value.FromDouble(_random.NextDouble() * 1e6),
        4 or 5 => Value.FromString(new string((char)_random.Next('a', 'z'), _random.Next(0, 40))),
        6 => Value.FromArray([.. Enumerable.Range(0, _random.Next(0, 5)).Select(_ => RandomValue(depth - 1))]),
        _ => Value.FromArray([RandomValue(depth - 1)]),
    };

    /// <summary>A valid message, damaged: a byte flipped, cut short or extended, or its type changed.</summary>
    private void SendDamaged(FrameSocket connection, bool coordinator)
    {
        using var buffer = new FrameBuffer();
        WriteHostile(buffer, coordinator);
        byte[] frame = buffer.WrittenSpan.ToArray();
        switch (_random.Next(4))
        {
            case 0:
                frame[_random.Next(4, frame.Length)] ^= (byte)_random.Next(1, 256);
                break;
            case 1:
                frame = frame[..Math.Max(5, _random.Next(5, frame.Length))];
                BinaryPrimitives.WriteUInt32LittleEndian(frame, (uint)(frame.Length - 4));
                break;
            case 2:
                frame = [.. frame, .. RandomNumberGenerator.GetBytes(_random.Next(1, 16))];
                BinaryPrimitives.WriteUInt32LittleEndian(frame, (uint)(frame.Length - 4));
                break;
            default:
                frame[4] = (byte)_random.Next(256);
                break;
        }
        // Sealed like any frame: the damage is inside, where the message handlers see it.
        connection.Send(frame);
    }

    /// <summary>The keyed handshake, from either side.</summary>
    private sealed class Handshake(FrameSocket connection, PresharedKey key, bool coordinator) : IFrameHandler
    {
        private readonly byte[] _nonce = RandomNumberGenerator.GetBytes(ProtocolConstants.AuthSize);
        private byte[]? _peerNonce;
        private bool _done;

        public bool Run()
        {
            if (!coordinator)
            {
                using var hello = new FrameBuffer();
                new HelloMessage(ProtocolConstants.Version, "fuzzer", "x64", 1, 64, ProtocolConstants.DefaultMaxMessageLength, _nonce).WriteFrame(hello);
                connection.Send(hello.WrittenSpan);
            }
            while (!_done)
            {
                if (!connection.ReceiveFrames(this, TimeSpan.FromSeconds(10))) return false;
            }
            return true;
        }

        public void OnFrame(MessageType type, ReadOnlySpan<byte> body)
        {
            using var buffer = new FrameBuffer();
            if (coordinator && type == MessageType.Hello)
            {
                _peerNonce = HelloMessage.Read(body).Nonce;
                new WelcomeMessage(ProtocolConstants.Version, $"fuzz-{Environment.ProcessId}", 1000, ProtocolConstants.DefaultMaxMessageLength, _nonce,
                    HandshakeCrypto.CoordinatorProof(key, _peerNonce, _nonce)).WriteFrame(buffer);
                connection.Send(buffer.WrittenSpan);
            }
            else if (coordinator && type == MessageType.Auth)
            {
                var (sealer, opener) = HandshakeCrypto.FrameCiphers(key, _peerNonce!, _nonce, coordinator: true);
                connection.Authenticated(ProtocolConstants.DefaultMaxMessageLength, ProtocolConstants.DefaultMaxMessageLength, sealer, opener);
                _done = true;
            }
            else if (!coordinator && type == MessageType.Welcome)
            {
                var welcome = WelcomeMessage.Read(body);
                ControlMessages.WriteAuth(buffer, HandshakeCrypto.ExecutorProof(key, _nonce, welcome.Nonce));
                connection.Send(buffer.WrittenSpan);
                var (sealer, opener) = HandshakeCrypto.FrameCiphers(key, _nonce, welcome.Nonce, coordinator: false);
                connection.Authenticated(ProtocolConstants.DefaultMaxMessageLength, ProtocolConstants.DefaultMaxMessageLength, sealer, opener);
                _done = true;
            }
        }
    }

    public static long ParseCount(string text) => long.Parse(text, CultureInfo.InvariantCulture);
}
