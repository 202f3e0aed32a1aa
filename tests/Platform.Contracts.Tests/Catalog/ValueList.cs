namespace Platform.Contracts.Tests.Catalog;

/// <summary>The static classes of string constants (<c>UserSources</c>, …) whose values are part of the contract.</summary>
internal static class ValueList
{
    public static IEnumerable<Type> All() =>
        typeof(UserDiscovered).Assembly.GetExportedTypes().Where(t => t is { IsAbstract: true, IsSealed: true });

    public static IEnumerable<string> Of(Type list) =>
        list.GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!);
}
