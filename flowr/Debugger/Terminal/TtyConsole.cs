// Copyright (c) flowr contributors. MIT licence.
using System.Runtime.InteropServices;
using System.Text;

namespace Flowr.Debugger.Terminal;

/// <summary>
/// The debugger's console on the controlling terminal (<c>/dev/tty</c>), whatever the flow's stdin and
/// stdout are: the flow can read a file or a pipe and print to another while the user types here.
/// The terminal is in raw mode only while a line is being edited, so Ctrl-C reaches flowr as a signal
/// while the flow runs.
/// </summary>
internal sealed class TtyConsole : IDebugConsole, IRawTerminal
{
    private const string InterruptHint = "Use 'q' or 'quit' (or Ctrl-D) to leave the debugger\n";
    private static readonly UTF8Encoding Utf8 = new(false);
    private readonly int _fd;
    private readonly LineEditor _editor;
    private readonly byte[] _saved = new byte[Tty.TermiosSize];
    private readonly PosixSignalRegistration[] _signals;
    private volatile bool _raw;

    private TtyConsole(int fd, LineHistory history)
    {
        _fd = fd;
        _editor = new LineEditor(history);
        // Ended by a signal while a line is edited, flowr must not leave the terminal in raw mode.
        _signals = [PosixSignalRegistration.Create(PosixSignal.SIGTERM, RestoreTerminal), PosixSignalRegistration.Create(PosixSignal.SIGHUP, RestoreTerminal)];
    }

    /// <summary>Opens the controlling terminal; null when there is none.</summary>
    public static TtyConsole? TryOpen(LineHistory history)
    {
        int fd = Tty.OpenControllingTerminal();
        if (fd < 0) return null;
        if (!Tty.IsTerminal(fd))
        {
            Tty.Close(fd);
            return null;
        }
        return new TtyConsole(fd, history);
    }

    public int Columns => Tty.Columns(_fd);

    public string? ReadLine(string prompt)
    {
        if (!Tty.TryGetAttributes(_fd, _saved)) return null;
        var raw = (byte[])_saved.Clone();
        Tty.MakeRaw(raw);
        while (true)
        {
            LineEnd end;
            string line;
            Tty.SetAttributes(_fd, raw);
            _raw = true;
            try
            {
                end = _editor.ReadLine(this, prompt, out line);
            }
            finally
            {
                _raw = false;
                Tty.SetAttributes(_fd, _saved);
            }
            switch (end)
            {
                case LineEnd.Enter: return line;
                case LineEnd.EndOfInput: return null;
                default:
                    Write(InterruptHint);
                    break;
            }
        }
    }

    public void Write(string text) => Tty.WriteAll(_fd, Utf8.GetBytes(text));

    public int ReadByte(int timeoutMs) => Tty.ReadByte(_fd, timeoutMs);

    public void Dispose()
    {
        foreach (var signal in _signals) signal.Dispose();
        Tty.Close(_fd);
    }

    private void RestoreTerminal(PosixSignalContext context)
    {
        if (_raw) Tty.SetAttributes(_fd, _saved);
    }
}
