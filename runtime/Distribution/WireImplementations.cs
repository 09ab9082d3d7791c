// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Wasm;

namespace Flowr.Runtime.Distribution;

/// <summary>
/// How each function's jobs are named on the wire (PROTOCOL.md): a small implementation id per distinct
/// URL, the URL (<c>lib://flowstdlib/…</c>, or <c>wasm://sha256/…</c> for a WebAssembly function, whose
/// module travels before its first job), and which functions cannot leave flowr at all.
/// </summary>
internal sealed class WireImplementations
{
    private WireImplementations(int[] idOfFunction, string[] urls, WasmFunction?[] shipped, bool[] localOnly)
    {
        IdOfFunction = idOfFunction;
        Urls = urls;
        Shipped = shipped;
        LocalOnly = localOnly;
    }

    /// <summary>The implementation id of each function, by function id.</summary>
    public int[] IdOfFunction { get; }

    /// <summary>The URL of each implementation id.</summary>
    public string[] Urls { get; }

    /// <summary>The WebAssembly function whose module (and limits) each implementation id needs shipped first, or null.</summary>
    public WasmFunction?[] Shipped { get; }

    /// <summary>By function id: true when its jobs always run in flowr.</summary>
    public bool[] LocalOnly { get; }

    /// <param name="locations">The manifest's implementation location of each function, by function id.</param>
    /// <param name="implementations">The resolved implementations, by function id; null when there is no WebAssembly to ship.</param>
    public static WireImplementations Plan(IReadOnlyList<string> locations, IReadOnlyList<IFunctionImplementation>? implementations)
    {
        var idOfFunction = new int[locations.Count];
        var localOnly = new bool[locations.Count];
        var urls = new List<string>();
        var shipped = new List<WasmFunction?>();
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int function = 0; function < locations.Count; function++)
        {
            string url = locations[function];
            WasmFunction? wasm = null;
            if (implementations?[function] is WasmFunction candidate && WasmModuleTransfer.CanShip(candidate.Module))
            {
                wasm = candidate;
                url = WasmModuleTransfer.UrlFor(candidate.Module);
            }
            else if (!url.StartsWith(Library.FlowStdLib.UrlPrefix, StringComparison.Ordinal) && !url.StartsWith("context://", StringComparison.Ordinal))
            {
                // Provided code that could not be loaded here (its jobs fail with the reason) or is too big to ship.
                localOnly[function] = true;
            }
            if (!ids.TryGetValue(url, out int id))
            {
                id = urls.Count;
                ids.Add(url, id);
                urls.Add(url);
                shipped.Add(wasm);
            }
            idOfFunction[function] = id;
        }
        return new WireImplementations(idOfFunction, [.. urls], [.. shipped], localOnly);
    }
}
