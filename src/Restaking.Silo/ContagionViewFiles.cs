using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;

namespace Restaking.Silo;

/// <summary>Serves the contagion view (src/Restaking.Silo/web, built by the .NET build into contagion-view/ next to the host)
/// at <c>/</c>; the Orleans dashboard keeps <c>/dashboard/</c> and the API <c>/api/</c>. See docs/contagion-view.md.</summary>
public static class ContagionViewFiles
{
    /// <summary>The folder the build copies the bundle to, next to the host's assemblies.</summary>
    public static string Root => Path.Combine(AppContext.BaseDirectory, "contagion-view");

    /// <summary>Serves the view from every host built with these services (a startup filter: in front of whatever the
    /// host maps, so it needs no line in the host's own pipeline).</summary>
    public static IServiceCollection AddContagionView(this IServiceCollection services) =>
        services.AddTransient<IStartupFilter, ContagionViewStartupFilter>();

    /// <summary>Serves index.html at <c>/</c> and the bundle's assets; nothing when the bundle is absent (a build without it).</summary>
    public static IApplicationBuilder UseContagionView(this IApplicationBuilder app)
    {
        if (!File.Exists(Path.Combine(Root, "index.html"))) return app;
        var files = new PhysicalFileProvider(Root);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            // Asset names carry a content hash; index.html does not, so it is re-read and a new build shows at once.
            OnPrepareResponse = c =>
            {
                if (c.File.Name == "index.html") c.Context.Response.Headers.CacheControl = "no-cache";
            },
        });
        return app;
    }

    private sealed class ContagionViewStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseContagionView();
            next(app);
        };
    }
}
