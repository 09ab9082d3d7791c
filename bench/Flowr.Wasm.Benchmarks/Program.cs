// Copyright (c) flowr contributors. MIT licence.
using BenchmarkDotNet.Running;

namespace Flowr.Wasm.Benchmarks;

internal static class Program
{
    private static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
