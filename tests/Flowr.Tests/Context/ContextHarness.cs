// Copyright (c) flowr contributors. MIT licence.
using System.Text;
using Flowr.Context;
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;

namespace Flowr.Tests.Context;

/// <summary>A <see cref="ContextServices"/> over in-memory streams, for tests.</summary>
internal sealed class ContextHarness
{
    public ContextHarness(string stdin = "", TimeProvider? time = null, params string[] args)
    {
        Stdin = new MemoryStream(Encoding.UTF8.GetBytes(stdin));
        Services = new ContextServices(args.Length == 0 ? ["file:///flows/test/root.toml"] : args, Stdin, Stdout, Stderr, time ?? TimeProvider.System);
    }

    public MemoryStream Stdin { get; }
    public MemoryStream Stdout { get; } = new();
    public MemoryStream Stderr { get; } = new();
    public ContextServices Services { get; }

    public string StdoutText => Encoding.UTF8.GetString(Stdout.ToArray());
    public string StderrText => Encoding.UTF8.GetString(Stderr.ToArray());

    public IFunctionImplementation Create(string path)
    {
        Assert.True(Services.TryCreate("context://" + path, out IFunctionImplementation? implementation), path);
        return implementation;
    }

    public JobOutcome Run(string path, params Value[] inputs) => Create(path).Run(inputs);

    public static Value Member(Value value, string name)
    {
        Assert.True(value.IsObject, $"expected an object, got {value}");
        Assert.True(value.AsObject!.TryGetValue(name, out Value member), $"no member '{name}' in {value}");
        return member;
    }

    public static bool HasMember(Value value, string name) => value.AsObject!.TryGetValue(name, out _);
}
