// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Runtime.Wasm;

/// <summary>A provided-function module cannot be loaded or does not follow the ABI; the message gives the reason.</summary>
public sealed class WasmException : Exception
{
    /// <summary>An error with the reason.</summary>
    public WasmException(string message) : base(message)
    {
    }

    /// <summary>An error with the reason and its cause.</summary>
    public WasmException(string message, Exception inner) : base(message, inner)
    {
    }
}
