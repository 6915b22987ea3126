import { defineConfig } from "vite";

// Built by the silo's MSBuild target (Restaking.Silo.csproj) into dist/, which the build copies next to the host
// as contagion-view/. Relative asset paths: the page works wherever the host mounts it, and offline (no CDN).
export default defineConfig({
  base: "./",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // ECharts and sigma in one bundle are ~1.3 MB; served from loopback, one request is fine.
    chunkSizeWarningLimit: 2000,
    sourcemap: false,
  },
});
