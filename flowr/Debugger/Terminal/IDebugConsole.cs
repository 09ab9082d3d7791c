// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Debugger.Terminal;

/// <summary>Where the debugger reads commands and writes what it shows: never the flow's stdin or stdout.</summary>
internal interface IDebugConsole : IDisposable
{
    /// <summary>Shows <paramref name="prompt"/> and reads one line; null at end of input (Ctrl-D).</summary>
    string? ReadLine(string prompt);

    /// <summary>Writes text as it is (lines end with '\n').</summary>
    void Write(string text);
}

/// <summary>
/// Commands from a text reader, output to a text writer: used when there is no terminal (commands then
/// come from standard input and output goes to standard error) and by tests. The command read is echoed
/// after the prompt so a transcript reads as a session would.
/// </summary>
internal sealed class StreamConsole(TextReader input, TextWriter output) : IDebugConsole
{
    public string? ReadLine(string prompt)
    {
        output.Write(prompt);
        string? line = input.ReadLine();
        output.Write(line is null ? "\n" : line + "\n");
        output.Flush();
        return line;
    }

    public void Write(string text)
    {
        output.Write(text);
        output.Flush();
    }

    public void Dispose()
    {
        // The reader and writer belong to the caller.
    }
}
