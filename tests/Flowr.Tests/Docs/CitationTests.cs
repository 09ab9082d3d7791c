// Copyright (c) flowr contributors. MIT licence.
using System.Text.RegularExpressions;
using Flowr.Tests.Infrastructure;

namespace Flowr.Tests.Docs;

/// <summary>
/// Comments and documents cite only files that are in the repository: every <c>*.md</c> name, and
/// every path into one of the repository's own folders, must resolve (relative to the citing file,
/// to the repository root, or, for a bare file name, to a file of that name anywhere in it). Read
/// are documents whole, and the comments of code (and a definition's <c>docs</c> key); a path on a
/// line that says it is upstream's names a file of upstream flow and is not checked.
/// </summary>
public sealed partial class CitationTests
{
    private static readonly string[] TextExtensions =
        [".cs", ".md", ".toml", ".props", ".targets", ".csproj", ".sh", ".c", ".h", ".wat", ".py", ".txt", ".yml", ".yaml", ".json"];
    private static readonly string[] SkippedFolders = [".git", "artifacts", "publish", "bin", "obj", "BenchmarkDotNet.Artifacts", "node_modules"];

    [Fact]
    public void Every_cited_file_is_in_the_repository()
    {
        string root = FlowrProcess.RepositoryRoot;
        var files = TextFiles(root).ToList();
        var names = files.Select(f => Path.GetFileName(f)).ToHashSet(StringComparer.Ordinal);
        var offences = new List<string>();
        foreach (string file in files)
        {
            string[] lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
            {
                foreach (string cited in Citations(CitingText(file, lines[i])))
                {
                    if (!Resolves(cited, file, root, names)) offences.Add($"{Path.GetRelativePath(root, file)}:{i + 1}: cites '{cited}', which is not in the repository");
                }
            }
        }
        Assert.True(offences.Count == 0, $"{offences.Count} citation(s) of files not in the repository:\n{string.Join('\n', offences)}");
    }

    [Theory]
    [InlineData("see runtime-semantics.md §7", "runtime-semantics.md")]
    [InlineData("(flow-language.md §2.3, runtime/Coordinator/RunState.cs)", "flow-language.md", "runtime/Coordinator/RunState.cs")]
    [InlineData("[language](docs/language.md#connections)", "docs/language.md")]
    [InlineData("https://github.com/x/y/blob/main/docs/running/flowr.md and flowr/src/lib/run_state.rs")]
    [InlineData("as upstream's flowr/examples/fibonacci/root.toml")]
    [InlineData("`flowstdlib/<module>/<name>.toml`")]
    public void Citations_are_found_in_a_line(string line, params string[] expected) => Assert.Equal(expected, Citations(line));

    [Theory]
    [InlineData("a.cs", "var path = \"examples/x.toml\"; // see docs/language.md", "// see docs/language.md")]
    [InlineData("a.cs", "var path = \"examples/x.toml\";", "")]
    [InlineData("a.cs", " * the rules of docs/runtime.md", " * the rules of docs/runtime.md")]
    [InlineData("a.cs", "[InlineData(\"https://example.org/a.md\")]", "")]
    [InlineData("a.toml", "docs = \"DESCRIPTION.md\"", "docs = \"DESCRIPTION.md\"")]
    [InlineData("a.toml", "source = \"x.toml\" # from y.md", "# from y.md")]
    [InlineData("a.md", "anything", "anything")]
    [InlineData("a.json", "\"docs/x.md\"", "")]
    public void Only_documents_comments_and_docs_keys_are_read(string file, string line, string expected) =>
        Assert.Equal(expected, CitingText(file, line));

    [Fact]
    public void A_citation_resolves_relative_to_the_file_the_root_or_by_name()
    {
        string root = FlowrProcess.RepositoryRoot;
        string citing = Path.Combine(root, "docs", "README.md");
        var names = new HashSet<string>(["PROTOCOL.md"], StringComparer.Ordinal);
        Assert.True(Resolves("language.md", citing, root, names));
        Assert.True(Resolves("../README.md", citing, root, names));
        Assert.True(Resolves("runtime/Library/README.md", citing, root, names));
        Assert.True(Resolves("PROTOCOL.md", citing, root, names));
        Assert.False(Resolves("runtime-semantics.md", citing, root, names));
        Assert.False(Resolves("docs/nowhere.md", citing, root, names));
    }

