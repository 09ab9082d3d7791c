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
        var options = CommandLine.Parse(args, out string? message, out int exitCode);
        if (options is null)
        {
            // Help and version go to stdout, errors to stderr.
            (exitCode == 0 ? Console.Out : Console.Error).Write(message);
            return exitCode;
        }
        Log.Level = options.Verbosity;
        try
        {
            using var stdin = Console.OpenStandardInput();
            using var stdout = new StandardOutputStream();
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
