// Copyright (c) flowr contributors. MIT licence.
using System.Text;
using Flowr.Graph;
using Flowr.Runtime.Compiler;
using Flowr.Runtime.Library;

namespace Flowr.Tests.Docs;

/// <summary>
/// The function table of runtime/Library/README.md: names and types of every input and output come
/// from the definitions embedded in the runtime; the semantics column is the README's own text,
/// kept by function. <c>FLOWR_UPDATE_DOCS=1</c> makes the test write the regenerated file.
/// </summary>
internal static class LibraryReadme
{
    public const string Begin = "<!-- The table below is generated from the compiled-in definitions by tests/Flowr.Tests/Docs/LibraryReadme.cs; edit only its last column. -->";
    public const string End = "<!-- End of the generated table. -->";
    private const string Header = "| function | inputs | outputs | semantics and edge-case choices |\n|---|---|---|---|\n";

    public static string ReadmePath => Path.Combine(Infrastructure.FlowrProcess.RepositoryRoot, "runtime", "Library", "README.md");

    /// <summary>One embedded definition: its path under flowstdlib, whether it is a flow, its IOs.</summary>
    public sealed record Entry(string Path, bool IsFlow, IReadOnlyList<(string Name, string Type)> Inputs, IReadOnlyList<(string Name, string Type)> Outputs);

    /// <summary>Every definition embedded under flowstdlib/, in path order.</summary>
    public static IReadOnlyList<Entry> Definitions()
    {
        var tree = BuiltInDefinitionTree.StandardLibrary();
        var entries = new List<Entry>();
        foreach (string path in FlowStdLibDefinitions.Paths.Order(StringComparer.Ordinal))
        {
            var toml = TomlTree.Parse(tree.ReadText(path), FlowStdLib.Name + "/" + path);
            entries.Add(new Entry(path[..^".toml".Length], toml.ContainsKey("flow"), Ios(toml, "input"), Ios(toml, "output")));
        }
        return entries;
    }

    private static List<(string, string)> Ios(Dictionary<string, object> toml, string key) =>
        [.. toml.Tables(key).Select(io => (io.String("name") ?? "", io.String("type") ?? ""))];

    /// <summary>The README with its table regenerated; throws naming the functions that have no semantics text yet.</summary>
    public static string Regenerate(string readme)
    {
        int begin = readme.IndexOf(Begin, StringComparison.Ordinal);
        int end = readme.IndexOf(End, StringComparison.Ordinal);
        if (begin < 0 || end < begin) throw new InvalidOperationException($"{ReadmePath}: the markers of the generated table are missing");
        var semantics = ExistingSemantics(readme[(begin + Begin.Length)..end]);
        var table = new StringBuilder("\n").Append(Header);
        var missing = new List<string>();
        foreach (var entry in Definitions())
        {
            if (!semantics.TryGetValue(entry.Path, out string? text))
            {
                missing.Add(entry.Path);
                text = "";
            }
            table.Append("| `").Append(entry.Path).Append('`').Append(entry.IsFlow ? " (flow)" : "")
                .Append(" | ").Append(Describe(entry.Inputs)).Append(" | ").Append(Describe(entry.Outputs)).Append(" | ").Append(text).Append(" |\n");
        }
        if (missing.Count > 0) throw new InvalidOperationException($"{ReadmePath}: no semantics text for {string.Join(", ", missing)}");
        return readme[..(begin + Begin.Length)] + table + readme[end..];
    }

    /// <summary><c>i1: number, i2: number</c>; a single unnamed IO is <c>(default)</c>; no type means any value.</summary>
    internal static string Describe(IReadOnlyList<(string Name, string Type)> ios)
    {
        if (ios.Count == 0) return "–";
        return string.Join(", ", ios.Select(io => $"{(io.Name.Length > 0 ? io.Name : "(default)")}: {(io.Type.Length > 0 ? io.Type : "any")}"));
    }

    private static Dictionary<string, string> ExistingSemantics(string table)
    {
        var semantics = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string line in table.Split('\n'))
        {
            if (!line.StartsWith("| `", StringComparison.Ordinal)) continue;
            string name = line[3..line.IndexOf('`', 3)];
            // The semantics column is everything after the third cell separator (it may hold escaped pipes).
            int cell = 0, at = 0;
            for (int i = 1; i < line.Length && cell < 3; i++)
            {
                if (line[i] == '|' && line[i - 1] != '\\') { cell++; at = i; }
            }
            semantics[name] = line[(at + 1)..].TrimEnd().TrimEnd('|').Trim();
        }
        return semantics;
    }
}
