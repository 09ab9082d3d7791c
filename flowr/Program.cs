// Copyright (c) flowr contributors. MIT licence.
namespace Flowr;

internal static class Program
{
    private static int Main(string[] args) => 0;
}
