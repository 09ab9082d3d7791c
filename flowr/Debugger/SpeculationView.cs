// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Coordinator;

namespace Flowr.Debugger;

/// <summary>
/// The speculative run state beside the committed one the debugger shows: it runs jobs ahead whose
/// results the run takes when it makes the same jobs. The debugger never stops it; it shows what it has
/// out and changes how far ahead it may go (<c>modify jobs=N</c>).
/// </summary>
/// <param name="speculation">The speculative run state.</param>
/// <param name="jobsOut">Jobs handed to executors and not yet back (<see cref="FlowCoordinator.JobsOut"/>).</param>
/// <param name="restart">Restarts the speculation from the run at the next point between two jobs (<see cref="FlowCoordinator.RequestSpeculationRestart"/>).</param>
internal sealed class SpeculationView(RunState speculation, Func<int> jobsOut, Action restart)
{
    /// <summary>Jobs it may have made ahead of the run at once; 0 = none (the run makes and runs each job itself).</summary>
    public int Window => speculation.Window;

    /// <summary>The widest <see cref="Window"/> this run allows.</summary>
    public int Capacity => speculation.WindowCapacity;

    /// <summary>Jobs made ahead and not yet taken by the run: running, queued for an executor, or results kept.</summary>
    public int MadeAhead => speculation.RunningJobs;

    /// <summary>Jobs on executors now (at a break, only speculative ones: the run's own job is never out then).</summary>
    public int JobsOut => jobsOut();

    /// <summary>The speculative state's broken invariants (<see cref="RunState.CheckInvariants"/>); empty when all hold.</summary>
    public IReadOnlyList<string> CheckInvariants() => speculation.CheckInvariants();

    /// <summary>Sets <see cref="Window"/> (clamped to 0 … <see cref="Capacity"/>) and restarts the speculation from the run with it.</summary>
    public void SetWindow(int window)
    {
        speculation.Window = window;
        restart();
    }
}
