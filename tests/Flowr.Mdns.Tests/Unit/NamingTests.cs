// Copyright (c) flowr contributors. MIT licence.
using System.Net;
using Flowr.Mdns.Dns;
using Flowr.Mdns.Responder;
using Xunit;

namespace Flowr.Mdns.Tests.Unit;

public sealed class NamingTests
{
    [Theory]
    [InlineData("_flowr._tcp", "_flowr._tcp.local")]
    [InlineData("_flowr._tcp.local", "_flowr._tcp.local")]
    [InlineData("_flowr._tcp.local.", "_flowr._tcp.local")]
    [InlineData("_x._udp", "_x._udp.local")]
    public void ServiceTypesAreQualified(string given, string expected) =>
        Assert.Equal(expected, MdnsOptions.QualifyServiceType(given));

    [Theory]
    [InlineData("flowr")]
    [InlineData("_flowr")]
    [InlineData("_flowr._sctp")]
    public void InvalidServiceTypesAreRejected(string given) =>
        Assert.Throws<ArgumentException>(() => MdnsOptions.QualifyServiceType(given));

    [Theory]
    [InlineData("_flowr._tcp", "_flowrex._tcp")]
    [InlineData("_flowr._tcp.local.", "_flowrex._tcp")]
    [InlineData("_fxfd12x3._tcp", "_fxfd12x3ex._tcp")]
    public void ExecutorServiceTypeFollowsTheJobServiceType(string jobs, string executors) =>
        Assert.Equal(executors, MdnsOptions.ExecutorServiceTypeFor(jobs));

    [Fact]
    public void OverrideReplacesTheServiceType()
    {
        var options = new MdnsOptions { ServiceTypeOverride = "_flowrtest1._tcp" };
        Assert.Equal("_flowrtest1._tcp.local", options.EffectiveServiceType("_flowr._tcp"));
    }

    [Theory]
    [InlineData("jobs", true)]
    [InlineData("JOBS", true)]
    [InlineData("jobs (2)", true)]
    [InlineData("jobs (17)", true)]
    [InlineData("jobs (x)", false)]
    [InlineData("jobs #2", false)]
    [InlineData("jobsx", false)]
    public void RenamedInstancesMatch(string instance, bool expected)
    {
        var i = new ServiceInstance(instance, "_flowr._tcp.local", instance + "._flowr._tcp.local", "h.local", 1, [IPAddress.Loopback], new Dictionary<string, string>(), 1);
        Assert.Equal(expected, i.IsNamedOrRenamed("jobs"));
    }

    [Fact]
    public void TxtDecodingFollowsRfc6763()
    {
        byte[] rdata = [7, .. "proto=1"u8, 5, .. "flag="u8, 4, .. "bare"u8, 7, .. "PROTO=2"u8, 0, 3, .. "=xx"u8];
        var txt = DnsRecord.DecodeTxt(rdata);
        Assert.Equal("1", txt["proto"]);          // first occurrence wins, keys case-insensitive (§6.4)
        Assert.Equal(string.Empty, txt["flag"]);
        Assert.Equal(string.Empty, txt["bare"]);
        Assert.Equal(3, txt.Count);                // empty string and empty key skipped
    }

    [Fact]
    public void RenameFollowsRfc6762Section9Style()
    {
        var entry = new ServiceEntry("jobs", "_flowr._tcp.local", 1, [0], new Dictionary<string, string>());
        entry.Rename();
        Assert.Equal("jobs (2)._flowr._tcp.local", entry.FullName);
        entry.Rename();
        Assert.Equal("jobs (3)", entry.Instance);
    }

    [Fact]
    public void ProbeTieBreakComparesUncompressedRdata()
    {
        var low = new DnsRecord { Name = "jobs._flowr._tcp.local", Type = DnsType.Srv, Port = 1000, Target = "a.local" };
        var high = low with { Port = 2000 };
        Assert.True(ProbeTieBreak.Compare([low], [high]) < 0);
        Assert.True(ProbeTieBreak.Compare([high], [low]) > 0);
        Assert.Equal(0, ProbeTieBreak.Compare([high], [high with { Target = "a.local" }]));
        Assert.True(ProbeTieBreak.Compare([high], [high, high with { Target = "b.local" }]) < 0);   // equal prefix: more records is later
    }

    [Fact]
    public void NsecRdataFollowsRfc4034()
    {
        var host = ServiceEntry.HostNsec("flowr-x.local");
        Assert.Equal([7, .. "flowr-x"u8, 5, .. "local"u8, 0, 0, 1, 0x40], host.Opaque);
        var entry = new ServiceEntry("jobs", "_flowr._tcp.local", 1, [0], new Dictionary<string, string>());
        Assert.Equal(new byte[] { 0, 5, 0, 0, 0x80, 0, 0x40 }, entry.InstanceNsec().Opaque![^7..]);
    }
}
