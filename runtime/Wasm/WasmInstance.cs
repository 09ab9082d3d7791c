// Copyright (c) flowr contributors. MIT licence.
using System.Diagnostics;
using Wasmtime;

namespace Flowr.Runtime.Wasm;

/// <summary>
/// One instance of a module with its own store, used by one thread at a time. A call follows upstream
/// flow's sequence: <c>alloc(max(len, cap))</c>, write the input JSON at the pointer,
/// <c>run_wasm(ptr, len)</c>, read the result over the input. While guest code runs, every epoch tick
/// (<see cref="WasmEngine.EpochTick"/>) calls back into the host, which stops the call once it has
/// run longer than its timeout or once its owner was interrupted (an executor's session ended).
/// </summary>
internal sealed class WasmInstance : IDisposable
{
    // Upstream modules have one memory and one table; a few spare allow for odd toolchains.
    private const uint MaxTableElements = 1_000_000;
    private const int MaxTables = 4;

    // The callback runs on the thread executing the guest: this is the instance whose call it is.
    [ThreadStatic]
    private static WasmInstance? t_running;

    // One static delegate for every store: capturing an instance would root it in the store.
    private static readonly Store.EpochDeadlineCallback OnEpochDeadline = static _ => t_running?.CheckDeadline() ?? 1;

    private readonly Store _store;
    private readonly Memory _memory;
    private readonly Func<int, int> _alloc;
    private readonly Func<int, int, int> _run;
    private readonly int _resultCap;
    private readonly TimeSpan _timeout;
    private readonly CancellationToken _interrupt;
    // When the call was first seen running at a tick (0 until then): a call is stopped within a tick of its timeout.
    private long _started;
    private bool _inCall;

    public WasmInstance(WasmModule module, WasmOptions options, CancellationToken interrupt = default)
    {
        _resultCap = options.ResultCap;
        _timeout = options.CallTimeout;
        _interrupt = interrupt;
        _store = new Store(WasmEngine.Instance);
        WasmEpochTicker.Add(this);
        try
        {
            _store.SetLimits(memorySize: options.MemoryLimitBytes, tableElements: MaxTableElements, instances: 1, tables: MaxTables, memories: 1);
            _store.SetEpochDeadlineCallback(OnEpochDeadline);
            // A start function runs during instantiation: it gets the same deadline as a call.
            Instance instance;
            Begin();
            try
            {
                instance = new Instance(_store, module.Compiled);
            }
            finally
            {
                End();
            }
            _memory = instance.GetMemory(WasmAbi.MemoryName) ?? throw new WasmException($"does not export a memory named '{WasmAbi.MemoryName}'");
            // Typed wrappers only: Wasmtime's tuple-returning wrappers fail under native AOT.
            _alloc = instance.GetFunction<int, int>(WasmAbi.AllocName) ?? throw new WasmException($"does not export '{WasmAbi.AllocName}' as (i32) -> i32");
            _run = instance.GetFunction<int, int, int>(WasmAbi.RunName) ?? throw new WasmException($"does not export '{WasmAbi.RunName}' as (i32, i32) -> i32");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs one call with the UTF-8 JSON array <paramref name="input"/> and returns the result bytes
    /// (valid until the next call). Throws <see cref="WasmException"/> for ABI violations, and
    /// Wasmtime's exceptions for traps and for a call stopped at its deadline or by an interruption
    /// (<see cref="WasmCallStoppedException"/> is then the inner exception).
    /// </summary>
    public ReadOnlySpan<byte> Call(ReadOnlySpan<byte> input)
    {
        Begin();
        try
        {
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
        finally
        {
            End();
        }
    }

    /// <summary>True while a call (or the instantiation) runs; read by the epoch ticker.</summary>
    public bool InCall => Volatile.Read(ref _inCall);

    public void Dispose()
    {
        WasmEpochTicker.Remove(this);
        _store.Dispose();
    }

    private void Begin()
    {
        _started = 0;
        // The next tick calls back (CheckDeadline), whatever the timeout: an interruption is seen within a tick.
        _store.SetEpochDeadline(1);
        t_running = this;
        Volatile.Write(ref _inCall, true);
        WasmEpochTicker.CallStarting();
    }

    private void End()
    {
        Volatile.Write(ref _inCall, false);
        t_running = null;
    }

    // Throwing here ends the guest's execution; Wasmtime reports the exception as the inner one.
    private ulong CheckDeadline()
    {
        WasmEpochTicker.CalledBack();
        if (_interrupt.IsCancellationRequested) throw new WasmCallStoppedException(WasmCallStoppedException.Cause.Interrupted);
        if (_started == 0) _started = Stopwatch.GetTimestamp();
        else if (Stopwatch.GetElapsedTime(_started) >= _timeout) throw new WasmCallStoppedException(WasmCallStoppedException.Cause.Timeout);
        return 1;
    }
}
