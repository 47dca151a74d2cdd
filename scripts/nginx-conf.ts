// deploy/nginx.conf with its placeholders filled in: for a deployment (the command line below) and
// for tests/deploy/nginx.test.ts, which runs the rendered file — one config, never a test copy.
//   node --import tsx scripts/nginx-conf.ts --listen 80 --server-name example.org --cache-dir /var/cache/nginx/hashatlas --ports 3001,3002
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";

export const NGINX_TEMPLATE = path.resolve(__dirname, "..", "deploy", "nginx.conf");

const port = z.coerce.number().int().min(1).max(65535);
export const NginxConfOptionsSchema = z.object({
  listen: z
    .string()
    .regex(/^([\w.:[\]-]+:)?\d{1,5}$/, "must be a port or address:port")
    .describe("What nginx listens on: a port (80) or address:port (127.0.0.1:8080)"),
  serverName: z
    .string()
    .regex(/^[\w.*-]+( [\w.*-]+)*$/, "must be host names separated by spaces")
    .describe("nginx server_name: the host names this site answers for"),
  cacheDir: z
    .string()
    .regex(/^\/[^\s;'"{}$]*$/, "must be an absolute path without spaces, quotes, braces or $")
    .describe("Where nginx keeps cached answers"),
  appPorts: z.array(port).min(1, "at least one instance port").describe("The ports of the app's instances on 127.0.0.1"),
});
export type NginxConfOptions = z.input<typeof NginxConfOptionsSchema>;

const PLACEHOLDER = /\$\{([A-Z][A-Z0-9_]*)\}/g;

/**
 * The template with `${LISTEN}`, `${SERVER_NAME}` and `${CACHE_DIR}` replaced and the line holding
 * `${APP_PORT}` repeated once per port. Comment lines are left as written. A placeholder this
 * function does not know is an error, so a template edit cannot ship an unfilled `${…}` to nginx.
 */
export function renderNginxConf(input: NginxConfOptions, template: string = fs.readFileSync(NGINX_TEMPLATE, "utf8")): string {
  const options = NginxConfOptionsSchema.parse(input);
  const values: Record<string, string> = { LISTEN: options.listen, SERVER_NAME: options.serverName, CACHE_DIR: options.cacheDir };
  const fill = (line: string, appPort?: number) =>
    line.replace(PLACEHOLDER, (whole, name: string) => {
      const value = name === "APP_PORT" ? (appPort === undefined ? undefined : String(appPort)) : values[name];
      if (value === undefined) throw new Error(`deploy/nginx.conf: unknown placeholder ${whole} in: ${line.trim()}`);
      return value;
    });
  return template
    .split("\n")
    .flatMap((line) => {
      if (line.trimStart().startsWith("#")) return [line];
      if (line.includes("${APP_PORT}")) return options.appPorts.map((p) => fill(line, p));
      return [fill(line)];
    })
    .join("\n");
}

function main() {
  const { values } = parseArgs({
    options: {
      listen: { type: "string", default: "80" },
      "server-name": { type: "string", default: "_" },
      "cache-dir": { type: "string", default: "/var/cache/nginx/hashatlas" },
      ports: { type: "string", default: "3001,3002" },
    },
  });
  const parsed = NginxConfOptionsSchema.safeParse({
    listen: values.listen,
    serverName: values["server-name"],
    cacheDir: values["cache-dir"],
    appPorts: values.ports.split(",").filter(Boolean),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    console.error(`nginx-conf: ${issue?.path.join(".") ?? "options"}: ${issue?.message ?? "invalid"}`);
    process.exit(2);
  }
  process.stdout.write(renderNginxConf(parsed.data));
}

if (require.main === module) main();
