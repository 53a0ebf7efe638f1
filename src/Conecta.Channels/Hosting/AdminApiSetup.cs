using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Conecta.Channels.Hosting;

internal static class AdminApiSetup
{
    /// <summary>JWT bearer authentication, the admin/reader policies, idempotency keys and the OpenAPI document.</summary>
    public static IHostApplicationBuilder AddAdminApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<IOptions<AuthOptions>>(ConfigureJwt);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AdminTokens.WritePolicy, policy => policy.RequireRole(AdminTokens.AdminRole))
            .AddPolicy(AdminTokens.ReadPolicy, policy => policy.RequireRole(AdminTokens.ReaderRole, AdminTokens.AdminRole));
        builder.Services.AddSingleton<IdempotencyStore>();
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer<BearerSecurityTransformer>());
        return builder;
    }

    /// <summary>GET /openapi/v1.json and the Scalar UI at /scalar.</summary>
    public static IEndpointRouteBuilder MapAdminApiDocs(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi();
        app.MapScalarApiReference();
        return app;
    }

    private static void ConfigureJwt(JwtBearerOptions jwt, IOptions<AuthOptions> auth)
    {
        var options = auth.Value;
        // Claims keep the names the token uses, so RoleClaim means what the issuer wrote.
        jwt.MapInboundClaims = false;
        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = options.Issuer,
            ValidAudience = options.Audience,
            RoleClaimType = options.RoleClaim,
            NameClaimType = "sub",
            ClockSkew = TimeSpan.FromSeconds(30),
        };
        if (!string.IsNullOrWhiteSpace(options.Authority))
        {
            // The issuer and the signing keys then come from the authority's published metadata.
            jwt.Authority = options.Authority;
            jwt.TokenValidationParameters.ValidIssuer = null;
            return;
        }
        jwt.TokenValidationParameters.IssuerSigningKey = new SymmetricSecurityKey(options.SigningKeyBytes());
        jwt.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
    }
}

/// <summary>Tells OpenAPI readers (and the Scalar UI) that the admin API takes a bearer token.</summary>
internal sealed class BearerSecurityTransformer : IOpenApiDocumentTransformer
{
    private const string Scheme = "Bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Scheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A JWT with role admin (writes) or reader (reads). In Development one is printed at start.",
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Scheme, document)] = [] }];
        return Task.CompletedTask;
    }
}
