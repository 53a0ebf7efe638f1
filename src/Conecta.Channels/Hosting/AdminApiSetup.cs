using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Conecta.Channels.Hosting;

internal static class AdminApiSetup
{
    /// <summary>
    /// JWT bearer authentication, the admin/reader policies with the reader's as the fallback (an endpoint that says nothing
    /// requires a token: only webhooks, health and, when configured, the reference are anonymous), idempotency keys, the
    /// admin listener and the OpenAPI document.
    /// </summary>
    public static IHostApplicationBuilder AddAdminApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        builder.Services.AddOptions<AdminApiOptions>().BindConfiguration(AdminApiOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AdminApiOptions>, AdminApiOptionsValidator>();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<IOptions<AuthOptions>>(ConfigureJwt);
        var reader = new AuthorizationPolicyBuilder().RequireRole(AdminTokens.ReaderRole, AdminTokens.AdminRole).Build();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AdminTokens.WritePolicy, policy => policy.RequireRole(AdminTokens.AdminRole))
            .AddPolicy(AdminTokens.ReadPolicy, reader)
            .SetFallbackPolicy(reader);
        builder.Services.AddSingleton<IdempotencyStore>();
        builder.Services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer<BearerSecurityTransformer>();
            options.AddOperationTransformer<EndpointSecurityTransformer>();
        });
        return builder;
    }

    /// <summary>
    /// The admin listener (AdminApi:Port), authentication, the request limits (after authentication: a token counts as
    /// itself only once it is valid) and authorization, in that order.
    /// </summary>
    public static IApplicationBuilder UseAdminApiSecurity(this IApplicationBuilder app) =>
        app.UseAdminListener().UseAuthentication().UseRateLimiter().UseAuthorization();

    /// <summary>GET /openapi/v1.json and the Scalar UI at /scalar: with a reader token, or anonymous with AdminApi:AnonymousDocs.</summary>
    public static IEndpointRouteBuilder MapAdminApiDocs(this IEndpointRouteBuilder app)
    {
        var anonymous = app.ServiceProvider.GetRequiredService<IOptions<AdminApiOptions>>().Value.AnonymousDocs;
        IEndpointConventionBuilder[] docs = [app.MapOpenApi(), app.MapScalarApiReference()];
        foreach (var endpoint in docs)
            if (anonymous) endpoint.AllowAnonymous();
            else endpoint.RequireAuthorization(AdminTokens.ReadPolicy);
        return app;
    }

    private static void ConfigureJwt(JwtBearerOptions jwt, IOptions<AuthOptions> auth)
    {
        var options = auth.Value;
        // Claims keep the names the token uses, so RoleClaim means what the issuer wrote.
        jwt.MapInboundClaims = false;
        jwt.Events = new JwtBearerEvents { OnTokenValidated = context => RefuseLongLived(context, options.MaxTokenLifetime) };
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

    /// <summary>A token that may live longer than Auth:MaxTokenLifetime is refused (401) even while it is valid.</summary>
    private static Task RefuseLongLived(TokenValidatedContext context, TimeSpan max)
    {
        var token = context.SecurityToken;
        var issuedAt = token is Microsoft.IdentityModel.JsonWebTokens.JsonWebToken jwt ? jwt.IssuedAt : DateTime.MinValue;
        if (AdminTokens.LifetimeProblem(issuedAt, token.ValidFrom, token.ValidTo, max) is { } problem) context.Fail(problem);
        return Task.CompletedTask;
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
/// it may answer, on every endpoint that is not explicitly anonymous (webhooks, health, the development token).
/// </summary>
internal sealed class EndpointSecurityTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        // Anonymous only where it says so; anything else takes at least the fallback policy's reader role.
        if (metadata.OfType<IAllowAnonymous>().Any()) return Task.CompletedTask;
        var policies = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).ToList();
        var role = policies.Contains(AdminTokens.WritePolicy) ? "admin" : "reader or admin";
        operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerSecurityTransformer.Scheme, context.Document)] = [] }];
        operation.Description = $"Role: {role}.{(operation.Description is null ? "" : " " + operation.Description)}";
        operation.Responses ??= new OpenApiResponses();
        operation.Responses.TryAdd("401", new OpenApiResponse { Description = "No token, or an invalid or expired one." });
        operation.Responses.TryAdd("403", new OpenApiResponse { Description = $"The token's role is not {role}." });
        return Task.CompletedTask;
    }
}
