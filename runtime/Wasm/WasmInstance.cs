// Copyright (c) flowr contributors. MIT licence.
using Wasmtime;

namespace Flowr.Runtime.Wasm;

/// <summary>
/// One instance of a module with its own store, used by one thread at a time. Follows the call
/// sequence of the ABI (README.md): <c>alloc(max(len, cap))</c>, write the input JSON at the
/// pointer, <c>run_wasm(ptr, len)</c>, read the result over the input.
/// </summary>
internal sealed class WasmInstance : IDisposable
{
    // Upstream modules have one memory and one table; a few spare allow for odd toolchains.
    private const uint MaxTableElements = 1_000_000;
    private const int MaxTables = 4;

    private readonly Store _store;
    private readonly Memory _memory;
    private readonly Func<int, int> _alloc;
    private readonly Func<int, int, int> _run;
    private readonly int _resultCap;
    private readonly ulong _deadlineTicks;

    public WasmInstance(WasmModule module, WasmOptions options)
    {
        _resultCap = options.ResultCap;
        _deadlineTicks = options.DeadlineTicks;
        _store = new Store(WasmEngine.Instance);
        try
        {
            _store.SetLimits(memorySize: options.MemoryLimitBytes, tableElements: MaxTableElements, instances: 1, tables: MaxTables, memories: 1);
            // A start function runs during instantiation: it gets the same deadline as a call.
            _store.SetEpochDeadline(_deadlineTicks);
            var instance = new Instance(_store, module.Compiled);
            _memory = instance.GetMemory(WasmAbi.MemoryName) ?? throw new WasmException($"does not export a memory named '{WasmAbi.MemoryName}'");
            // Typed wrappers only: tuple returns fail under native AOT (README.md, "Single file").
            _alloc = instance.GetFunction<int, int>(WasmAbi.AllocName) ?? throw new WasmException($"does not export '{WasmAbi.AllocName}' as (i32) -> i32");
            _run = instance.GetFunction<int, int, int>(WasmAbi.RunName) ?? throw new WasmException($"does not export '{WasmAbi.RunName}' as (i32, i32) -> i32");
        }
        catch
        {
            _store.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs one call with the UTF-8 JSON array <paramref name="input"/> and returns the result bytes
    /// (valid until the next call). Throws <see cref="WasmException"/> for ABI violations and
    /// Wasmtime's <see cref="TrapException"/> for traps and interruption.
    /// </summary>
    public ReadOnlySpan<byte> Call(ReadOnlySpan<byte> input)
    {
        _store.SetEpochDeadline(_deadlineTicks);
        int length = input.Length;
        int size = Math.Max(length, _resultCap);
        long pointer = (uint)_alloc(size);
        long memoryLength = _memory.GetLength();
        if (pointer + size > memoryLength)
        {
            throw new WasmException($"'{WasmAbi.AllocName}({size})' returned {pointer}, outside its {memoryLength}-byte memory");
        }
        input.CopyTo(_memory.GetSpan(pointer, length));

        int resultLength = _run((int)pointer, length);
        if (resultLength < 0) throw new WasmException($"'{WasmAbi.RunName}' returned the negative result length {resultLength}");
        if (resultLength > _resultCap)
        {
            throw new WasmException($"the result of {resultLength} bytes is larger than the cap of {_resultCap} bytes");
        }
        memoryLength = _memory.GetLength();
        if (pointer + resultLength > memoryLength)
        {
            throw new WasmException($"the result of {resultLength} bytes at {pointer} lies outside the {memoryLength}-byte memory");
        }
        return _memory.GetSpan(pointer, resultLength);
    }

    public void Dispose() => _store.Dispose();
}
