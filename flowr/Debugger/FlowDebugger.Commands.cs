// Copyright (c) flowr contributors. MIT licence.
using System.Globalization;
using Flowr.Runtime.Coordinator;

namespace Flowr.Debugger;

/// <summary>Where the debugger stopped, which decides what <c>run</c>, <c>continue</c> and <c>step</c> mean.</summary>
internal enum PauseKind
{
    /// <summary>Initialized, before the first job.</summary>
    Start,
    /// <summary>Before a job is dispatched.</summary>
    Job,
    /// <summary>At a value, a block, a flow going idle, a job error or an interrupt.</summary>
    Event,
    /// <summary>The flow has completed.</summary>
    End,
}

// The prompt loop and the commands.
internal sealed partial class FlowDebugger
{
    /// <summary>Prompts and runs commands until one lets the coordinator go on (or stops the run).</summary>
    private void Pause(PauseKind kind)
    {
        // A break for any reason ends a step in progress.
        _breakAtJob = long.MaxValue;
        while (true)
        {
            string? line = _console.ReadLine($"Job #{_state.Metrics.JobsCreated}> ");
            if (line is null)
            {
                Exit(kind);
                return;
            }
            var command = CommandParser.Parse(line, out string? error);
            if (command is null)
            {
                if (error is not null)
                {
                    _console.Write(error + "\n");
                    continue;
                }
                if (_last is null) continue;
                command = _last;
            }
            _last = command.Repeatable ? command : null;
            if (Execute(command, kind)) return;
        }
    }

    /// <summary>Runs one command; true when the coordinator may go on.</summary>
    private bool Execute(DebugCommand command, PauseKind kind)
    {
        switch (command.Kind)
        {
            case CommandKind.Break:
                AddBreakpoint(command.Argument);
                return false;
            case CommandKind.Delete:
                DeleteBreakpoint(command.Argument);
                return false;
            case CommandKind.List:
                _console.Write(_breakpoints.Count == 0
                    ? "No breakpoints: 'b SPEC' sets one ('h' shows the forms)\n"
                    : string.Concat(_breakpoints.Select(b => "  " + b.Describe(_names) + "\n")));
                return false;
            case CommandKind.Functions:
                _console.Write(StateReport.FunctionList(_names));
                return false;
            case CommandKind.Help:
                _console.Write(CommandParser.HelpText());
                return false;
            case CommandKind.Print:
                Print(command.Argument);
                return false;
            case CommandKind.Validate:
                _console.Write(StateReport.Validate(_state, _names, this));
                return false;
            case CommandKind.Modify:
                Modify(command.Argument);
                return false;
            case CommandKind.Continue when kind == PauseKind.End:
            case CommandKind.Exit:
                Exit(kind);
                return true;
            case CommandKind.Continue:
                _watchFrom = _watchTo = long.MaxValue;
                return true;
            case CommandKind.Step when kind == PauseKind.End:
                _console.Write("The flow has ended: 'r' runs it again, 'q' leaves\n");
                return false;
            case CommandKind.Step:
                long created = _state.Metrics.JobsCreated;
                _breakAtJob = created + command.Count;
                // The jobs that will run before the next break: their results are shown as they come back.
                _watchFrom = kind == PauseKind.Job ? created : created + 1;
                _watchTo = _breakAtJob;
                return true;
            case CommandKind.Run when kind == PauseKind.Start:
                return true;
            case CommandKind.Run:
                _console.Write("Resetting the flow to its initial state\n");
                _breakAtJob = _watchFrom = _watchTo = long.MaxValue;
                _restart = true;
                _stop = !_ended;
                return true;
            default:
                throw new InvalidOperationException($"unhandled debugger command {command.Kind}");
        }
    }

    /// <summary>The jobs at once: the run's own and those the speculation may run ahead.</summary>
    private int Jobs => 1 + (_speculation?.Window ?? 0);

