// Copyright (c) flowr contributors. MIT licence.
using System.Text;

namespace Flowr.Runtime.Logging;

/// <summary>
/// One status line at the bottom of a terminal (flowr's progress line). Whatever else writes to
/// that terminal (log lines, the flow's own output) first calls <see cref="Hide"/>, which erases
/// the line under the same lock, so text never lands in the middle of it; the next
/// <see cref="Show"/> draws it again. When no status line is active the check is one volatile read.
/// </summary>
public static class StatusLine
{
    private const string Erase = "\r\u001b[K";   // carriage return, then clear to the end of the line
    private static readonly Lock Gate = new();
    private static volatile bool _active;
    private static Stream? _terminal;
    private static bool _shown;

    /// <summary>True while a status line may be on the terminal.</summary>
    public static bool IsActive => _active;

    /// <summary>Starts drawing on <paramref name="terminal"/> (the stderr stream).</summary>
    public static void Activate(Stream terminal)
    {
        lock (Gate)
        {
            _terminal = terminal;
            _shown = false;
            _active = true;
        }
    }

    /// <summary>Draws <paramref name="text"/> in place of the previous status.</summary>
    public static void Show(string text)
    {
        lock (Gate)
        {
            if (!_active || _terminal is null) return;
            TryWrite(Erase + text);
            _shown = true;
        }
    }

    /// <summary>Erases the line and stops drawing.</summary>
    public static void Deactivate()
    {
        lock (Gate)
        {
            if (!_active) return;
            if (_shown) TryWrite(Erase);
            _shown = false;
            _active = false;
            _terminal = null;
        }
    }

    /// <summary>
    /// Takes the terminal for other output: erases the status line if it is drawn and holds the
    /// lock until the returned scope is disposed.
    /// </summary>
    public static Lock.Scope Hide()
    {
        var scope = Gate.EnterScope();
        if (_shown)
        {
            TryWrite(Erase);
            _shown = false;
        }
        return scope;
    }

    private static void TryWrite(string text)
    {
        try
        {
            _terminal!.Write(Encoding.UTF8.GetBytes(text));
            _terminal.Flush();
        }
        catch (IOException)
        {
            // A status line is never worth failing the run for.
        }
    }
}
