// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Runtime.Protocol;

/// <summary>The type byte of a frame (PROTOCOL.md, "Messages").</summary>
public enum MessageType : byte
{
    /// <summary>Executor → coordinator: version, name, architecture, threads, credit, largest message, nonce.</summary>
    Hello = 1,
    /// <summary>Coordinator → executor: version, run id, heartbeat interval, largest message, nonce, proof of the key.</summary>
    Welcome = 2,
    /// <summary>Executor → coordinator: proof of the pre-shared key.</summary>
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
    /// <summary>Coordinator → executor: a u64 the executor sends back at once in <see cref="Pong"/> (round trips).</summary>
    Ping = 12,
    /// <summary>Executor → coordinator: the u64 of a <see cref="Ping"/>.</summary>
    Pong = 13,
}
