namespace Conecta.Channels.Phones;

internal static class PhonesSetup
{
    /// <summary>The phone endpoints' JSON through source generation, ahead of the reflection default.</summary>
    public static IHostApplicationBuilder AddPhones(this IHostApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(options =>
            options.SerializerOptions.TypeInfoResolverChain.Insert(0, PhonesJsonContext.Default));
        return builder;
    }
}