    /// <summary>The part of a line that can cite: a document's whole line, a comment of code, a definition's docs key.</summary>
    internal static string CitingText(string file, string line)
    {
        string extension = Path.GetExtension(file);
        string trimmed = line.TrimStart();
        switch (extension)
        {
            case ".md" or ".txt" or ".csproj" or ".props" or ".targets":
                return line;
            case ".cs" or ".c" or ".h":
                if (trimmed.StartsWith('*') || trimmed.StartsWith("/*", StringComparison.Ordinal)) return line;
                int slashes = CommentStart(line);
                return slashes < 0 ? "" : line[slashes..];
            case ".wat":
                int semicolons = line.IndexOf(";;", StringComparison.Ordinal);
                return semicolons < 0 ? "" : line[semicolons..];
            case ".json":
                return "";
            default:
                // TOML, shell, Makefile, Python, YAML: '#' comments; in TOML also docs = "DESCRIPTION.md".
                if (trimmed.StartsWith("docs", StringComparison.Ordinal)) return line;
                int hash = line.IndexOf('#', StringComparison.Ordinal);
                return hash < 0 ? "" : line[hash..];
        }
    }

    // The first "//" that is not the "://" of a URL.
    private static int CommentStart(string line)
    {
        for (int at = line.IndexOf("//", StringComparison.Ordinal); at >= 0; at = line.IndexOf("//", at + 2, StringComparison.Ordinal))
        {
            if (at == 0 || line[at - 1] != ':') return at;
        }
        return -1;
    }

    internal static IEnumerable<string> Citations(string line)
    {
        string text = Url().Replace(line, " ");
        var found = new List<string>();
        foreach (Match match in Markdown().Matches(text)) found.Add(match.Groups[1].Value);
        if (text.Contains("upstream", StringComparison.OrdinalIgnoreCase)) return found;
        foreach (Match match in RepositoryPath().Matches(text))
        {
            if (!found.Contains(match.Groups[1].Value)) found.Add(match.Groups[1].Value);
        }
        return found;
    }

    private static bool Resolves(string cited, string citingFile, string root, ISet<string> names)
    {
        string path = cited.TrimStart('/');
        if (File.Exists(Path.Combine(Path.GetDirectoryName(citingFile)!, cited)) || File.Exists(Path.Combine(root, path))) return true;
        return !cited.Contains('/') && names.Contains(cited);
    }

    private static IEnumerable<string> TextFiles(string directory)
    {
        foreach (string file in Directory.EnumerateFiles(directory))
        {
            if (TextExtensions.Contains(Path.GetExtension(file)) || Path.GetFileName(file) == "Makefile") yield return file;
        }
        foreach (string sub in Directory.EnumerateDirectories(directory))
        {
            if (SkippedFolders.Contains(Path.GetFileName(sub))) continue;
            foreach (string file in TextFiles(sub)) yield return file;
        }
    }

    [GeneratedRegex(@"[a-z][a-z0-9+.-]*://\S+")]
    private static partial Regex Url();

    // A markdown file name, with any path before it: README.md, docs/language.md
    [GeneratedRegex(@"(?<![\w/.-])((?:\.{1,2}/)*[\w./-]*[\w-]+\.md)\b")]
    private static partial Regex Markdown();

    // A path into one of this repository's folders: runtime/Coordinator/RunState.cs
    [GeneratedRegex(@"(?<![\w/.-])((?:runtime|flowr|flowrex|mdns|tests|bench|examples|docs)/[\w./-]*[\w-]+\.(?:cs|toml|sh|json|props|targets|csproj|c|h|wat))\b")]
    private static partial Regex RepositoryPath();
}
