using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.FileProviders;

namespace Restaking.Silo;

/// <summary>Serves the contagion view (src/Restaking.Silo/web, built by the .NET build into contagion-view/ next to the host)
/// at <c>/</c>; the Orleans dashboard keeps <c>/dashboard/</c>. See docs/contagion-view.md.</summary>
public static class ContagionViewFiles
{
    /// <summary>The folder the build copies the bundle to, next to the host's assemblies.</summary>
    public static string Root => Path.Combine(AppContext.BaseDirectory, "contagion-view");

    /// <summary>Serves index.html at <c>/</c> and the bundle's assets; nothing when the bundle is absent (a build without it).</summary>
    public static WebApplication UseContagionView(this WebApplication app)
    {
        if (!File.Exists(Path.Combine(Root, "index.html"))) return app;
        var files = new PhysicalFileProvider(Root);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files, RequestPath = "" });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            // Hashed asset names change with every build; index.html must be re-read so a new build is picked up.
            OnPrepareResponse = c =>
            {
                if (c.File.Name == "index.html") c.Context.Response.Headers.CacheControl = "no-cache";
            },
        });
        return app;
    }
}
