// Copyright (c) flowr contributors. MIT licence.
using System.Text;
using Flowr.Debugger.Terminal;

namespace Flowr.Tests.Debugger;

/// <summary>The prompt's line editing and history, fed key bytes as a terminal in raw mode sends them.</summary>
public sealed class LineEditorTests : IDisposable
{
    private const string Left = "\u001b[D", Right = "\u001b[C", Up = "\u001b[A", Down = "\u001b[B";
    private const string Home = "\u001b[H", End = "\u001b[F", HomeTilde = "\u001b[1~", EndTilde = "\u001b[4~", Delete = "\u001b[3~";
    private const string Backspace = "\u007f";
    private readonly string _dir = Directory.CreateTempSubdirectory("flowr-history-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("b add\r", "b add")]
    [InlineData("b add\n", "b add")]
    [InlineData("b ad" + Backspace + Backspace + "dd\r", "b dd")]
    [InlineData("bad" + Left + Left + " " + Right + Right + "\r", "b ad")]
    [InlineData("add" + Home + "b " + End + "/\r", "b add/")]
    [InlineData("add" + HomeTilde + "b " + EndTilde + "/\r", "b add/")]
    [InlineData("add\u0001b \u0005/\r", "b add/")]                      // Ctrl-A, Ctrl-E
    [InlineData("ab\u0002\u0002x\u0006\u0006y\r", "xaby")]              // Ctrl-B, Ctrl-F
    [InlineData("b add" + Home + Delete + Delete + "p\r", "padd")]
    [InlineData("b add" + Home + "\u0004\u0004p\r", "padd")]            // Ctrl-D deletes forward on a non-empty line
    [InlineData("b add:i2" + Left + Left + Left + "\u000b\r", "b add")] // Ctrl-K
    [InlineData("b add" + Left + Left + Left + "\u0015p \r", "p add")]  // Ctrl-U
    [InlineData("b /fib/add  \u0017print\r", "b print")]                // Ctrl-W
    [InlineData("print x" + "\u001bb" + "\u001bb" + "p \u001bf\u001bf!\r", "p print x!")] // Alt-B, Alt-F
    [InlineData("p caf\u00c3\u00a9\r", "p café")]                       // UTF-8 bytes
    [InlineData("p \u001b[5~x\r", "p x")]                               // unknown keys are ignored
    public void Keys_edit_the_line(string keys, string expected)
    {
        var terminal = new KeyTerminal(keys);

        var end = new LineEditor(new LineHistory()).ReadLine(terminal, "> ", out string line);

        Assert.Equal(LineEnd.Enter, end);
        Assert.Equal(expected, line);
    }

    [Fact]
    public void Ctrl_D_on_an_empty_line_and_a_closed_terminal_end_input_and_Ctrl_C_abandons_the_line()
    {
        var editor = new LineEditor(new LineHistory());

        Assert.Equal(LineEnd.EndOfInput, editor.ReadLine(new KeyTerminal("\u0004"), "> ", out _));
        Assert.Equal(LineEnd.EndOfInput, editor.ReadLine(new KeyTerminal("s"), "> ", out _));
        var terminal = new KeyTerminal("b add\u0003");
        Assert.Equal(LineEnd.Interrupt, editor.ReadLine(terminal, "> ", out string line));
        Assert.Equal("", line);
        Assert.EndsWith("^C\n", terminal.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Up_and_down_walk_the_history_and_keep_the_line_being_typed()
    {
        Assert.Equal("p add", Read(Typed("b add", "r", "p add"), Up + "\r"));
        Assert.Equal("r", Read(Typed("b add", "r", "p add"), Up + Up + "\r"));
        Assert.Equal("b add", Read(Typed("b add", "r", "p add"), Up + Up + Up + Up + Up + "\r"));  // stops at the oldest
        Assert.Equal("s 3", Read(Typed("b add", "r", "p add"), "s 3" + Up + Up + Down + Down + "\r"));  // back down to the draft
        Assert.Equal("p add", Read(Typed("b add", "r", "p add"), "\u0010\u0010\u000e\r"));       // Ctrl-P, Ctrl-P, Ctrl-N
        Assert.Equal("r!", Read(Typed("b add", "r", "p add"), Up + Up + "!\r"));                   // a recalled line can be edited
        // Accepted lines join the history; a repeat of the last one does not.
        var editor = Typed("b add", "r", "r");
        Assert.Equal(2, editor.History.Count);
    }

    private static LineEditor Typed(params string[] lines)
    {
        var editor = new LineEditor(new LineHistory());
        foreach (string line in lines) editor.ReadLine(new KeyTerminal(line + "\r"), "> ", out _);
        return editor;
    }

    [Fact]
    public void Each_key_redraws_the_prompt_and_line_and_puts_the_cursor_after_what_is_left_of_it()
    {
        var terminal = new KeyTerminal("ab" + Left + "\r");

        new LineEditor(new LineHistory()).ReadLine(terminal, "Job #3> ", out _);

        // Prompt (8 columns) + "a": the cursor is back at column 9, before "b".
        Assert.EndsWith("\rJob #3> ab\u001b[K\r\u001b[9C\n", terminal.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_wider_than_the_terminal_scrolls_sideways_around_the_cursor()
    {
        string text = new string('x', 30) + "END";
        var terminal = new KeyTerminal(text + "\r", columns: 20);

        new LineEditor(new LineHistory()).ReadLine(terminal, "> ", out string line);

        Assert.Equal(text, line);
        string lastDraw = terminal.Output.Split('\r')[^2];
        Assert.EndsWith("xxEND\u001b[K", lastDraw, StringComparison.Ordinal);
        Assert.True(lastDraw.Length - "\u001b[K".Length <= 20, lastDraw);
    }

    [Fact]
    public void The_history_file_keeps_lines_between_sessions_without_repeats_and_is_capped()
    {
        string path = Path.Combine(_dir, ".flowr_history");
        var first = new LineEditor(new LineHistory(path));
        foreach (string command in (string[])["b add", "b add", "", "r"]) first.ReadLine(new KeyTerminal(command + "\r"), "> ", out _);

        Assert.Equal(["b add", "r"], File.ReadAllLines(path));
        var second = new LineEditor(new LineHistory(path));
        Assert.Equal("b add", Read(second, Up + Up + "\r"));

        File.WriteAllLines(path, Enumerable.Range(0, LineHistory.Capacity + 50).Select(i => $"p {i}"));
        var capped = new LineHistory(path);
        Assert.Equal(LineHistory.Capacity, capped.Count);
        Assert.Equal("p 50", capped[0]);
        Assert.Equal(LineHistory.Capacity, File.ReadAllLines(path).Length);
    }

    private static string Read(LineEditor editor, string keys)
    {
        editor.ReadLine(new KeyTerminal(keys), "> ", out string line);
        return line;
    }

    /// <summary>Keys as bytes; a closed terminal once they are used up.</summary>
    private sealed class KeyTerminal(string keys, int columns = 80) : IRawTerminal
    {
        private readonly Queue<byte> _bytes = new(Encoding.Latin1.GetBytes(keys));
        private readonly StringBuilder _output = new();

        public string Output => _output.ToString();

        public int Columns => columns;

        public int ReadByte(int timeoutMs) =>
            _bytes.TryDequeue(out byte b) ? b : timeoutMs >= 0 ? LineEditor.NoKey : LineEditor.EndOfInput;

        public void Write(string text) => _output.Append(text);
    }
}
