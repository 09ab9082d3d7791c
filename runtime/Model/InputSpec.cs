// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Model;

/// <summary>One input of a function: its array order, generic flag and initializers.</summary>
public sealed class InputSpec
{
    /// <summary>Input name; empty for the single unnamed (default) input or when not recorded.</summary>
    public string Name { get; init; } = "";

    /// <summary>Array depth of the input's type: <c>number</c> 0, <c>array/number</c> 1, …</summary>
    public int ArrayOrder { get; init; }

    /// <summary>A generic input takes every value unchanged (no array/scalar conversion).</summary>
    public bool Generic { get; init; }

    /// <summary>Initializer given on the function reference.</summary>
    public InputInitializer? Initializer { get; init; }

    /// <summary>Initializer propagated from a sub-flow input.</summary>
    public InputInitializer? FlowInitializer { get; init; }
}

/// <summary>How an initializer refills its input.</summary>
public enum InitializerKind : byte
{
    /// <summary>Put the value once, at start.</summary>
    Once,
    /// <summary>A constant: at start and again after every job (function initializer) or when the flow goes idle.</summary>
    Always,
}

/// <summary>An initializer: <c>{once = v}</c> or <c>{always = v}</c>.</summary>
public sealed record InputInitializer(InitializerKind Kind, Value Value);
