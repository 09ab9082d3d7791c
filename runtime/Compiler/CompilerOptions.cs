// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Runtime.Compiler;

/// <summary>Settings of a <see cref="FlowCompiler"/>.</summary>
public sealed class CompilerOptions
{
    private const string LibraryPathVariable = "FLOW_LIB_PATH";

    /// <summary>Directories searched, in order, for <c>lib://&lt;name&gt;/…</c> libraries other than the built-in flowstdlib.</summary>
    public IReadOnlyList<string> LibrarySearchPath { get; init; } = [];

    /// <summary>The built-in tree that <c>lib://flowstdlib/…</c> resolves in (else flowstdlib is searched on the path).</summary>
    public IDefinitionTree? StandardLibrary { get; init; }

    /// <summary>The tree that <c>context://…</c> resolves in.</summary>
    public IDefinitionTree? Context { get; init; }

    /// <summary>Remove pure functions whose outputs go nowhere, repeatedly, until none is left. On by default.</summary>
    public bool RemoveDeadCode { get; init; } = true;

    /// <summary>Receives warnings about the user's own definitions (connections that reach no function, …), one line each.</summary>
    public Action<string>? Warning { get; init; }

    /// <summary>
    /// Receives the same notices when they concern only library or context definitions, which the
    /// user cannot change (a library flow's unused output, …): debug level, not warnings.
    /// </summary>
    public Action<string>? Debug { get; init; }

    /// <summary>
    /// The library search path: the entries of <c>$FLOW_LIB_PATH</c> (separated by ','), then
    /// <paramref name="libDirs"/> (the <c>-L</c> options), then <c>$HOME/.flow/lib</c>.
    /// </summary>
    public static IReadOnlyList<string> BuildLibrarySearchPath(IEnumerable<string> libDirs)
    {
        ArgumentNullException.ThrowIfNull(libDirs);
        var path = new List<string>();
        if (Environment.GetEnvironmentVariable(LibraryPathVariable) is { Length: > 0 } variable)
        {
            foreach (string entry in variable.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                path.Add(entry);
            }
        }
        path.AddRange(libDirs);
        if (Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } home)
        {
            path.Add(Path.Combine(home, ".flow", "lib"));
        }
        return path;
    }

    /// <summary>Where the directories of the library search path come from, for messages.</summary>
    internal const string SearchPathSources = "its directories come from $FLOW_LIB_PATH, -L and ~/.flow/lib";

    /// <summary>Which of $FLOW_LIB_PATH, -L or ~/.flow/lib put <paramref name="directory"/> on the search path.</summary>
    internal static string SearchPathOrigin(string directory)
    {
        if (Environment.GetEnvironmentVariable(LibraryPathVariable) is { Length: > 0 } variable
            && variable.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Contains(directory))
        {
            return "$" + LibraryPathVariable;
        }
        if (Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } home && directory == Path.Combine(home, ".flow", "lib"))
        {
            return "~/.flow/lib";
        }
        return "-L";
    }
}
