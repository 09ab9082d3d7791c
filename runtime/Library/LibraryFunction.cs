// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;

namespace Flowr.Runtime.Library;

/// <summary>One built-in function: its code, and how many inputs its definition has.</summary>
internal sealed record LibraryFunction(IFunctionImplementation Implementation, int InputCount);
