using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace CraftCX.Api.Dashboard;

/// <summary>Serves the supervisor dashboard (static files copied beside the assembly) at /dashboard; / leads there.</summary>
internal static class DashboardEndpoints
{
    public const string Path = "/dashboard";

    public static WebApplication UseDashboard(this WebApplication app)
    {
        var root = System.IO.Path.Combine(AppContext.BaseDirectory, "dashboard");
        if (!Directory.Exists(root))
        {
            return app;
        }

        var files = new PhysicalFileProvider(root);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files, RequestPath = Path });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            RequestPath = Path,
            ContentTypeProvider = new FileExtensionContentTypeProvider(),
            OnPrepareResponse = context =>
            {
                // Everything the page needs is served from here: no CDN, no inline script.
                var headers = context.Context.Response.Headers;
                headers.ContentSecurityPolicy = "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'";
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
            },
        });
        app.MapGet("/", () => Results.Redirect(Path + "/")).ExcludeFromDescription();
        return app;
    }
}
