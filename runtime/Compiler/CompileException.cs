// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Runtime.Compiler;

/// <summary>
/// A flow definition could not be compiled. <see cref="Exception.Message"/> is the full one-line
/// message for the user, starting with the definition file it concerns (and its line when known).
/// </summary>
public sealed class CompileException : Exception
{
    /// <summary>Creates the exception with the full one-line message.</summary>
    public CompileException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with the full one-line message and its cause.</summary>
    public CompileException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with an empty message.</summary>
    public CompileException() : base("")
    {
    }
}

internal static class CompileError
{
    /// <summary>Throws a <see cref="CompileException"/> "<c>file: message</c>".</summary>
    [DoesNotReturn]
    public static void Throw(string file, string message) => throw new CompileException(Format(file, message));

    /// <summary>Throws a <see cref="CompileException"/> "<c>file:line: message</c>" (no line when 0).</summary>
    [DoesNotReturn]
    public static void Throw(string file, int line, string message) => throw new CompileException(Format(At(file, line), message));

    public static string Format(string file, string message) => file.Length == 0 ? message : $"{file}: {message}";

    /// <summary>"file:line", or the file alone when the line is not known.</summary>
    public static string At(string file, int line) => line > 0 && file.Length > 0 ? $"{file}:{line}" : file;
}
