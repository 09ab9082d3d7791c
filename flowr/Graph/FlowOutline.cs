// Copyright (c) flowr contributors. MIT licence.
using Flowr.Context;
using Flowr.Runtime.Compiler;
using Flowr.Runtime.Library;

namespace Flowr.Graph;

/// <summary>One input or output of a definition: its name ("" for a single unnamed one) and type.</summary>
internal sealed record OutlineIo(string Name, string Type);

/// <summary>An initializer written on a process: <c>input.i1 = { once = 0 }</c>.</summary>
internal sealed record OutlineInitializer(string Input, string Kind, string Value);

/// <summary>A <c>[[connection]]</c> as written: one source, one or more destinations, an optional name.</summary>
internal sealed record OutlineConnection(string From, IReadOnlyList<string> To, string Name);

/// <summary>A <c>[[process]]</c>: its alias, its source as written, and the definition it found.</summary>
internal sealed record OutlineProcess(string Alias, string Source, OutlineDefinition Definition, IReadOnlyList<OutlineInitializer> Initializers);

/// <summary>A flow or function definition, as far as a drawing needs it.</summary>
internal sealed class OutlineDefinition
{
    public required string Name { get; init; }
    public required bool IsFlow { get; init; }
    /// <summary>Where it was found: a file path, or a <c>lib://</c> / <c>context://</c> URL.</summary>
    public required string Location { get; init; }
    public bool IsLibrary => Location.StartsWith("lib://", StringComparison.Ordinal);
    public bool IsContext => Location.StartsWith("context://", StringComparison.Ordinal);
    public IReadOnlyList<OutlineIo> Inputs { get; init; } = [];
    public IReadOnlyList<OutlineIo> Outputs { get; init; } = [];
    public IReadOnlyList<OutlineProcess> Processes { get; init; } = [];
    public IReadOnlyList<OutlineConnection> Connections { get; init; } = [];

    /// <summary>The index of the input or output called <paramref name="name"/> ("" or "default" find a single unnamed one).</summary>
    public static int IndexOf(IReadOnlyList<OutlineIo> ios, string name)
    {
        for (int i = 0; i < ios.Count; i++) if (ios[i].Name == name) return i;
        return ios.Count == 1 && ios[0].Name.Length == 0 && (name.Length == 0 || name == "default") ? 0 : -1;
    }
}

/// <summary>
/// Reads a flow's definition files again, after it compiled, to draw them as written: sub-flows with
/// their ports, library flows as single nodes. References resolve by the compiler's rules
/// (relative to the referring file; a directory gives its root.toml or &lt;name&gt;.toml; ".toml" may be
/// left out); <c>lib://flowstdlib</c> and <c>context://</c> come from the definitions built into flowr.
/// </summary>
internal sealed class FlowOutlineReader
{
    private const string LibraryScheme = "lib://";
    private const string ContextScheme = "context://";
    private readonly IReadOnlyList<string> _librarySearchPath;
    private readonly IDefinitionTree _standardLibrary = BuiltInDefinitionTree.StandardLibrary();
    private readonly Dictionary<string, OutlineDefinition> _read = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reading = new(StringComparer.Ordinal);

    public FlowOutlineReader(IReadOnlyList<string> libDirs) => _librarySearchPath = CompilerOptions.BuildLibrarySearchPath(libDirs);

    /// <summary>The root definition in <paramref name="file"/>.</summary>
    public OutlineDefinition Read(string file) => Load(new Place(null, "", Path.GetFullPath(file), Path.GetFullPath(file)));

    // Where a definition lives: in a tree (library or context) at a '/' path, or a file on disk.
    private sealed record Place(IDefinitionTree? Tree, string Scheme, string Path, string Location);

