// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;

namespace Flowr.Runtime.Library;

/// <summary>One built-in function: its path under <c>lib://flowstdlib/</c>, its code, and how many inputs its definition has.</summary>
internal sealed record LibraryFunction(string Path, IFunctionImplementation Implementation, int InputCount);