    private int MaxJobs => 1 + (_speculation?.Capacity ?? 0);

    private void Exit(PauseKind kind)
    {
        _console.Write("Debugger is exiting" + (kind == PauseKind.End ? "\n" : ": the flow is stopped\n"));
        _stop = kind != PauseKind.End;
    }

    private void AddBreakpoint(string spec)
    {
        if (!BreakpointParser.TryParse(spec, _names, out var breakpoint, out string? error))
        {
            _console.Write(error + "\n");
            return;
        }
        if (_breakpoints.Contains(breakpoint!))
        {
            _console.Write($"Already set: {breakpoint!.Describe(_names)}\n");
            return;
        }
        _breakpoints.Add(breakpoint!);
        _console.Write($"Breakpoint set on {breakpoint!.Describe(_names)}\n");
    }

    private void DeleteBreakpoint(string spec)
    {
        if (spec == "*")
        {
            _console.Write($"Deleted {_breakpoints.Count} breakpoint(s)\n");
            _breakpoints.Clear();
            return;
        }
        if (!BreakpointParser.TryParse(spec, _names, out var breakpoint, out string? error))
        {
            _console.Write(error + "\n");
            return;
        }
        _console.Write(_breakpoints.Remove(breakpoint!)
            ? $"Deleted the breakpoint on {breakpoint!.Describe(_names)}\n"
            : $"There is no breakpoint on {breakpoint!.Describe(_names)} ('l' lists them)\n");
    }

    private void Print(string argument)
    {
        if (argument.Length == 0)
        {
            _console.Write(StateReport.Overview(_state, _names, this));
            return;
        }
        if (argument == "*")
        {
            for (int id = 0; id < _names.Count; id++) _console.Write(StateReport.Function(_state, _names, this, id));
            return;
        }
        if (!_names.TryFindFunction(argument, out int function, out string? error))
        {
            _console.Write(error + "\n");
            return;
        }
        _console.Write(StateReport.Function(_state, _names, this, function));
    }

    private void Modify(string argument)
    {
        if (argument.Length == 0)
        {
            _console.Write($"jobs={Jobs} (the run's job and up to {Jobs - 1} run ahead; 0 = {MaxJobs})  order={_state.Order.ToString().ToLowerInvariant()}  values={MaxValues}  width={ValueWidth}\n");
            return;
        }
        foreach (string setting in argument.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = setting.IndexOf('=');
            string name = equals < 0 ? setting : setting[..equals];
            string text = equals < 0 ? "" : setting[(equals + 1)..];
            bool isNumber = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int number);
            switch (name)
            {
                case "jobs" when isNumber && _speculation is null:
                    _console.Write("This run has no speculation: it runs one job at a time\n");
                    continue;
                case "jobs" when isNumber && _speculation is not null:
                    // The run stays one job at a time; -j bounds the jobs the speculation runs ahead of it.
                    _speculation.SetWindow(number == 0 ? _speculation.Capacity : number - 1);
                    if (number == 0) text = $"{Jobs} (as many as this run allows)";
                    else if (Jobs != number) text = $"{Jobs} (the most this run allows)";
                    break;
                case "order" when text is "fifo" or "random":
                    _state.Order = text == "fifo" ? ReadyOrder.Fifo : ReadyOrder.Random;
                    break;
                case "values" when isNumber && number > 0:
                    MaxValues = number;
                    break;
                case "width" when isNumber && number >= 8:
                    ValueWidth = number;
                    break;
                case "jobs" or "order" or "values" or "width":
                    _console.Write($"Invalid value '{text}' for '{name}': jobs=N (0 = as many as allowed), order=fifo|random, values=N (≥ 1), width=N (≥ 8)\n");
                    continue;
                default:
                    _console.Write($"Unknown parameter '{name}': jobs, order, values and width can be changed\n");
                    continue;
            }
            _console.Write($"{name} set to {text}\n");
        }
    }
}
