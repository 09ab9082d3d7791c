// Copyright (c) flowr contributors. MIT licence.
using BenchmarkDotNet.Running;

namespace Flowr.Protocol.Benchmarks;

internal static class Program
{
    private static void Main(string[] args)
    {
        if (args is ["--echo"])
        {
            EchoServer.Run();
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
