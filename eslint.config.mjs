// Lint rules: Next's core-web-vitals set, typescript-eslint's strict type-checked set, and every
// recommended jsx-a11y rule (Next enables only a few). `npm run lint` fails on any warning.
import nextVitals from "eslint-config-next/core-web-vitals";
import jsxA11y from "eslint-plugin-jsx-a11y";
import prettier from "eslint-config-prettier/flat";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: [".next/**", ".tmp/**", "node_modules/**", "lib/generated/**", "public/**", "data/**", "next-env.d.ts"] },
  ...nextVitals,
  ...tseslint.configs.strictTypeChecked,
  {
    files: ["**/*.{js,jsx,mjs,ts,tsx,mts,cts}"],
    rules: {
      ...jsxA11y.flatConfigs.recommended.rules,
      // A scrollable table region must take keyboard focus to scroll (axe: scrollable-region-focusable).
      "jsx-a11y/no-noninteractive-tabindex": ["error", { roles: ["tabpanel", "region"] }],
    },
  },
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Numbers and booleans in template literals read naturally and cannot surprise.
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true, allowBoolean: true }],
      // Arrow shorthand in handlers (`onClick={() => update(x)}`) is the idiom, not a confusing void.
      "@typescript-eslint/no-confusing-void-expression": ["error", { ignoreArrowShorthand: true }],
      // `_name` marks a value destructured out on purpose.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
    },
  },
  {
    // In a test a wrong `!` fails the test at once, which is what an assertion would do.
    files: ["**/*.test.ts", "**/*.test.tsx", "e2e/**/*.ts", "tests/**/*.ts", "bench/**/*.ts"],
    rules: {
      "@typescript-eslint/no-non-null-assertion": "off",
      // vitest's asymmetric matchers (expect.closeTo, expect.stringMatching) are typed any.
      "@typescript-eslint/no-unsafe-assignment": "off",
    },
  },
  {
    files: ["**/*.js", "**/*.mjs", "**/*.cjs", "**/*.mts"],
    extends: [tseslint.configs.disableTypeChecked],
    // CommonJS files (next.config.js, the server preload) load modules with require.
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  prettier,
);
