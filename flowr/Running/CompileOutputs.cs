// Copyright (c) flowr contributors. MIT licence.
using System.Text;
using Flowr.Cli;
using Flowr.Graph;
using Flowr.Runtime.Model.Manifest;

namespace Flowr.Running;

/// <summary><c>-c</c> and <c>--graph</c>: write the manifest and/or the drawing beside the flow, and say which files were written.</summary>
internal static class CompileOutputs
{
    /// <summary>Writes what the options ask for, prints one "Wrote &lt;file&gt;" line per file on stdout, and returns the exit code.</summary>
    public static int Write(FlowLoader.LoadedFlow loaded, RunnerOptions options, Stream stdout)
    {
        string manifestPath = FlowLoader.ManifestPathFor(loaded);
        var written = new List<string>();
        if (options.Graph)
        {
            written.AddRange(GraphOutput.Write(loaded.Manifest, loaded.FromDefinition ? loaded.SourceFile : null, options.LibDirs,
                options.GraphExpand, Path.GetDirectoryName(manifestPath) ?? "."));
        }
        if (options.CompileOnly)
        {
            using (var file = File.Create(manifestPath)) ManifestWriter.WriteTo(loaded.Manifest, file, debug: true);
            written.Add(manifestPath);
        }
        var text = new StringBuilder();
        foreach (string file in written) text.Append("Wrote ").Append(DisplayPath(file)).Append('\n');
        stdout.Write(Encoding.UTF8.GetBytes(text.ToString()));
        stdout.Flush();
        return 0;
    }

    /// <summary>Relative to the working directory when the file is under it, else absolute.</summary>
    internal static string DisplayPath(string file)
    {
        string full = Path.GetFullPath(file);
        string relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), full);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? full : relative;
    }
}
