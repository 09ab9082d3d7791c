// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Distributed.Tests.Attacks;

/// <summary>Entry point: with arguments the test assembly acts as an attacker run inside a namespace.</summary>
public static class ToolMain
{
    public static int Main(string[] args) => args.Length == 0 ? 0 : Attacker.Run(args);
}
