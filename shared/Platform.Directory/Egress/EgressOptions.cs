namespace Platform.Directory.Egress;

/// <summary>Platform configuration of where domain admins' settings may lead (section <c>Egress</c>).</summary>
public sealed class EgressOptions
{
    public const string Section = "Egress";

    /// <summary>
    /// Networks (CIDR, comma-separated) reachable although internal, e.g. a VPN to a customer's site, or
    /// <c>127.0.0.0/8,::1/128</c> for the local demo directories. The platform's own endpoints stay refused.
    /// </summary>
    public string? AllowedNetworks { get; set; }

    /// <summary>
    /// More of the platform's own endpoints (<c>host:port</c>, comma-separated) beyond those found in the service's
    /// configuration, e.g. the other services' ports.
    /// </summary>
    public string? PlatformEndpoints { get; set; }
}
