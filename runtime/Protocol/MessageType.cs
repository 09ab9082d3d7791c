// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Runtime.Protocol;

/// <summary>The type byte of a frame (PROTOCOL.md, "Messages").</summary>
public enum MessageType : byte
{
    /// <summary>Executor → coordinator: version, name, architecture, threads, credit.</summary>
    Hello = 1,
    /// <summary>Coordinator → executor: version, run id, heartbeat interval, auth nonce.</summary>
    Welcome = 2,
    /// <summary>Executor → coordinator: HMAC-SHA256 of the nonce with the pre-shared key.</summary>
    Auth = 3,
    /// <summary>Coordinator → executor: maps a small implementation id to a <c>lib://</c> URL.</summary>
    Implementation = 4,
    /// <summary>Coordinator → executor: a batch of jobs.</summary>
    Jobs = 5,
    /// <summary>Executor → coordinator: a batch of results.</summary>
    Results = 6,
    /// <summary>Executor → coordinator: more credit (jobs it can hold).</summary>
    Credit = 7,
    /// <summary>Either way: nothing to say, still alive.</summary>
    Heartbeat = 8,
    /// <summary>Coordinator → executor: the flow has ended.</summary>
    Done = 9,
    /// <summary>Either way: the sender closes the connection, with a reason.</summary>
    Close = 10,
    /// <summary>Coordinator → executor: a provided function's WebAssembly module, named by its SHA-256.</summary>
    Module = 11,
}
