// deploy/nginx.conf is a template; these check the rendering a deployment and tests/deploy/nginx.test.ts share.
import { describe, expect, it } from "vitest";
import { renderNginxConf } from "./nginx-conf";

const OPTIONS = { listen: "80", serverName: "hashatlas.example.org", cacheDir: "/var/cache/nginx/hashatlas", appPorts: [3001, 3002, 3003] };

describe("renderNginxConf", () => {
  const conf = renderNginxConf(OPTIONS);
  const directives = conf.split("\n").filter((line) => !line.trimStart().startsWith("#"));

  it("writes one upstream server per instance port, with the template's health-check options", () => {
    const servers = directives.filter((line) => /^\s*server 127\.0\.0\.1:/.test(line)).map((line) => line.trim());
    expect(servers).toEqual([3001, 3002, 3003].map((port) => `server 127.0.0.1:${port} max_fails=1 fail_timeout=5s;`));
  });

  it("fills in listen, server_name and the cache path, and leaves no placeholder outside comments", () => {
    expect(directives).toContain("    listen 80;");
    expect(directives).toContain("    server_name hashatlas.example.org;");
    expect(directives.some((line) => line.startsWith("proxy_cache_path /var/cache/nginx/hashatlas "))).toBe(true);
    expect(directives.join("\n")).not.toMatch(/\$\{[A-Z_]+\}/);
  });

  it("keeps what the deployment depends on: GETs retried on another instance, POSTs never once sent, imports limited", () => {
    expect(directives).toContain("    proxy_next_upstream error timeout http_502 http_503;");
    expect(conf).not.toMatch(/^\s*proxy_next_upstream[^;]*non_idempotent/m);
    expect(conf).toMatch(/location = \/api\/import \{\s*limit_req zone=hashatlas_imports/);
    expect(directives).toContain("    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;");
  });

  it("refuses a placeholder it does not know and options nginx would misread", () => {
    expect(() => renderNginxConf(OPTIONS, "listen ${LISTEN};\nroot ${ROOT};\n")).toThrow(/unknown placeholder \$\{ROOT\}/);
    expect(renderNginxConf(OPTIONS, "# ${ROOT} in a comment stays\n")).toBe("# ${ROOT} in a comment stays\n");
    expect(() => renderNginxConf({ ...OPTIONS, cacheDir: "/tmp/x; include /etc/passwd" })).toThrow(/cacheDir/);
    expect(() => renderNginxConf({ ...OPTIONS, appPorts: [] })).toThrow(/appPorts/);
    expect(() => renderNginxConf({ ...OPTIONS, listen: "80; deny all" })).toThrow(/listen/);
  });
});
