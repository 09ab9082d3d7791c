// Copyright (c) flowr contributors. MIT licence.
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Flowr.Distributed.Tests.Protocol;
using Flowr.Runtime.Protocol;
using Flowr.Runtime.Wasm;

namespace Flowr.Distributed.Tests.Attacks;

/// <summary>
/// A coordinator that, once flowrex has joined it (no key), sends module after module, each new: with
/// <c>count</c> small valid ones (an empty module with a numbered custom section, so each compiles),
/// with <c>bytes</c> 8 MiB of junk under made-up hashes. It prints how many it sent before flowrex
/// hung up and flowrex's reason if it could read it, then waits for flowrex to come back and prints whether it did.
/// </summary>
internal static class ModuleFlood
{
    /// <summary>How many modules it sends at most: far beyond either limit.</summary>
    public const int Attempts = 200;

    public static void Run(int port, string mode)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        int sent = 0;
        string? reason = null;
        using (var socket = listener.AcceptSocket())
        using (var frames = new FrameSocket(socket))
        {
            var handler = new CloseWatcher();
            while (!handler.Hello && frames.ReceiveFrames(handler, TimeSpan.FromSeconds(10)))
            {
            }
            using var buffer = new FrameBuffer();
            new WelcomeMessage(ProtocolConstants.Version, "module-flood", 1000, ProtocolConstants.DefaultMaxMessageLength,
                RandomNumberGenerator.GetBytes(ProtocolConstants.AuthSize), null).WriteFrame(buffer);
            frames.Send(buffer.WrittenSpan);
            frames.Authenticated(ProtocolConstants.DefaultMaxMessageLength, ProtocolConstants.DefaultMaxMessageLength, null, null);
            try
            {
                for (; sent < Attempts && handler.Reason is null; sent++)
                {
                    buffer.Clear();
                    byte[] binary = mode == "count" ? NumberedModule(sent) : new byte[8 * 1024 * 1024];
                    string sha256 = mode == "count" ? WasmModule.HashOf(binary) : sent.ToString("x64");
                    HandmadeModuleFrame.Write(buffer, sha256, "flood.wasm", binary);
                    frames.Send(buffer.WrittenSpan);
                    // Whatever flowrex said so far (its close frame), reading only when something has come.
                    if (socket.Poll(mode == "count" ? 20_000 : 1_000, SelectMode.SelectRead)) frames.ReceiveFrames(handler, TimeSpan.FromSeconds(10));
                }
                while (handler.Reason is null && frames.ReceiveFrames(handler, TimeSpan.FromSeconds(10)))
                {
                }
            }
            catch (Exception error) when (error is SocketException or ProtocolException or ObjectDisposedException or IOException)
            {
                // flowrex hung up.
                Console.WriteLine($"ended={error.GetType().Name}: {error.Message}");
            }
            reason = handler.Reason;
        }
        Console.WriteLine($"sent={sent}");
        Console.WriteLine($"close={reason ?? "(none)"}");
        // flowrex, still running, comes back for more work.
        bool back = listener.Server.Poll(10_000_000, SelectMode.SelectRead);
        Console.WriteLine($"back={(back ? "yes" : "no")}");
        listener.Stop();
    }

    // "\0asm", version 1, then a custom section (id 0) named "n" holding the number: valid, and new each time.
    private static byte[] NumberedModule(int number)
    {
        byte[] payload = BitConverter.GetBytes(number);
        return [0, (byte)'a', (byte)'s', (byte)'m', 1, 0, 0, 0, 0, (byte)(2 + payload.Length), 1, (byte)'n', .. payload];
    }

    private sealed class CloseWatcher : IFrameHandler
    {
        public bool Hello { get; private set; }
        public string? Reason { get; private set; }

        public void OnFrame(MessageType type, ReadOnlySpan<byte> body)
        {
            if (type == MessageType.Hello) Hello = true;
            if (type == MessageType.Close) Reason = ControlMessages.ReadClose(body);
        }
    }
}
