// Copyright (c) flowr contributors. MIT licence.
using System.Text;

namespace Flowr.Debugger.Terminal;

/// <summary>A terminal in raw mode, byte by byte (real: <see cref="TtyConsole"/>; tests: scripted keys).</summary>
internal interface IRawTerminal
{
    /// <summary>Next byte typed; <see cref="LineEditor.NoKey"/> when none came within <paramref name="timeoutMs"/> (−1 = wait), <see cref="LineEditor.EndOfInput"/> when the terminal is gone.</summary>
    int ReadByte(int timeoutMs);

    void Write(string text);

    /// <summary>Width in columns (80 when unknown).</summary>
    int Columns { get; }
}

/// <summary>How a line read ended.</summary>
internal enum LineEnd
{
    Enter,
    /// <summary>Ctrl-D on an empty line, or the terminal closed.</summary>
    EndOfInput,
    /// <summary>Ctrl-C: the line was abandoned.</summary>
    Interrupt,
}

/// <summary>
/// Emacs-style line editing over a raw terminal: cursor keys, Home/End, Delete, Backspace, Ctrl-A/E/B/F,
/// Ctrl-K/U/W, history with Up/Down (Ctrl-P/N), Ctrl-L to redraw, UTF-8 input. A line wider than the
/// terminal scrolls sideways around the cursor.
/// </summary>
internal sealed class LineEditor(LineHistory history)
{
    public const int NoKey = -1;
    public const int EndOfInput = -2;
    private const int EscapeTimeoutMs = 50;
    private const byte Escape = 0x1b, Delete = 0x7f, Backspace = 0x08;

    private readonly StringBuilder _line = new();
    private int _cursor;
    private int _scroll;

    public LineHistory History => history;

    public LineEnd ReadLine(IRawTerminal terminal, string prompt, out string line)
    {
        _line.Clear();
        _cursor = 0;
        _scroll = 0;
        int historyIndex = history.Count;
        string draft = "";
        Render(terminal, prompt);
        while (true)
        {
            int key = terminal.ReadByte(-1);
            switch (key)
            {
                case EndOfInput:
                    terminal.Write("\n");
                    line = _line.ToString();
                    return LineEnd.EndOfInput;
                case '\r' or '\n':
                    terminal.Write("\n");
                    line = _line.ToString();
                    history.Add(line);
                    return LineEnd.Enter;
                case 0x03: // Ctrl-C
                    terminal.Write("^C\n");
                    line = "";
                    return LineEnd.Interrupt;
                case 0x04: // Ctrl-D: end of input on an empty line, else delete forward
                    if (_line.Length == 0)
                    {
                        terminal.Write("\n");
                        line = "";
                        return LineEnd.EndOfInput;
                    }
                    DeleteAt(_cursor);
                    break;
                case Delete or Backspace:
                    if (_cursor > 0) DeleteAt(--_cursor);
                    break;
                case 0x01: _cursor = 0; break;                         // Ctrl-A
                case 0x05: _cursor = _line.Length; break;              // Ctrl-E
                case 0x02: _cursor = Math.Max(0, _cursor - 1); break;  // Ctrl-B
                case 0x06: _cursor = Math.Min(_line.Length, _cursor + 1); break; // Ctrl-F
                case 0x0b: _line.Length = _cursor; break;              // Ctrl-K
                case 0x15:                                             // Ctrl-U
                    _line.Remove(0, _cursor);
                    _cursor = 0;
                    break;
                case 0x17: DeleteWordBack(); break;                    // Ctrl-W
                case 0x0c: terminal.Write("\u001b[H\u001b[2J"); break; // Ctrl-L
                case 0x10: Recall(-1); break;                          // Ctrl-P
                case 0x0e: Recall(+1); break;                          // Ctrl-N
                case Escape:
                    HandleEscape(terminal);
                    break;
                default:
                    if (key >= 0x20) Insert(terminal, key);
                    break;
            }
            Render(terminal, prompt);
        }

        void Recall(int direction)
        {
            int next = historyIndex + direction;
            if (next < 0 || next > history.Count) return;
            if (historyIndex == history.Count) draft = _line.ToString();
            historyIndex = next;
            _line.Clear().Append(next == history.Count ? draft : history[next]);
            _cursor = _line.Length;
        }

        void HandleEscape(IRawTerminal terminal)
        {
            int next = terminal.ReadByte(EscapeTimeoutMs);
            if (next is 'b' or 'f')
            {
                MoveWord(next == 'b' ? -1 : +1);
                return;
            }
            if (next is not ('[' or 'O')) return;
            // CSI/SS3: parameters (digits, ';') then one final byte.
            int parameter = 0;
            int final;
            while (true)
            {
                final = terminal.ReadByte(EscapeTimeoutMs);
                if (final is >= '0' and <= '9') parameter = parameter * 10 + (final - '0');
                else if (final != ';') break;
            }
            switch (final)
            {
                case 'A': Recall(-1); break;
                case 'B': Recall(+1); break;
                case 'C': _cursor = Math.Min(_line.Length, _cursor + 1); break;
                case 'D': _cursor = Math.Max(0, _cursor - 1); break;
                case 'H': _cursor = 0; break;
                case 'F': _cursor = _line.Length; break;
                case '~' when parameter is 1 or 7: _cursor = 0; break;
                case '~' when parameter is 4 or 8: _cursor = _line.Length; break;
                case '~' when parameter == 3: DeleteAt(_cursor); break;
            }
        }
    }

