// Copyright (c) flowr contributors. MIT licence.
using System.Reflection;

namespace Flowr.Cli;

/// <summary>
/// The version flowr prints: <c>Version</c> in Directory.Build.props, which flowrex prints too, so
/// the two always agree.
/// </summary>
internal static class BuildInfo
{
    public static string Version =>
        typeof(BuildInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
