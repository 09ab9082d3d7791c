// Copyright (c) flowr contributors. MIT licence.
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Flowr.Protocol.Benchmarks;

/// <summary>
/// A loopback TCP echo, as a thread of this process or as a separate process (<c>--echo</c>), for the
/// ping-pong floor the remote chain is compared with.
/// </summary>
internal static class EchoServer
{
    /// <summary>The <c>--echo</c> process: prints its port, echoes one connection, exits when it closes.</summary>
    public static void Run()
    {
        using var listener = Listen();
        Console.Out.WriteLine(((IPEndPoint)listener.LocalEndPoint!).Port);
        Console.Out.Flush();
        using var socket = listener.Accept();
        Echo(socket);
    }

    /// <summary>Starts the echo in a child process and returns it with a connected client socket.</summary>
    public static (Process Process, Socket Client) StartProcess()
    {
        string host = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        var start = new ProcessStartInfo(host) { UseShellExecute = false, RedirectStandardOutput = true };
        start.ArgumentList.Add(typeof(EchoServer).Assembly.Location);
        start.ArgumentList.Add("--echo");
        var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start the echo process");
        int port = int.Parse(process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("echo process printed no port"), System.Globalization.CultureInfo.InvariantCulture);
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.Connect(new IPEndPoint(IPAddress.Loopback, port));
        return (process, client);
    }

    /// <summary>Starts the echo on a thread of this process and returns a connected client socket.</summary>
    public static Socket StartThread()
    {
        var listener = Listen();
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.Connect(listener.LocalEndPoint!);
        var server = listener.Accept();
        listener.Dispose();
        new Thread(() =>
        {
            using (server) Echo(server);
        }) { IsBackground = true, Name = "echo" }.Start();
        return client;
    }

    private static Socket Listen()
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        return listener;
    }

    private static void Echo(Socket socket)
    {
        socket.NoDelay = true;
        var buffer = new byte[64];
        try
        {
            int n;
            while ((n = socket.Receive(buffer)) > 0) socket.Send(buffer.AsSpan(0, n));
        }
        catch (SocketException)
        {
            // The benchmark closed its side.
        }
    }
}