    private OutlineDefinition Load(Place place)
    {
        if (_read.TryGetValue(place.Location, out var known)) return known;
        if (!_reading.Add(place.Location)) throw new InvalidOperationException($"'{place.Location}' includes itself");
        string text = place.Tree is { } tree ? tree.ReadText(place.Path) : File.ReadAllText(place.Path);
        var toml = TomlTree.Parse(text, place.Location);
        bool isFlow = toml.ContainsKey("flow");
        var definition = new OutlineDefinition
        {
            Name = toml.String(isFlow ? "flow" : "function") ?? "",
            IsFlow = isFlow,
            Location = place.Location,
            Inputs = Ios(toml, "input"),
            Outputs = Ios(toml, "output"),
            Processes = isFlow ? [.. toml.Tables("process").Select(p => Process(p, place))] : [],
            Connections = isFlow ? [.. toml.Tables("connection").Select(Connection)] : [],
        };
        _reading.Remove(place.Location);
        _read[place.Location] = definition;
        return definition;
    }

    private static List<OutlineIo> Ios(Dictionary<string, object> toml, string key) =>
        [.. toml.Tables(key).Select(io => new OutlineIo(io.String("name") ?? "", io.String("type") ?? ""))];

    private OutlineProcess Process(Dictionary<string, object> process, Place from)
    {
        string source = process.String("source") ?? "";
        var definition = Load(Resolve(source, from));
        var initializers = new List<OutlineInitializer>();
        if (process.Table("input") is { } inputs)
        {
            foreach (var (input, value) in inputs)
            {
                if (value is not Dictionary<string, object> initializer) continue;
                foreach (var (kind, constant) in initializer) initializers.Add(new OutlineInitializer(input, kind, TomlTree.Display(constant)));
            }
        }
        return new OutlineProcess(process.String("alias") ?? definition.Name, source, definition, initializers);
    }

    private static OutlineConnection Connection(Dictionary<string, object> connection)
    {
        IReadOnlyList<string> to = connection.TryGetValue("to", out var value) && value is List<object> list
            ? [.. list.OfType<string>()]
            : [connection.String("to") ?? ""];
        return new OutlineConnection(connection.String("from") ?? "", to, connection.String("name") ?? "");
    }

    private Place Resolve(string reference, Place from)
    {
        if (reference.StartsWith(LibraryScheme, StringComparison.Ordinal))
        {
            string rest = reference[LibraryScheme.Length..];
            int slash = rest.IndexOf('/');
            string library = slash < 0 ? rest : rest[..slash];
            string path = slash < 0 ? "" : rest[(slash + 1)..];
            foreach (var tree in LibraryTrees(library))
            {
                if (tree.TryResolve(path, out var resolved)) return new Place(tree, $"{LibraryScheme}{library}/", resolved, $"{LibraryScheme}{library}/{resolved}");
            }
            throw NotFound(reference);
        }
        if (reference.StartsWith(ContextScheme, StringComparison.Ordinal))
        {
            if (ContextDefinitions.Tree.TryResolve(reference[ContextScheme.Length..], out var resolved))
            {
                return new Place(ContextDefinitions.Tree, ContextScheme, resolved, ContextScheme + resolved);
            }
            throw NotFound(reference);
        }
        string relative = reference.StartsWith("file://", StringComparison.Ordinal) ? reference["file://".Length..] : reference;
        if (from.Tree is { } inTree)
        {
            // A relative reference inside a library stays in that library.
            int slash = from.Path.LastIndexOf('/');
            string joined = relative.StartsWith('/') || slash < 0 ? relative : from.Path[..slash] + "/" + relative;
            if (inTree.TryResolve(joined, out var resolved)) return new Place(inTree, from.Scheme, resolved, from.Scheme + resolved);
            throw NotFound(reference);
        }
        string full = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(from.Path) ?? ".", relative));
        var disk = new DirectoryDefinitionTree(Path.GetPathRoot(full) ?? "/");
        if (disk.TryResolve(full, out var file)) return new Place(null, "", disk.FullPath(file), disk.FullPath(file));
        throw NotFound(reference);
    }

    private IEnumerable<IDefinitionTree> LibraryTrees(string library)
    {
        if (library == FlowStdLib.Name) yield return _standardLibrary;
        foreach (string directory in _librarySearchPath)
        {
            string root = Path.Combine(directory.StartsWith("file://", StringComparison.Ordinal) ? directory["file://".Length..] : directory, library);
            if (Directory.Exists(root)) yield return new DirectoryDefinitionTree(root);
        }
    }

    private static InvalidOperationException NotFound(string reference) => new($"could not find '{reference}' again to draw it");
}
