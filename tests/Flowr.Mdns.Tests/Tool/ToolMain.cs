// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Mdns.Tests.Tool;

/// <summary>Entry point: with arguments the test assembly acts as a helper run inside namespaces.</summary>
public static class ToolMain
{
    public static int Main(string[] args) => args.Length == 0 ? 0 : MdnsTool.Run(args);
}
