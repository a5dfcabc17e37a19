// Builds the staff app (app/) into dist/app/, served by the server under /app/ (see
// src/staff-app/routes.ts). The service worker precaches the whole app shell, so after one online
// log-in the app opens without a network, across reloads and restarts.
import preact from "@preact/preset-vite";
import { defineConfig } from "vite";
import { VitePWA } from "vite-plugin-pwa";

// The public site's accent colour (src/site/assets/site.css, --accent): one product, one colour.
const accent = "#0b6158";

export default defineConfig({
  root: "app",
  base: "/app/",
  publicDir: "public",
  build: {
    outDir: "../dist/app",
    emptyOutDir: true,
    // Old Android WebViews and Chrome builds still in the field: ES2019 keeps them working.
    target: "es2019",
    assetsInlineLimit: 0,
  },
  plugins: [
    preact(),
    VitePWA({
      strategies: "generateSW",
      // An update waits for the user's click: reloading on its own could drop a half-filled form.
      registerType: "prompt",
      injectRegister: false,
      includeAssets: ["icon.svg"],
      manifest: {
        name: "Peerlink",
        short_name: "Peerlink",
        description: "Ghi chép công việc tiếp cận cộng đồng, cả khi không có mạng.",
        lang: "vi",
        dir: "ltr",
        start_url: "/app/",
        scope: "/app/",
        display: "standalone",
        orientation: "portrait",
        background_color: "#ffffff",
        theme_color: accent,
        icons: [
          { src: "icon-192.png", sizes: "192x192", type: "image/png" },
          { src: "icon-512.png", sizes: "512x512", type: "image/png" },
          { src: "icon-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
          { src: "icon.svg", sizes: "any", type: "image/svg+xml" },
        ],
      },
      workbox: {
        globPatterns: ["**/*.{js,css,html,svg,png,webmanifest}"],
        navigateFallback: "/app/index.html",
        navigateFallbackAllowlist: [/^\/app\//],
        // The API is never cached: records live in IndexedDB, and a stale answer would mislead.
        navigateFallbackDenylist: [/^\/api\//],
        cleanupOutdatedCaches: true,
        // The first install takes charge of the page at once, so a screen not opened yet still
        // opens offline in that first session; an update still waits for the person (prompt).
        clientsClaim: true,
        skipWaiting: false,
      },
    }),
  ],
});
