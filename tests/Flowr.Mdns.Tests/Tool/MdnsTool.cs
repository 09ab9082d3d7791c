// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Mdns.Tests.Tool;

internal static class MdnsTool
{
    public static int Run(string[] args)
    {
        Console.Error.WriteLine($"unknown command {args[0]}");
        return 2;
    }
}
