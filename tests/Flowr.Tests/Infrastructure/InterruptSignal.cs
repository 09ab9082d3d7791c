// Copyright (c) flowr contributors. MIT licence.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Flowr.Tests.Infrastructure;

/// <summary>
/// Gives the test process, and so every flowr, flowrex and tool it starts, the default action for SIGINT.
/// A shell starts a background job (<c>make test &amp;</c>, a CI runner's script) with SIGINT ignored, a
/// child keeps an ignored signal across exec, and .NET then never sees the signal: the tests that press
/// Ctrl-C would test the shell that started them rather than the binaries.
/// </summary>
internal static partial class InterruptSignal
{
    private const int SIGINT = 2;

    [ModuleInitializer]
    internal static void UseDefaultAction()
    {
        if (OperatingSystem.IsLinux()) SetHandler(SIGINT, IntPtr.Zero);   // SIG_DFL
    }

    [LibraryImport("libc", EntryPoint = "signal")]
    private static partial IntPtr SetHandler(int signal, IntPtr handler);
}
