// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Runtime.Logging;

/// <summary>
/// Process-wide logger writing <c>LEVEL - message</c> lines to stderr (upstream's format). Callers
/// test <see cref="IsEnabled"/> before building a message on a hot path.
/// </summary>
public static class Log
{
    private static readonly Lock WriteLock = new();

    /// <summary>The least severe level that is written; default error.</summary>
    public static LogLevel Level { get; set; } = LogLevel.Error;

    private static TextWriter? _output;

    /// <summary>Where lines go; stderr unless a test or host replaces it. Console.Error is only
    /// created when a line is written, which keeps a quiet run's start-up short.</summary>
    public static TextWriter Output
    {
        get => _output ??= Console.Error;
        set => _output = value;
    }

    public static bool IsEnabled(LogLevel level) => level >= Level && level != LogLevel.Off;

    public static void Write(LogLevel level, string message)
    {
        if (!IsEnabled(level)) return;
        string line = $"{Name(level)} - {message}";
        if (StatusLine.IsActive)
        {
            using (StatusLine.Hide()) WriteLine(line);
            return;
        }
        WriteLine(line);
    }

    private static void WriteLine(string line)
    {
        lock (WriteLock)
        {
            Output.WriteLine(line);
            Output.Flush();
        }
    }

    public static void Trace(string message) => Write(LogLevel.Trace, message);
    public static void Debug(string message) => Write(LogLevel.Debug, message);
    public static void Info(string message) => Write(LogLevel.Info, message);
    public static void Warn(string message) => Write(LogLevel.Warn, message);
    public static void Error(string message) => Write(LogLevel.Error, message);

    /// <summary>Parses trace|debug|info|warn|error|off (case-insensitive).</summary>
    public static bool TryParseLevel(string text, out LogLevel level)
    {
        switch (text.ToLowerInvariant())
        {
            case "trace": level = LogLevel.Trace; return true;
            case "debug": level = LogLevel.Debug; return true;
            case "info": level = LogLevel.Info; return true;
            case "warn": level = LogLevel.Warn; return true;
            case "error": level = LogLevel.Error; return true;
            case "off": level = LogLevel.Off; return true;
            default: level = LogLevel.Error; return false;
        }
    }

    private static string Name(LogLevel level) => level switch
    {
        LogLevel.Trace => "TRACE",
        LogLevel.Debug => "DEBUG",
        LogLevel.Info => "INFO",
        LogLevel.Warn => "WARN",
        _ => "ERROR",
    };
}
