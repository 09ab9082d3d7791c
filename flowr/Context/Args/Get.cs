// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;

namespace Flowr.Context.Args;

/// <summary>
/// <c>context://args/get</c> (docs/context-functions.md): <c>string</c> is the array of the flow's
/// arguments (argument 0 is the flow's URL), <c>json</c> the same arguments each parsed as JSON, or
/// the string itself when it does not parse (<c>"48"</c> → 48, <c>"abc"</c> → "abc"). Runs once.
/// </summary>
internal sealed class Get : IFunctionImplementation
{
    private readonly IReadOnlyList<string> _args;

    public Get(IReadOnlyList<string> args) => _args = args;

    public JobOutcome Run(ReadOnlySpan<Value> inputs)
    {
        var strings = new Value[_args.Count];
        var json = new Value[_args.Count];
        for (int i = 0; i < strings.Length; i++)
        {
            strings[i] = Value.FromString(_args[i]);
            json[i] = TextInput.TryParseJson(_args[i], out Value parsed) ? parsed : strings[i];
        }
        return JobOutcome.Ok(
            Value.FromObject(new("json", Value.FromArray(json)), new("string", Value.FromArray(strings))),
            runAgain: false);
    }
}
