// Copyright (c) flowr contributors. MIT licence.
using Flowr.Context;
using Flowr.Runtime.Compiler;
using Flowr.Runtime.Library;
using Flowr.Runtime.Logging;
using Flowr.Runtime.Model;
using Flowr.Runtime.Model.Manifest;

namespace Flowr.Running;

/// <summary>
/// Turns the command line's flow argument into a compiled flow: a definition (directory with
/// root.toml, or a .toml file) is always compiled fresh in memory; a manifest.json (or a directory
/// holding one and no root.toml) is read as it is.
/// </summary>
internal static class FlowLoader
{
    /// <summary>A loaded flow and the file it came from.</summary>
    public sealed record LoadedFlow(FlowManifest Manifest, string SourceFile, bool FromDefinition);

    public static LoadedFlow Load(string flow, IReadOnlyList<string> libDirs, bool removeDeadCode)
    {
        string? manifestFile = FindManifest(flow);
        if (manifestFile is not null)
        {
            var manifest = ManifestReader.Read(File.ReadAllText(manifestFile), manifestFile);
            return new LoadedFlow(manifest, manifestFile, false);
        }
        var compiler = new FlowCompiler(new CompilerOptions
        {
            LibrarySearchPath = CompilerOptions.BuildLibrarySearchPath(libDirs),
            StandardLibrary = BuiltInDefinitionTree.StandardLibrary(),
            Context = ContextDefinitions.Tree,
            RemoveDeadCode = removeDeadCode,
            Warning = Log.Warn,
            // Notices about library internals are formatted only when someone reads them.
            Debug = Log.IsEnabled(LogLevel.Debug) ? Log.Debug : null,
        });
        var compiled = compiler.Compile(flow);
        return new LoadedFlow(compiled, RootDefinitionFile(flow), true);
    }

    /// <summary>Where <c>--compile</c> writes: manifest.json beside the root definition.</summary>
    public static string ManifestPathFor(LoadedFlow loaded) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(loaded.SourceFile)) ?? ".", "manifest.json");

    private static string? FindManifest(string flow)
    {
        if (Directory.Exists(flow))
        {
            if (File.Exists(Path.Combine(flow, "root.toml"))) return null;
            string candidate = Path.Combine(flow, "manifest.json");
            return File.Exists(candidate) ? candidate : null;
        }
        return flow.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && File.Exists(flow) ? flow : null;
    }

    private static string RootDefinitionFile(string flow)
    {
        if (!Directory.Exists(flow)) return File.Exists(flow) ? flow : flow + ".toml";
        string root = Path.Combine(flow, "root.toml");
        if (File.Exists(root)) return root;
        string name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(flow)));
        return Path.Combine(flow, name + ".toml");
    }
}
