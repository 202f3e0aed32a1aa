using Platform.Testing;

namespace Platform.Reporting.Tests;

public sealed class Starting_the_reporting_service : ServiceStartupSpecs<Program>;