    private void Insert(IRawTerminal terminal, int lead)
    {
        // UTF-8: the lead byte says how many continuation bytes follow.
        int extra = lead >= 0xf0 ? 3 : lead >= 0xe0 ? 2 : lead >= 0xc0 ? 1 : 0;
        Span<byte> bytes = stackalloc byte[4];
        bytes[0] = (byte)lead;
        int length = 1;
        for (; length <= extra; length++)
        {
            int next = terminal.ReadByte(EscapeTimeoutMs);
            if (next < 0x80 || next > 0xbf) break;
            bytes[length] = (byte)next;
        }
        string text = Encoding.UTF8.GetString(bytes[..length]);
        _line.Insert(_cursor, text);
        _cursor += text.Length;
    }

    private void DeleteAt(int index)
    {
        if (index < _line.Length) _line.Remove(index, 1);
    }

    private void DeleteWordBack()
    {
        int start = _cursor;
        while (start > 0 && _line[start - 1] == ' ') start--;
        while (start > 0 && _line[start - 1] != ' ') start--;
        _line.Remove(start, _cursor - start);
        _cursor = start;
    }

    private void MoveWord(int direction)
    {
        if (direction < 0)
        {
            while (_cursor > 0 && _line[_cursor - 1] == ' ') _cursor--;
            while (_cursor > 0 && _line[_cursor - 1] != ' ') _cursor--;
        }
        else
        {
            while (_cursor < _line.Length && _line[_cursor] == ' ') _cursor++;
            while (_cursor < _line.Length && _line[_cursor] != ' ') _cursor++;
        }
    }

    /// <summary>Redraws the prompt and the visible part of the line, then puts the cursor back.</summary>
    private void Render(IRawTerminal terminal, string prompt)
    {
        int room = Math.Max(8, terminal.Columns - prompt.Length - 1);
        if (_cursor < _scroll) _scroll = _cursor;
        if (_cursor > _scroll + room) _scroll = _cursor - room;
        int visible = Math.Min(room, _line.Length - _scroll);
        int column = prompt.Length + _cursor - _scroll;
        terminal.Write("\r" + prompt + _line.ToString(_scroll, visible) + "\u001b[K\r" + (column > 0 ? $"\u001b[{column}C" : ""));
    }
}
