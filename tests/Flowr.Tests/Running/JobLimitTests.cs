// Copyright (c) flowr contributors. MIT licence.
using Flowr.Tests.Infrastructure;

namespace Flowr.Tests.Running;

/// <summary>
/// <c>-j N</c> bounds the jobs out at once; a bound larger than flowr's own queues hold is flowr's own
/// bound (it once let more jobs out than the queues could take, and a wide fan-out hung).
/// </summary>
public sealed class JobLimitTests : IDisposable
{
    private const int Width = 20_000;
    private readonly string _dir = Directory.CreateTempSubdirectory("flowr-jobs-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // 20,000 ones serialised into add's i1: 20,000 independent jobs, each printing 2.
    private string WideFanOut()
    {
        File.WriteAllText(Path.Combine(_dir, "root.toml"), $$"""
            flow = "wide"
            [[process]]
            alias = "ones"
            source = "lib://flowstdlib/data/duplicate"
            input.value = { once = 1 }
            input.factor = { once = {{Width}} }
            [[process]]
            source = "lib://flowstdlib/math/add"
            input.i2 = { always = 1 }
            [[process]]
            source = "context://stdio/stdout"
            [[connection]]
            from = "ones"
            to = "add/i1"
            [[connection]]
            from = "add"
            to = "stdout"
            """);
        return _dir;
    }

    [Theory]
    [InlineData("3")]
    [InlineData("4096")]
    [InlineData("100000")]
    public void A_wide_fan_out_runs_to_its_end_under_any_job_limit(string jobs)
    {
        var result = FlowrProcess.Run(["-j", jobs, WideFanOut()], timeout: TimeSpan.FromSeconds(60));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Concat(Enumerable.Repeat("2\n", Width)), result.Stdout);
        Assert.Equal("", result.Stderr);
    }
}
