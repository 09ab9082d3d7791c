// Copyright (c) flowr contributors. MIT licence.
using System.Diagnostics;
using Flowr.Runtime.Logging;
using Flowr.Runtime.Model;

namespace Flowr.Graph;

/// <summary>Writes flow.dot beside the flow's root definition, and flow.svg when Graphviz's dot is installed.</summary>
internal static class GraphOutput
{
    public static void Write(FlowManifest manifest, string directory)
    {
        string dotPath = Path.Combine(directory, "flow.dot");
        File.WriteAllText(dotPath, DotGraphWriter.Write(manifest));
        Log.Info($"Graph written to '{dotPath}'");
        string svgPath = Path.Combine(directory, "flow.svg");
        try
        {
            var start = new ProcessStartInfo("dot") { UseShellExecute = false, RedirectStandardError = true };
            foreach (string argument in new[] { "-Tsvg", dotPath, "-o", svgPath }) start.ArgumentList.Add(argument);
            using var process = Process.Start(start);
            if (process is null) return;
            string errors = process.StandardError.ReadToEnd();
            if (!process.WaitForExit(TimeSpan.FromSeconds(30))) process.Kill();
            if (process.ExitCode != 0) Log.Warn($"dot could not draw '{dotPath}': {errors.Trim()}");
            else Log.Info($"Graph drawn in '{svgPath}'");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Log.Info("Graphviz 'dot' is not installed: flow.svg not drawn");
        }
    }
}
