// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Debugger;

/// <summary>What a debugger command does.</summary>
internal enum CommandKind
{
    Break,
    Continue,
    Delete,
    Exit,
    Functions,
    Help,
    List,
    Modify,
    Print,
    Run,
    Step,
    Validate,
}

/// <summary>One command typed at the debugger prompt: its kind and the text after the command word.</summary>
internal sealed record DebugCommand(CommandKind Kind, string Argument = "", int Count = 1)
{
    /// <summary>Commands an empty line repeats (as gdb does): those that only move on or only show.</summary>
    public bool Repeatable => Kind is CommandKind.Step or CommandKind.Continue or CommandKind.Print
        or CommandKind.List or CommandKind.Validate or CommandKind.Functions;
}

/// <summary>Parses prompt lines into <see cref="DebugCommand"/>s. Every command has a one-letter short form.</summary>
internal static class CommandParser
{
    /// <summary>(short form, long forms, kind, usage, what it does): the command table, also the help text.</summary>
    internal static readonly (string Short, string[] Long, CommandKind Kind, string Usage, string Help)[] Commands =
    [
        ("b", ["break", "breakpoint"], CommandKind.Break, "b SPEC", "break on SPEC (see below)"),
        ("c", ["continue"], CommandKind.Continue, "c", "run until the next break or the end"),
        ("d", ["delete"], CommandKind.Delete, "d SPEC | *", "delete the breakpoint SPEC, or all of them"),
        ("e", ["exit"], CommandKind.Exit, "e", "stop the flow and leave (also q, quit, Ctrl-D)"),
        ("q", ["quit"], CommandKind.Exit, "q", "same as exit"),
        ("f", ["functions"], CommandKind.Functions, "f", "list the functions: id, name, route, implementation"),
        ("h", ["help", "?"], CommandKind.Help, "h", "this help"),
        ("i", ["inspect"], CommandKind.Validate, "i", "check the run state's invariants and report stalled functions ('i FUNCTION' prints it)"),
        ("v", ["validate"], CommandKind.Validate, "v", "same as inspect"),
        ("l", ["list"], CommandKind.List, "l", "list the breakpoints"),
        ("m", ["modify"], CommandKind.Modify, "m NAME=VALUE ...", "change a run parameter: jobs=N (the run's job and N − 1 run ahead; 0 = as many as allowed), order=fifo|random, values=N, width=N"),
        ("p", ["print"], CommandKind.Print, "p [FUNCTION | *]", "the run state, one function in detail, or every function"),
        ("r", ["run", "reset"], CommandKind.Run, "r", "start the flow, or reset it to its initial state and start again"),
        ("s", ["step"], CommandKind.Step, "s [N]", "let N jobs (default 1) be created, then break before the next"),
    ];

    /// <summary>
    /// Parses one line. Returns null with <paramref name="error"/> set for an unknown command or bad
    /// arguments, and null with no error for an empty line.
    /// </summary>
    public static DebugCommand? Parse(string line, out string? error)
    {
        error = null;
        string text = line.Trim();
        if (text.Length == 0) return null;
        int space = text.IndexOfAny([' ', '\t']);
        string word = space < 0 ? text : text[..space];
        string argument = space < 0 ? "" : text[(space + 1)..].Trim();
        foreach (var command in Commands)
        {
            if (word != command.Short && Array.IndexOf(command.Long, word) < 0) continue;
            switch (command.Kind)
            {
                case CommandKind.Break or CommandKind.Delete when argument.Length == 0:
                    error = $"'{word}' needs a breakpoint spec: {command.Usage} ('h' shows the forms)";
                    return null;
                case CommandKind.Step:
                    if (argument.Length == 0) return new DebugCommand(CommandKind.Step);
                    if (!int.TryParse(argument, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int count) || count < 1)
                    {
                        error = $"'{word}' takes a number of jobs of at least 1, not '{argument}'";
                        return null;
                    }
                    return new DebugCommand(CommandKind.Step, argument, count);
                case CommandKind.Validate when argument.Length > 0:
                    // Upstream's 'i N' showed function N.
                    return new DebugCommand(CommandKind.Print, argument);
                case CommandKind.Continue or CommandKind.Exit or CommandKind.Functions or CommandKind.List or CommandKind.Run
                    when argument.Length > 0:
                    error = $"'{word}' takes no argument";
                    return null;
                default:
                    return new DebugCommand(command.Kind, argument);
            }
        }
        error = $"Unknown command '{word}': 'h' lists the commands";
        return null;
    }

    /// <summary>The help text: every command, then the breakpoint spec forms.</summary>
    public static string HelpText()
    {
        var text = new System.Text.StringBuilder("Commands (short form, then the long one):\n");
        foreach (var command in Commands)
        {
            string names = string.Join(", ", [command.Short, .. command.Long]);
            text.Append("  ").Append(command.Usage.PadRight(20)).Append(names.PadRight(22)).Append(command.Help).Append('\n');
        }
        text.Append("""
            An empty line repeats the last step, continue or display command.

            Breakpoint SPEC forms (FUNCTION is an id, a route such as /fibonacci/add, or a name such as add):
              FUNCTION              before each job of the function is created
              FUNCTION/OUTPUT       before each value sent from that output ('add/' is the default output;
                                    OUTPUT may also be an input whose value the function passes on)
              FUNCTION:INPUT        before each value sent to that input (by name or number)
              FUNCTION->FUNCTION    when the first (a sender) is blocked by the second (either may be *)
              error                 on every job error (set when the debugger starts)
              idle [FLOW | *]       when the flow (an id, or the route of a sub-flow) goes idle and
                                    releases the senders it blocked

            Ctrl-C while the flow runs breaks at the next event; a second Ctrl-C ends flowr.

            """);
        return text.ToString();
    }
}
