// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Running;

/// <summary>An error outside jobs that stops the run: printed as one line, exit code 1.</summary>
internal sealed class FlowRunException(string message) : Exception(message);
