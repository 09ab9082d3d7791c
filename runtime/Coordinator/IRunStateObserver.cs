// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Model;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Coordinator;

/// <summary>
/// Hook points of a committed <see cref="RunState"/>, for a debugger (a speculative state has none). Each
/// method is called synchronously on the thread that drives the run state (the coordinator thread), at
/// the rule named, so an observer pauses the whole run by not returning: while it waits, no job is
/// created, dispatched or retired (speculative jobs already on executors may finish; their results wait).
/// The run state stays consistent at every hook; observers may read it, and may change only run
/// parameters (<see cref="RunState.Order"/>, a speculation's <see cref="RunState.Window"/>). An observer
/// ends the run early through <see cref="StopRequested"/>, never by throwing.
/// </summary>
public interface IRunStateObserver
{
    /// <summary>
    /// True once the observer wants the current run to end (to restart it or to quit). The run state then
    /// runs no more context jobs, and the coordinator hands out no more jobs, takes back every job still
    /// out (speculative ones) without retiring anything, and returns. Hooks may still fire while it winds
    /// down; they must not pause then.
    /// </summary>
    bool StopRequested { get; }

    /// <summary>The run state was initialized (initial values queued, ready functions listed): no job exists yet.</summary>
    void RunStarted();

    /// <summary>
    /// A job was made (id, input set taken). A context job runs at its turn, on this thread; another is
    /// taken by the coordinator, which gives it the speculation's result or dispatches it.
    /// </summary>
    void JobCreated(Job job);

    /// <summary>A job's result came back and is being retired: it no longer counts as running; nothing is sent yet.</summary>
    void JobRetiring(Job job);

    /// <summary>A job failed; its error was logged. Its function is neither refilled nor completed.</summary>
    void JobFailed(Job job);

    /// <summary>
    /// A value is about to be sent from <paramref name="sourceId"/> over <paramref name="connection"/>
    /// (before array/scalar conversion and before it is queued).
    /// </summary>
    void ValueSending(int sourceId, OutputConnection connection, in Value value);

    /// <summary>A block was added: <paramref name="blockedId"/> (the sender) may not be scheduled until <paramref name="blockingId"/>'s flow goes idle.</summary>
    void BlockMade(int blockedId, int blockingId, int inputIndex);

    /// <summary>Flow <paramref name="flowId"/> went idle: its blocks are about to be released and its flow initializers applied.</summary>
    void FlowUnblocking(int flowId);

    /// <summary>The run finished (nothing ready, nothing running). Called by the coordinator, not when a stop was requested.</summary>
    void RunEnded();
}
