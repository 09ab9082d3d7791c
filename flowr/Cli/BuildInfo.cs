// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Cli;

/// <summary>
/// The version flowr prints: <c>Version</c> in Directory.Build.props, which flowrex prints too, so
/// the two always agree. The constant itself is written at build time (Flowr.csproj, target
/// FlowrWriteVersion) into BuildInfo.Version.g.cs.
/// </summary>
internal static partial class BuildInfo;
