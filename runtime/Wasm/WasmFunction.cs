// Copyright (c) flowr contributors. MIT licence.
using System.Buffers;
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;
using Wasmtime;

namespace Flowr.Runtime.Wasm;

/// <summary>
/// A provided function implemented by a WebAssembly module, called with upstream flow's ABI
/// (<see cref="WasmInstance"/>). Each thread that calls it gets its own instance (store), so calls run
/// in parallel. Every failure (trap, timeout, interruption, ABI violation, malformed result) becomes an
/// error outcome naming the function; a trapped instance is dropped and the thread's next call starts
/// a fresh one.
/// </summary>
public sealed class WasmFunction : IFunctionImplementation, IDisposable
{
    private const int MaxCachedInputBytes = 64 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_input;

    private readonly WasmModule _module;
    private readonly WasmOptions _options;
    private readonly ThreadLocal<WasmInstance?> _instances = new(trackAllValues: true);
    private readonly bool _bareErrors;
    private readonly CancellationToken _interrupt;

    /// <summary>Creates the function <paramref name="name"/> (used in error messages) over a compiled module.</summary>
    public WasmFunction(string name, WasmModule module, WasmOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(module);
        Name = name;
        _module = module;
        _options = options ?? WasmOptions.Default;
    }

    /// <summary>
    /// A function run for a coordinator that shipped <paramref name="module"/>: its errors are the bare
    /// reason, which the coordinator words as a local run would, naming the function it knows. When
    /// <paramref name="interrupt"/> fires, running calls stop within an epoch tick and later calls fail at once.
    /// </summary>
    public static WasmFunction ForShippedModule(WasmModule module, WasmOptions options, CancellationToken interrupt = default) =>
        new(module.Name, module, options, bareErrors: true, interrupt);

    private WasmFunction(string name, WasmModule module, WasmOptions options, bool bareErrors, CancellationToken interrupt)
        : this(name, module, options)
    {
        _bareErrors = bareErrors;
        _interrupt = interrupt;
    }

    /// <summary>The name used in error messages (the function's route).</summary>
    public string Name { get; }

    /// <summary>The module behind this function.</summary>
    public WasmModule Module => _module;

    /// <summary>The limits its calls run with (they travel with the module to a remote executor).</summary>
    public WasmOptions Options => _options;

    /// <summary>
    /// The implementation of <paramref name="name"/> from the module file at <paramref name="path"/>
    /// (<c>.wasm</c> or <c>.wat</c>). When the module cannot be loaded, every call of the returned
    /// implementation is an error naming the function and the reason.
    /// </summary>
    public static IFunctionImplementation Load(string name, string path, WasmOptions? options = null)
    {
        try
        {
            return new WasmFunction(name, WasmModule.Load(path), options);
        }
        catch (WasmException e)
        {
            return new FailingFunction(FailureMessage(name, e.Message));
        }
    }

    /// <inheritdoc />
    public JobOutcome Run(ReadOnlySpan<Value> inputs)
    {
        if (_interrupt.IsCancellationRequested) return Fail(InterruptedReason);
        var instance = _instances.Value;
        try
        {
            if (instance is null) _instances.Value = instance = new WasmInstance(_module, _options, _interrupt);
            var outcome = WasmResult.Decode(instance.Call(SerializeInputs(inputs)));
            return outcome.IsError ? Fail(outcome.Error!) : outcome;
        }
        catch (Exception e) when (e is WasmException or WasmtimeException or WasmCallStoppedException)
        {
            // A trap may leave the guest's state half-updated: start afresh on the next call.
            if (instance is not null)
            {
                _instances.Value = null;
                instance.Dispose();
            }
            return Fail(Reason(e));
        }
    }

    private JobOutcome Fail(string reason) => JobOutcome.Fail(_bareErrors ? reason : FailureMessage(Name, reason));

    /// <summary>Releases every thread's instance; only when no call is running.</summary>
    public void Dispose()
    {
        foreach (var instance in _instances.Values) instance?.Dispose();
        _instances.Dispose();
    }

    internal static string FailureMessage(string name, string reason) => $"Provided function '{name}': {reason}";

    private const string InterruptedReason = "interrupted: the executor's session ended";

    private string Reason(Exception e)
    {
        // A call the epoch callback stopped arrives wrapped in Wasmtime's exception.
        if ((e as WasmCallStoppedException ?? e.InnerException as WasmCallStoppedException) is { } stopped)
        {
            return stopped.Why == WasmCallStoppedException.Cause.Interrupted ? InterruptedReason : TimeoutReason();
        }
        return e switch
        {
            TrapException trap => $"trapped in '{_module.Name}': {TrapReason(trap.Message)}{MemoryCapNote()}",
            WasmException => $"{e.Message} (module '{_module.Name}')",
            _ => $"'{_module.Name}': {FirstLine(e.Message)}",
        };
    }

    private string TimeoutReason()
    {
        string reason = $"stopped after running longer than {WasmOptions.Seconds(_options.CallTimeout)} s";
        return _options.RequestedCallTimeout is { } asked
            ? $"{reason}, this executor's cap ({WasmOptions.Seconds(asked)} s were asked for)"
            : reason;
    }

    // A lowered memory limit may be why a guest trapped (its memory.grow failed); say so beside the trap.
    private string MemoryCapNote() =>
        _options.RequestedMemoryLimitBytes is { } asked
            ? $" (this executor caps memory at {WasmOptions.MiB(_options.MemoryLimitBytes)} MiB; {WasmOptions.MiB(asked)} MiB were asked for)"
            : "";

    private static ReadOnlySpan<byte> SerializeInputs(ReadOnlySpan<Value> inputs)
    {
        var buffer = t_input;
        if (buffer is null || buffer.Capacity > MaxCachedInputBytes) t_input = buffer = new ArrayBufferWriter<byte>(256);
        buffer.ResetWrittenCount();
        buffer.GetSpan(1)[0] = (byte)'[';
        buffer.Advance(1);
        for (int i = 0; i < inputs.Length; i++)
        {
            if (i > 0)
            {
                buffer.GetSpan(1)[0] = (byte)',';
                buffer.Advance(1);
            }
            ValueJson.WriteCompact(inputs[i], buffer);
        }
        buffer.GetSpan(1)[0] = (byte)']';
        buffer.Advance(1);
        return buffer.WrittenSpan;
    }

    // Wasmtime's message is a backtrace followed by "Caused by: wasm trap: <reason>".
    private static string TrapReason(string message)
    {
        const string Marker = "wasm trap: ";
        int start = message.LastIndexOf(Marker, StringComparison.Ordinal);
        if (start >= 0) return FirstLine(message[(start + Marker.Length)..]);
        string[] lines = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length > 0 ? lines[^1] : message;
    }

    private static string FirstLine(string message)
    {
        int newline = message.IndexOf('\n');
        return (newline < 0 ? message : message[..newline]).Trim();
    }

    private sealed class FailingFunction(string message) : IFunctionImplementation
    {
        public JobOutcome Run(ReadOnlySpan<Value> inputs) => JobOutcome.Fail(message);
    }
}
