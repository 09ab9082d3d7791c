// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Debugger.Terminal;

/// <summary>
/// Lines entered at the prompt, oldest first, optionally kept in a file between sessions
/// (<c>~/.flowr_history</c>, as upstream keeps <c>.flowr_history</c>). A file that cannot be read or
/// written only loses the history, never the session.
/// </summary>
internal sealed class LineHistory
{
    internal const int Capacity = 500;
    private readonly List<string> _lines = [];
    private readonly string? _path;

    public LineHistory(string? path = null)
    {
        _path = path;
        if (path is null || !File.Exists(path)) return;
        try
        {
            foreach (string line in File.ReadLines(path)) if (line.Length > 0) _lines.Add(line);
            if (_lines.Count > Capacity)
            {
                _lines.RemoveRange(0, _lines.Count - Capacity);
                File.WriteAllLines(path, _lines);
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            _path = null;
        }
    }

    /// <summary>The default file: <c>$HOME/.flowr_history</c>, or none without a home directory.</summary>
    public static string? DefaultPath =>
        Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } home ? Path.Combine(home, ".flowr_history") : null;

    public int Count => _lines.Count;

    public string this[int index] => _lines[index];

    /// <summary>Adds a line unless it is empty or repeats the last one.</summary>
    public void Add(string line)
    {
        if (line.Trim().Length == 0 || (_lines.Count > 0 && _lines[^1] == line)) return;
        _lines.Add(line);
        if (_lines.Count > Capacity) _lines.RemoveAt(0);
        if (_path is null) return;
        try
        {
            File.AppendAllText(_path, line + "\n");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // History is a convenience: the session goes on without the file.
        }
    }
}
