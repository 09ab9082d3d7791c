// Copyright (c) flowr contributors. MIT licence.
using System.Diagnostics;
using Flowr.Runtime.Logging;
using Flowr.Runtime.Model;

namespace Flowr.Graph;

/// <summary>Writes flow.dot beside the flow's root definition, and flow.svg when Graphviz's dot is installed.</summary>
internal static class GraphOutput
{
    /// <summary>
    /// Draws the flow: from its definition files when it was compiled from them (sub-flows with their
    /// ports, library flows whole unless <paramref name="expandLibraries"/>), else from the manifest.
    /// Returns the files written.
    /// </summary>
    public static IReadOnlyList<string> Write(FlowManifest manifest, string? rootDefinition, IReadOnlyList<string> libDirs, bool expandLibraries, string directory)
    {
        string dot;
        if (rootDefinition is not null)
        {
            var root = new FlowOutlineReader(libDirs).Read(rootDefinition);
            var routes = new HashSet<string>(manifest.Functions.Select(f => f.Route).Where(r => r.Length > 0), StringComparer.Ordinal);
            dot = OutlineGraphWriter.Write(root, expandLibraries, routes);
        }
        else
        {
            dot = DotGraphWriter.Write(manifest);
        }
        string dotPath = Path.Combine(directory, "flow.dot");
        File.WriteAllText(dotPath, dot);
        var written = new List<string> { dotPath };
        if (DrawSvg(dotPath, Path.Combine(directory, "flow.svg")) is { } svgPath) written.Add(svgPath);
        return written;
    }

    private static string? DrawSvg(string dotPath, string svgPath)
    {
        try
        {
            var start = new ProcessStartInfo("dot") { UseShellExecute = false, RedirectStandardError = true };
            foreach (string argument in new[] { "-Tsvg", dotPath, "-o", svgPath }) start.ArgumentList.Add(argument);
            using var process = Process.Start(start);
            if (process is null) return null;
            string errors = process.StandardError.ReadToEnd();
            if (!process.WaitForExit(TimeSpan.FromSeconds(30))) process.Kill();
            if (process.ExitCode == 0) return svgPath;
            Log.Warn($"dot could not draw '{dotPath}': {errors.Trim()}");
            return null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Log.Info("Graphviz 'dot' is not installed: flow.svg not drawn");
            return null;
        }
    }
}
