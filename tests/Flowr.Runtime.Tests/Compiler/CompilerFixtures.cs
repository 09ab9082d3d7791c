// Copyright (c) flowr contributors. MIT licence.
using System.Diagnostics.CodeAnalysis;
using Flowr.Runtime.Compiler;
using Flowr.Runtime.Model;

namespace Flowr.Runtime.Tests.Compiler;

/// <summary>An in-memory definition tree: '/'-separated paths to file texts.</summary>
internal sealed class MemoryTree : IDefinitionTree
{
    private readonly Dictionary<string, string> _files = new(StringComparer.Ordinal);
    private readonly HashSet<string> _directories = new(StringComparer.Ordinal);

    public MemoryTree Add(string path, string text)
    {
        _files[path] = text;
        for (int slash = path.LastIndexOf('/'); slash > 0; slash = path.LastIndexOf('/', slash - 1)) _directories.Add(path[..slash]);
        return this;
    }

    public bool TryResolve(string path, [NotNullWhen(true)] out string? resolvedPath)
    {
        resolvedPath = null;
        if (_directories.Contains(path))
        {
            string last = path[(path.LastIndexOf('/') + 1)..];
            foreach (string candidate in new[] { path + "/root.toml", path + "/" + last + ".toml" })
            {
                if (_files.ContainsKey(candidate))
                {
                    resolvedPath = candidate;
                    return true;
                }
            }
        }
        if (_files.ContainsKey(path)) resolvedPath = path;
        else if (_files.ContainsKey(path + ".toml")) resolvedPath = path + ".toml";
        return resolvedPath is not null;
    }

    public string ReadText(string resolvedPath) => _files[resolvedPath];

    public IEnumerable<string> DefinitionPaths() => _files.Keys;
}

/// <summary>A fake flowstdlib and context tree, and temporary flow directories.</summary>
internal sealed class FlowFiles : IDisposable
{
    public FlowFiles()
    {
        Root = Path.Combine(Path.GetTempPath(), "flowr-compiler-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    /// <summary>The temporary directory (absolute).</summary>
    public string Root { get; }

    public List<string> Warnings { get; } = [];

    /// <summary>Notices the compiler gives at debug level (about library and context definitions).</summary>
    public List<string> DebugNotices { get; } = [];

    public static MemoryTree StandardLibrary() => new MemoryTree()
        .Add("math/add/add.toml", Function("add", ("i1", "number"), ("i2", "number")) + Output("", "number"))
        .Add("math/subtract/subtract.toml", Function("subtract", ("i1", "number"), ("i2", "number")) + Output("", "number"))
        .Add("control/compare_switch/compare_switch.toml", Function("compare_switch", ("left", "number"), ("right", "number"))
            + Output("equal", "number") + Output("right-lte", "number") + Output("left-lte", "number"))
        .Add("control/join/join.toml", Function("join", ("data", ""), ("control", "")) + Output("", ""))
        .Add("data/count/count.toml", Function("count", ("data", ""), ("count", "number")) + Output("count", "number"))
        .Add("fmt/to_string/to_string.toml", Function("to_string", ("", "")) + Output("", "string"))
        .Add("data/sort/sort.toml", Function("sort", ("", "array/number")) + Output("", "array/number"))
        .Add("math/sequence.toml", """
            flow = "sequence"
            [[input]]
            name = "start"
            type = "number"
            [[input]]
            name = "step"
            type = "number"
            [[input]]
            name = "limit"
            type = "number"
            [[output]]
            name = "number"
            type = "number"
            [[output]]
            name = "last"
            type = "number"
            [[process]]
            alias = "compare"
            source = "lib://flowstdlib/control/compare_switch"
            [[process]]
            source = "../math/add"
            [[connection]]
            from = "input/start"
            to = "compare/left"
            [[connection]]
            from = "input/limit"
            to = "compare/right"
            [[connection]]
            from = "input/step"
            to = "add/i2"
            [[connection]]
            from = "compare/left-lte"
            to = ["output/number", "add/i1"]
            [[connection]]
            from = "add/i2"
            to = "add/i2"
            [[connection]]
            from = "add"
            to = "compare/left"
            [[connection]]
            from = "compare/equal"
            to = "output/last"
            """);

    public static MemoryTree Context() => new MemoryTree()
        .Add("stdio/stdout.toml", "function = \"stdout\"\nimpure = true\n[[input]]\n")
        .Add("stdio/stderr/stderr.toml", "function = \"stderr\"\nimpure = true\n[[input]]\n")
        .Add("args/get.toml", "function = \"get\"\nimpure = true\n[[output]]\nname = \"string\"\ntype = \"array/string\"\n[[output]]\nname = \"json\"\ntype = \"array/\"\n")
        .Add("stdio/stdin.toml", "function = \"stdin\"\nimpure = true\n[[output]]\nname = \"string\"\ntype = \"string\"\n[[output]]\nname = \"json\"\n");

    public static string Function(string name, params (string Name, string Type)[] inputs)
    {
        var text = new System.Text.StringBuilder($"function = \"{name}\"\nsource = \"{name}.rs\"\n");
        foreach (var (inputName, type) in inputs) text.Append(Io("input", inputName, type));
        return text.ToString();
    }

    public static string Output(string name, string type) => Io("output", name, type);

    public static string Input(string name, string type) => Io("input", name, type);

    private static string Io(string kind, string name, string type)
    {
        var text = new System.Text.StringBuilder($"\n[[{kind}]]\n");
        if (name.Length > 0) text.Append($"name = \"{name}\"\n");
        if (type.Length > 0) text.Append($"type = \"{type}\"\n");
        return text.ToString();
    }

    /// <summary>Writes a file below <see cref="Root"/> and returns its absolute path.</summary>
    public string Write(string relativePath, string text)
    {
        string path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public string PathOf(string relativePath) => Path.Combine(Root, relativePath);

    public CompilerOptions Options(bool removeDeadCode = true, IReadOnlyList<string>? searchPath = null) => new()
    {
        StandardLibrary = StandardLibrary(),
        Context = Context(),
        RemoveDeadCode = removeDeadCode,
        LibrarySearchPath = searchPath ?? [],
        Warning = Warnings.Add,
        Debug = DebugNotices.Add,
    };

    public FlowManifest Compile(string relativePath = "", bool removeDeadCode = true) =>
        new FlowCompiler(Options(removeDeadCode)).Compile(PathOf(relativePath));

    /// <summary>Writes root.toml and compiles the directory.</summary>
    public FlowManifest CompileRoot(string rootToml, bool removeDeadCode = true)
    {
        Write("root.toml", rootToml);
        return Compile("", removeDeadCode);
    }

    /// <summary>Writes root.toml, expects a compile error, returns its message.</summary>
    public string CompileError(string rootToml, bool removeDeadCode = true)
    {
        Write("root.toml", rootToml);
        return Assert.Throws<CompileException>(() => Compile("", removeDeadCode)).Message;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory does not affect results.
        }
    }
}
