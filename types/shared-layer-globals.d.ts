/**
 * The few globals that `forms/` and `domain/` may use: they exist in both Node and Chromium, but
 * the shared layer is type-checked with neither (tsconfig.forms.json), so they are declared here.
 */
interface URL {
  readonly protocol: string;
  readonly hostname: string;
  readonly href: string;
  readonly username: string;
  readonly password: string;
}
declare const URL: { new (url: string, base?: string): URL };
