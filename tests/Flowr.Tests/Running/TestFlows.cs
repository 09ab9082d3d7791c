// Copyright (c) flowr contributors. MIT licence.
using Flowr.Tests.Infrastructure;

namespace Flowr.Tests.Running;

/// <summary>The flows under tests/Flowr.Tests/TestFlows: long runs the tests stop themselves.</summary>
internal static class TestFlows
{
    /// <summary>A limit no run reaches before the test stops it.</summary>
    public const string Forever = "1000000000000";

    public static string Path(string name) => System.IO.Path.Combine(FlowrProcess.RepositoryRoot, "tests", "Flowr.Tests", "TestFlows", name);

    public static string Example(string name) => System.IO.Path.Combine(FlowrProcess.RepositoryRoot, "examples", name);

    /// <summary>The progress line's text, which shows once a run is well under way.</summary>
    public const string StatusText = "jobs done";

    /// <summary>What erases the status line: carriage return, then clear to the end of the line.</summary>
    public const string Erase = "\r\u001b[K";

    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
}
