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
        builder.Services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer<BearerSecurityTransformer>();
            options.AddOperationTransformer<EndpointSecurityTransformer>();
        });
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
    public const string Scheme = "Bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Scheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A JWT with role admin (writes) or reader (reads). In Development one is printed at start (and GET /dev/token).",
        };
        return Task.CompletedTask;
    }
}

/// <summary>
/// Security per operation, from the endpoint's own authorization: a bearer token and the role it needs, with the 401 and 403
/// it may answer, on the admin API; nothing on the anonymous endpoints (webhooks, phone validation, health).
/// </summary>
internal sealed class EndpointSecurityTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var policies = context.Description.ActionDescriptor.EndpointMetadata.OfType<Microsoft.AspNetCore.Authorization.IAuthorizeData>()
            .Select(a => a.Policy).ToList();
        if (policies.Count == 0) return Task.CompletedTask;
        var role = policies.Contains(AdminTokens.WritePolicy) ? "admin" : "reader or admin";
        operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerSecurityTransformer.Scheme, context.Document)] = [] }];
        operation.Description = $"Role: {role}.{(operation.Description is null ? "" : " " + operation.Description)}";
        operation.Responses ??= new OpenApiResponses();
        operation.Responses.TryAdd("401", new OpenApiResponse { Description = "No token, or an invalid or expired one." });
        operation.Responses.TryAdd("403", new OpenApiResponse { Description = $"The token's role is not {role}." });
        return Task.CompletedTask;
    }
}
