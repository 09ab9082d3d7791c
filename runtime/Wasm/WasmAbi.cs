// Copyright (c) flowr contributors. MIT licence.
using Wasmtime;

namespace Flowr.Runtime.Wasm;

/// <summary>Upstream flow's provided-function ABI: the exports a module must have, their signatures, and no imports.</summary>
internal static class WasmAbi
{
    public const string MemoryName = "memory";
    public const string AllocName = "alloc";
    public const string RunName = "run_wasm";

    /// <summary>Throws <see cref="WasmException"/> when the module imports anything or lacks an export of the right type.</summary>
    public static void CheckModule(string name, Module module)
    {
        if (module.Imports.Count > 0)
        {
            var import = module.Imports[0];
            throw new WasmException($"'{name}' imports '{import.ModuleName}.{import.Name}', but provided functions are offered no imports");
        }
        bool memory = false, alloc = false, run = false;
        foreach (var export in module.Exports)
        {
            switch (export)
            {
                case MemoryExport when export.Name == MemoryName:
                    memory = true;
                    break;
                case FunctionExport function when export.Name == AllocName:
                    if (!HasSignature(function, 1)) throw Signature(name, AllocName, "(i32) -> i32");
                    alloc = true;
                    break;
                case FunctionExport function when export.Name == RunName:
                    if (!HasSignature(function, 2)) throw Signature(name, RunName, "(i32, i32) -> i32");
                    run = true;
                    break;
            }
        }
        if (!memory) throw Missing(name, $"a memory named '{MemoryName}'");
        if (!alloc) throw Missing(name, $"a function '{AllocName}'");
        if (!run) throw Missing(name, $"a function '{RunName}'");
    }

    private static bool HasSignature(FunctionExport function, int parameters)
    {
        if (function.Parameters.Count != parameters || function.Results.Count != 1) return false;
        if (function.Results[0] != ValueKind.Int32) return false;
        foreach (var parameter in function.Parameters)
        {
            if (parameter != ValueKind.Int32) return false;
        }
        return true;
    }

    private static WasmException Missing(string name, string what) => new($"'{name}' does not export {what}");

    private static WasmException Signature(string name, string export, string expected) =>
        new($"'{name}' exports '{export}' with the wrong signature (expected {expected})");
}
