// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Runtime.Wasm;

/// <summary>
/// A call the host stopped: it ran past its time limit, or its owner was interrupted. Thrown from the
/// epoch callback, it reaches the caller as the inner exception of Wasmtime's own.
/// </summary>
internal sealed class WasmCallStoppedException(WasmCallStoppedException.Cause why) : Exception(why.ToString())
{
    public enum Cause
    {
        Timeout,
        Interrupted,
    }

    public Cause Why { get; } = why;
}
