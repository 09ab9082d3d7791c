// Copyright (c) flowr contributors. MIT licence.
using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace Flowr.Tests.Infrastructure;

/// <summary>Runs the native flowr binary as a real process, with a time bound, and captures its output.</summary>
internal static class FlowrProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr, byte[] StdoutBytes);

    /// <summary>The repository root (the folder holding flowr.sln).</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The binary under test: $FLOWR_BIN, else publish/linux-x64/flowr.</summary>
    public static string Binary
    {
        get
        {
            string path = Environment.GetEnvironmentVariable("FLOWR_BIN") ?? Path.Combine(RepositoryRoot, "publish", "linux-x64", "flowr");
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"flowr binary not found at '{path}': run `make publish` first (or set FLOWR_BIN)");
            }
            return path;
        }
    }

    public static Result Run(IEnumerable<string> arguments, string? workingDirectory = null, byte[]? stdin = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepositoryRoot,
        };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start flowr");
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        var copyOut = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        var copyErr = process.StandardError.BaseStream.CopyToAsync(stderr);
        try
        {
            if (stdin is not null) process.StandardInput.BaseStream.Write(stdin);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The flow may end without reading its input.
        }
        if (!process.WaitForExit(timeout ?? TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"flowr {string.Join(' ', arguments)} did not finish in time (killed PID {process.Id})");
        }
        Task.WaitAll(copyOut, copyErr);
        var bytes = stdout.ToArray();
        return new Result(process.ExitCode, Encoding.UTF8.GetString(bytes), Encoding.UTF8.GetString(stderr.ToArray()), bytes);
    }

    private static string FindRoot()
    {
        string? root = typeof(FlowrProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value;
        return root is not null && File.Exists(Path.Combine(root, "flowr.sln"))
            ? root
            : throw new InvalidOperationException($"repository root not found (build metadata says '{root}')");
    }
}
