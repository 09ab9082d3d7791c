// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Model;

namespace Flowr.Runtime.Tests.Manifest;

/// <summary>Field-by-field comparison of two manifests.</summary>
internal static class ManifestAssert
{
    public static void Same(FlowManifest expected, FlowManifest actual, bool withDebug, bool withInputNames = true)
    {
        Assert.Equal(expected.Metadata.Name, actual.Metadata.Name);
        Assert.Equal(expected.Metadata.Version, actual.Metadata.Version);
        Assert.Equal(expected.Metadata.Description, actual.Metadata.Description);
        Assert.Equal(expected.Metadata.Authors, actual.Metadata.Authors);
        Assert.Equal(expected.LibReferences, actual.LibReferences);
        Assert.Equal(expected.ContextReferences, actual.ContextReferences);
        Assert.Equal(withDebug ? expected.SourceUrls : [], actual.SourceUrls);
        Assert.Equal(expected.Functions.Count, actual.Functions.Count);
        for (int i = 0; i < expected.Functions.Count; i++)
        {
            var (e, a) = (expected.Functions[i], actual.Functions[i]);
            Assert.Equal(e.Id, a.Id);
            Assert.Equal(e.FlowId, a.FlowId);
            Assert.Equal(e.ImplementationLocation, a.ImplementationLocation);
            Assert.Equal(withDebug ? e.Name : "", a.Name);
            Assert.Equal(withDebug ? e.Route : "", a.Route);
            Assert.Equal(e.Inputs.Count, a.Inputs.Count);
            for (int j = 0; j < e.Inputs.Count; j++)
            {
                var (ei, ai) = (e.Inputs[j], a.Inputs[j]);
                Assert.Equal(ei.ArrayOrder, ai.ArrayOrder);
                Assert.Equal(ei.Generic, ai.Generic);
                Assert.Equal(ei.Initializer, ai.Initializer);
                Assert.Equal(ei.FlowInitializer, ai.FlowInitializer);
                if (withInputNames) Assert.Equal(ei.Name, ai.Name);
            }
            Assert.Equal(e.OutputConnections.Count, a.OutputConnections.Count);
            for (int j = 0; j < e.OutputConnections.Count; j++)
            {
                var (ec, ac) = (e.OutputConnections[j], a.OutputConnections[j]);
                Assert.Equal(ec.Source, ac.Source);
                Assert.Equal(ec.DestinationId, ac.DestinationId);
                Assert.Equal(ec.DestinationIo, ac.DestinationIo);
                Assert.Equal(ec.DestinationFlowId, ac.DestinationFlowId);
                Assert.Equal(withDebug ? ec.DestinationRoute : "", ac.DestinationRoute);
                Assert.Equal(withDebug ? ec.Name : "", ac.Name);
            }
        }
    }
}
