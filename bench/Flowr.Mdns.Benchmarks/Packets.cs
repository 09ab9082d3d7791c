// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Mdns.Benchmarks;

/// <summary>Typical responses captured on a lab bridge (tests/Flowr.Mdns.Tests/netns/capture.sh).</summary>
internal static class Packets
{
    /// <summary>avahi 0.8 announcing jobs._flowr._tcp: TXT, PTR, SRV, AAAA, A, enumeration PTR, all in Answers.</summary>
    public static readonly byte[] Avahi = Convert.FromHexString(
        "000084000000000600000000046a6f6273065f666c6f7772045f746370056c6f63616c00001080010000119400180f726f6c653d6a6f62"
        + "2d72756e6e65720770726f746f3d31c011000c0001000011940002c00cc00c0021800100000078000e000000009d08056c61622d62c01d"
        + "c066001c8001000000780010fe8000000000000094f2c7fffe7d72f2c066000180010000007800040afb0002095f7365727669636573075f"
        + "646e732d7364045f756470c01d000c0001000011940002c011");

    /// <summary>python3-zeroconf 0.47 answering PTR? with SRV, TXT, A and NSEC as Additionals.</summary>
    public static readonly byte[] Zeroconf = Convert.FromHexString(
        "000084000000000100000004065f666c6f7772045f746370056c6f63616c00000c0001000011940009067a636a6f6273c00c0d7a632d3130"
        + "2d3235312d302d33c018002f000100001194000ac0320000000400000008c029001000010000119400180f726f6c653d6a6f622d72756e6e"
        + "65720770726f746f3d31c032000100010000007800040afb0003c02900210001000000780008000000009d6cc032");
}
