using Platform.Directory.Egress;

namespace Platform.Bench;

/// <summary>The egress policy of the benchmarks: their private directories live on loopback, which the platform refuses unless allowed.</summary>
internal static class BenchEgress
{
    public const string LoopbackNetworks = "127.0.0.0/8,::1/128";

    public static EgressPolicy Loopback { get; } = new(EgressPolicy.ParseNetworks(LoopbackNetworks), []);
}
