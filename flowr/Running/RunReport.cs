// Copyright (c) flowr contributors. MIT licence.
using System.Text;
using Flowr.Runtime.Coordinator;
using Flowr.Runtime.Model;

namespace Flowr.Running;

/// <summary>
/// What flowr says about a run once it has ended: the one-line summary of failed jobs, and why a
/// flow stalled (functions that never ran and the inputs no value ever reached).
/// </summary>
internal static class RunReport
{
    /// <summary>Functions named in the one-line warning before "and N more".</summary>
    internal const int NamedInWarning = 3;

    /// <summary><c>flowr: 3 jobs failed; first: Job#2: /f/add: …</c>, or null when none failed.</summary>
    public static string? JobErrors(RunMetrics metrics)
    {
        if (metrics.JobErrors == 0) return null;
        string jobs = metrics.JobErrors == 1 ? "1 job failed" : $"{metrics.JobErrors} jobs failed";
        return $"flowr: {jobs}; first: {metrics.FirstJobError}";
    }

    /// <summary>The functions that never ran, in id order.</summary>
    public static IReadOnlyList<FunctionActivity> NeverRan(IReadOnlyList<FunctionActivity> activity) =>
        [.. activity.Where(a => a.NeverRan)];

    /// <summary>
    /// The warning for a flow that wrote nothing to stdout while some functions never ran: the first
    /// few by route, each with the inputs no value reached. Null when every function ran.
    /// </summary>
    public static string? StallWarning(IReadOnlyList<FunctionActivity> activity, int functionCount)
    {
        var neverRan = NeverRan(activity);
        if (neverRan.Count == 0) return null;
        var text = new StringBuilder("flowr: warning: the flow ended without writing to stdout; ");
        text.Append(neverRan.Count).Append(" of ").Append(functionCount).Append(neverRan.Count == 1 && functionCount == 1 ? " function" : " functions")
            .Append(" never ran: ");
        for (int i = 0; i < Math.Min(NamedInWarning, neverRan.Count); i++)
        {
            if (i > 0) text.Append("; ");
            text.Append(Describe(neverRan[i]));
        }
        if (neverRan.Count > NamedInWarning)
        {
            text.Append("; and ").Append(neverRan.Count - NamedInWarning).Append(" more (-v info or -m lists them all)");
        }
        return text.ToString();
    }

    /// <summary>One line per function that never ran, for <c>-v info</c> and <c>-m</c>.</summary>
    public static IEnumerable<string> StallLines(IReadOnlyList<FunctionActivity> activity) =>
        NeverRan(activity).Select(Describe);

    /// <summary><c>'/f/add' (no value reached '/f/add/i1')</c>.</summary>
    internal static string Describe(FunctionActivity function)
    {
        var spec = function.Function;
        var missing = new List<string>();
        for (int i = 0; i < function.ValuesReceived.Count; i++)
        {
            if (function.ValuesReceived[i] == 0) missing.Add($"'{InputRoute(spec, i)}'");
        }
        string name = $"'{spec.DisplayName}'";
        if (missing.Count > 0) return $"{name} (no value reached {string.Join(", ", missing)})";
        return function.Blocked ? $"{name} (blocked by a busy sub-flow it sends to)" : name;
    }

    /// <summary>An input's route: the function's route and the input's name (its index when unnamed).</summary>
    internal static string InputRoute(FunctionSpec function, int index)
    {
        string name = function.Inputs[index].Name;
        if (name.Length == 0) name = function.Inputs.Count == 1 ? "default" : index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return function.Route.Length > 0 ? $"{function.Route}/{name}" : $"{function.DisplayName} input {name}";
    }
}
