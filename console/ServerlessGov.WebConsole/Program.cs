using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.WebAssembly.Authentication;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;
using MudBlazor.Services;
using ServerlessGov.WebConsole;
using ServerlessGov.WebConsole.Api;
using ServerlessGov.WebConsole.SignIn;
using ServerlessGov.WebConsole.Text;

var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.RootComponents.Add<App>("#app");
builder.RootComponents.Add<HeadOutlet>("head::after");

var signIn = new SignInOptions();
builder.Configuration.GetSection(SignInOptions.Section).Bind(signIn);
builder.Services.AddSingleton(signIn);
builder.Services.AddMudServices();
builder.Services.AddSingleton<ConsoleText>();
builder.Services.AddAuthorizationCore();
builder.Services.AddCascadingAuthenticationState();
if (signIn.Mode == SignInMode.DevelopmentTokens)
{
    builder.Services.AddScoped<DevelopmentSignIn>();
    builder.Services.AddScoped<AuthenticationStateProvider>(sp => sp.GetRequiredService<DevelopmentSignIn>());
    builder.Services.AddScoped<IAccessTokenProvider>(sp => sp.GetRequiredService<DevelopmentSignIn>());
}
else
{
    builder.Services.AddOidcAuthentication(options =>
    {
        options.ProviderOptions.Authority = signIn.Authority;
        options.ProviderOptions.ClientId = signIn.ClientId;
        options.ProviderOptions.ResponseType = "code";
        foreach (var scope in signIn.ApiScopes)
        {
            options.ProviderOptions.DefaultScopes.Add(scope);
        }

        options.UserOptions.RoleClaim = ConsoleRoles.ClaimType;
        options.UserOptions.NameClaim = "name";
    }).AddAccountClaimsPrincipalFactory<EntraIdRolesFactory>();
}

// Locally (and behind a linked backend) the API is the console's own /api; deployed beside a function app it is that
// app's address (Api:BaseUrl, e.g. https://<app>.azurewebsites.net/api/), which allows the console's origin (CORS).
var api = builder.Configuration["Api:BaseUrl"] is { Length: > 0 } configured
    ? new Uri(configured.EndsWith('/') ? configured : configured + "/")
    : new Uri(new Uri(builder.HostEnvironment.BaseAddress), "api/");
builder.Services.AddConsoleApi(api);

var host = builder.Build();
await host.Services.GetRequiredService<ConsoleText>().LoadAsync();
await host.RunAsync();
