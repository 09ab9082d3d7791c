// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Mdns;

/// <summary>Thrown by <see cref="MdnsResponder.AdvertiseAsync"/> when probing finds the name taken and renaming is off.</summary>
public sealed class MdnsNameConflictException : Exception
{
    /// <summary>Creates the exception for the conflicting full service name.</summary>
    public MdnsNameConflictException(string name)
        : base($"The mDNS name '{name}' is already in use on the network.") => Name = name;

    /// <summary>The full name (instance.type.local) that another host owns.</summary>
    public string Name { get; }
}
