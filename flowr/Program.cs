// Copyright (c) flowr contributors. MIT licence.
using Flowr.Cli;
using Flowr.Running;
using Flowr.Runtime.Compiler;
using Flowr.Runtime.Logging;

namespace Flowr;

internal static class Program
{
    private static int Main(string[] args)
    {
        var options = CommandLine.Parse(args, out int exitCode);
        if (options is null) return exitCode;
        Log.Level = options.Verbosity;
        try
        {
            using var stdin = Console.OpenStandardInput();
            using var stdout = Console.OpenStandardOutput();
            using var stderr = Console.OpenStandardError();
            return FlowRunner.Run(options, stdin, stdout, stderr);
        }
        catch (Exception error) when (error is CompileException or FlowRunException or IOException or FormatException or UnauthorizedAccessException)
        {
            // One line, naming the file or route concerned (the messages carry it).
            Console.Error.WriteLine(error.Message);
            return 1;
        }
        catch (Exception error)
        {
            Console.Error.WriteLine($"flowr: {error.GetType().Name}: {error.Message}");
            return 1;
        }
    }
}
