// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Runtime.Logging;

/// <summary>Verbosity levels, most verbose first; <see cref="Off"/> logs nothing.</summary>
public enum LogLevel
{
    Trace,
    Debug,
    Info,
    Warn,
    Error,
    Off,
}
