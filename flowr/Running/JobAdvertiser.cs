// Copyright (c) flowr contributors. MIT licence.
using Flowr.Mdns;
using Flowr.Runtime.Distribution;
using Flowr.Runtime.Logging;
using Flowr.Runtime.Protocol;

namespace Flowr.Running;

/// <summary>
/// Advertises a run's job service with mDNS as <c>jobs._flowr._tcp.local</c> (TXT <c>proto</c>, <c>run</c>)
/// while the flow runs, and says goodbye when disposed; meanwhile <see cref="ExecutorDiscovery"/> invites
/// the executors that were waiting already, so they need not wait for the probing. Both happen in the
/// background, so work starts at once. <c>FLOWR_MDNS_SERVICE_TYPE</c> overrides the service type (tests).
/// </summary>
internal sealed class JobAdvertiser : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ExecutorDiscovery _discovery;
    private readonly Task _advertising;
    private MdnsResponder? _responder;

    public JobAdvertiser(JobService service)
    {
        _discovery = new ExecutorDiscovery(service);
        int port = service.Port;
        string runId = service.RunId;
        _advertising = Task.Run(() => AdvertiseAsync(port, runId));
    }

    private async Task AdvertiseAsync(int port, string runId)
    {
        try
        {
            var responder = new MdnsResponder(new MdnsOptions
            {
                ServiceTypeOverride = MdnsOptions.ServiceTypeFromEnvironment(),
                Log = message => Log.Debug($"mDNS: {message}"),
            });
            _responder = responder;
            var txt = new Dictionary<string, string>
            {
                ["proto"] = ProtocolConstants.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["run"] = runId,
            };
            var registration = await responder.AdvertiseAsync(ProtocolConstants.InstanceName, MdnsOptions.DefaultServiceType, (ushort)port, txt, _stop.Token).ConfigureAwait(false);
            Log.Info($"Job service advertised as '{registration.FullName}' on port {port}");
        }
        catch (OperationCanceledException)
        {
            // The flow ended before probing did.
        }
        catch (Exception error)
        {
            Log.Warn($"Could not advertise the job service with mDNS: {error.Message}");
        }
    }

    /// <summary>Stops probing and withdraws the advertisement (mDNS goodbye).</summary>
    public void Dispose()
    {
        _discovery.Dispose();
        _stop.Cancel();
        try
        {
            _advertising.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
            // Logged inside.
        }
        _responder?.Dispose();
        _stop.Dispose();
    }
}
