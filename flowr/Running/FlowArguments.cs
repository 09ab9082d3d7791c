// Copyright (c) flowr contributors. MIT licence.
using System.Collections;

namespace Flowr.Running;

/// <summary>
/// The flow's arguments as <c>args/get</c> sees them: the flow's file URL first, then those given after
/// the flow on the command line. The URL is made on first use: <see cref="Uri"/> costs a measurable part
/// of a short run's start-up, and most flows never ask for their arguments.
/// </summary>
internal sealed class FlowArguments(string flowFile, IReadOnlyList<string> given) : IReadOnlyList<string>
{
    private string? _url;

    public int Count => given.Count + 1;

    public string this[int index] =>
        (uint)index >= (uint)Count ? throw new ArgumentOutOfRangeException(nameof(index)) : index == 0 ? Url : given[index - 1];

    private string Url => _url ??= new Uri(Path.GetFullPath(flowFile)).AbsoluteUri;

    public IEnumerator<string> GetEnumerator()
    {
        yield return Url;
        foreach (string argument in given) yield return argument;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
