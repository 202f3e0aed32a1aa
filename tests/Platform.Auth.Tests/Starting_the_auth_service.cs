using Platform.Testing;

namespace Platform.Auth.Tests;

public sealed class Starting_the_auth_service : ServiceStartupSpecs<Program>;
