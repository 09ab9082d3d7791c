// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Runtime.Protocol;

/// <summary>The outcome of reading a frame from received bytes.</summary>
public enum ReadStatus
{
    /// <summary>A whole frame was read.</summary>
    Success,
    /// <summary>The bytes end inside a frame; read more and try again.</summary>
    NeedMoreData,
    /// <summary>The bytes cannot be a frame; close the connection.</summary>
    Malformed,
}
